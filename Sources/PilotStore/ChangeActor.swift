/// Who made a change the store logs beside it (`funds_log`, `account_log`): the user's id and
/// the name shown in the log.
public struct ChangeActor: Sendable {
    public var userId: String
    public var name: String
    /// When a delegate acts: the officer they act for (`funds_log.principal_user_id`).
    public var principalUserId: String?

    public init(userId: String, name: String, principalUserId: String? = nil) {
        self.userId = userId
        self.name = name
        self.principalUserId = principalUserId
    }
}

extension ChangeActor {
    /// The server itself (reconciling the funds book with the projects' decisions).
    public static let system = ChangeActor(userId: "system", name: "系统 System")
}
