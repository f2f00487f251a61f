import Foundation
import PilotDomain
import PilotStore

extension DemoSeeder {
    /// Training (004 §六(二)): sessions for each audience held by the management provider, a main
    /// contractor, the demo provider and the bureau; the first enterprises register their people and
    /// past sessions have their attendance; one session is still to come. Invented people.
    func seedTraining(programmeId: String, actors: [String: Actor]) async throws {
        let store = services.store
        let enterprises = try await store.parties.organisations(programmeId: programmeId, kind: "enterprise")
        guard enterprises.count >= 6 else { return }
        let subIndustries = try await store.programmes.subIndustries(programmeId: programmeId)
        let now = store.clock.now()
        struct Plan {
            var organiser: String
            var title: String
            var audience: TrainingAudience
            var day: String
            var hours: (Int, Int)
            var place: String
            var online: Bool
            var capacity: Int
            var subIndustry: String?
            var zone: String?
        }
        let plans: [Plan] = [
            Plan(
                organiser: "manager", title: "“一把手”数字化转型专题研修班", audience: .topLeaders, day: "2025-03-14", hours: (9, 17),
                place: "滨海新区行政中心第一会议室", online: false, capacity: 60, subIndustry: nil, zone: nil),
            Plan(
                organiser: "contractor", title: "智能测控装备企业管理人员数字化实训参观", audience: .management, day: "2025-04-18",
                hours: (9, 16), place: "天津经济技术开发区智能制造示范工厂", online: false, capacity: 40, subIndustry: "SMCE", zone: "120116400"),
            Plan(
                organiser: "provider", title: "轻量化 MES 技术骨干实操培训", audience: .technical, day: "2025-05-22", hours: (13, 17),
                place: "瀚云工业互联网实训基地", online: false, capacity: 30, subIndustry: nil, zone: nil),
            Plan(
                organiser: "contractor", title: "一线员工现场跟班实训（设备联网与数据采集）", audience: .frontline, day: "2025-06-10",
                hours: (8, 12), place: "天津港保税区某装备企业车间", online: false, capacity: 25, subIndustry: "SMCE", zone: "120116401"),
            Plan(
                organiser: "district", title: "中小企业数字化转型政策宣贯（线上）", audience: .management, day: "2025-09-05", hours: (14, 16),
                place: "腾讯会议（会议号在报名后通知）", online: true, capacity: 300, subIndustry: nil, zone: nil),
        ]
        let people: [(String, String, TrainingAudience)] = [
            ("张伟", "总经理", .topLeaders), ("王芳", "生产副总", .management), ("李强", "信息化主管", .technical),
            ("刘洋", "设备工程师", .technical), ("陈静", "车间班组长", .frontline), ("杨帆", "数控操作工", .frontline),
        ]
        for (index, plan) in plans.enumerated() {
            guard let actor = actors[plan.organiser], let organisationId = actor.organisationId,
                let organiser = try await store.parties.organisation(organisationId, programmeId: programmeId),
                let day = Shanghai.parseDate(plan.day)
            else { continue }
            let session = TrainingSession(
                id: store.ids.make("trs"), programmeId: programmeId, title: plan.title, audience: plan.audience,
                organiserId: organiser.id, organiserName: organiser.name,
                startsAt: day.addingTimeInterval(Double(plan.hours.0 * 3600)),
                endsAt: day.addingTimeInterval(Double(plan.hours.1 * 3600)), place: plan.place, online: plan.online,
                capacity: plan.capacity,
                subIndustryId: plan.subIndustry.flatMap { code in subIndustries.first { $0.code == code }?.id },
                divisionCode: plan.zone, createdBy: actor.displayName, createdAt: now)
            try await store.training.createSession(session)
            // Six enterprises per session, two or three people each, of the session's audience mostly.
            var ids: [String] = []
            for offset in 0..<6 {
                let enterprise = enterprises[(index * 5 + offset) % enterprises.count]
                let chosen = people.enumerated().filter { $0.offset % 3 == offset % 3 || $0.element.2 == plan.audience }.prefix(3)
                let result = try await store.training.register(
                    sessionId: session.id, programmeId: programmeId, enterpriseId: enterprise.id,
                    people: chosen.map { TrainingPerson(name: $0.element.0, position: $0.element.1, audience: $0.element.2) },
                    by: ChangeActor(userId: "setup", name: enterprise.name))
                if case .success(let new) = result { ids += new }
            }
            // Most came; a few did not.
            var marks: [String: Bool] = [:]
            for (position, id) in ids.enumerated() { marks[id] = position % 7 != 3 }
            try await store.training.setAttendance(sessionId: session.id, changes: marks)
        }
        // A session to come: registrations open, no attendance yet.
        if let actor = actors["manager"], let organisationId = actor.organisationId,
            let organiser = try await store.parties.organisation(organisationId, programmeId: programmeId)
        {
            let day = Shanghai.calendar.startOfDay(for: now.addingTimeInterval(14 * 86_400))
            try await store.training.createSession(
                TrainingSession(
                    id: store.ids.make("trs"), programmeId: programmeId, title: "生物医药企业质量追溯数字化专题培训", audience: .technical,
                    organiserId: organiser.id, organiserName: organiser.name, startsAt: day.addingTimeInterval(9 * 3600),
                    endsAt: day.addingTimeInterval(12 * 3600), place: "滨海高新区创新创业中心 3 楼报告厅", online: false, capacity: 50,
                    subIndustryId: subIndustries.first { $0.code == "BIOM" }?.id, divisionCode: "120116402",
                    createdBy: actor.displayName, createdAt: now))
        }
    }
}
