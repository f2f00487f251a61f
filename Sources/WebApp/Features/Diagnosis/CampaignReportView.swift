import Diagnosis
import PilotDomain
import PilotStore
import Programmes

/// The diagnosis report, laid out for A4: grade, stage and the versions that scored it; the
/// dimension scores beside the radar; strengths and shortfalls; module scores; benchmarking in the
/// four peer sets; the change since the previous round; recommended products; the on-site status;
/// and for the firm, the offline request and the feedback form.
struct CampaignReportView {
    var layout: Layout
    var divisions: DivisionTree
    var catalogue: DiagnosisCatalogue
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    struct Data {
        var record: DiagnosisRecord
        var firm: DiagnosisFirm
        var scored: ScoredDiagnosis
        var model: MaturityModel?
        var settings: DiagnosisSettings
        var programme: Programme
        var previous: ScoredDiagnosis?
        var benchmark: [PeerSet: PeerStanding]
        var strengths: [String]
        var shortfalls: [String]
        var products: [CatalogueEntry]
        var offline: OfflineDiagnosis?
        var feedback: [DiagnosisFeedback]
        var isFirm: Bool
    }

    static func sizeName(_ size: EnterpriseSize, _ language: UILanguage) -> String {
        switch size {
        case .large: LocalizedText(zh: "大型", en: "Large").text(language)
        case .medium: LocalizedText(zh: "中型", en: "Medium").text(language)
        case .small: LocalizedText(zh: "小型", en: "Small").text(language)
        case .micro: LocalizedText(zh: "微型", en: "Micro").text(language)
        }
    }

    static func peerName(_ set: PeerSet) -> LocalizedText {
        switch set {
        case .region: LocalizedText(zh: "本区（县）", en: "Own district or county")
        case .industryGroup: LocalizedText(zh: "本行业分组", en: "Own industry group")
        case .sizeBand: LocalizedText(zh: "同规模企业", en: "Same size band")
        case .deployment: LocalizedText(zh: "全平台同模型版本", en: "Whole platform, same model version")
        }
    }

    func dimensionName(_ id: String, _ model: MaturityModel?) -> String { model?.dimension(id).map { t($0.name) } ?? id }

    func score(_ value: Int?) -> String { value.map(DiagnosisResult.text) ?? "—" }

    func render(_ data: Data, typed: [String: String], flash: Flash?) -> HTML {
        let base = data.scored.base
        let stage = base.stage.flatMap { data.model?.stage($0) }.map { t($0.name) } ?? base.stage ?? ""
        let header: HTML = """
            <div class="report-head"><h1>\(t(CampaignText.reportTitle))</h1>
            <p class="no-print"><a href="/diagnosis/firms/\(data.firm.uscc)">\(t(CampaignText.firmFile))</a> · \
            <button type="button" data-action="print" id="print-report">\(t(CampaignText.print))</button></p>
            <dl class="data">
            <dt>\(t(CampaignText.firmName))</dt><dd>\(data.firm.name)（\(data.firm.uscc)）</dd>
            <dt>\(t(CampaignText.campaign))</dt><dd>\(t(data.programme.name))</dd>
            <dt>\(t(CampaignText.round))</dt><dd>\(data.record.round) · \(data.record.submittedAt.map(Shanghai.dateText) ?? "")</dd>
            <dt>\(t(CampaignText.grade))</dt><dd><strong id="grade">\(base.grade ?? 0)</strong> · \(stage)</dd>
            <dt>\(t(CampaignText.total))</dt><dd id="total">\(DiagnosisResult.text(base.total))</dd>
            <dt>\(t(CampaignText.modelVersion))</dt><dd>\(base.model.description)</dd>
            <dt>\(t(CampaignText.questionnaireVersion))</dt><dd>\(base.questionnaire.description)</dd>
            </dl></div>
            """
        let rows = base.dimensions.map { dimension -> HTML in
            "<tr><td>\(dimensionName(dimension.dimension, data.model))</td><td class=\"num\">\(score(dimension.score))</td></tr>"
        }.joined()
        let radar = CampaignRadar.radar(
            base.dimensions.map { CampaignRadar.Axis(label: dimensionName($0.dimension, data.model), score: $0.score) },
            title: t(CampaignText.dimensions))
        let names = { (ids: [String]) -> String in ids.map { dimensionName($0, data.model) }.joined(separator: "、") }
        let dimensions: HTML = """
            <section class="card" id="dimensions"><h2>\(t(CampaignText.dimensions))</h2><div class="grid">
            <div>\(radar)</div><div><table class="report"><tr><th>\(t(CampaignText.dimension))</th>\
            <th class="num">\(t(CampaignText.score))</th></tr>\(rows)</table>
            <p id="strengths"><strong>\(t(CampaignText.strengths))：</strong>\(names(data.strengths))</p>
            <p id="shortfalls"><strong>\(t(CampaignText.shortfalls))：</strong>\(names(data.shortfalls))</p></div></div>
            \(modules(data))</section>
            """
        let body: HTML = """
            \(HTML.style(".report-sheet .grid { grid-template-columns: minmax(0,1fr) minmax(0,1fr); } .report-sheet svg.radar { max-width:100%; height:auto; } @media print { .report-sheet section { break-inside: avoid; } }"))
            <div class="report-sheet">\(header)\(dimensions)\(change(data))\(benchmark(data))\(recommendations(data))\(offline(data))\(feedback(data, typed))</div>
            """
        return layout.page(title: t(CampaignText.reportTitle), flash: flash, body)
    }

    func modules(_ data: Data) -> HTML {
        guard !data.scored.modules.isEmpty else { return .empty }
        let rows = data.scored.modules.map { module -> HTML in
            let title =
                catalogue.questionnaire(id: module.questionnaire.id, version: module.questionnaire.version).map { t($0.title) }
                ?? module.questionnaire.description
            return "<tr><td>\(title)</td><td class=\"num\">\(DiagnosisResult.text(module.total))</td></tr>"
        }.joined()
        return """
            <h3>\(t(CampaignText.moduleScores))</h3><table class="report" id="modules"><tr><th></th>\
            <th class="num">\(t(CampaignText.score))</th></tr>\(rows)</table>
            """
    }

    func change(_ data: Data) -> HTML {
        guard let previous = data.previous?.base else { return .empty }
        let base = data.scored.base
        func arrow(_ now: Int?, _ before: Int?) -> String {
            guard let now, let before else { return "" }
            return now > before ? CampaignText.up : now < before ? CampaignText.down : "="
        }
        let rows = base.dimensions.map { dimension -> HTML in
            let before = previous.score(dimension.dimension)
            return """
                <tr><td>\(dimensionName(dimension.dimension, data.model))</td><td class="num">\(score(before))</td>\
                <td class="num">\(score(dimension.score))</td><td>\(arrow(dimension.score, before))</td></tr>
                """
        }.joined()
        return """
            <section class="card" id="change"><h2>\(t(CampaignText.change))</h2><table class="report">\
            <tr><th></th><th class="num">\(t(CampaignText.previous))</th><th class="num">\(t(CampaignText.current))</th><th></th></tr>\
            <tr id="grade-change"><td>\(t(CampaignText.grade))</td><td class="num">\(previous.grade ?? 0)</td>\
            <td class="num">\(base.grade ?? 0)</td><td>\(arrow(base.grade, previous.grade))</td></tr>\(rows)</table></section>
            """
    }

    func benchmark(_ data: Data) -> HTML {
        let rows = PeerSet.allCases.map { set -> HTML in
            let standing = data.benchmark[set] ?? PeerStanding(below: 0, equal: 0, count: 0, grades: [:])
            let chart = CampaignRadar.grades(standing.grades, marked: data.scored.base.grade, title: t(Self.peerName(set)))
            return """
                <tr id="peer-\(set.rawValue)"><td>\(t(Self.peerName(set)))</td>\
                <td class="num percentile">\(standing.percentile.map(String.init) ?? "—")</td>\
                <td class="num">\(standing.count)</td><td>\(chart)</td></tr>
                """
        }.joined()
        return """
            <section class="card" id="benchmark"><h2>\(t(CampaignText.benchmark))</h2><table class="report">\
            <tr><th>\(t(CampaignText.peerSet))</th><th class="num">\(t(CampaignText.percentile))</th>\
            <th class="num">\(t(CampaignText.peers))</th><th>\(t(CampaignText.gradeSpread))</th></tr>\(rows)</table></section>
            """
    }

    func recommendations(_ data: Data) -> HTML {
        let scenarioNames = { (keys: [String]) -> String in
            keys.map { key in LevelIndexEdition.edition2024.scenario(key).map { self.t($0.label) } ?? key }
                .joined(separator: "、")
        }
        let content: HTML
        if data.products.isEmpty {
            content = "<p class=\"muted\">\(t(CampaignText.noRecommendations))</p>"
        } else {
            let rows = data.products.map { entry -> HTML in
                """
                <tr><td>\(entry.product.name)</td><td>\(entry.providerName)</td>\
                <td class="num">\(entry.product.price.yuanText)</td><td>\(scenarioNames(entry.product.scenarios))</td></tr>
                """
            }.joined()
            content = """
                <table class="report"><tr><th>\(t(CampaignText.product))</th><th>\(t(CampaignText.provider))</th>\
                <th class="num">\(t(CampaignText.price))</th><th>\(t(CampaignText.scenarios))</th></tr>\(rows)</table>
                """
        }
        return "<section class=\"card\" id=\"recommendations\"><h2>\(t(CampaignText.recommendations))</h2>\(content)</section>"
    }

    func offline(_ data: Data) -> HTML {
        if let offline = data.offline {
            let verified: HTML =
                offline.verifiedGrade.map { "<p>\(t(CampaignText.verifiedGrade))：<strong>\($0)</strong></p>" as HTML } ?? .empty
            return """
                <section class="card" id="offline"><h2>\(t(CampaignText.offline))</h2>\
                <p>\(t(CampaignText.offlineStatus(offline.status))) · \(t(CampaignText.reasonName(offline.reason)))</p>\(verified)</section>
                """
        }
        guard data.isFirm, data.settings.offline.firmMayRequest else { return .empty }
        return """
            <section class="card no-print" id="offline"><h2>\(t(CampaignText.offline))</h2>\
            <form method="post" action="/diagnosis/\(data.record.id)/offline-request">\(layout.csrfField)\
            <button type="submit" id="request-offline">\(t(CampaignText.requestOffline))</button></form></section>
            """
    }

    func feedback(_ data: Data, _ typed: [String: String]) -> HTML {
        let given = data.feedback.map { item -> HTML in
            "<li>\(item.rating)/5 · \(Shanghai.dateText(item.at))<div class=\"pre\">\(item.comment)</div></li>"
        }.joined()
        let list: HTML = data.feedback.isEmpty ? .empty : "<ol class=\"timeline\" id=\"feedback-given\">\(given)</ol>"
        guard data.isFirm else {
            return data.feedback.isEmpty
                ? .empty : "<section class=\"card\"><h2>\(t(CampaignText.feedback))</h2>\(list)</section>"
        }
        let options = (1...5).map { value -> HTML in
            let checked = HTML.attribute(" checked", if: typed["rating"] == String(value))
            return
                "<span class=\"checkbox\"><input type=\"radio\" id=\"rating-\(value)\" name=\"rating\" value=\"\(value)\"\(checked)><label for=\"rating-\(value)\">\(value)</label></span> "
        }.joined()
        return """
            <section class="card no-print" id="feedback"><h2>\(t(CampaignText.feedback))</h2>\(list)
            <form method="post" action="/diagnosis/\(data.record.id)/feedback">\(layout.csrfField)
            <fieldset class="field"><legend>\(t(CampaignText.rating))</legend>\(options)</fieldset>
            <label for="f-comment">\(t(CampaignText.comment))</label><textarea id="f-comment" name="comment" maxlength="1000">\(typed["comment"] ?? "")</textarea>
            <button type="submit">\(t(CampaignText.sendFeedback))</button></form></section>
            """
    }
}
