import Foundation
import PilotDomain
import PilotStore
import ProviderPool
import TestSupport
import Testing

/// A provider's standing in the pool (policy 002), kept by the store: admitted with its member row,
/// changed by the pool's rules in one transaction with its events, a removal published.
@Suite("Provider pool standing in the store")
struct PoolStandingTests {
    @Test(
        "admission makes a member; an unqualified grade removes it with a published event; a refusal writes nothing",
        arguments: TestStores.backends)
    func standing(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let people = try await TestProgramme.make(in: store)
        let programmeId = people.programme.id
        let uscc = try USCC(validating: USCC.withCheckCharacter("91120116MA0PR0077")!)
        let provider = try await store.providers.addProvider(
            programmeId: programmeId, name: "天津样本数字科技有限公司", uscc: uscc, categories: ["consulting"])
        #expect(
            try await store.providers.poolMember(organisationId: provider.id, programmeId: programmeId)?.isInGoodStanding == true)

        let good = try #require(EvaluationScore("85.5"))
        let first = try await store.providers.changePoolMember(
            organisationId: provider.id, programmeId: programmeId, action: "graded", detail: "2025: 85.5", evidence: "评价报告",
            by: "u_expert"
        ) { member throws(PoolMember.Refusal) in try member.grade(year: 2025, score: good) }
        #expect(first == .success(.recorded))

        // The same year again is refused, and nothing is written.
        let again = try await store.providers.changePoolMember(
            organisationId: provider.id, programmeId: programmeId, action: "graded", detail: "2025: 95", evidence: "",
            by: "u_expert"
        ) { member throws(PoolMember.Refusal) in try member.grade(year: 2025, score: EvaluationScore("95")!) }
        #expect(again == .failure(.gradedAlready(year: 2025)))
        #expect(
            try await store.providers.poolMember(organisationId: provider.id, programmeId: programmeId)?.grades == [2025: .good])

        let bad = try #require(EvaluationScore("69.99"))
        let removal = try await store.providers.changePoolMember(
            organisationId: provider.id, programmeId: programmeId, action: "graded", detail: "2026: 69.99", evidence: "评价报告",
            by: "u_expert"
        ) { member throws(PoolMember.Refusal) in try member.grade(year: 2026, score: bad) }
        #expect(removal == .success(.removed(.unqualifiedGrade)))
        let member = try #require(try await store.providers.poolMember(organisationId: provider.id, programmeId: programmeId))
        #expect(member.standing == .removed(.unqualifiedGrade))
        let notice = try await store.providers.poolRemovals(programmeId: programmeId)
        #expect(notice.count == 1)
        #expect(notice.first?.organisationName == "天津样本数字科技有限公司" && notice.first?.detail == "unqualified_grade")
        #expect(notice.first?.evidence == "评价报告" && notice.first?.byUser == "u_expert")

        // Not a member of another programme's pool.
        let other = try await TestProgramme.make(in: store)
        #expect(try await store.providers.poolMember(organisationId: provider.id, programmeId: other.programme.id) == nil)
    }
}
