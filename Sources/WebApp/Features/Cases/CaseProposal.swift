import Foundation
import PilotDomain
import PilotStore
import WorkflowEngine

/// The proposal form, checked: every field, the subject and who may propose it (an enterprise
/// itself; a provider or contractor its own work or an enterprise it serves through a linked
/// project it can see; a district official anything in its zone), the chain's SMEs, the catalogue
/// products, the linked projects and the measured results. Any problem is a field error and
/// nothing is written.
struct CaseProposal {
    var fields: [String: String]
    let services: AppServices
    let identity: Identity

    static let resultRows = 4
    static let maxMembers = 500
    static let maxProjects = 50
    static let maxProducts = 20
    static let maxText = 4000

    subscript(_ name: String) -> String { (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Who the proposer acts as: the district's rules, or an organisation's.
    enum Proposer { case district, enterprise(String), provider(String), nobody }

    var proposer: Proposer {
        let roles = Set(identity.actor.grants.map(\.role))
        if roles.contains(.districtOfficial) { return .district }
        guard let organisation = identity.account.organisationId else { return .nobody }
        if roles.contains(.digitalProvider) || roles.contains(.mainContractor) { return .provider(organisation) }
        if roles.contains(.enterprise) { return .enterprise(organisation) }
        return .nobody
    }

    /// A decimal figure as typed: an optional sign, up to 12 digits, up to 4 decimals.
    static func isFigure(_ text: String) -> Bool {
        text.wholeMatch(of: #/-?[0-9]{1,12}(\.[0-9]{1,4})?/#) != nil
    }

    /// The checked proposal, or every problem found.
    enum Checked {
        case proposal(CaseRecord)
        case problems([FieldError])
    }

    func check(id: String) async throws -> Checked {
        var errors: [FieldError] = []
        func fail(_ field: String, _ message: LocalizedText) { errors.append(FieldError(field: field, message: message)) }
        let store = services.store
        let programmeId = identity.programmeId
        let access = CaseAccess(identity: identity)
        let proposer = proposer
        if case .nobody = proposer { return .problems([FieldError(field: "kind", message: CaseText.noOrganisation)]) }

        let kind = CaseKind(rawValue: self["kind"])
        if kind == nil { fail("kind", CaseText.badKind) }
        let title = self["title"]
        if title.isEmpty || title.count > 200 { fail("title", CaseText.badTitle) }
        let problem = self["problem"]
        if problem.isEmpty || problem.count > Self.maxText { fail("problem", CaseText.badProblem) }
        let solution = self["solution"]
        if solution.isEmpty || solution.count > Self.maxText { fail("solution", CaseText.badSolution) }

        // The subject: a region for practices (and region typical cases), else an organisation.
        var subjectKind: CaseSubjectKind = .enterprise
        switch kind {
        case .practice: subjectKind = .region
        case .typical:
            if let chosen = CaseSubjectKind(rawValue: self["subject_kind"]) {
                subjectKind = chosen
            } else {
                fail("subject_kind", CaseText.badSubjectKind)
            }
        default: break
        }

        // Linked projects: each in the programme and visible to the proposer.
        var projects: [InstanceSnapshot] = []
        let projectIds = fields.keys.filter { $0.hasPrefix("project_") && fields[$0] == "on" }.map { String($0.dropFirst(8)) }
            .sorted()
        if projectIds.count > Self.maxProjects {
            fail("projects", CaseText.badProject)
        } else {
            for projectId in projectIds {
                guard let instance = try await store.instances.instance(projectId), instance.programmeId == programmeId,
                    instance.definitionId == "enterprise-project", services.authorizer.canView(identity.actor, instance)
                else {
                    fail("projects", CaseText.badProject)
                    break
                }
                projects.append(instance)
            }
        }

        var subjectOrganisation: Organisation?
        var divisionCode = ""
        var subjectName = ""
        let programme = try await store.programmes.programme(id: programmeId)
        let programmeDivision = programme?.division ?? ""
        if subjectKind == .region, kind != nil {
            let region = self["region"]
            let choices = Set(try await services.divisions(of: programmeId).map(\.code.value) + [programmeDivision])
            if region.isEmpty || !choices.contains(region) {
                fail("region", CaseText.badRegion)
            } else {
                guard case .district = proposer else {
                    return .problems(errors + [FieldError(field: "kind", message: CaseText.kindNotAllowed)])
                }
                if !access.districtCovers(region) { fail("region", CaseText.regionOutOfReach) }
                divisionCode = region
                subjectName =
                    DivisionCode(region).map { services.divisions.label($0, .zh) } ?? region
            }
        } else if kind != nil {
            let uscc = self["subject_uscc"].uppercased()
            let found = uscc.isEmpty ? nil : try await store.parties.organisation(uscc: uscc, programmeId: programmeId)
            let wanted =
                subjectKind == .provider
                ? [OrganisationKind.provider, OrganisationKind.contractor] : [OrganisationKind.enterprise]
            if let found, wanted.contains(found.kind) {
                subjectOrganisation = found
                subjectName = found.name
                divisionCode = found.divisionCode ?? programmeDivision
                switch proposer {
                case .district:
                    if !access.districtCovers(divisionCode) { fail("subject_uscc", CaseText.regionOutOfReach) }
                case .enterprise(let own):
                    if found.id != own { fail("subject_uscc", CaseText.notOwn) }
                case .provider(let own):
                    let serves = projects.contains { $0.subjectOrganisationId == found.id }
                    if found.id != own && !serves { fail("subject_uscc", CaseText.notServed) }
                case .nobody: break
                }
            } else if found != nil, subjectKind == .enterprise {
                fail("subject_uscc", CaseText.notEnterprise)
            } else if found != nil {
                fail("subject_uscc", CaseText.notProvider)
            } else {
                fail("subject_uscc", CaseText.badUSCC)
            }
        }

        // A chain: the SMEs the leader drives, each an enterprise of the programme, once.
        var members: [CaseMember] = []
        if kind == .chain {
            let lines = self["members"].split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
            if lines.isEmpty { fail("members", CaseText.needMembers) }
            if lines.count > Self.maxMembers {
                fail("members", CaseText.tooManyMembers)
            } else {
                for line in lines {
                    guard line.count <= 18,
                        let member = try await store.parties.organisation(uscc: line, programmeId: programmeId),
                        member.kind == OrganisationKind.enterprise
                    else {
                        fail("members", CaseText.badMember(String(line.prefix(20))))
                        break
                    }
                    if member.id == subjectOrganisation?.id {
                        fail("members", CaseText.leaderAsMember)
                        break
                    }
                    if !members.contains(where: { $0.organisationId == member.id }) {
                        members.append(CaseMember(organisationId: member.id, name: member.name))
                    }
                }
            }
        }

        // Catalogue products (optional).
        var products: [CaseMember] = []
        let productIds = fields.keys.filter { $0.hasPrefix("product_") && fields[$0] == "on" }.map { String($0.dropFirst(8)) }
            .sorted()
        if !productIds.isEmpty {
            let catalogue = Dictionary(
                uniqueKeysWithValues: try await store.providers.products(programmeId: programmeId).map { ($0.id, $0.name) })
            if productIds.count > Self.maxProducts { fail("products", CaseText.badProduct) }
            for productId in productIds.prefix(Self.maxProducts) {
                guard let name = catalogue[productId] else {
                    fail("products", CaseText.badProduct)
                    break
                }
                products.append(CaseMember(organisationId: productId, name: name))
            }
        }

        var investment: Int64?
        if !self["investment"].isEmpty {
            do throws(MoneyInputProblem) {
                investment = try Fen.parseYuan(self["investment"]).value
            } catch {
                fail("investment", error.message)
            }
        }

        var results: [CaseResult] = []
        for row in 1...Self.resultRows {
            let indicator = self["result_indicator_\(row)"]
            let unit = self["result_unit_\(row)"]
            let before = self["result_before_\(row)"]
            let after = self["result_after_\(row)"]
            if indicator.isEmpty && unit.isEmpty && before.isEmpty && after.isEmpty { continue }
            guard !indicator.isEmpty, indicator.count <= 100, unit.count <= 20, Self.isFigure(before), Self.isFigure(after)
            else {
                fail("result_\(row)", CaseText.badResult(row))
                continue
            }
            results.append(CaseResult(indicator: indicator, unit: unit, before: before, after: after))
        }

        guard errors.isEmpty, let kind else { return .problems(errors) }
        var content = CaseContent()
        content.problem = problem
        content.solution = solution
        content.products = products
        content.investmentFen = investment
        content.results = results
        content.members = members
        content.projects = projects.map(\.id)
        let organisationId: String? =
            switch proposer {
            case .enterprise(let own), .provider(let own): own
            default: identity.account.organisationId
            }
        return .proposal(
            CaseRecord(
                id: id, programmeId: programmeId, kind: kind, subjectKind: subjectKind,
                subjectOrganisationId: subjectOrganisation?.id, subjectName: subjectName, divisionCode: divisionCode,
                title: title, proposerUserId: identity.account.id, proposerName: identity.account.displayName,
                proposerOrganisationId: organisationId, content: content))
    }
}
