/// Who made a change the store logs beside it (`funds_log`, `account_log`): the user's id and
/// the name shown in the log.
public struct ChangeActor: Sendable {
    public var userId: String
    public var name: String

    public init(userId: String, name: String) {
        self.userId = userId
        self.name = name
    }
}
