import Foundation
import PilotDomain

/// One plain-text mail in UTF-8 (RFC 5322 with MIME): the subject as an encoded word and the body
/// in base64, so Chinese text passes any relay that only takes 7-bit lines.
struct MailMessage {
    var from: String
    var to: String
    var subject: String
    var body: String
    /// Stable per notification: a receiver that saw it once (after a send whose answer was lost)
    /// can tell the second copy is the same message.
    var messageId: String
    var date: Date

    /// The message as sent after DATA, lines ending CRLF, dot-stuffed, without the final ".".
    var wireText: String {
        let headers = [
            "From: =?UTF-8?B?\(Data("SMEPilot 数字化转型试点".utf8).base64EncodedString())?= <\(from)>",
            "To: <\(to)>",
            "Subject: =?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?=",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(messageId)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
        ]
        let encoded = Data(body.utf8).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn,
            .endLineWithLineFeed,
        ])
        // Base64 lines never start with "." — no dot-stuffing needed; headers are ours.
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + encoded + "\r\n"
    }

    /// "Sat, 05 Dec 2026 16:30:00 +0800", in Shanghai time.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = Shanghai.timeZone
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
