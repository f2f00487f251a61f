import Foundation
import PilotDomain
import PilotStore
import Programmes
import WorkflowEngine

/// The workflows tests drive: the shipped ones from `Workflows/` and the small fixture.
public enum TestWorkflows {
    /// The repository root, found from this file's path.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    public static var shippedDirectory: String { repositoryRoot.appendingPathComponent("Workflows").path }

    /// The shipped division tree (`Workflows/divisions/cn.csv`).
    public static func divisions() throws -> DivisionTree {
        try DivisionFile.load(path: shippedDirectory + "/" + DivisionFile.relativePath)
    }

    public static func shipped() throws -> WorkflowCatalog {
        try WorkflowCatalog.load(directory: shippedDirectory)
    }

    /// `Tests/WorkflowEngineTests/Fixtures/valid/small.yaml`: every feature of the format once.
    public static func small() throws -> WorkflowDefinition {
        let path = repositoryRoot.appendingPathComponent("Tests/WorkflowEngineTests/Fixtures/valid/small.yaml").path
        let (definition, problems) = WorkflowCatalog.check(try String(contentsOfFile: path, encoding: .utf8), file: path)
        guard let definition, problems.isEmpty else { throw ThrowawayPostgres.Failure(description: "\(problems)") }
        return definition
    }
}

/// A programme with one sub-industry, one zone (a division node) and the people the small workflow needs.
public struct TestProgramme: Sendable {
    public var programme: Programme
    public var subIndustry: SubIndustry
    public var otherSubIndustry: SubIndustry
    /// The enterprise's division node (天津经济技术开发区).
    public var zone: String
    public var enterprise: Organisation
    public var contractor: Actor
    public var otherContractor: Actor
    public var district: Actor
    public var enterpriseUser: Actor
    public var provider: Actor

    public static func make(
        in store: PilotStore, rules: [String: JSONValue] = ["publicity_days": 7]
    ) async throws -> TestProgramme {
        let programme = try await store.programmes.createProgramme(
            code: "TEST-\(UUID().uuidString.prefix(6))", name: LocalizedText(zh: "测试试点", en: "Test pilot"), division: "120116",
            rules: rules)
        let subIndustry = try await store.programmes.addSubIndustry(
            programmeId: programme.id, code: "A",
            name: LocalizedText(zh: "智能测控装备制造业", en: "Smart measuring and control equipment"))
        let other = try await store.programmes.addSubIndustry(
            programmeId: programme.id, code: "B", name: LocalizedText(zh: "海洋工程装备制造业", en: "Offshore engineering equipment"))
        let zone = "120116400"
        let enterprise = try await store.parties.addOrganisation(
            programmeId: programme.id, kind: "enterprise", name: "天津测试精密仪器有限公司", uscc: nil, subIndustryId: subIndustry.id,
            divisionCode: zone)
        func actor(_ name: String, _ role: Role, _ scope: Scope, organisation: String) -> Actor {
            Actor(
                userId: "u_\(name)", displayName: name, organisationId: organisation,
                grants: [RoleGrant(role: role, scope: scope)])
        }
        return TestProgramme(
            programme: programme, subIndustry: subIndustry, otherSubIndustry: other, zone: zone, enterprise: enterprise,
            contractor: actor("contractor", .mainContractor, .subIndustry(subIndustry.id), organisation: "org_contractor"),
            otherContractor: actor("contractor_b", .mainContractor, .subIndustry(other.id), organisation: "org_contractor_b"),
            district: actor("district", .districtOfficial, .programme(programme.id), organisation: "org_bureau"),
            enterpriseUser: actor("enterprise", .enterprise, .organisation(enterprise.id), organisation: enterprise.id),
            provider: actor("provider", .digitalProvider, .programme(programme.id), organisation: "org_provider"))
    }

    /// A valid plan for the small workflow's `submit_plan`.
    public static let validPlan: [String: JSONValue] = [
        "summary": .string("产线数据采集与上云"), "total_cost": .string("800000"), "requested_subsidy": .string("240000.50"),
        "start_date": .string("2024-07-01"), "end_date": .string("2024-12-31"), "priority": .string("normal"),
        "target_level": .int(3),
    ]
}
