import Foundation
import Funds
import PilotDomain

extension MoneyChangesView {
    func corrections(_ model: Model) -> HTML {
        let rows = model.book.corrections.reversed().map { correction -> HTML in
            let base = "/finance/corrections/\(correction.number)"
            var status = correction.state.name
            var actions: HTML = .empty
            switch correction.state {
            case .prepared:
                status = t(LocalizedText(zh: "待复核", en: "Awaiting a second officer"))
                if model.canCorrect, !model.mine(correction.preparer) {
                    let approve = button(
                        "\(base)/approve", MoneyChangesText.approve, id: "approve-correction-\(correction.number)")
                    let reject = withReason(
                        "\(base)/reject", MoneyChangesText.reject, id: "reject-correction-\(correction.number)")
                    actions = "\(approve)\(reject)"
                }
            case .approved(_, _, let posting): status = "\(t(MoneyChangesText.reversedBy)) \(posting)"
            case .rejected(_, _, let reason): status = "\(t(MoneyChangesText.reject))：\(reason)"
            }
            return """
                <tr data-correction="\(correction.number)"><td>\(correction.number)</td><td>\(correction.posting)</td>
                <td>\(correction.reason)</td><td>\(status)</td><td>\(name(model, correction.preparer.userId))</td><td>\(actions)</td></tr>
                """
        }
        let form: HTML =
            model.canCorrect
            ? """
            <form method="post" action="/finance/corrections" class="inline" id="new-correction">\(layout.csrfField)
            <input name="posting" inputmode="numeric" placeholder="\(t(MoneyChangesText.posting))" required>
            <input name="reason" placeholder="\(t(MoneyChangesText.reason))" required>
            <button type="submit">\(t(MoneyChangesText.save))</button></form>
            """ : .empty
        return """
            <section class="card" id="corrections"><h2>\(t(MoneyChangesText.corrections))</h2>
            <p class="muted">\(t(MoneyChangesText.correctionHelp))</p>
            \(table("correction-list", [LocalizedText(zh: "编号", en: "No."), MoneyChangesText.posting, MoneyChangesText.reason, MoneyChangesText.status, MoneyChangesText.preparedBy, MoneyChangesText.actions], rows))
            \(form)</section>
            """
    }

    func commitments(_ model: Model) -> HTML {
        let sources = model.book.sources.values.sorted { $0.id < $1.id }
        let rows = sources.map { source -> HTML in
            let versions = model.book.sourceRevisions.filter { $0.sourceId == source.id }.map { revision -> HTML in
                """
                <div>v\(revision.version)：\(money(revision.from)) → \(money(revision.to))（\(revision.reason)，\(Shanghai.dateText(revision.at))）</div>
                """
            }.joined()
            let form: HTML =
                model.canCorrect
                ? """
                <form method="post" action="/finance/commitments" class="inline">\(layout.csrfField)\
                <input type="hidden" name="source" value="\(source.id)">\
                <input name="committed" inputmode="decimal" placeholder="\(t(MoneyChangesText.amount))" required> \
                <input name="reason" placeholder="\(t(MoneyChangesText.reason))" required> \
                <button type="submit" id="commit-\(source.id)">\(t(MoneyChangesText.save))</button></form>
                """ : .empty
            return """
                <tr data-source="\(source.id)"><td>\(t(source.name))</td><td class="num">\(money(source.committed))</td>
                <td>\(versions)</td><td>\(form)</td></tr>
                """
        }
        return """
            <section class="card" id="commitments"><h2>\(t(MoneyChangesText.commitments))</h2>
            \(table("commitment-list", [MoneyChangesText.source, MoneyChangesText.committed, MoneyChangesText.versions, MoneyChangesText.actions], rows))
            </section>
            """
    }
}
