import PilotDomain

/// The words of the delegations page.
enum DelegationText {
    static let title = LocalizedText(zh: "委托代办", en: "Delegations")
    static let help = LocalizedText(
        zh: "外出期间，可将本人在本试点的部分角色委托给同事代办。代办时，办理记录同时记下委托人与受托人；职责分离对二人同样适用：受托人不能审批委托人经办的事项，反之亦然。",
        en:
            "While away, hand some of your roles in this programme to a colleague. Everything they do for you records both of you, and separation of duties applies to both: the delegate cannot approve what you prepared, nor the reverse."
    )
    static let newTitle = LocalizedText(zh: "新建委托", en: "New delegation")
    static let delegate = LocalizedText(zh: "受托人", en: "Delegate")
    static let principal = LocalizedText(zh: "委托人", en: "Principal")
    static let roles = LocalizedText(zh: "委托的角色", en: "Roles handed over")
    static let startsOn = LocalizedText(zh: "开始日期", en: "From")
    static let endsOn = LocalizedText(zh: "结束日期", en: "To")
    static let reason = LocalizedText(zh: "事由", en: "Reason")
    static let create = LocalizedText(zh: "保存委托", en: "Save the delegation")
    static let created = LocalizedText(zh: "委托已保存。", en: "Delegation saved.")
    static let revoke = LocalizedText(zh: "撤销", en: "Revoke")
    static let revoked = LocalizedText(zh: "委托已撤销。", en: "Delegation revoked.")
    static let act = LocalizedText(zh: "开始代办", en: "Act for them")
    static let acting = LocalizedText(
        zh: "已开始代办：此后的操作将同时记录委托人。", en: "You now act for the principal; what you do records both of you.")
    static let stopActing = LocalizedText(zh: "结束代办", en: "Stop acting for them")
    static let stopped = LocalizedText(zh: "已结束代办，恢复本人身份。", en: "You act as yourself again.")
    static let status = LocalizedText(zh: "状态", en: "Status")
    static let active = LocalizedText(zh: "生效中", en: "Active")
    static let notYet = LocalizedText(zh: "未开始", en: "Not started")
    static let ended = LocalizedText(zh: "已结束", en: "Ended")
    static let revokedStatus = LocalizedText(zh: "已撤销", en: "Revoked")
    static let uses = LocalizedText(zh: "代办记录", en: "Steps taken for the principal")
    static let noUses = LocalizedText(zh: "暂无", en: "None yet")
    static let none = LocalizedText(zh: "暂无委托。", en: "No delegations.")
    static let notFound = LocalizedText(zh: "没有这项委托，或您无权操作。", en: "There is no such delegation, or it is not yours to change.")
    static let notActive = LocalizedText(
        zh: "这项委托今天不生效（未开始、已结束或已撤销）。", en: "This delegation is not in force today (not started, ended or revoked).")
    static let badDelegate = LocalizedText(zh: "请选择受托人", en: "Choose the delegate")
    static let noRedelegation = LocalizedText(
        zh: "代办期间不能再委托他人，请先结束代办", en: "While acting for someone you cannot delegate further: stop acting first")
    static let onlyAdminForOthers = LocalizedText(
        zh: "只有管理员可以为他人设置委托", en: "Only an administrator can set a delegation for someone else")
    static let badRole = LocalizedText(zh: "所选角色不存在", en: "A chosen role does not exist")
}
