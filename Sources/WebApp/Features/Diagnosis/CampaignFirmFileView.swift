import Diagnosis
import PilotDomain
import PilotStore
import Programmes

/// The firm file (建档立卡) page.
struct CampaignFirmFileView {
    var layout: Layout
    var divisions: DivisionTree
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func render(
        firm: DiagnosisFirm, settings: DiagnosisSettings, rounds: [DiagnosisRecord], offline: [OfflineDiagnosis],
        feedback: [DiagnosisFeedback]
    ) -> HTML {
        let names = CampaignFirmView(layout: layout, divisions: divisions)
        let record: HTML = """
            <section class="card" id="roster"><dl class="data">
            <dt>\(t(CampaignText.firmName))</dt><dd>\(firm.name)</dd><dt>\(t(CampaignText.uscc))</dt><dd>\(firm.uscc)</dd>
            <dt>\(t(CampaignText.division))</dt><dd>\(names.divisionName(firm.divisionCode))</dd>
            <dt>\(t(CampaignText.industryGroup))</dt><dd>\(names.groupName(settings, firm.industryGroup))</dd>
            <dt>\(t(CampaignText.size))</dt><dd>\(CampaignReportView.sizeName(firm.size, language))</dd>
            <dt>\(t(CampaignText.contactName))</dt><dd>\(firm.contactName) \(firm.contactPhone)</dd>
            \(firm.groupUSCC.map { "<dt>\(t(CampaignText.groupHQ))</dt><dd>\($0)</dd>" as HTML })
            </dl></section>
            """
        let roundRows = rounds.map { round -> HTML in
            let link: HTML =
                round.status == .submitted ? "<a href=\"/diagnosis/\(round.id)/report\">\(t(CampaignText.report))</a>" : .empty
            return """
                <tr><td>\(round.round)</td><td>\(round.status == .submitted ? "" : t(CampaignText.draft))\
                \(round.scored?.base.grade.map(String.init) ?? "")</td>\
                <td class="num">\(round.scored.map { DiagnosisResult.text($0.base.total) } ?? "")</td>\
                <td>\(round.submittedAt.map(Shanghai.dateText) ?? "")</td>\
                <td>\(t(CampaignText.offlineStatus(round.offlineStatus.rawValue)))</td><td>\(link)</td></tr>
                """
        }.joined()
        let selfGrades = Dictionary(rounds.map { ($0.id, $0.scored?.base.grade) }, uniquingKeysWith: { first, _ in first })
        let offlineRows = offline.map { item -> HTML in
            let findings = OnSiteAreas.all.compactMap { area -> HTML? in
                item.findings[area.key].map { "<dt>\(t(area.name))</dt><dd>\($0)</dd>" as HTML }
            }.joined()
            return """
                <tr><td>\(t(CampaignText.reasonName(item.reason)))</td><td>\(t(CampaignText.offlineStatus(item.status)))</td>\
                <td>\(item.visitedOn ?? "")</td><td class="num self-grade">\((selfGrades[item.diagnosisId] ?? nil).map(String.init) ?? "")</td>\
                <td class="num verified-grade">\(item.verifiedGrade.map(String.init) ?? "")</td>\
                <td>\(findings.text.isEmpty ? .empty : "<dl class=\"data\">\(findings)</dl>" as HTML)\
                <div class="pre">\(item.opinion ?? "")</div></td></tr>
                """
        }.joined()
        let feedbackRows = feedback.map { item -> HTML in
            "<li>\(item.rating)/5 · \(Shanghai.dateText(item.at))<div class=\"pre\">\(item.comment)</div></li>"
        }.joined()
        let body: HTML = """
            <h1>\(t(CampaignText.fileTitle))</h1>\(record)
            <section class="card"><h2>\(t(CampaignText.rounds))</h2><table class="report" id="file-rounds"><tr>\
            <th>\(t(CampaignText.round))</th><th>\(t(CampaignText.grade))</th><th class="num">\(t(CampaignText.total))</th>\
            <th>\(t(CampaignText.submittedAt))</th><th>\(t(CampaignText.offline))</th><th></th></tr>\(roundRows)</table></section>
            <section class="card"><h2>\(t(CampaignText.offlineRounds))</h2><table class="report" id="file-offline"><tr>\
            <th>\(t(CampaignText.reason))</th><th>\(t(CampaignText.status))</th><th>\(t(CampaignText.visitDate))</th>\
            <th class="num">\(t(CampaignText.selfGrade))</th><th class="num">\(t(CampaignText.verifiedGrade))</th>\
            <th>\(t(CampaignText.findings))</th></tr>\(offlineRows)</table></section>
            <section class="card"><h2>\(t(CampaignText.feedback))</h2>\
            \(feedback.isEmpty ? "<p class=\"muted\">\(t(CampaignText.none))</p>" as HTML : "<ol class=\"timeline\">\(feedbackRows)</ol>" as HTML)</section>
            """
        return layout.page(title: t(CampaignText.fileTitle), body)
    }
}
