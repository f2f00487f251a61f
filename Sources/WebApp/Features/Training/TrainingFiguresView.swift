import PilotDomain
import PilotStore

/// The training figures as three small tables (by audience, zone, sub-industry): on `/training`
/// and, as its own section, on `/dashboard`.
struct TrainingFiguresView {
    var language: UILanguage
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func table(_ heading: LocalizedText, _ rows: [TrainingCounts.Row], name: (String) -> LocalizedText, id: String) -> HTML {
        let body = rows.map { row -> HTML in
            "<tr><td>\(t(name(row.key)))</td><td class=\"num\">\(row.attendees)</td><td class=\"num\">\(row.enterprises)</td></tr>"
        }.joined()
        return """
            <table id="\(id)"><thead><tr><th>\(t(heading))</th><th class="num">\(t(TrainingText.attendees))</th>\
            <th class="num">\(t(TrainingText.enterprisesReached))</th></tr></thead><tbody>\(body)</tbody></table>
            """
    }

    func render(_ figures: TrainingFigures) -> HTML {
        let counts = figures.counts
        return """
            <p>\(t(TrainingText.attendees))：<strong id="training-attendees">\(counts.attendees)</strong> · \
            \(t(TrainingText.enterprisesReached))：<strong id="training-enterprises">\(counts.enterprises)</strong></p>
            <div class="dash-grid">\
            \(table(TrainingText.byAudience, counts.byAudience, name: { TrainingAudience(rawValue: $0)?.label ?? TrainingText.unknown }, id: "training-by-audience"))\
            \(table(TrainingText.byZone, counts.byZone, name: figures.zoneName, id: "training-by-zone"))\
            \(table(TrainingText.bySubIndustry, counts.bySubIndustry, name: figures.subIndustryName, id: "training-by-sub-industry"))\
            </div>
            """
    }

    /// The dashboard's section (a card linking to the training page).
    func dashboardSection(_ figures: TrainingFigures) -> HTML {
        """
        <section class="card" id="training"><h2>\(t(TrainingText.countsTitle))</h2>\(render(figures))
        <p class="no-print"><a href="/training">\(t(TrainingText.title))</a> · <a href="/training/export.xlsx">\(t(TrainingText.export))</a></p>\
        </section>
        """
    }
}
