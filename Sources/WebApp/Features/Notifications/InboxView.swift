import PilotDomain
import PilotStore
import WorkflowEngine

/// `/inbox`: one's notices, newest first, unread ones marked, and one's mail settings.
struct InboxView {
    var layout: Layout
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func render(
        _ items: [InboxItem], settings: MailSettings?, mailConfigured: Bool, errors: [FieldError] = [], flash: Flash?,
        address: String? = nil
    ) -> HTML {
        let unread = items.filter { $0.readAt == nil }.count
        let list: HTML
        if items.isEmpty {
            list = "<p class=\"card muted\" id=\"inbox-empty\">\(t(NotificationText.none))</p>"
        } else {
            let rows = items.map { item -> HTML in
                let open = item.link.map { "<a href=\"\($0)\">\(t(NotificationText.open))</a>" as HTML } ?? .empty
                let mark: HTML =
                    item.readAt == nil
                    ? """
                    <form method="post" action="/inbox/\(item.id)/read" class="inline">\(layout.csrfField)\
                    <button type="submit" class="link">\(t(NotificationText.markRead))</button></form>
                    """ : .empty
                return """
                    <tr class="\(item.readAt == nil ? "unread" : "read")" data-notice="\(item.id)">
                    <td class="muted">\(Shanghai.dateTimeText(item.createdAt))</td><td>\(t(item.kind.label))</td>
                    <td><strong>\(t(item.subject))</strong><br><span class="muted">\(t(item.body))</span></td>
                    <td>\(open) \(mark)</td></tr>
                    """
            }
            list = """
                <form method="post" action="/inbox/read" class="inline">\(layout.csrfField)\
                <button type="submit">\(t(NotificationText.markAllRead))</button></form>
                <table id="inbox"><thead><tr><th>\(t(NotificationText.received))</th><th>\(t(NotificationText.kind))</th>\
                <th>\(t(NotificationText.subject))</th><th></th></tr></thead><tbody>\(rows)</tbody></table>
                """
        }
        let chosen = settings?.kinds ?? []
        let boxes = NoticeKind.allCases.map { kind -> HTML in
            let checked = HTML.attribute(" checked", if: chosen.contains(kind))
            return """
                <label><input type="checkbox" name="kinds[]" value="\(kind.rawValue)"\(checked)> \(t(kind.label))</label>
                """
        }.joined()
        let addressError = errors.first { $0.field == "address" }.map { "<p class=\"error\">\(t($0.message))</p>" as HTML }
        let kindsError = errors.first { $0.field == "kinds" }.map { "<p class=\"error\">\(t($0.message))</p>" as HTML }
        let settingsForm: HTML = """
            <section class="card" id="mail-settings"><h2>\(t(NotificationText.settingsTitle))</h2>
            <p class="muted">\(t(NotificationText.settingsHelp))</p>
            \(mailConfigured ? .empty : "<p class=\"muted\" id=\"mail-off\">\(t(NotificationText.mailOff))</p>" as HTML)
            <form method="post" action="/inbox/settings">\(layout.csrfField)
            <label for="mail-address">\(t(NotificationText.address))</label>
            <input id="mail-address" name="address" type="email" maxlength="254" value="\(address ?? settings?.address ?? "")">
            \(addressError ?? .empty)
            <fieldset><legend>\(t(NotificationText.kinds))</legend>\(boxes)</fieldset>\(kindsError ?? .empty)
            <button type="submit">\(t(NotificationText.save))</button></form></section>
            """
        let body: HTML = """
            <h1>\(t(NotificationText.title)) <span class="muted" id="inbox-unread">（\(unread) \(t(NotificationText.unread))）</span></h1>
            \(list)\(settingsForm)
            """
        return layout.page(title: t(NotificationText.title), flash: flash, body)
    }
}
