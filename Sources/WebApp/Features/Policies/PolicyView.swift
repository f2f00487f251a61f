import Diagnosis
import Foundation
import PilotDomain
import PilotStore
import Programmes
import WorkflowEngine

/// A policy's page: its document data, who it applies to, the full text, the versions; for the
/// office, the revise link and the withdraw form.
struct PolicyView {
    var layout: Layout
    var describe: PolicyDescriptions
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func render(
        _ record: PolicyRecord, versions: [PolicyVersion], documents: [PolicyDocument], today: String, canChange: Bool,
        showNames: Bool, flash: Flash?,
        errors: [FieldError] = []
    ) -> HTML {
        let content = record.content
        let state: LocalizedText =
            record.status == .withdrawn
            ? PolicyText.withdrawn : content.inForce(on: today) ? PolicyText.inForce : PolicyText.notInForce
        let criteria = describe.criteria(content.criteria).map { "<li>\($0)</li>" as HTML }.joined()
        let history = versions.reversed().map { version -> HTML in
            let who: HTML = showNames ? "<td>\(version.byName)</td>" : .empty
            return """
                <tr><td>v\(version.version)</td><td>\(t(PolicyText.action(version.action)))</td>\
                <td>\(Shanghai.dateTimeText(version.at))</td><td>\(version.reason)</td>\(who)</tr>
                """
        }.joined()
        var office: HTML = .empty
        if canChange && record.status == .published {
            let error = errors.first.map { "<p class=\"error\">\(t($0.message))</p>" as HTML } ?? .empty
            office = """
                <section class="card" id="policy-office"><p><a class="button" href="/policies/\(record.id)/edit">\
                \(t(PolicyText.editTitle))</a></p>
                <form method="post" action="/policies/\(record.id)/withdraw" id="withdraw-policy">\(layout.csrfField)\
                <input type="hidden" name="expected_version" value="\(record.version)">\
                <div class="field"><label for="w-reason">\(t(PolicyText.reason))</label>\
                <input id="w-reason" name="reason" maxlength="500" required></div>\(error)\
                <button type="submit" class="secondary">\(t(PolicyText.withdraw))</button></form>
                <form method="post" action="/policies/\(record.id)/documents" enctype="multipart/form-data" id="policy-upload">\
                \(layout.csrfField)<div class="field"><label for="d-document">\(t(PolicyText.upload))</label>\
                <input type="file" id="d-document" name="document" required><span class="muted">\(t(PolicyText.uploadHint))</span>\
                </div><button type="submit">\(t(PolicyText.upload))</button></form></section>
                """
        }
        let files = documents.map { document -> HTML in
            """
            <li><a href="/policies/\(record.id)/documents/\(document.id)">\(document.fileName)</a> \
            <span class="muted">\(document.size / 1024 + 1) KB</span></li>
            """
        }.joined()
        let attachments: HTML =
            documents.isEmpty ? .empty : "<h2>\(t(PolicyText.documents))</h2><ul id=\"policy-documents\">\(files)</ul>"
        let validity = "\(content.validFrom) – \(content.validTo ?? t(PolicyText.openEnded))"
        return layout.page(
            title: content.title, flash: flash,
            """
            <p><a href="/policies">\(t(PolicyText.title))</a></p>
            <h1>\(content.title) <span class="badge">\(t(state))</span></h1>
            <dl class="facts" id="policy-facts"><dt>\(t(PolicyText.issuer))</dt><dd>\(content.issuer)</dd>\
            <dt>\(t(PolicyText.documentNumber))</dt><dd>\(content.documentNumber)</dd>\
            <dt>\(t(PolicyText.issuedOn))</dt><dd>\(content.issuedOn)</dd>\
            <dt>\(t(PolicyText.validity))</dt><dd>\(validity)</dd></dl>
            <h2>\(t(PolicyText.appliesTo))</h2><ul id="policy-criteria">\(criteria)</ul>
            <h2>\(t(PolicyText.body))</h2><div class="card" id="policy-body" style="white-space: pre-wrap">\(content.body)</div>
            \(attachments)\(office)
            <h2>\(t(PolicyText.history))</h2><table id="policy-versions"><tbody>\(history)</tbody></table>
            """)
    }
}

/// The publish / revise form.
struct PolicyFormView {
    var layout: Layout
    var subIndustries: [SubIndustry]
    var divisions: [Division]
    var tree: DivisionTree
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func render(action: String, heading: LocalizedText, typed: [String: String], errors: [FieldError], version: Int?) -> HTML {
        func error(_ key: String) -> HTML {
            errors.first { $0.field == key }.map { "<span class=\"error\">\(t($0.message))</span>" as HTML } ?? .empty
        }
        func input(_ key: String, _ label: LocalizedText, type: StaticString = "text", max: Int = 200) -> HTML {
            """
            <div class="field"><label for="f-\(key)">\(t(label))</label><input type="\(HTML(raw: type))" id="f-\(key)" \
            name="\(key)" maxlength="\(max)" value="\(typed[key] ?? "")">\(error(key))</div>
            """
        }
        func boxes(_ key: String, _ label: LocalizedText, _ choices: [(String, String)]) -> HTML {
            let chosen = Set(PolicyForm.list(typed[key]))
            let items = choices.map { choice -> HTML in
                let (value, text) = choice
                return
                    "<label class=\"check\"><input type=\"checkbox\" id=\"f-\(key)-\(value)\" name=\"\(key)[]\" value=\"\(value)\"\(HTML.attribute(" checked", if: chosen.contains(value)))> \(text)</label>"
            }.joined()
            return "<fieldset id=\"f-\(key)\"><legend>\(t(label))</legend>\(items)\(error(key))</fieldset>"
        }
        func level(_ key: String, _ label: LocalizedText) -> HTML {
            let options = (0...4).map { value -> HTML in
                "<option value=\"\(value)\"\(HTML.attribute(" selected", if: typed[key] == String(value)))>\(value)</option>"
            }.joined()
            return """
                <div class="field"><label for="f-\(key)">\(t(label))</label><select id="f-\(key)" name="\(key)">\
                <option value="">\(t(PolicyText.any))</option>\(options)</select>\(error(key))</div>
                """
        }
        let versionField: HTML =
            version.map { "<input type=\"hidden\" name=\"expected_version\" value=\"\($0)\">" as HTML } ?? .empty
        let reason: HTML =
            version == nil
            ? .empty
            : """
            <div class="field"><label for="f-reason">\(t(PolicyText.reason))</label><input id="f-reason" name="reason" \
            maxlength="500" value="\(typed["reason"] ?? "")">\(error("reason"))</div>
            """
        return """
            <form method="post" action="\(action)" class="card" id="policy-form"><h2>\(t(heading))</h2>\(layout.csrfField)\(versionField)
            \(input("title", PolicyText.policyTitle))\(input("issuer", PolicyText.issuer, max: 100))\
            \(input("document_number", PolicyText.documentNumber, max: 100))\
            \(input("issued_on", PolicyText.issuedOn, type: "date", max: 10))\(input("valid_from", PolicyText.validFrom, type: "date", max: 10))\
            \(input("valid_to", PolicyText.validTo, type: "date", max: 10))
            <div class="field"><label for="f-body">\(t(PolicyText.body))</label><textarea id="f-body" name="body" rows="12" \
            maxlength="50000">\(typed["body"] ?? "")</textarea>\(error("body"))</div>
            <h3>\(t(PolicyText.criteria))</h3>
            \(boxes("sub_industries", PolicyText.subIndustries, subIndustries.map { ($0.id, t($0.name)) }))
            \(level("min_level", PolicyText.minLevel))\(level("max_level", PolicyText.maxLevel))
            \(boxes("sizes", PolicyText.sizes, EnterpriseSize.allCases.map { ($0.rawValue, t($0.label)) }))
            \(boxes("divisions", PolicyText.divisions, divisions.map { ($0.code.value, tree.label($0.code, layout.language)) }))
            \(boxes("flags", PolicyText.flags, EnterpriseFlag.allCases.map { ($0.rawValue, t($0.label)) }))
            \(reason)<button type="submit">\(t(version == nil ? PolicyText.publish : PolicyText.save))</button></form>
            """
    }
}
