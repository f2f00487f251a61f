import Foundation
import Funds
import Logging
import PilotDomain
import PilotStore
import WorkflowEngine

/// Seeds the Binhai demo programme. Every project is moved by real commands through the engine
/// (history, outbox and timers as in production), never by writing rows, so the demo shows the
/// lifecycle as users will see it. Idempotent: does nothing when the programme exists.
public struct DemoSeeder: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    /// `campaigns`: also the three diagnosis campaigns (issue #14) — the served demo has them; most
    /// tests seed the Binhai pilot alone.
    public func seed(enterprises count: Int = 60, campaigns: Bool = true) async throws {
        let store = services.store
        if try await store.programmes.programme(code: DemoData.programmeCode) != nil {
            services.logger.info("demo programme already present; not seeding again")
            return
        }
        // The programme from its file, as `smepilot programme create` would make it.
        let (definition, source) = try ProgrammeFiles.load(ProgrammeFiles.shipped(ProgrammeFiles.binhai, services), services)
        let programme = try await store.programmes.createProgramme(from: definition, source: source, by: "setup")
        let subIndustries = Dictionary(
            uniqueKeysWithValues: try await store.programmes.subIndustries(programmeId: programme.id).map { ($0.code, $0) })

        // One bcrypt hash for every demo account: they share the documented demo password.
        let hash = try await services.passwords.hash(DemoData.password)
        var organisations: [String: String] = [:]
        var actors: [String: Actor] = [:]
        for person in DemoData.people {
            if organisations[person.organisation] == nil {
                let kind = person.organisation.split(separator: "-").first.map(String.init) ?? person.organisation
                let isProvider = kind == OrganisationKind.provider
                // The provider joins the pool as admission makes a member (with its standing row).
                let organisation =
                    isProvider
                    ? try await store.providers.addProvider(
                        programmeId: programme.id, name: DemoData.providerName,
                        uscc: try USCC(validating: DemoData.providerUSCC), categories: ["solutions", "consulting", "operations"])
                    : try await store.parties.addOrganisation(
                        programmeId: programme.id, kind: kind,
                        name: DemoData.organisationNames[person.organisation]
                            ?? person.name.components(separatedBy: "（").last?.dropLast().description ?? person.name,
                        uscc: try DemoData.contractorUSCC[person.organisation].map { try USCC(validating: $0) },
                        subIndustryId: nil, divisionCode: nil)
                organisations[person.organisation] = organisation.id
                if isProvider { try await seedCatalogue(programmeId: programme.id, provider: organisation.id) }
            }
            let scope: Scope? =
                switch person.scope {
                case .programme: .programme(programme.id)
                case .subIndustry(let code): .subIndustry(subIndustries[code]!.id)
                case .division(let code): .division(code)
                case .ownOrganisation: .organisation(organisations[person.organisation]!)
                case .ownPanels: nil
                }
            var account = try await store.accounts.createUser(
                programmeId: programme.id, username: person.username, displayName: person.name, passwordHash: hash,
                organisationId: organisations[person.organisation],
                grants: scope.map { [RoleGrant(role: person.role, scope: $0)] } ?? [])
            if scope == nil {
                let grant = RoleGrant(role: person.role, scope: .user(account.id))
                try await store.accounts.addGrant(userId: account.id, grant)
                account.grants = [grant]
            }
            actors[person.username] = account.actor
            // Each main contractor is a pool member chosen on merit in its own round (004 §四(五)), with
            // its application, score and signed contracting task book.
            if case .subIndustry(let code) = person.scope, person.role == .mainContractor, let district = actors["district"] {
                try await seedSelectedContractor(
                    programmeId: programme.id, subIndustry: subIndustries[code]!,
                    organisationId: organisations[person.organisation]!,
                    contractor: account.actor, district: district)
            }
        }
        let expertIds = ["expert", "expert2"].compactMap { actors[$0]?.userId }.joined(separator: ",")

        // Plans are filed into the bureau's application windows (issue #15): open them first.
        try await seedWindows(programmeId: programme.id, district: actors["district"])
        let journeys = DemoJourney.plan(count: count)
        for (index, journey) in journeys.enumerated() {
            let code = DemoData.subIndustries[index % DemoData.subIndustries.count]
            let zone = DemoData.zones[index % DemoData.zones.count]
            let business = DemoData.businesses[code]![index / DemoData.subIndustries.count % 4]
            let name = "天津" + DemoData.stems[index % DemoData.stems.count] + business + "有限公司"
            let uscc = USCC.withCheckCharacter(String(format: "91120116MA%07d", 1_000_000 + index))!
            let enterprise = try await store.parties.addOrganisation(
                programmeId: programme.id, kind: "enterprise", name: name, uscc: try USCC(validating: uscc),
                subIndustryId: subIndustries[code]!.id, divisionCode: zone)
            let login = "ent\(String(format: "%02d", index + 1))"
            let account = try await store.accounts.createUser(
                programmeId: programme.id, username: login, displayName: name + " 联系人", passwordHash: hash,
                organisationId: enterprise.id,
                grants: [RoleGrant(role: .enterprise, scope: .organisation(enterprise.id))])
            var cast = actors
            cast["enterprise"] = account.actor
            cast["contractor"] =
                actors[DemoData.people.first { if case .subIndustry(code) = $0.scope { true } else { false } }!.username]
            cast["system"] = .system(programmeId: programme.id)
            cast["public"] = .publicMember(programmeId: programme.id)
            let instance = try await services.workflows.start(
                definitionId: "enterprise-project", programmeId: programme.id, subjectOrganisationId: enterprise.id,
                subIndustryId: subIndustries[code]!.id, divisionCode: zone,
                data: ["enterprise_name": .string(name), "uscc": .string(uscc), "baseline_level": .int(Int64(1 + index % 2))],
                event: "enterprise_registered", actor: actors["district"]!)
            try await drive(instance.id, through: journey, cast: cast, seed: index, experts: expertIds)
        }
        // Every account made here holds the published demo password: a server started without
        // `--demo` refuses to run while any of them is active.
        try await seedAdmissions(programmeId: programme.id, actors: actors, hash: hash)
        if campaigns { try await seedCampaigns(hash: hash, admin: actors["admin"], leader: actors["leader"]) }
        try await store.accounts.markDemoPasswords(hash: hash)
        try await seedPool(programmeId: programme.id, district: actors["district"])
        if let district = actors["district"], let bio = subIndustries["BIOM"] {
            try await seedOpenRound(programmeId: programme.id, subIndustry: bio, district: district)
        }
        try await seedCentres(programmeId: programme.id, actors: actors)
        try await seedProgrammeWork(programmeId: programme.id, actors: actors)
        try await seedCases(programmeId: programme.id, actors: actors)
        try await seedPoliciesAndHall(programmeId: programme.id, actors: actors)
        try await seedContracts(programmeId: programme.id, actors: actors)
        try await seedFunds(programmeId: programme.id, actors: actors)
        try await seedTargets(programmeId: programme.id, leader: actors["leader"])
        services.logger.info("demo programme seeded", metadata: ["enterprises": "\(count)"])
    }

    /// Money in the demo: receipts into every source, most due tranches paid by a release that
    /// one officer prepared and another approved (each recorded on its project), one release
    /// left waiting for approval, and the projects whose tranches are all paid closed.
    func seedFunds(programmeId: String, actors: [String: Actor]) async throws {
        guard let finance = actors["finance"], let finance2 = actors["finance2"] else { return }
        let funds = FundsService(services: services)
        try await funds.settled(programmeId)
        let now = services.store.clock.now()
        for (source, yuan) in DemoData.receipts {
            _ = try await funds.change(programmeId, "receive", source, by: finance) { book throws(FundsRefusal) in
                try book.receive(source: source, amount: .yuan(yuan), at: now)
            }
        }
        // Acceptance tranches first, so the accepted projects can be closed; the queue left for the
        // workspace holds task-book tranches. Ordered by id within each, so the demo is repeatable.
        // Every tranche of a project in final settlement first, so those projects are closed whatever
        // their random ids (tests rely on finished projects being there).
        let settling = Set(
            try await services.store.instances.instances(programmeId: programmeId, state: "final_settlement").map(\.id))
        func rank(_ tranche: Tranche) -> Int {
            settling.contains(tranche.projectId) ? 0 : tranche.milestone == .accepted ? 1 : 2
        }
        let due = try await funds.book(programmeId).projects.values.filter { $0.hold == .notHeld }.flatMap(\.tranches)
            .filter { $0.status == .due }
            .sorted { (rank($0), $0.id) < (rank($1), $1.id) }.map(\.id)
        // Most paid; two waiting for a second officer; six left in the queue of due tranches — and
        // one accepted project's acceptance tranche left due after its first was paid, so a
        // recovery can be offset against it on `/finance/changes` (issue 17).
        var paidNow = Array(due.dropLast(8))
        let waiting = Array(due.suffix(8).prefix(2))
        let firstPaid = Set(paidNow.filter { $0.number == 1 }.map(\.project))
        let later = paidNow.filter { $0.number > 1 && firstPaid.contains($0.project) }
        if let offsetable = later.first(where: { !settling.contains($0.project) }) ?? later.first {
            paidNow.removeAll { $0 == offsetable }
        }
        for batch in [paidNow, waiting] where !batch.isEmpty {
            _ = try await funds.change(programmeId, "prepare_release", "demo", by: finance) { book throws(FundsRefusal) in
                try book.prepareRelease(batch, preparer: funds.officer(finance), at: now)
            }
        }
        _ = try await funds.change(programmeId, "approve_release", "#1", by: finance2) { book throws(FundsRefusal) in
            try book.approveRelease(1, approver: funds.officer(finance2), at: now)
        }
        let book = try await funds.book(programmeId)
        for project in book.projects.values where !project.tranches.isEmpty && project.tranches.allSatisfy(\.isPaid) {
            guard let instance = try await services.store.instances.instance(project.id), instance.state == "final_settlement"
            else {
                continue
            }
            let paid = project.tranches.reduce(Fen.zero) { $0 + $1.amount }
            _ = try await ProjectCommands(services: services).execute(
                Command(
                    instanceId: project.id, transitionId: "close_project",
                    input: [
                        "subsidy_paid_total": .string(paid.plainYuanText),
                        "closed_on": .string(Shanghai.dateText(now)),
                    ]), actor: finance)
        }
        try await seedMoneyChanges(programmeId: programmeId, finance: finance, now: now)
    }

    /// The demo provider's categories and 小快轻准 catalogue.
    func seedCatalogue(programmeId: String, provider: String) async throws {
        try await services.store.parties.setOrganisationProfile(
            provider, ["categories": .array(["solutions", "consulting", "operations"].map { .string($0) })])
        for (name, yuan, scenarios, text) in DemoData.products {
            _ = try await services.store.providers.addProduct(
                programmeId: programmeId, organisationId: provider, name: name, price: .yuan(yuan), scenarios: scenarios,
                description: text)
        }
    }

    func drive(_ instanceId: String, through steps: [DemoStep], cast: [String: Actor], seed: Int, experts: String) async throws {
        guard let instance = try await services.store.instances.instance(instanceId),
            let definition = services.catalog.definition(instance.definitionId, version: instance.definitionVersion)
        else { return }
        for step in steps {
            guard let transition = definition.transition(step.transition), let actor = cast[step.actor] else {
                throw DemoError(description: "demo step \(step.transition) by \(step.actor) is not in the workflow")
            }
            let overrides = step.input.mapValues { $0 == .string(DemoStep.experts) ? .string(experts) : $0 }
            try await prepareRecords(before: step.transition, instanceId: instanceId, cast: cast, seed: seed)
            let input = DemoInput.values(for: transition, seed: seed, overrides: overrides)
            let outcome = try await ProjectCommands(services: services).execute(
                Command(instanceId: instanceId, transitionId: transition.id, input: input), actor: actor)
            guard case .applied = outcome else {
                throw DemoError(description: "demo step \(step.transition) by \(step.actor) was refused: \(outcome)")
            }
        }
        // A task book signed by all three waits for its filing: its records are ready for it.
        if steps.last?.transition == "sign_task_book" {
            try await prepareRecords(before: "file_task_book", instanceId: instanceId, cast: cast, seed: seed)
        }
    }
}

struct DemoError: Error, CustomStringConvertible {
    var description: String
}
