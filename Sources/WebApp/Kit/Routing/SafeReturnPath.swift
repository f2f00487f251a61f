import Foundation

/// Only same-site paths may be redirect targets (no open redirects): the sign-in form's
/// `return_to` and the language switch's, which anyone can link to without signing in.
///
/// Browsers drop tabs and newlines from a URL and read a backslash as a slash, so `/\t/evil.com`
/// and `/\evil.com` both lead to another host, like `//evil.com` (issue #11). A target is kept only
/// when it starts with a single `/` followed by anything but `/` or `\`, and has no control
/// characters and no backslashes anywhere — also once percent-decoded (`/%09/evil`), since a
/// decoded copy may reach a browser. Anything else goes to the task list.
func safeReturnPath(_ candidate: String?) -> String {
    guard let candidate, isSameSitePath(candidate), isSameSitePath(candidate.removingPercentEncoding ?? "") else {
        return AppPath.tasks.url
    }
    return candidate
}

private func isSameSitePath(_ path: String) -> Bool {
    guard path.hasPrefix("/") else { return false }
    if let second = path.dropFirst().first, second == "/" || second == "\\" { return false }
    return !path.unicodeScalars.contains { $0 == "\\" || $0.properties.generalCategory == .control }
}
