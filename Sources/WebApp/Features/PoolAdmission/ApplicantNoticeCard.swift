import Foundation
import PilotDomain

extension PublicityView {
    /// One provider proposed for the pool on the public board: what the public needs to judge it
    /// (name, credit code, district, categories, its cases in Tianjin, the combined opinion) and
    /// nothing private (no contact, no reviews, no objectors).
    func applicantCard(_ item: Item, period: HTML, form: HTML) -> HTML {
        let data = item.instance.data
        func text(_ key: String) -> String { data[key]?.stringValue ?? "—" }
        return """
            <article class="card publicity" id="notice-\(item.instance.id)">
            <h2>\(text("provider_name"))</h2>
            <p class="muted">\(item.programmeName) · \(text("call_title")) · \(period)</p>
            <dl class="data"><dt>\(t(AdmissionText.uscc))</dt><dd>\(text("uscc"))</dd>
            <dt>\(t(AdmissionText.district))</dt><dd>\(text("division_name"))</dd>
            <dt>\(t(AdmissionText.categories))</dt><dd>\(DistrictPapersView.categories(data))</dd>
            <dt>\(t(AdmissionText.combinedOpinion))</dt><dd class="pre">\(text("combined_opinion"))</dd></dl>
            \(form)
            </article>
            """
    }
}
