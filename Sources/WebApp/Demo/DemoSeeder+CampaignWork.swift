import Diagnosis
import Foundation
import PilotDomain
import PilotStore
import Programmes

extension DemoSeeder {
    /// The work around a campaign's diagnoses, done through the same store calls as the pages: the
    /// top unit splits this year's quota among its sub-units, on-site cases are assigned to the
    /// campaign's diagnosis provider and some are filed, a lagging sub-unit is reminded, and the
    /// liaison chain and the firms' service contacts are on record.
    func seedCampaignWork(
        _ campaign: DemoCampaign, programmeId: String, definition: ProgrammeDefinition, firms: [DiagnosisFirm],
        providerId: String, year: Int
    ) async throws {
        guard let settings = definition.diagnosis, let below = settings.levelBelow(definition.division.level) else { return }
        let store = services.store
        let top = definition.division

        // 分解任务指标: the campaign's unit splits the year's target (every firm on the roster) among
        // its sub-units, in proportion to their firms.
        let subUnits = services.divisions.children(of: top).map(\.code.value)
        var perUnit: [String: Int] = [:]
        for firm in firms {
            guard let code = DivisionCode(firm.divisionCode), let unit = subUnits.first(where: { DivisionCode($0)!.covers(code) })
            else { continue }
            perUnit[unit, default: 0] += 1
        }
        try await store.diagnoses.replaceSplit(
            programmeId: programmeId, year: year, subUnits: subUnits, firms: perUnit, by: "\(campaign.prefix)-city")

        // On-site cases: the first pending ones go to the provider; half of those are filed with a
        // verified grade beside the self-assessed one.
        let cases = try await store.diagnoses.offlineCases(
            programmeId: programmeId, division: nil, statuses: ["pending"], limit: 12)
        let provider = ChangeActor(userId: "\(campaign.prefix)-provider", name: "\(campaign.place)数智诊断咨询")
        for (index, open) in cases.enumerated() {
            guard
                try await store.diagnoses.assignOffline(
                    diagnosisId: open.diagnosisId, programmeId: programmeId, providerOrgId: providerId,
                    by: "\(campaign.prefix)-city")
            else { continue }
            guard index % 2 == 0 else { continue }
            let self_ = open.grade ?? 1
            let verified = max(1, self_ - (index % 4 == 0 ? 1 : 0))
            let findings = [
                "planning": "有三年数字化规划，未细化到年度投入。", "automation": "关键工序数控化率约六成，数据采集以人工填报为主。",
                "systems": "ERP已上线，MES仅覆盖一条产线。", "data": "生产数据尚未用于质量追溯。",
            ]
            _ = try await store.diagnoses.fileOnSite(
                diagnosisId: open.diagnosisId, programmeId: programmeId, providerOrganisationId: providerId,
                report: OnSiteReport(
                    visitedOn: String(format: "%04d-%02d-%02d", year, 3 + index % 6, 10 + index),
                    findings: findings, verifiedGrade: verified,
                    opinion: verified < self_ ? "自评略高于现场核验，建议按核验档次制定改造方案。" : "现场核验与自评一致。"),
                by: provider)
        }

        // A reminder to the sub-unit with the lowest coverage.
        let coverage = try await store.diagnoses.coverage(programmeId: programmeId, unit: top, childLevel: below)
        if let lagging = coverage.filter({ $0.firms >= 5 }).min(by: {
            $0.diagnosed * 1000 / max(1, $0.firms) < $1.diagnosed * 1000 / max(1, $1.firms)
        }) {
            try await store.diagnoses.addReminder(
                programmeId: programmeId, targetKind: .division, target: lagging.divisionCode,
                message: "本辖区诊断覆盖率偏低，请于月底前组织未启动企业完成线上诊断。", byUser: "\(campaign.prefix)-city",
                byName: "\(campaign.place)工信部门", byDivision: top.value)
        }

        // The liaison chain: a contact of the top unit and of each sub-unit with firms; Guangxi's
        // service contact per firm (001 附件3) for the demo firms.
        try await store.diagnoses.addContact(
            DiagnosisContact(
                programmeId: programmeId, divisionCode: top.value, uscc: nil, role: "联络员", name: "刘洋", position: "信息化推进处",
                phone: "022-23000000", email: "liaison@example.gov.cn", updatedBy: "\(campaign.prefix)-city"))
        for (index, unit) in perUnit.keys.sorted().prefix(6).enumerated() {
            try await store.diagnoses.addContact(
                DiagnosisContact(
                    programmeId: programmeId, divisionCode: unit, uscc: nil, role: "联络员", name: "联络员\(index + 1)",
                    position: "工信科", phone: String(format: "1380000%04d", index), email: "",
                    updatedBy: "\(campaign.prefix)-city"))
        }
        if settings.contactPerFirm {
            for firm in firms.prefix(20) {
                try await store.diagnoses.addContact(
                    DiagnosisContact(
                        programmeId: programmeId, divisionCode: firm.divisionCode, uscc: firm.uscc, role: "诊断工作联系人",
                        name: "服务员\(firm.uscc.suffix(3))", position: "实体经济服务员", phone: "1370000" + firm.uscc.suffix(4),
                        email: "", updatedBy: "\(campaign.prefix)-team"))
            }
        }
    }
}
