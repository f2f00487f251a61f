import Foundation
import PilotDomain
import PilotStore
import Programmes
import WorkflowEngine

/// The proposal form: kind, title, subject (a region, or an enterprise or provider by credit
/// code), the chain's SMEs, problem and solution, catalogue products, investment, up to four
/// measured results, the linked projects in reach. Typed values come back with each error.
struct CaseFormView {
    var layout: Layout
    var typed: [String: String]
    var errors: [FieldError]
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func error(_ key: String) -> HTML {
        errors.filter { $0.field == key }.map { "<div class=\"field-error\">\($0.message.text(layout.language))</div>" as HTML }
            .joined()
    }

    func value(_ key: String) -> String { typed[key] ?? "" }

    func text(_ key: String, _ label: LocalizedText, max: Int) -> HTML {
        """
        <div class="field"><label for="case-\(key)">\(t(label))</label><input type="text" id="case-\(key)" name="\(key)" \
        maxlength="\(max)" value="\(value(key))">\(error(key))</div>
        """
    }

    func area(_ key: String, _ label: LocalizedText) -> HTML {
        """
        <div class="field"><label for="case-\(key)">\(t(label))</label><textarea id="case-\(key)" name="\(key)" \
        maxlength="\(CaseProposal.maxText)">\(value(key))</textarea>\(error(key))</div>
        """
    }

    func render(
        projects: [InstanceSnapshot], products: [ProviderProduct], regions: [Division], divisions: DivisionTree
    ) -> HTML {
        func option(_ raw: String, _ label: String, _ selected: String) -> HTML {
            "<option value=\"\(raw)\"\(HTML.attribute(" selected", if: raw == selected))>\(label)</option>"
        }
        let kinds = CaseKind.allCases.map { option($0.rawValue, t(CaseText.label($0)), value("kind")) }.joined()
        let subjects = CaseSubjectKind.allCases.map { option($0.rawValue, t(CaseText.label($0)), value("subject_kind")) }
            .joined()
        let regionOptions = regions.map { option($0.code.value, "\($0.code.value) \(t($0.name))", value("region")) }.joined()
        let results = (1...CaseProposal.resultRows).map { row -> HTML in
            """
            <tr><td><input type="text" id="case-result_indicator_\(row)" name="result_indicator_\(row)" maxlength="100" aria-label="\(t(CaseText.indicator))" \
            value="\(value("result_indicator_\(row)"))">\(error("result_\(row)"))</td>\
            <td><input type="text" id="case-result_unit_\(row)" name="result_unit_\(row)" maxlength="20" aria-label="\(t(CaseText.unit))" \
            value="\(value("result_unit_\(row)"))"></td>\
            <td><input type="text" id="case-result_before_\(row)" name="result_before_\(row)" inputmode="decimal" maxlength="18" aria-label="\(t(CaseText.before))" \
            value="\(value("result_before_\(row)"))"></td>\
            <td><input type="text" id="case-result_after_\(row)" name="result_after_\(row)" inputmode="decimal" maxlength="18" aria-label="\(t(CaseText.after))" \
            value="\(value("result_after_\(row)"))"></td></tr>
            """
        }.joined()
        func check(_ prefix: String, _ id: String, _ label: String) -> HTML {
            let name = "\(prefix)_\(id)"
            return """
                <div class="checkbox"><input type="checkbox" id="\(name)" name="\(name)"\
                \(HTML.attribute(" checked", if: value(name) == "on"))><label for="\(name)">\(label)</label></div>
                """
        }
        let projectBoxes: HTML =
            projects.isEmpty
            ? "<p class=\"muted\">\(t(CaseText.noProjects))</p>"
            : projects.map { project in
                check("project", project.id, "\(project.data["enterprise_name"]?.stringValue ?? project.id)（\(project.state)）")
            }.joined()
        let productBoxes = products.prefix(200).map { product in
            check("product", product.id, "\(product.name)（¥\(product.price.yuanText)）")
        }.joined()
        return layout.page(
            title: t(CaseText.newTitle), flash: errors.first.map { Flash(kind: .error, text: $0.message.text(layout.language)) },
            """
            <p><a href="/cases">\(t(CaseText.title))</a></p><h1>\(t(CaseText.newTitle))</h1>
            <form method="post" action="/cases" class="card" id="case-form">\(layout.csrfField)
            <div class="field"><label for="case-kind">\(t(CaseText.kind))</label><select id="case-kind" name="kind">\
            <option value=""></option>\(kinds)</select>\(error("kind"))</div>
            \(text("title", CaseText.caseTitle, max: 200))
            <div class="field"><label for="case-subject_kind">\(t(CaseText.subjectKind))</label>\
            <select id="case-subject_kind" name="subject_kind"><option value=""></option>\(subjects)</select>\(error("subject_kind"))</div>
            \(text("subject_uscc", CaseText.subjectUSCC, max: 18))
            <div class="field"><label for="case-region">\(t(CaseText.region))</label><select id="case-region" name="region">\
            <option value=""></option>\(regionOptions)</select>\(error("region"))</div>
            \(area("members", CaseText.members))\(area("problem", CaseText.problem))\(area("solution", CaseText.solution))
            \(text("investment", CaseText.investment, max: 20))
            <fieldset id="case-results"><legend>\(t(CaseText.results))</legend><table><thead><tr><th>\(t(CaseText.indicator))</th>\
            <th>\(t(CaseText.unit))</th><th>\(t(CaseText.before))</th><th>\(t(CaseText.after))</th></tr></thead>\
            <tbody>\(results)</tbody></table></fieldset>
            <fieldset id="case-products"><legend>\(t(CaseText.products))</legend>\(productBoxes)\(error("products"))</fieldset>
            <fieldset id="case-projects"><legend>\(t(CaseText.projects))</legend>\(projectBoxes)\(error("projects"))</fieldset>
            <button type="submit">\(t(CaseText.save))</button></form>
            """)
    }
}
