import Foundation
import PilotDomain
import PilotStore
import ProviderPool

extension DemoSeeder {
    /// The pool as a year of supervision leaves it (policy 002): besides the demo provider, members
    /// graded 优秀, 良好 and 合格; one removed by its 不合格 grade, one by three verified complaints, one
    /// that left of its own accord — so the pool page shows every standing and the public notice
    /// (`/providers/removals`) has entries. Invented firms; the bureau's records as evidence.
    func seedPool(programmeId: String, district: Actor?) async throws {
        let store = services.store
        let by = district?.userId ?? "setup"
        let members: [(name: String, categories: [String], history: [(String, String, String, PoolChange)])] = [
            ("天津智云咨询服务有限公司", ["consulting", "evaluation"], [("graded", "2025: 93.5", "津工信〔2025〕31号评价结果", .grade(2025, "93.5"))]),
            ("天津数联工业软件有限公司", ["rnd", "solutions"], [("graded", "2025: 84", "津工信〔2025〕31号评价结果", .grade(2025, "84"))]),
            (
                "天津滨城设备物联有限公司", ["equipment", "infrastructure"],
                [("graded", "2025: 72.5", "津工信〔2025〕31号评价结果", .grade(2025, "72.5"))]
            ),
            ("天津速达信息技术有限公司", ["operations"], [("graded", "2025: 64", "津工信〔2025〕31号评价结果", .grade(2025, "64"))]),
            (
                "天津云舟数字服务有限公司", ["solutions"],
                (1...3).map {
                    ("complaint", "verified: 企业投诉\($0)：系统上线延期、未按方案交付", "区工信局核查记录〔2025〕第\($0)号", .verifiedComplaint("demo-\($0)"))
                }
            ),
            ("天津启明数字科技有限公司", ["consulting"], [("removal", "voluntary_exit", "企业退出申请（2025-09-01）", .exit)]),
        ]
        for (index, member) in members.enumerated() {
            let uscc = try USCC(validating: USCC.withCheckCharacter(String(format: "91120116MA06PL%03d", index + 1))!)
            let provider = try await store.providers.addProvider(
                programmeId: programmeId, name: member.name, uscc: uscc, categories: member.categories)
            for (action, detail, evidence, change) in member.history {
                _ = try await store.providers.changePoolMember(
                    organisationId: provider.id, programmeId: programmeId, action: action, detail: detail, evidence: evidence,
                    by: by, change.apply)
            }
        }
    }
}

/// One recorded fact of the demo pool's year.
enum PoolChange: Sendable {
    case grade(Int, String)
    case verifiedComplaint(String)
    case exit

    var apply: @Sendable (inout PoolMember) throws(PoolMember.Refusal) -> PoolMember.Effect {
        switch self {
        case .grade(let year, let text):
            let score = EvaluationScore(text)!
            return { member throws(PoolMember.Refusal) in try member.grade(year: year, score: score) }
        case .verifiedComplaint(let id):
            return { member throws(PoolMember.Refusal) in
                member.fileComplaint(id: id)
                return try member.decideComplaint(id: id, verified: true)
            }
        case .exit:
            return { member throws(PoolMember.Refusal) in try member.remove(.voluntaryExit) }
        }
    }
}
