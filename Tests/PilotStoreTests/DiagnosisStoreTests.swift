import Diagnosis
import Foundation
import Logging
import PilotDomain
import PilotStore
import TestSupport
import Testing

/// The diagnosis campaigns' store (issue #14): drafts pinned and version-checked, submission in one
/// transaction, and the counters coverage and benchmarking read kept right by every change.
@Suite("Diagnosis campaigns in the store")
struct DiagnosisStoreTests {
    static let questionnaire = QuestionnaireKey(id: "tianjin-equipment", version: 1)
    static let model = ModelKey(id: "dt-maturity", version: 1)
    static let actor = ChangeActor(userId: "u_test", name: "测试")

    static func firm(_ programmeId: String, _ number: Int, division: String, group: String = "equipment") -> DiagnosisFirm {
        DiagnosisFirm(
            programmeId: programmeId, uscc: USCC.withCheckCharacter("91120116MA\(String(format: "%07d", 4_000_000 + number))")!,
            name: "测试企业\(number)", divisionCode: division, industryGroup: group, size: .medium, aboveScale: true,
            groupUSCC: nil, contactName: "联系人", contactPhone: "13900000000")
    }

    /// A result with a chosen total (the store keeps what scoring gave; scoring has its own tests).
    static func scored(total: Int, grade: Int) -> ScoredDiagnosis {
        ScoredDiagnosis(
            base: DiagnosisResult(
                questionnaire: questionnaire, model: model,
                dimensions: [.init(dimension: "strategy", score: total)], total: total, grade: grade, stage: "scenario"),
            modules: [])
    }

    static func diagnose(
        _ store: PilotStore, _ firm: DiagnosisFirm, total: Int, grade: Int, offline: String? = nil
    ) async throws -> DiagnosisRecord {
        let draft = try await store.diagnoses.startDiagnosis(
            id: store.ids.make("dx"), firm: firm, questionnaire: questionnaire, modules: [], by: actor)
        let result = try await store.diagnoses.submit(
            id: draft.id, programmeId: firm.programmeId, answers: draft.answers, scored: scored(total: total, grade: grade),
            expectedVersion: draft.version, offlineReason: offline, by: actor)
        guard case .success(let record) = result else { throw StoreError.conflict("refused: \(result)") }
        return record
    }

    @Test(
        "percentiles and distributions from the peer counts; a re-diagnosis replaces the firm's place",
        arguments: TestStores.backends)
    func benchmarking(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let programme = try await TestProgramme.make(in: store).programme.id
        let firms = [
            Self.firm(programme, 1, division: "120116001"), Self.firm(programme, 2, division: "120116002"),
            Self.firm(programme, 3, division: "120116400"), Self.firm(programme, 4, division: "120110001", group: "electronics"),
        ]
        #expect(try await store.diagnoses.importFirms(firms) == RosterImportCount(added: 4, updated: 0))
        _ = try await Self.diagnose(store, firms[0], total: 5000, grade: 6)
        let second = try await Self.diagnose(store, firms[1], total: 6050, grade: 7)
        _ = try await Self.diagnose(store, firms[2], total: 6050, grade: 7)
        _ = try await Self.diagnose(store, firms[3], total: 8000, grade: 9)

        let standing = try await store.diagnoses.benchmark(second)
        // Deployment: 5000 < 6050 = 6050 < 8000 → below 1, level 2 of 4: (2×1 + 2) / 8 = 50%.
        #expect(standing[.deployment] == PeerStanding(below: 1, equal: 2, count: 4, grades: [6: 1, 7: 2, 9: 1]))
        #expect(standing[.deployment]?.percentile == 50)
        // Region 120116 (Binhai's streets and zone): the first three.
        #expect(standing[.region] == PeerStanding(below: 1, equal: 2, count: 3, grades: [6: 1, 7: 2]))
        // Industry group "equipment": the first three as well; size band "medium": all four.
        #expect(standing[.industryGroup]?.count == 3)
        #expect(standing[.sizeBand]?.count == 4)

        // Firm 1 is diagnosed again, higher: a second round; it leaves 5000 and joins 9000.
        let again = try await Self.diagnose(store, firms[0], total: 9000, grade: 10)
        #expect(again.round == 2)
        let rounds = try await store.diagnoses.diagnoses(programmeId: programme, uscc: firms[0].uscc)
        #expect(rounds.map(\.round) == [2, 1])
        #expect(rounds.map(\.latest) == [true, false])
        let after = try await store.diagnoses.benchmark(second)
        #expect(after[.deployment] == PeerStanding(below: 0, equal: 2, count: 4, grades: [7: 2, 9: 1, 10: 1]))
        #expect(after[.deployment]?.percentile == 25)
    }

    @Test("coverage counts move with import, start, submission and a corrected division", arguments: TestStores.backends)
    func coverage(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let programme = try await TestProgramme.make(in: store).programme.id
        let firms = (1...5).map { Self.firm(programme, $0, division: $0 <= 3 ? "120116001" : "120116002") }
        _ = try await store.diagnoses.importFirms(firms)
        _ = try await Self.diagnose(store, firms[0], total: 6000, grade: 7)
        _ = try await store.diagnoses.startDiagnosis(
            id: "dx-filling", firm: firms[1], questionnaire: Self.questionnaire, modules: [], by: Self.actor)
        _ = try await Self.diagnose(store, firms[3], total: 2500, grade: 3)

        let binhai = DivisionCode("120116")!
        var rows = try await store.diagnoses.coverage(programmeId: programme, unit: binhai, childLevel: .township)
        #expect(rows.map(\.divisionCode) == ["120116001", "120116002"])
        #expect(rows[0].firms == 3 && rows[0].diagnosed == 1 && rows[0].filling == 1 && rows[0].notStarted == 1)
        #expect(rows[0].grades == [7: 1])
        #expect(rows[1].firms == 2 && rows[1].diagnosed == 1 && rows[1].grades == [3: 1])
        let city = try await store.diagnoses.coverage(programmeId: programme, unit: DivisionCode("120000")!, childLevel: .county)
        #expect(city.map(\.divisionCode) == ["120116"] && city[0].firms == 5 && city[0].diagnosed == 2)

        // Progress against the yearly quota: firms diagnosed for the first time this year; a re-diagnosis
        // does not count again.
        let year = Shanghai.calendar.component(.year, from: Date())
        #expect(try await store.diagnoses.diagnosedByYear(programmeId: programme, division: binhai, years: [year]) == [year: 2])
        _ = try await Self.diagnose(store, firms[3], total: 3500, grade: 4)
        #expect(try await store.diagnoses.diagnosedByYear(programmeId: programme, division: binhai, years: [year]) == [year: 2])
        #expect(
            try await store.diagnoses.diagnosedByYear(
                programmeId: programme, division: DivisionCode("120116002")!, years: [year, year - 1]) == [year: 1, year - 1: 0])

        // The roster corrects firm 1's street: its diagnosed count moves with it.
        var moved = firms[0]
        moved.divisionCode = "120116002"
        #expect(try await store.diagnoses.importFirms([moved]) == RosterImportCount(added: 0, updated: 1))
        rows = try await store.diagnoses.coverage(programmeId: programme, unit: binhai, childLevel: .township)
        #expect(rows[0].firms == 2 && rows[0].diagnosed == 0 && rows[0].filling == 1)
        #expect(rows[1].firms == 3 && rows[1].diagnosed == 2 && rows[1].grades == [4: 1, 7: 1])
        #expect(
            try await store.diagnoses.diagnosedByYear(
                programmeId: programme, division: DivisionCode("120116002")!, years: [year]) == [year: 2])

        // The lists agree with the counts.
        var query = FirmQuery(programmeId: programme)
        query.division = DivisionCode("120116001")
        query.progress = .notStarted
        #expect(try await store.diagnoses.firms(query).firms.map(\.uscc) == [firms[2].uscc])
    }

    @Test(
        "a stale save and a save after submission are refused and write nothing; the offline case opens with the result",
        arguments: TestStores.backends)
    func drafts(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let programme = try await TestProgramme.make(in: store).programme.id
        let firm = Self.firm(programme, 1, division: "120116001")
        _ = try await store.diagnoses.importFirms([firm])
        let draft = try await store.diagnoses.startDiagnosis(
            id: "dx-1", firm: firm, questionnaire: Self.questionnaire, modules: [], by: Self.actor)
        // A second start resumes the same draft.
        #expect(
            try await store.diagnoses.startDiagnosis(
                id: "dx-2", firm: firm, questionnaire: Self.questionnaire, modules: [], by: Self.actor
            ).id == "dx-1")
        var answers = draft.answers
        answers.base.answers["strategy_planning"] = .option("plan")
        #expect(
            try await store.diagnoses.saveDraft(id: "dx-1", programmeId: programme, answers: answers, expectedVersion: 1)
                == .success(2))
        var stale = draft.answers
        stale.base.answers["strategy_planning"] = .option("none")
        #expect(
            try await store.diagnoses.saveDraft(id: "dx-1", programmeId: programme, answers: stale, expectedVersion: 1)
                == .failure(.staleVersion(current: 2)))
        #expect(try await store.diagnoses.diagnosis(id: "dx-1", programmeId: programme)?.answers == answers)

        let submitted = try await store.diagnoses.submit(
            id: "dx-1", programmeId: programme, answers: answers, scored: Self.scored(total: 3000, grade: 4),
            expectedVersion: 2, offlineReason: "rule", by: Self.actor)
        guard case .success(let record) = submitted else { Issue.record("refused: \(submitted)"); return }
        #expect(record.status == .submitted && record.offlineStatus == .pending && record.latest)
        #expect(
            try await store.diagnoses.saveDraft(id: "dx-1", programmeId: programme, answers: stale, expectedVersion: 3)
                == .failure(.alreadySubmitted))
        let stored = try #require(try await store.diagnoses.firm(programmeId: programme, uscc: firm.uscc))
        #expect(stored.latestGrade == 4 && stored.draftId == nil && stored.progress == .diagnosed)
    }

    @Test("a saved draft survives the server's restart: a new process on the same database resumes it")
    func draftSurvivesRestart() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("smepilot-restart-\(UUID().uuidString).sqlite")
            .path
        let logger = Logger(label: "test.restart")
        let first = PilotStore(backend: try await SQLiteBackend.open(path: path, logger: logger), logger: logger)
        try await first.migrate()
        let programme = try await TestProgramme.make(in: first).programme.id
        let firm = Self.firm(programme, 1, division: "120116001")
        _ = try await first.diagnoses.importFirms([firm])
        let draft = try await first.diagnoses.startDiagnosis(
            id: "dx-restart", firm: firm, questionnaire: Self.questionnaire, modules: [], by: Self.actor)
        var answers = draft.answers
        answers.base.answers["strategy_planning"] = .option("plan")
        answers.base.answers["export_business"] = .notApplicable
        _ = try await first.diagnoses.saveDraft(id: draft.id, programmeId: programme, answers: answers, expectedVersion: 1)
        await first.shutdown()

        let second = PilotStore(backend: try await SQLiteBackend.open(path: path, logger: logger), logger: logger)
        defer { Task { await second.shutdown() } }
        try await second.migrate()
        let stored = try #require(try await second.diagnoses.diagnosis(id: draft.id, programmeId: programme))
        #expect(stored.answers == answers && stored.status == .draft && stored.version == 2)
        #expect(try await second.diagnoses.firm(programmeId: programme, uscc: firm.uscc)?.draftId == draft.id)
        // Starting again resumes it rather than opening a second round.
        let resumed = try await second.diagnoses.startDiagnosis(
            id: "dx-other", firm: firm, questionnaire: Self.questionnaire, modules: [], by: Self.actor)
        #expect(resumed.id == draft.id && resumed.answers == answers)
    }
}
