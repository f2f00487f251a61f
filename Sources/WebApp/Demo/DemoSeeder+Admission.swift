import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

extension DemoSeeder {
    /// Where a demo applicant's application stands (policy 002 第六条).
    enum AdmissionStage: Int, Comparable {
        case drafting, submitted, returned, notRecommended, recommended, underReview, rejected, publicity

        static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// This year's call, open around today, and applicants at every step of it: one drafting (the
    /// `applicant` account a newcomer can use to apply), one waiting for its district, one returned
    /// for correction, one not recommended, one recommended, one under expert review, one not
    /// admitted after review, one in publicity. The TEDA bureau (`district_teda`, a grant at the
    /// zone's node) reviews the applicants registered in TEDA; the district bureau the others.
    func seedAdmissions(programmeId: String, actors: [String: Actor], hash: String) async throws {
        let store = services.store
        guard let bureau = actors["district"], let city = actors["district2"] else { return }
        let now = store.clock.now()
        let today = Shanghai.dateText(now)
        let year = Int(today.prefix(4)) ?? 2026
        let call = try await store.admissions.openCall(
            programmeId: programmeId, year: year, title: "\(year)年度天津市制造业数字化转型服务商遴选申报通知",
            opensOn: Shanghai.dateText(now.addingTimeInterval(-20 * 86_400)),
            closesOn: Shanghai.dateText(now.addingTimeInterval(40 * 86_400)),
            requirements: """
                一、申报主体：在本市注册、具有独立法人资格的数字化转型服务商，符合《天津市制造业数字化转型服务商及促进中心管理规范》第五条基本条件。
                二、申报方式：向注册地所在区工业和信息化主管部门提交申报材料（营业执照、近三年财务报告、天津市内应用案例及佐证）。
                三、各区完成初审后，出具推荐函并汇总《推荐信息汇总表》，盖章后报送市工业和信息化局。
                """,
            by: bureau.userId)
        let zoneOffice = try await store.parties.addOrganisation(
            programmeId: programmeId, kind: "bureau", name: "天津经济技术开发区经济发展局", uscc: nil, subIndustryId: nil,
            divisionCode: "120116400")
        let tedaAccount = try await store.accounts.createUser(
            programmeId: programmeId, username: "district_teda", displayName: "张岩（开发区经发局）", passwordHash: hash,
            organisationId: zoneOffice.id, grants: [RoleGrant(role: .districtOfficial, scope: .division("120116400"))])
        let experts = ["expert", "expert2"].compactMap { actors[$0] }
        let applicants: [(String, String, AdmissionStage)] = [
            ("天津新程数智科技有限公司", "120116400", .drafting), ("天津汇川工业软件有限公司", "120116400", .submitted),
            ("天津启航数据服务有限公司", "120116003", .returned), ("天津星海网络科技有限公司", "120116401", .notRecommended),
            ("天津云帆智能科技有限公司", "120116402", .recommended), ("天津博识数字咨询有限公司", "120116400", .underReview),
            ("天津恒信信息技术有限公司", "120116403", .rejected), ("天津领航工业互联网有限公司", "120116400", .publicity),
        ]
        for (index, (name, division, stage)) in applicants.enumerated() {
            let uscc = try USCC(validating: USCC.withCheckCharacter(String(format: "91120116MA07AP%03d", index + 1))!)
            let organisation = try await store.parties.addOrganisation(
                programmeId: programmeId, kind: "provider", name: name, uscc: uscc, subIndustryId: nil, divisionCode: division)
            let account = try await store.accounts.createUser(
                programmeId: programmeId, username: index == 0 ? "applicant" : "applicant\(index + 1)",
                displayName: "申报联系人（\(name)）", passwordHash: hash, organisationId: organisation.id,
                grants: [RoleGrant(role: .digitalProvider, scope: .organisation(organisation.id))])
            guard stage > .drafting else { continue }  // the newcomer's account applies itself
            let district = division == "120116400" ? tedaAccount.actor : bureau
            guard
                case .started(let instance) = try await ApplicationStart(services: services).start(
                    call, organisation: organisation, division: DivisionCode(division)!, actor: account.actor)
            else { throw DemoError(description: "the demo applicant \(name) had applied already") }
            var steps: [(String, Actor, [String: String])] = [
                ("submit_application", account.actor, DemoInput.application(index))
            ]
            switch stage {
            case .returned:
                steps.append(("return_application", district, ["correction_requests": "请补充近三年财务审计报告及天津市内案例的验收证明。"]))
            case .notRecommended:
                steps.append(("decline_application", district, ["decline_reasons": "近三年无天津市内已实施完成的应用案例，不符合第五条第（四）项。"]))
            default:
                break
            }
            if stage >= .recommended {
                steps.append(
                    (
                        "recommend_application", district,
                        [
                            "recommendation_opinion": "材料真实完整，本地服务团队稳定，同意推荐。",
                            "recommendation_letter_no": "滨工信推〔\(year)〕\(index + 1)号",
                        ]
                    ))
            }
            if stage >= .underReview {
                steps.append(("assign_reviewers", city, ["reviewer_ids": experts.map(\.userId).joined(separator: ",")]))
                for (number, expert) in experts.enumerated() where stage > .underReview || number == 0 {
                    steps.append(("declare_interest", expert, ["conflict": "none"]))
                    steps.append(("submit_review", expert, DemoInput.admissionReview(strong: stage == .publicity)))
                }
            }
            if stage == .rejected {
                steps.append(("reject_application", city, ["combined_opinion": "本地案例数量不足，服务成效佐证不充分，本年度不予入库。"]))
            }
            if stage == .publicity {
                steps.append(("propose_admission", city, ["combined_opinion": "专家组评审平均分 88 分，符合入库条件，拟纳入资源池。"]))
            }
            for (transition, actor, input) in steps {
                let command = Command(
                    instanceId: instance, transitionId: transition, input: input.mapValues { .string($0) })
                guard case .applied = try await ProjectCommands(services: services).execute(command, actor: actor) else {
                    throw DemoError(description: "the demo application \(name) could not take \(transition)")
                }
            }
        }
    }
}
