import PilotDomain
import WorkflowEngine

/// The one access policy of the web UI and the API (issue #12, design.md §9): for each feature
/// action, the roles that may take it and where their grant must sit. Route groups enforce it
/// (`RequireAccess`), the API handlers ask `require` first, the navigation shows a link exactly when
/// `allows` says yes, and `AccessPolicyTests` checks it against a table written from domain.md §1.
///
/// Commands on projects are not here: the workflow engine decides those, and `Authorizer` decides
/// which projects a person may see.
enum AccessPolicy {
    /// Every role a person can hold (not the public, not the timer's system actor).
    static let everyParty: Set<Role> = Set(Role.allCases).subtracting([.publicMember, .system])

    /// The table. Changing a row changes the page, the API operation, the navigation link and,
    /// unless the expected table in the tests changes with it, fails the tests.
    static func rule(for action: FeatureAction) -> AccessRule {
        switch action {
        case .tasksRead, .projectsList, .levelsEvaluate, .providersRead, .accountChangePassword, .accountSwitchProgramme,
            .notificationsRead, .delegationsManage:
            .signedIn
        // A provider publishes for itself, the admitters for any provider: the handler narrows it.
        case .providersPublishProduct: .signedIn
        case .workflowsRead: AccessRule(roles: everyParty, scope: .anyGrant)
        case .attachmentsUpload:
            AccessRule(
                roles: [.mainContractor, .digitalProvider, .enterprise, .districtOfficial, .managementProvider], scope: .project)
        case .publicityRead, .publicityObject, .enterprisesSelfRegister, .providersRemovalNotice,
            .catalogueRead, .providersComplainPublic, .providersGrades, .centresRegister:
            .anyone
        // Objectors may fear reprisals; reviews are the experts' own: the bureau of the project only.
        case .projectsReadConfidential: AccessRule(roles: [.districtOfficial, .admin, .leadership], scope: .project)

        // Finance officers act; leadership, the district bureau and the administrator read.
        case .financeRead: .programme([.financeOfficer, .leadership, .districtOfficial, .admin])
        case .financePrepareRelease, .financeApproveRelease, .financeRecordReceipt: .programme([.financeOfficer])
        // Money after the award: finance drafts and corrects, the district decides amendments (and
        // records the three parties' signatures on the amended task book); both keep the reports.
        case .amendmentsPropose, .financeCorrect: .programme([.financeOfficer])
        case .amendmentsDecide: .programme([.districtOfficial])
        case .reportsManage: .programme([.financeOfficer, .districtOfficial])
        // The enterprise reports on its own project (its organisation's scope covers the project).
        case .reportsSubmit: AccessRule(roles: [.enterprise], scope: .project)

        case .providersAdmit: .programme([.districtOfficial, .platformOperator, .admin])
        // The bureau runs the pool's supervision (002 第三条: 市工信局动态管理, 区工信局协助监督).
        case .providersGovern: .programme([.districtOfficial, .admin])
        // 第八条(4): 被企业或其他服务商投诉 — the enterprises and the providers (contractors too).
        case .providersComplain: AccessRule(roles: [.enterprise, .digitalProvider, .mainContractor], scope: .anyGrant)
        // 第六条: the city bureau opens the call; providers apply to their district; the district
        // reviews first and prints its papers; lists and papers are cut to the person's scope.
        case .admissionCalls, .admissionPublicity, .admissionObject: .anyone
        case .admissionOpenCall: .programme([.districtOfficial, .admin])
        case .admissionApply: AccessRule(roles: [.digitalProvider, .mainContractor], scope: .anyGrant)
        case .admissionList:
            AccessRule(
                roles: [.districtOfficial, .admin, .leadership, .digitalProvider, .mainContractor, .expertReviewer],
                scope: .anyGrant)
        case .admissionDistrictPapers: AccessRule(roles: [.districtOfficial, .admin], scope: .anyGrant)
        case .contractorsRead: .programme([.districtOfficial, .admin, .leadership, .managementProvider])
        case .contractorsAssign: .programme([.districtOfficial, .admin])
        // 004 §四(五): pool members apply (通过自主申报); the handler checks the applicant's standing.
        case .contractorsApply: AccessRule(roles: [.digitalProvider, .mainContractor], scope: .anyGrant)
        case .selectionsRead: .programme([.leadership, .districtOfficial, .admin, .managementProvider])
        case .selectionsDecide: .programme([.leadership, .districtOfficial, .admin])

        // Promotion centres (002 第十三条): the lead organisation files and self-assesses (a provider or
        // contractor, for its own organisation); the district whose grant covers the centre's division
        // screens it (a division grant counts: the handler narrows to the centre); the city bureau,
        // programme-wide, decides the list. Each reads what it reaches (the handler cuts the list).
        case .centresRead:
            AccessRule(
                roles: [.districtOfficial, .leadership, .admin, .digitalProvider, .mainContractor], scope: .anyGrant)
        case .centresApply, .centresSelfAssess: AccessRule(roles: [.digitalProvider, .mainContractor], scope: .anyGrant)
        case .centresScreen: AccessRule(roles: [.districtOfficial], scope: .anyGrant)
        case .centresDecide: .programme([.districtOfficial])

        // Diagnosis campaigns (issue #14): a roster firm registers itself and fills its own
        // questionnaire; the units above it (a grant at their division node: the handler narrows to
        // the node's subtree), the Guangxi service teams and the campaign's leadership supervise;
        // pool providers file the on-site reports they were assigned.
        case .diagnosisRegister: .anyone
        case .diagnosisFill: AccessRule(roles: [.enterprise], scope: .anyGrant)
        case .diagnosisRead:
            AccessRule(
                roles: [.enterprise, .districtOfficial, .serviceTeam, .leadership, .admin, .digitalProvider], scope: .anyGrant)
        case .diagnosisSupervise, .diagnosisRemind:
            AccessRule(roles: [.districtOfficial, .serviceTeam, .leadership, .admin], scope: .anyGrant)
        case .diagnosisImportRoster, .diagnosisSetQuotas, .diagnosisAssignOffline:
            AccessRule(roles: [.districtOfficial, .admin], scope: .anyGrant)
        case .diagnosisLiaison: AccessRule(roles: [.districtOfficial, .serviceTeam, .admin], scope: .anyGrant)
        case .diagnosisFileOnSite: AccessRule(roles: [.digitalProvider], scope: .anyGrant)

        // The Binhai pilot around its projects (issue #15). Training (004 §六(二)): every party reads
        // the sessions; the bureau, the management provider (支持综合管理服务商组织主承包服务商开展人才培训),
        // the platform, main contractors and providers hold sessions for their own organisation (the
        // handler narrows attendance to the organiser and the programme-wide bureau); enterprises
        // register their people. Mobilisation (004 §四(七)): the zone task forces, the bureau (a division
        // grant reaches its subtree) and the leadership read; task forces and the bureau visit and import
        // within their reach. The phases and dossiers (§五, §四(九)(十)): the steering roles read; the
        // bureau and the management provider (which drafts the mid-term evaluation, §四(九)) write.
        case .trainingRead: AccessRule(roles: everyParty, scope: .anyGrant)
        case .trainingManage:
            AccessRule(
                roles: [.districtOfficial, .admin, .managementProvider, .platformOperator, .mainContractor, .digitalProvider],
                scope: .anyGrant)
        case .trainingRegister: AccessRule(roles: [.enterprise], scope: .anyGrant)
        case .mobilisationRead: AccessRule(roles: [.zoneTaskForce, .districtOfficial, .leadership, .admin], scope: .anyGrant)
        case .mobilisationVisit, .mobilisationImport:
            AccessRule(roles: [.zoneTaskForce, .districtOfficial, .admin], scope: .anyGrant)
        case .programmeRead: .programme([.leadership, .districtOfficial, .managementProvider, .admin])
        case .programmeDossierEdit: .programme([.districtOfficial, .managementProvider, .admin])
        // The case register (004 §三, §四(九)(十)): proposers act for themselves (the handler checks the
        // subject: an enterprise itself, a provider its own work or an enterprise it serves, a district
        // its zone); the district whose grant covers the case reviews it; leadership or the office
        // (the administrator) selects — never the proposer — and publishes. Lists are cut to one's reach.
        case .casesRead:
            AccessRule(
                roles: [
                    .leadership, .districtOfficial, .admin, .managementProvider, .enterprise, .digitalProvider, .mainContractor,
                ], scope: .anyGrant)
        case .casesPropose:
            AccessRule(roles: [.enterprise, .digitalProvider, .mainContractor, .districtOfficial], scope: .anyGrant)
        case .casesReview: AccessRule(roles: [.districtOfficial], scope: .anyGrant)
        case .casesDecide: .programme([.leadership, .admin])
        case .casesPublic: .anyone
        // Policies (004 §四(八)): the pilot's office publishes — the leadership, the district bureau, the
        // administrator and the platform operator who runs the platform for them; everyone reads.
        case .policiesRead, .hallRead: .anyone
        case .policiesPublish: .programme([.leadership, .districtOfficial, .platformOperator, .admin])
        // The hall (004 §四(三)): enterprises post needs (their own); pool providers and contractors answer.
        case .hallPost: AccessRule(roles: [.enterprise], scope: .anyGrant)
        case .hallAnswer: AccessRule(roles: [.digitalProvider, .mainContractor], scope: .anyGrant)
        // Contracts and project records (issue #15): the parties of a project register its contracts
        // (the enterprise and the main contractor of its sub-industry); the named provider reads its
        // own; oversight and finance read within their scope (the handlers narrow to the project).
        case .contractsRead:
            AccessRule(
                roles: [
                    .enterprise, .mainContractor, .digitalProvider, .districtOfficial, .leadership, .financeOfficer, .admin,
                ], scope: .anyGrant)
        case .contractsEdit: AccessRule(roles: [.enterprise, .mainContractor], scope: .anyGrant)
        case .recordsUpload:
            AccessRule(roles: [.enterprise, .mainContractor, .digitalProvider, .districtOfficial], scope: .project)
        // The main contractors file plans into the windows; the bureau opens them (004 §五).
        case .windowsRead:
            AccessRule(
                roles: [.districtOfficial, .leadership, .admin, .financeOfficer, .managementProvider, .mainContractor],
                scope: .anyGrant)
        case .windowsOpen: .programme([.districtOfficial, .admin])
        // Bulk jobs change many projects at once: the office and the administrator only (issue #17).
        case .bulkManage: .programme([.districtOfficial, .admin])

        case .rulesRead: .programme([.admin, .leadership, .districtOfficial, .managementProvider, .financeOfficer])
        case .rulesEdit: .programme([.admin])

        case .enterprisesImport, .enterprisesRegister: .programme([.districtOfficial, .platformOperator, .admin])

        // Those who steer the programme; enterprises, contractors and providers see only their own work.
        case .dashboardRead: .programme([.leadership, .districtOfficial, .managementProvider, .admin])
        case .targetsEdit: .programme([.leadership, .admin])
        // The national roll-up (issue #16): the administrator and the platform operator over every
        // programme, the leadership over its own (`NationalRollupService.programmeIds` narrows).
        case .dashboardNational: AccessRule(roles: [.admin, .platformOperator, .leadership], scope: .anyGrant)

        case .syncMonitor: .programme([.admin, .leadership])
        case .usersAdminister: .programme([.admin])
        }
    }

    /// Whether the signed-in person may take `action` in the programme the request acts in. For a
    /// `.project` action this says whether they could anywhere; `allows(_:_:on:)` decides per project.
    static func allows(_ identity: Identity, _ action: FeatureAction) -> Bool {
        let rule = rule(for: action)
        let grants = identity.actor.grants.filter { rule.roles.contains($0.role) }
        switch rule.scope {
        case .public, .signedIn: return true
        case .anyGrant, .project: return !grants.isEmpty
        // The programme the request acts in, not the account's home programme (issue #12): a grant
        // over it, or at a division node that covers the programme's whole division (a city
        // official over a district's pilot).
        case .programme: return grants.contains { isProgrammeWide($0, in: identity) }
        }
    }

    /// Whether a grant reaches the whole programme the request acts in: a grant over it, or at a
    /// division node that covers the programme's whole division (a city official over a district's pilot).
    static func isProgrammeWide(_ grant: RoleGrant, in identity: Identity) -> Bool {
        switch grant.scope {
        case .programme(let id): id == identity.programmeId
        case .division(let code):
            identity.programmeDivision.flatMap(DivisionCode.init).map { DivisionCode(code)?.covers($0) ?? false } ?? false
        default: false
        }
    }

    /// Whether the actor may take `action` on this project (the `.project` actions): a grant of one
    /// of the roles must cover the project's scope keys, as `Authorizer.canView` reads them. Takes
    /// the actor, not the identity: the project names its own programme.
    static func allows(_ actor: Actor, _ action: FeatureAction, on instance: InstanceSnapshot) -> Bool {
        let rule = rule(for: action)
        switch rule.scope {
        case .public, .signedIn: return true
        case .anyGrant, .programme, .project:
            let keys = instance.scopeKeys
            return actor.acts(in: keys) && actor.grants.contains { rule.roles.contains($0.role) && keys.covers($0) }
        }
    }

    /// Throws what every page and operation answered before the policy: 401 without a sign-in (the
    /// browser is sent to the login page), 403 for a person the action is not for.
    static func require(_ identity: Identity?, _ action: FeatureAction) throws {
        guard rule(for: action).scope != .public else { return }
        guard let identity else { throw AppError.unauthenticated }
        guard allows(identity, action) else { throw AppError.forbidden }
    }
}
