import Diagnosis
import Foundation
import PilotDomain
import PilotStore
import Programmes

extension DemoSeeder {
    /// The three diagnosis campaigns (issue #14), each from its shipped file: a roster of hundreds of
    /// above-scale firms in several units, answered questionnaires across the grades (scored by the
    /// real scoring and submitted through the store, as a firm's submission is), drafts being filled,
    /// the officials of each level, and the demo firms and providers people sign in as.
    func seedCampaigns(hash: String, admin: Actor?, leader: Actor?) async throws {
        for campaign in DemoCampaign.all {
            try await seed(campaign, hash: hash, admin: admin, leader: leader)
        }
    }

    func seed(_ campaign: DemoCampaign, hash: String, admin: Actor?, leader: Actor?) async throws {
        let store = services.store
        let (definition, source) = try ProgrammeFiles.load(ProgrammeFiles.shipped(campaign.file, services), services)
        guard let settings = definition.diagnosis else { return }
        let programme = try await store.programmes.createProgramme(from: definition, source: source, by: "setup")
        let setup = ChangeActor(userId: "setup", name: "演示数据")

        var dice = DemoCampaign.Dice(state: UInt64(campaign.prefix.unicodeScalars.reduce(0) { $0 * 131 + Int($1.value) }))
        let weights = campaign.units.reduce(0) { $0 + $1.weight }
        var firms: [DiagnosisFirm] = []
        for index in 0..<campaign.firms {
            // Each unit gets firms in proportion to its weight.
            var pick = index * weights / campaign.firms
            let unit =
                campaign.units.first {
                    pick -= $0.weight; return pick < 0
                }?.code ?? campaign.units[0].code
            let group = settings.industryGroups[dice.below(settings.industryGroups.count)]
            let roll = dice.below(10)
            let size: EnterpriseSize = roll == 0 ? .large : roll < 4 ? .medium : roll < 9 ? .small : .micro
            let county = String(unit.prefix(6))
            let uscc = USCC.withCheckCharacter("91\(county)MA\(String(format: "%07d", 3_000_000 + index))")!
            let stem = DemoData.stems[index % DemoData.stems.count]
            let business = DemoCampaign.businesses[(index / DemoData.stems.count) % DemoCampaign.businesses.count]
            firms.append(
                DiagnosisFirm(
                    programmeId: programme.id, uscc: uscc,
                    name: "\(campaign.place)\(stem)\(business)\(index / 160 == 0 ? "" : "第\(index / 160 + 1)")有限公司",
                    divisionCode: unit, industryGroup: group.id, size: size, aboveScale: true, groupUSCC: nil,
                    contactName: "联系人\(index + 1)", contactPhone: String(format: "1390000%04d", index)))
        }
        // Shanghai's group headquarters (企业集团 as a unit): the group's own firm and five members.
        if campaign.prefix == "sh" {
            firms[0].name = "上海华申装备集团有限公司"
            firms[0].industryGroup = "group_hq"
            firms[0].size = .large
            for member in 1...5 { firms[member * 7].groupUSCC = firms[0].uscc }
        }
        _ = try await store.diagnoses.importFirms(firms)

        // The people: officials at their nodes; the campaign's admin and leadership from the Binhai demo.
        for person in campaign.people {
            _ = try await store.accounts.createUser(
                programmeId: programme.id, username: person.username, displayName: person.name, passwordHash: hash,
                organisationId: nil, grants: person.division.map { [RoleGrant(role: person.role, scope: .division($0))] } ?? [])
        }
        if let admin {
            try await store.accounts.addGrant(
                userId: admin.userId, RoleGrant(role: .admin, scope: .programme(programme.id)), programmeId: programme.id)
        }
        if let leader {
            try await store.accounts.addGrant(
                userId: leader.userId, RoleGrant(role: .leadership, scope: .programme(programme.id)), programmeId: programme.id)
        }
        // A diagnosis provider of the pool, to be assigned on-site visits.
        let provider = try await store.providers.addProvider(
            programmeId: programme.id, name: "\(campaign.place)数智诊断咨询有限公司",
            uscc: try USCC(validating: USCC.withCheckCharacter("91\(definition.division.value)MA0000D01")!),
            categories: ["consulting", "solutions"])
        // Its 小快轻准 products: what the reports recommend against the firms' shortfalls.
        try await seedCatalogue(programmeId: programme.id, provider: provider.id)
        _ = try await store.accounts.createUser(
            programmeId: programme.id, username: "\(campaign.prefix)-provider", displayName: "\(campaign.place)数智诊断咨询（诊断服务商）",
            passwordHash: hash, organisationId: provider.id,
            grants: [RoleGrant(role: .digitalProvider, scope: .organisation(provider.id))])

        // Answered questionnaires: a latent maturity per firm spread over the grades.
        let diagnosed = campaign.firms * campaign.diagnosedPerMille / 1000
        let filling = campaign.firms * campaign.fillingPerMille / 1000
        for (index, firm) in firms.enumerated() {
            // Demo firms 1 and 2 are signed in as; the first diagnosed (twice in Tianjin), the second not started.
            let isSecondDemoFirm = index == 2
            let slot = (index * 7919) % campaign.firms
            guard !isSecondDemoFirm, index <= 1 || slot < diagnosed + filling else { continue }
            guard let group = settings.group(firm.industryGroup),
                let questionnaire = services.diagnosis.latest(group.questionnaire)
            else { continue }
            let modules =
                campaign.prefix == "sh" && dice.below(3) == 0
                ? settings.modules.compactMap { services.diagnosis.latest($0) } : []
            let rounds = campaign.prefix == "tj" && index == 1 ? 2 : 1
            let maturity = 8 + dice.below(70) + (firm.size == .large ? 15 : 0)
            for round in 0..<rounds {
                let record = try await store.diagnoses.startDiagnosis(
                    id: store.ids.make("dx"), firm: firm, questionnaire: questionnaire.key, modules: modules.map(\.key),
                    by: setup)
                let level = min(100, maturity + round * 25)
                var answered = AnsweredDiagnosis(
                    base: DemoCampaign.answers(questionnaire, size: firm.size, maturity: level, dice: &dice),
                    modules: modules.map { DemoCampaign.answers($0, size: firm.size, maturity: level, dice: &dice) })
                if index > 1, slot >= diagnosed {
                    // Still filling in: half the answers saved.
                    answered.base.answers = answered.base.answers.filter { _ in dice.below(2) == 0 }
                    _ = try await store.diagnoses.saveDraft(
                        id: record.id, programmeId: programme.id, answers: answered, expectedVersion: record.version)
                    continue
                }
                let scored = try answered.score(in: services.diagnosis)
                let offline: String? =
                    settings.offline.sendsOffline(grade: scored.base.grade)
                    ? "rule"
                    : settings.offline.firmMayRequest && dice.below(6) == 0 ? "request" : nil
                _ = try await store.diagnoses.submit(
                    id: record.id, programmeId: programme.id, answers: answered, scored: scored,
                    expectedVersion: record.version, offlineReason: offline, by: setup)
            }
        }
        let year = Int(definition.diagnosis?.milestones.first?.date.prefix(4) ?? "") ?? 2026
        try await seedCampaignWork(
            campaign, programmeId: programme.id, definition: definition, firms: firms, providerId: provider.id, year: year)
        // The demo firms registered: the first two of the roster, and Shanghai's group headquarters.
        let logins: [(Int, String)] =
            campaign.prefix == "sh"
            ? [(1, "sh-firm01"), (2, "sh-firm02"), (0, "sh-group")]
            : [(1, "\(campaign.prefix)-firm01"), (2, "\(campaign.prefix)-firm02")]
        for (index, username) in logins {
            let firm = firms[index]
            let organisation = try await store.parties.addOrganisation(
                programmeId: programme.id, kind: "enterprise", name: firm.name, uscc: try USCC(validating: firm.uscc),
                subIndustryId: nil, divisionCode: firm.divisionCode)
            _ = try await store.diagnoses.link(programmeId: programme.id, uscc: firm.uscc, organisationId: organisation.id)
            _ = try await store.accounts.createUser(
                programmeId: programme.id, username: username, displayName: firm.name + " " + firm.contactName,
                passwordHash: hash, organisationId: organisation.id,
                grants: [RoleGrant(role: .enterprise, scope: .organisation(organisation.id))])
        }
    }
}
