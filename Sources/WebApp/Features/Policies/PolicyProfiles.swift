import Diagnosis
import PilotDomain
import PilotStore

/// An enterprise's profile for matching, from what we hold: its organisation (sub-industry, area;
/// size and the 专精特新 / 规上 / 高新技术 flags of its profile, as registration and the import
/// keep them) and its project (the latest level: on-site assessed, else at diagnosis, else the
/// one given at registration; the flags the project was registered with).
struct PolicyProfiles {
    let store: PilotStore

    /// The profile of an enterprise of the programme (nil: no such enterprise there).
    func profile(organisationId: String, programmeId: String) async throws -> EnterpriseProfile? {
        guard let organisation = try await store.parties.organisation(organisationId, programmeId: programmeId),
            organisation.kind == "enterprise"
        else { return nil }
        let profile = try await store.parties.organisationProfile(organisationId)
        let project = try await store.hall.project(organisationId: organisationId, programmeId: programmeId)
        let data = project?.data ?? [:]
        let facts = ProjectFacts(data: data)
        let level = facts.assessedLevel ?? facts.baselineLevel ?? Self.level(profile["baseline_level"])
        let size = (profile["size"]?.stringValue ?? data["enterprise_size"]?.stringValue).flatMap(EnterpriseSize.init(text:))
        var flags: Set<EnterpriseFlag> = []
        for flag in EnterpriseFlag.allCases
        where profile[flag.rawValue]?.boolValue == true || data[flag.rawValue]?.boolValue == true {
            flags.insert(flag)
        }
        return EnterpriseProfile(
            subIndustryId: organisation.subIndustryId ?? project?.subIndustryId, divisionCode: organisation.divisionCode,
            level: level, size: size, flags: flags)
    }

    /// A level kept as a number, or as text by older imports.
    static func level(_ value: JSONValue?) -> Int? {
        guard let value else { return nil }
        if let number = value.intValue { return Int(number) }
        return value.stringValue.flatMap { Int($0) }
    }
}
