import PilotDomain

/// The words of the inbox and its mail settings.
enum NotificationText {
    static let title = LocalizedText(zh: "消息", en: "Inbox")
    static let unread = LocalizedText(zh: "未读", en: "unread")
    static let none = LocalizedText(
        zh: "暂无消息。办理期限临近或超期时，系统会在这里提醒。", en: "No notices yet. Reminders and escalations of due steps appear here.")
    static let received = LocalizedText(zh: "时间", en: "Received")
    static let subject = LocalizedText(zh: "主题", en: "Subject")
    static let kind = LocalizedText(zh: "类别", en: "Kind")
    static let open = LocalizedText(zh: "查看", en: "Open")
    static let markRead = LocalizedText(zh: "标为已读", en: "Mark read")
    static let markAllRead = LocalizedText(zh: "全部标为已读", en: "Mark all read")
    static let marked = LocalizedText(zh: "已标为已读。", en: "Marked as read.")
    static let settingsTitle = LocalizedText(zh: "邮件提醒设置", en: "Mail settings")
    static let settingsHelp = LocalizedText(
        zh: "站内消息总会保留；填写邮箱并勾选类别后，这些消息也会发送到邮箱。清空邮箱即停止邮件。",
        en:
            "Notices always stay in the inbox; with an address and the kinds ticked, they are also mailed to you. Clear the address to stop mail."
    )
    static let address = LocalizedText(zh: "邮箱", en: "Mail address")
    static let kinds = LocalizedText(zh: "通过邮件接收", en: "Receive by mail")
    static let save = LocalizedText(zh: "保存设置", en: "Save settings")
    static let saved = LocalizedText(zh: "邮件提醒设置已保存。", en: "Mail settings saved.")
    static let mailOff = LocalizedText(
        zh: "本系统尚未配置邮件服务器（SMEPILOT_SMTP_URL），目前只发送站内消息。",
        en: "This server has no mail relay configured (SMEPILOT_SMTP_URL): notices reach the inbox only.")
    static let badAddress = LocalizedText(
        zh: "邮箱格式不正确（例如 name@example.gov.cn，不超过 254 个字符）。",
        en: "The mail address is not valid (e.g. name@example.gov.cn, at most 254 characters).")
    static let noKinds = LocalizedText(
        zh: "请至少勾选一类要通过邮件接收的消息，或清空邮箱。", en: "Tick at least one kind to receive by mail, or clear the address.")
    static let badKind = LocalizedText(zh: "所选消息类别不存在。", en: "A chosen kind of notice does not exist.")
    static let notFound = LocalizedText(zh: "没有这条消息。", en: "There is no such notice.")
}
