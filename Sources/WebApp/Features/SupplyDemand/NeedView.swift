import Foundation
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// A need's page. Everyone reads what the hall shows and the matching products; the enterprise
/// that posted it reads the answers (and accepts one), its history and the pushed products; a
/// provider reads and gives its own answer — never another provider's.
struct NeedView {
    var layout: Layout
    var labels: HallLabels
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    enum Viewer {
        case owner(answers: [HallAnswer], notices: [HallNotice], events: [HallEvent])
        case provider(own: HallAnswer?, canAnswer: Bool, products: [ProviderProduct])
        case visitor
    }

    struct Model {
        var need: NeedRecord
        var matched: [CatalogueEntry]
        var viewer: Viewer
        var typed: [String: String] = [:]
        var errors: [FieldError] = []
    }

    func render(_ model: Model, flash: Flash?) -> HTML {
        let need = model.need
        let content = need.content
        let name: String = {
            if case .owner = model.viewer { return need.organisationName }
            return labels.publicName(need)
        }()
        let matchedRows = model.matched.map { entry -> HTML in
            """
            <tr data-product="\(entry.product.id)"><td>\(entry.product.name)</td><td>\(entry.providerName)</td>\
            <td>\(labels.scenarios(NeedMatch.shared(content, scenarios: entry.product.scenarios)))</td>\
            <td>\(entry.product.price.yuanText)</td></tr>
            """
        }.joined()
        let plan: HTML =
            need.planInstanceId.map { id -> HTML in
                if case .owner = model.viewer {
                    return "<p class=\"card\" id=\"in-plan\">\(t(HallText.inPlan))<a href=\"/instances/\(id)\">\(id)</a></p>"
                }
                return .empty
            } ?? .empty
        return layout.page(
            title: content.title, flash: flash,
            """
            <p><a href="/supply-demand">\(t(HallText.title))</a></p>
            <h1>\(content.title) <span class="badge">\(t(HallText.status(need.status)))</span></h1>
            <dl class="facts" id="need-facts"><dt>\(t(HallText.enterprise))</dt><dd>\(name)</dd>\
            <dt>\(t(HallText.scenarios))</dt><dd>\(labels.scenarios(content.scenarios))</dd>\
            <dt>\(t(HallText.category))</dt><dd>\(labels.category(content.category))</dd>\
            <dt>\(t(HallText.budget))</dt><dd>\(labels.budget(content))</dd>\
            <dt>\(t(HallText.subIndustry))</dt><dd>\(labels.subIndustry(need.subIndustryId))</dd>\
            <dt>\(t(HallText.area))</dt><dd>\(labels.area(need.divisionCode))</dd>\
            <dt>\(t(HallText.deadline))</dt><dd>\(content.deadline)</dd></dl>
            <div class="card" id="need-description" style="white-space: pre-wrap">\(content.description)</div>\(plan)
            \(viewerSection(model))
            <section><h2>\(t(HallText.matched))</h2><p class="muted">\(t(HallText.matchedHint))</p>
            <table id="matched-products"><thead><tr><th>\(t(HallText.product))</th><th>\(t(HallText.provider))</th>\
            <th>\(t(HallText.scenarios))</th><th>\(t(HallText.price))</th></tr></thead><tbody>\(matchedRows)</tbody></table></section>
            """)
    }

    func viewerSection(_ model: Model) -> HTML {
        let need = model.need
        switch model.viewer {
        case .visitor: return .empty
        case .owner(let answers, let notices, let events):
            let noticeItems = notices.map { notice -> HTML in
                let fresh: HTML = notice.readAt == nil ? " <span class=\"badge\">\(t(PolicyText.isNew))</span>" : .empty
                return
                    "<li data-notice=\"\(notice.productId)\">\(notice.productName)（\(notice.providerName)，¥\(notice.price.yuanText)）\(fresh)</li>"
            }.joined()
            let rows = answers.map { answer -> HTML in
                var accept: HTML = .empty
                if need.status == .open {
                    accept = """
                        <form method="post" action="/supply-demand/needs/\(need.id)/accept" id="accept-\(answer.id)">\(layout.csrfField)\
                        <input type="hidden" name="answer" value="\(answer.id)"><input type="hidden" name="expected_version" \
                        value="\(need.version)"><button type="submit">\(t(HallText.accept))</button></form>
                        """
                }
                return """
                    <tr data-answer="\(answer.id)"><td>\(answer.providerName)</td><td style="white-space: pre-wrap">\(answer.proposal)</td>\
                    <td>\(answer.productName ?? "—")</td><td>\(answer.price.yuanText)</td><td>\(answer.timeline)</td>\
                    <td>\(t(HallText.answerStatus(answer.status)))</td><td>\(accept)</td></tr>
                    """
            }.joined()
            let history = events.map { event -> HTML in
                "<tr><td>\(Shanghai.dateTimeText(event.at))</td><td>\(t(HallText.event(event.action)))</td><td>\(event.detail)</td><td>\(event.byName)</td></tr>"
            }.joined()
            var close: HTML = .empty
            if need.status == .open {
                close = """
                    <form method="post" action="/supply-demand/needs/\(need.id)/close">\(layout.csrfField)\
                    <button type="submit" class="secondary">\(t(HallText.close))</button></form>
                    """
            }
            let noticeList: HTML =
                notices.isEmpty
                ? .empty : "<section id=\"need-notices\"><h2>\(t(HallText.notices))</h2><ul>\(noticeItems)</ul></section>"
            return """
                \(noticeList)<section id="answers"><h2>\(t(HallText.answers)) <span class="muted">(\(answers.count))</span></h2>\
                <table><thead><tr><th>\(t(HallText.provider))</th><th>\(t(HallText.proposal))</th><th>\(t(HallText.product))</th>\
                <th>\(t(HallText.price))</th><th>\(t(HallText.timeline))</th><th>\(t(HallText.status))</th><th></th></tr></thead>\
                <tbody>\(rows)</tbody></table>\(close)</section>
                <section><h2>\(t(HallText.history))</h2><table id="need-history"><tbody>\(history)</tbody></table></section>
                """
        case .provider(let own, let canAnswer, let products):
            if let own {
                return """
                    <section class="card" id="your-answer"><h2>\(t(HallText.yourAnswer))</h2>\
                    <p style="white-space: pre-wrap">\(own.proposal)</p><p>\(t(HallText.price))：\(own.price.yuanText)；\
                    \(t(HallText.timeline))：\(own.timeline)；\(t(HallText.status))：\(t(HallText.answerStatus(own.status)))</p></section>
                    """
            }
            guard canAnswer else { return .empty }
            return answerForm(model, products: products)
        }
    }

    func answerForm(_ model: Model, products: [ProviderProduct]) -> HTML {
        let typed = model.typed
        func error(_ key: String) -> HTML {
            model.errors.first { $0.field == key }.map { "<span class=\"error\">\(t($0.message))</span>" as HTML } ?? .empty
        }
        let options = products.map { product -> HTML in
            "<option value=\"\(product.id)\"\(HTML.attribute(" selected", if: typed["product"] == product.id))>\(product.name)（¥\(product.price.yuanText)）</option>"
        }.joined()
        return """
            <form method="post" action="/supply-demand/needs/\(model.need.id)/answers" class="card" id="answer-form">\
            <h2>\(t(HallText.answer))</h2>\(layout.csrfField)
            <div class="field"><label for="a-proposal">\(t(HallText.proposal))</label><textarea id="a-proposal" name="proposal" \
            rows="5" maxlength="4000">\(typed["proposal"] ?? "")</textarea>\(error("proposal"))</div>
            <div class="field"><label for="a-product">\(t(HallText.product))</label><select id="a-product" name="product">\
            <option value="">\(t(HallText.noProduct))</option>\(options)</select>\(error("product"))</div>
            <div class="field"><label for="a-price">\(t(HallText.price))</label><input id="a-price" name="price" maxlength="20" \
            value="\(typed["price"] ?? "")">\(error("price"))</div>
            <div class="field"><label for="a-timeline">\(t(HallText.timeline))</label><input id="a-timeline" name="timeline" \
            maxlength="500" value="\(typed["timeline"] ?? "")">\(error("timeline"))</div>
            <button type="submit">\(t(HallText.answer))</button></form>
            """
    }
}

/// The need form, its scenarios preselected from the enterprise's diagnosis.
struct NeedFormView {
    var layout: Layout
    func t(_ text: LocalizedText) -> String { text.text(layout.language) }

    func render(typed: [String: String], errors: [FieldError], suggested: [String]) -> HTML {
        func error(_ key: String) -> HTML {
            errors.first { $0.field == key }.map { "<span class=\"error\">\(t($0.message))</span>" as HTML } ?? .empty
        }
        func input(_ key: String, _ label: LocalizedText, type: StaticString = "text", max: Int) -> HTML {
            """
            <div class="field"><label for="n-\(key)">\(t(label))</label><input type="\(HTML(raw: type))" id="n-\(key)" \
            name="\(key)" maxlength="\(max)" value="\(typed[key] ?? "")">\(error(key))</div>
            """
        }
        let chosen = Set(PolicyForm.list(typed["scenarios"]))
        let boxes = LevelIndexEdition.edition2024.scenarios.map { scenario -> HTML in
            let mark: HTML =
                suggested.contains(scenario.key) ? " <span class=\"badge\">\(t(HallText.fromDiagnosis))</span>" : .empty
            return """
                <label class="check"><input type="checkbox" id="n-scenario-\(scenario.key)" name="scenarios[]" \
                value="\(scenario.key)"\
                \(HTML.attribute(" checked", if: chosen.contains(scenario.key)))> \(t(scenario.label))\(mark)</label>
                """
        }.joined()
        let categories = ProviderCategory.allCases.map { category -> HTML in
            "<option value=\"\(category.rawValue)\"\(HTML.attribute(" selected", if: typed["category"] == category.rawValue))>\(t(category.label))</option>"
        }.joined()
        let hint: HTML = suggested.isEmpty ? .empty : "<p class=\"muted\">\(t(HallText.scenarioHint))</p>"
        return """
            <form method="post" action="/supply-demand/needs" class="card" id="need-form"><h2>\(t(HallText.newNeed))</h2>\
            \(layout.csrfField)
            \(input("title", HallText.needTitle, max: 200))
            <div class="field"><label for="n-description">\(t(HallText.description))</label><textarea id="n-description" \
            name="description" rows="6" maxlength="4000">\(typed["description"] ?? "")</textarea>\(error("description"))</div>
            <fieldset id="n-scenarios"><legend>\(t(HallText.scenarios))</legend>\(hint)\(boxes)\(error("scenarios"))</fieldset>
            <div class="field"><label for="n-category">\(t(HallText.category))</label><select id="n-category" name="category">\
            <option value="">\(t(HallText.any))</option>\(categories)</select>\(error("category"))</div>
            \(input("budget_min", HallText.budgetMin, max: 20))\(input("budget_max", HallText.budgetMax, max: 20))
            \(input("deadline", HallText.deadline, type: "date", max: 10))
            <label class="check"><input type="checkbox" id="n-show_name" name="show_name"\(HTML.attribute(" checked", if: typed["show_name"] == "on"))> \
            \(t(HallText.showName))</label>
            <button type="submit">\(t(HallText.post))</button></form>
            """
    }
}
