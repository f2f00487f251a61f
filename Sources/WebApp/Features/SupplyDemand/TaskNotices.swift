import Foundation
import PilotDomain
import PilotStore

/// What the policy library and the hall add to an enterprise's `/tasks` (issue #15): the policies
/// matching it published since it last opened `/policies`, and the unread resource-push notices
/// of its needs. Empty for everyone else.
struct TaskNotices {
    let services: AppServices

    func section(_ identity: Identity, language: UILanguage) async throws -> HTML {
        guard let organisation = PolicyHandlers.enterpriseId(identity),
            let profile = try await PolicyProfiles(store: services.store).profile(
                organisationId: organisation, programmeId: identity.programmeId)
        else { return .empty }
        func t(_ text: LocalizedText) -> String { text.text(language) }
        let today = Shanghai.dateText(services.store.clock.now())
        let seen = try await services.store.policies.lastSeen(programmeId: identity.programmeId, organisationId: organisation)
        let fresh = try await services.store.policies.policies(programmeId: identity.programmeId, includeWithdrawn: false)
            .filter { record in
                (seen.map { record.publishedAt > $0 } ?? true) && record.content.inForce(on: today)
                    && PolicyMatch.reasons(record.content.criteria, profile) != nil
            }
        let notices = try await services.store.hall.notices(
            programmeId: identity.programmeId, organisationId: organisation, unreadOnly: true)
        var parts: [HTML] = []
        if !fresh.isEmpty {
            let items = fresh.prefix(20).map { record -> HTML in
                "<li data-policy=\"\(record.id)\"><a href=\"/policies/\(record.id)\">\(record.content.title)</a> <span class=\"muted\">\(record.content.issuer)</span></li>"
            }.joined()
            parts.append(
                """
                <section class="card" id="new-policies"><h2>\(t(PolicyText.newForYou)) <span class="muted">(\(fresh.count))</span></h2>\
                <ul>\(items)</ul><p><a href="/policies">\(t(PolicyText.title))</a></p></section>
                """)
        }
        if !notices.isEmpty {
            let items = notices.prefix(20).map { notice -> HTML in
                """
                <li data-notice="\(notice.productId)"><a href="/supply-demand/needs/\(notice.needId)">\(notice.needTitle)</a>：\
                \(notice.productName)（\(notice.providerName)，¥\(notice.price.yuanText)）</li>
                """
            }.joined()
            parts.append(
                """
                <section class="card" id="hall-notices"><h2>\(t(HallText.notices)) <span class="muted">(\(notices.count))</span></h2>\
                <ul>\(items)</ul></section>
                """)
        }
        return parts.joined()
    }
}
