import PilotDomain

/// What a password people choose must be, and the one-time passwords administrators hand out.
enum PasswordPolicy {
    static let minimumLength = 10
    static let maximumLength = 72  // bcrypt reads no further

    /// Why `password` may not be chosen by `username`, or nil.
    static func problem(_ password: String, username: String) -> LocalizedText? {
        if password.utf8.count > maximumLength {
            return LocalizedText(zh: "密码不能超过 72 个字节", en: "The password may not exceed 72 bytes")
        }
        if password.count < minimumLength {
            return LocalizedText(zh: "密码至少 \(minimumLength) 位", en: "Use at least \(minimumLength) characters")
        }
        if !password.contains(where: \.isLetter) || !password.contains(where: \.isNumber) {
            return LocalizedText(zh: "密码须同时包含字母和数字", en: "Use both letters and digits")
        }
        if !username.isEmpty, password.lowercased().contains(username.lowercased()) {
            return LocalizedText(zh: "密码不能包含用户名", en: "The password may not contain the user name")
        }
        return nil
    }

    /// Letters and digits that cannot be misread when read out or copied by hand (no 0/O, 1/l/I).
    static let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    /// A one-time password: 12 characters from `alphabet` (about 70 bits), drawn from the system's
    /// secure generator, in groups of four for reading out; always passes `problem`.
    static func oneTime() -> String {
        var generator = SystemRandomNumberGenerator()
        while true {
            let characters = (0..<12).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
            let password = stride(from: 0, to: 12, by: 4).map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
            if problem(password, username: "") == nil { return password }
        }
    }
}
