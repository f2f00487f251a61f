import Foundation
import PilotDomain
import PilotStore
import TestSupport
import Testing

/// Issue #15's core writes on both backends: a registration beyond the places left writes nothing;
/// attendance in one transaction; the roster upserted whole and read by division range; a dossier
/// text saved on a stale version is refused and writes nothing.
@Suite("Training, mobilisation and dossiers in the store")
struct PilotProgrammeStoreTests {
    @Test("capacity, attendance, roster ranges, versioned texts", arguments: TestStores.backends)
    func writes(backend: BackendKind) async throws {
        let store = try await TestStores.make(backend)
        defer { Task { await store.shutdown() } }
        let people = try await TestProgramme.make(in: store)
        let programmeId = people.programme.id
        let now = store.clock.now()
        let session = TrainingSession(
            id: "trs_1", programmeId: programmeId, title: "实操培训", audience: .technical, organiserId: people.enterprise.id,
            organiserName: "组织方", startsAt: now, endsAt: now.addingTimeInterval(3600), place: "会议室", online: false,
            capacity: 3, subIndustryId: nil, divisionCode: nil, createdBy: "王", createdAt: now)
        try await store.training.createSession(session)
        let by = ChangeActor(userId: "u", name: "企业")
        let two = [
            TrainingPerson(name: "甲", position: "", audience: .technical),
            TrainingPerson(name: "乙", position: "", audience: .frontline),
        ]
        guard
            case .success(let ids) = try await store.training.register(
                sessionId: "trs_1", programmeId: programmeId, enterpriseId: people.enterprise.id, people: two, by: by)
        else {
            Issue.record("two of three places")
            return
        }
        let again = try await store.training.register(
            sessionId: "trs_1", programmeId: programmeId, enterpriseId: people.enterprise.id,
            people: [
                TrainingPerson(name: "丙", position: "", audience: .management),
                TrainingPerson(name: "丁", position: "", audience: .management),
            ],
            by: by)
        #expect(again == .failure(.full(remaining: 1)))
        let duplicate = try await store.training.register(
            sessionId: "trs_1", programmeId: programmeId, enterpriseId: people.enterprise.id,
            people: [TrainingPerson(name: "甲", position: "", audience: .technical)], by: by)
        #expect(duplicate == .failure(.duplicate(name: "甲")))
        #expect(try await store.training.registrations(sessionId: "trs_1").count == 2)
        #expect(try await store.training.session(id: "trs_1", programmeId: "other") == nil)
        try await store.training.setAttendance(sessionId: "trs_1", changes: [ids[0]: true, ids[1]: false])
        let attendance = try await store.training.attendance(programmeId: programmeId)
        #expect(
            attendance == [
                TrainingAttendance(
                    audience: .technical, enterpriseId: people.enterprise.id, subIndustryId: people.subIndustry.id,
                    divisionCode: people.zone)
            ])
        #expect(try await store.training.session(id: "trs_1", programmeId: programmeId)?.attended == 1)

        // The roster: upserted in one transaction, read by the zone's code range.
        let firms = [
            MobilisationFirm(uscc: "U1", name: "甲", subIndustryId: "s", divisionCode: "120116400", size: "中型"),
            MobilisationFirm(uscc: "U2", name: "乙", subIndustryId: "s", divisionCode: "120116401", size: "小型"),
        ]
        let first = try await store.mobilisation.importFirms(programmeId: programmeId, firms, by: by)
        #expect(first.added == 2 && first.updated == 0)
        var renamed = firms[0]
        renamed.name = "甲（更名）"
        let second = try await store.mobilisation.importFirms(programmeId: programmeId, [renamed], by: by)
        #expect(second.added == 0 && second.updated == 1)
        let teda = try await store.mobilisation.firms(programmeId: programmeId, divisions: [DivisionCode("120116400")!])
        #expect(teda.map(\.name) == ["甲（更名）"])
        #expect(try await store.mobilisation.firms(programmeId: programmeId, divisions: []).isEmpty)
        #expect(try await store.mobilisation.firms(programmeId: programmeId, divisions: nil).count == 2)

        // Dossier texts: versions in order; a save on a stale version is refused.
        #expect(
            try await store.dossiers.saveText(
                programmeId: programmeId, dossier: "midterm", section: "overview", text: "一", expected: 0, by: by) == 1)
        #expect(
            try await store.dossiers.saveText(
                programmeId: programmeId, dossier: "midterm", section: "overview", text: "二", expected: 1, by: by) == 2)
        await #expect(throws: StoreError.self) {
            try await store.dossiers.saveText(
                programmeId: programmeId, dossier: "midterm", section: "overview", text: "旧", expected: 1, by: by)
        }
        let texts = try await store.dossiers.texts(programmeId: programmeId, dossier: "midterm")["overview"] ?? []
        #expect(texts.map(\.text) == ["二", "一"])
    }
}
