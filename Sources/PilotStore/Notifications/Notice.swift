import Foundation
import PilotDomain

/// What a notice is about. Each person chooses, per kind, whether it also comes by mail.
public enum NoticeKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// A step of one's own is due soon (before the state's SLA runs out).
    case slaReminder = "sla.reminder"
    /// A step under one's supervision is past its SLA.
    case slaEscalation = "sla.escalation"

    public var label: LocalizedText {
        switch self {
        case .slaReminder: LocalizedText(zh: "办理期限提醒", en: "Reminders before a step is due")
        case .slaEscalation: LocalizedText(zh: "超期督办", en: "Escalations of overdue steps")
        }
    }
}

/// The event notices are made for. `key` names it exactly once — e.g. the reminder of one
/// instance's stay in one state, entered at one moment — so a second sweep, or a second server
/// process, that sees the same event writes nothing.
public struct NoticeEvent: Sendable, Hashable {
    public var key: String
    public var programmeId: String
    public var instanceId: String?
    public var kind: NoticeKind

    public init(key: String, programmeId: String, instanceId: String?, kind: NoticeKind) {
        self.key = key
        self.programmeId = programmeId
        self.instanceId = instanceId
        self.kind = kind
    }
}

/// One person's notice of an event, in both languages: the inbox shows the reader's, the mail is
/// written in the recipient's.
public struct Notice: Sendable, Hashable {
    public var userId: String
    public var subject: LocalizedText
    public var body: LocalizedText
    /// A path inside the application (`/instances/…`).
    public var link: String?

    public init(userId: String, subject: LocalizedText, body: LocalizedText, link: String?) {
        self.userId = userId
        self.subject = subject
        self.body = body
        self.link = link
    }
}

/// A notice as the inbox lists it.
public struct InboxItem: Sendable, Hashable {
    public var id: String
    public var kind: NoticeKind
    public var subject: LocalizedText
    public var body: LocalizedText
    public var link: String?
    public var createdAt: Date
    public var readAt: Date?
}

/// Where a person's mail goes and which kinds of notice they want there. No settings: no mail.
public struct MailSettings: Sendable, Hashable {
    public var address: String
    public var kinds: Set<NoticeKind>

    public init(address: String, kinds: Set<NoticeKind>) {
        self.address = address
        self.kinds = kinds
    }

    /// A plausible mail address: one `@`, something on both sides, a dot in the domain, no spaces
    /// or angle brackets (they would break the SMTP envelope), at most 254 characters.
    public static func isValidAddress(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard address.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix(".")
        else { return false }
        return !address.contains { $0.isWhitespace || "<>\"(),;:\\[]".contains($0) || !$0.isASCII }
    }
}

/// A mail waiting to go out, with what it says.
public struct MailJob: Sendable, Hashable {
    public var id: String
    public var notificationId: String
    public var address: String
    public var language: UILanguage
    public var subject: LocalizedText
    public var body: LocalizedText
    public var link: String?
    /// Attempts so far, this one included.
    public var attempts: Int
}
