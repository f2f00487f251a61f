import Foundation
import PilotDomain
import WorkflowEngine

/// The diagnosis form of the main contractor: the 100-point questionnaire by dimension, the 16
/// business scenarios with "applies" and a rating (constrained ones marked), and the report
/// text. The level is computed on the server from what is entered.
struct DiagnosisView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func render(
        _ instance: InstanceSnapshot, edition: LevelIndexEdition, typed: [String: String], errors: [FieldError],
        preview: LevelResult?, flash: Flash?
    ) -> HTML {
        func error(_ key: String) -> HTML {
            errors.filter { $0.field == key }.map { "<div class=\"field-error\">\($0.message.text(language))</div>" as HTML }
                .joined()
        }
        let dimensions = edition.dimensions.map { dimension -> HTML in
            let rows = dimension.items.map { item -> HTML in
                let key = "pt_" + item.key
                return """
                    <tr><td><label for="\(key)">\(t(item.label))</label></td><td class="num">\(item.maximumPoints)</td>
                    <td><input type="number" min="0" max="\(item.maximumPoints)" step="1" id="\(key)" name="\(key)" value="\(typed[key] ?? "")">\(error("assessment." + item.key))</td></tr>
                    """
            }.joined()
            return "<tr><th colspan=\"3\">\(t(dimension.label))（\(dimension.maximumPoints)）</th></tr>\(rows)"
        }.joined()
        let scenarios = edition.scenarios.map { scenario -> HTML in
            let applies = "app_" + scenario.key
            let rate = "rate_" + scenario.key
            let options = (1...4).map { level -> HTML in
                "<option value=\"\(level)\"\(HTML.attribute(" selected", if: typed[rate] == String(level)))>\(t(LevelIndexEdition.levelName(level)))</option>"
            }.joined()
            return """
                <tr><td>\(t(scenario.area.label))</td><td><label for="\(applies)">\(t(scenario.label))</label>\(scenario.isConstrained ? " <span class=\"badge\">\(t(DiagnosisText.constrained))</span>" : HTML.empty)</td>
                <td><input type="checkbox" id="\(applies)" name="\(applies)" value="1"\(HTML.attribute(" checked", if: typed[applies] != nil))></td>
                <td><select id="\(rate)" name="\(rate)"><option value=""></option>\(options)</select>\(error("assessment." + scenario.key))</td></tr>
                """
        }.joined()
        func text(_ name: String, _ label: LocalizedText, long: Bool = false, type: String = "text") -> HTML {
            let control: HTML =
                long
                ? "<textarea id=\"f-\(name)\" name=\"\(name)\">\(typed[name] ?? "")</textarea>"
                : "<input type=\"\(type)\" id=\"f-\(name)\" name=\"\(name)\" value=\"\(typed[name] ?? "")\">"
            return "<div class=\"field\"><label for=\"f-\(name)\">\(t(label))</label>\(control)\(error(name))</div>"
        }
        let result: HTML = preview.map { DiagnosisReport(language: language).card($0, edition: edition) } ?? .empty
        let body: HTML = """
            <h1>\(t(DiagnosisText.title))：\(instance.data["enterprise_name"]?.stringValue ?? "")</h1>
            <p class="muted">\(t(edition.title))</p>
            \(result)
            <form method="post" action="\(AppPath.diagnosis(instance.id).url)" id="diagnosis-form" class="card">
            \(layout.csrfField)<input type="hidden" name="expected_version" value="\(instance.version)">
            <input type="hidden" name="index_edition" value="\(edition.id)">
            <h2>\(t(DiagnosisText.questionnaire))</h2>
            <table class="report"><thead><tr><th>\(t(DiagnosisText.item))</th><th class="num">\(t(DiagnosisText.maximum))</th><th>\(t(DiagnosisText.points))</th></tr></thead><tbody>\(dimensions)</tbody></table>
            <h2>\(t(DiagnosisText.scenarios))</h2>
            <table class="report"><thead><tr><th>\(t(DiagnosisText.area))</th><th>\(t(DiagnosisText.scenario))</th><th>\(t(DiagnosisText.applies))</th><th>\(t(DiagnosisText.rating))</th></tr></thead><tbody>\(scenarios)</tbody></table>
            <h2>\(t(DiagnosisText.report))</h2>
            \(text("diagnosis_common_scenarios", DiagnosisText.common, long: true))
            \(text("diagnosis_specific_scenarios", DiagnosisText.specific, long: true))
            \(text("recommendations", DiagnosisText.recommendations, long: true))
            \(text("suggested_target_level", DiagnosisText.target, type: "number"))
            \(text("diagnosed_on", DiagnosisText.date, type: "date"))
            <button type="submit" name="action" value="preview" class="secondary">\(t(DiagnosisText.preview))</button>
            <button type="submit" name="action" value="submit">\(t(DiagnosisText.submit))</button>
            </form>
            """
        return layout.page(title: t(DiagnosisText.title), flash: flash, body)
    }
}

/// The computed level and why not higher: on the diagnosis form and on the project page.
struct DiagnosisReport {
    var language: UILanguage
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func card(_ result: LevelResult, edition: LevelIndexEdition) -> HTML {
        let dimensions = result.dimensions.map {
            "<tr><td>\(t($0.label))</td><td class=\"num\">\($0.points) / \($0.maximumPoints)</td></tr>" as HTML
        }
        .joined()
        let standings = result.standings.map { standing -> HTML in
            let threshold = standing.threshold
            return """
                <tr><td>\(t(threshold.name))</td><td class="num">≥ \(threshold.minimumPoints)</td><td class="num">\(standing.scenarios) / ≥ \(threshold.minimumScenarios)</td>
                <td class="num">\(standing.constrainedScenarios) / ≥ \(threshold.minimumConstrainedScenarios)</td><td>\(standing.isMet ? "✔" : "—")</td></tr>
                """
        }.joined()
        return """
            <section class="card" id="diagnosis-result"><h2>\(t(DiagnosisText.result))：<span id="computed-level">\(t(result.levelName))</span>（\(result.totalPoints) \(t(DiagnosisText.pointsUnit))）</h2>
            <p class="muted">\(t(edition.title))\(result.shortfall.map { " · " + t($0.message) } ?? "")</p>
            <table class="report"><tbody>\(dimensions)</tbody></table>
            <table class="report"><thead><tr><th>\(t(DiagnosisText.level))</th><th class="num">\(t(DiagnosisText.points))</th><th class="num">\(t(DiagnosisText.scenarios))</th><th class="num">\(t(DiagnosisText.constrained))</th><th></th></tr></thead><tbody>\(standings)</tbody></table>
            </section>
            """
    }
}

enum DiagnosisText {
    static let title = LocalizedText(zh: "咨询诊断评测", en: "Diagnosis")
    static let open = LocalizedText(zh: "填写诊断评测并提交报告", en: "Fill in the diagnosis and submit the report")
    static let questionnaire = LocalizedText(zh: "评测得分（百分制）", en: "Questionnaire (100 points)")
    static let item = LocalizedText(zh: "评测项", en: "Item")
    static let maximum = LocalizedText(zh: "满分", en: "Max")
    static let points = LocalizedText(zh: "得分", en: "Points")
    static let pointsUnit = LocalizedText(zh: "分", en: "points")
    static let scenarios = LocalizedText(zh: "数字化经营：业务场景", en: "Operations: business scenarios")
    static let area = LocalizedText(zh: "环节", en: "Area")
    static let scenario = LocalizedText(zh: "场景", en: "Scenario")
    static let applies = LocalizedText(zh: "适用", en: "Applies")
    static let rating = LocalizedText(zh: "场景等级", en: "Rating")
    static let constrained = LocalizedText(zh: "约束性", en: "Constrained")
    static let report = LocalizedText(zh: "诊断报告", en: "Report")
    static let common = LocalizedText(zh: "N项共性应用场景", en: "N common scenarios")
    static let specific = LocalizedText(zh: "X项特色应用场景", en: "X enterprise-specific scenarios")
    static let recommendations = LocalizedText(zh: "建议实施内容和实施目标", en: "Recommended work and targets")
    static let target = LocalizedText(zh: "建议目标等级", en: "Suggested target level")
    static let date = LocalizedText(zh: "诊断日期", en: "Diagnosis date")
    static let preview = LocalizedText(zh: "计算等级", en: "Compute the level")
    static let submit = LocalizedText(zh: "提交诊断报告", en: "Submit the report")
    static let result = LocalizedText(zh: "评测结果", en: "Result")
    static let level = LocalizedText(zh: "等级", en: "Level")
}
