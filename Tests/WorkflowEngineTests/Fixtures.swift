import Foundation
import PilotDomain
import WorkflowEngine

/// Test data shared by the engine tests.
enum Fixtures {
    static func text(_ path: String) throws -> String {
        let url = try fixtureURL(path)
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func url(_ path: String) -> URL? {
        Bundle.module.url(forResource: "Fixtures/" + path, withExtension: nil)
    }

    static var small: WorkflowDefinition {
        get throws {
            let (definition, problems) = WorkflowCatalog.check(try text("valid/small.yaml"), file: "small.yaml")
            guard let definition, problems.isEmpty else { throw FixtureError(description: "\(problems)") }
            return definition
        }
    }

    static let programme = "prg_1"
    static let subIndustry = "sub_a"
    static let start = Date(timeIntervalSince1970: 1_717_200_000)  // 2024-06-01 08:00 Shanghai

    static func instance(
        state: String, version: Int = 1, data: [String: JSONValue] = [:], participants: [String: [Participant]] = [:]
    )
        -> InstanceSnapshot
    {
        InstanceSnapshot(
            id: "prj_1", programmeId: programme, definitionId: "small-plan", definitionVersion: 1, state: state, version: version,
            data: data, subjectOrganisationId: "org_enterprise", subIndustryId: subIndustry, divisionCode: "zone_teda",
            participants: participants, lastHash: "", eventSequence: 0, stateEnteredAt: start, createdAt: start)
    }

    static func actor(_ id: String, _ role: Role, scope: Scope, organisation: String? = nil, principal: String? = nil) -> Actor {
        Actor(
            userId: id, displayName: id, organisationId: organisation, grants: [RoleGrant(role: role, scope: scope)],
            principalUserId: principal)
    }

    static let contractor = actor(
        "u_contractor", .mainContractor, scope: .subIndustry(subIndustry), organisation: "org_contractor")
    static let district = actor("u_district", .districtOfficial, scope: .programme(programme), organisation: "org_bureau")

    static let validPlan: [String: JSONValue] = [
        "summary": .string("上云改造"), "total_cost": .string("1,000,000.00"), "requested_subsidy": .string("300000"),
        "start_date": .string("2024-07-01"), "end_date": .string("2024-12-31"), "priority": .string("high"),
        "target_level": .int(3), "on_cloud": .string("on"),
    ]
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
}

func fixtureURL(_ path: String) throws -> URL {
    guard let url = Fixtures.url(path) else { throw FixtureError(description: "missing fixture \(path)") }
    return url
}
