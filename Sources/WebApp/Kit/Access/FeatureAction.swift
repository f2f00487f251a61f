import PilotDomain

/// Everything a person can do in the web UI or the JSON API outside the workflow engine (issue #12,
/// design.md §9 "One access policy"): reading a feature's page, or one of its changes. Commands on
/// projects are not here — the engine alone decides those, from the workflow files.
///
/// The raw value is the name the tests and logs use (`feature.verb`); who may take each action is
/// `AccessPolicy.rule(for:)`.
enum FeatureAction: String, CaseIterable, Sendable {
    // Lifecycle: the work on projects.
    case tasksRead = "tasks.read"
    case projectsList = "projects.list"
    case workflowsRead = "workflows.read"
    case attachmentsUpload = "attachments.upload"
    case levelsEvaluate = "levels.evaluate"
    /// Objectors' identities, conflict declarations and experts' reviews on a project.
    case projectsReadConfidential = "projects.readConfidential"
    // Funds.
    case financeRead = "finance.read"
    case financePrepareRelease = "finance.prepareRelease"
    case financeApproveRelease = "finance.approveRelease"
    case financeRecordReceipt = "finance.recordReceipt"
    /// Money after the award (issue 17): draft, submit or withdraw an amendment of a task book.
    case amendmentsPropose = "amendments.propose"
    /// The district approves or rejects an amendment and records the parties' signatures.
    case amendmentsDecide = "amendments.decide"
    /// Corrections (reversals), committed amounts, recovery demands and their settlements.
    case financeCorrect = "finance.correct"
    /// Create a project's reporting calendar and record a report handed in.
    case reportsManage = "reports.manage"
    /// The enterprise hands in its own project's reports (summary and file) on the project page.
    case reportsSubmit = "reports.submit"
    // Providers: the pool, main contractors, selections.
    case providersRead = "providers.read"
    case providersAdmit = "providers.admit"
    case providersPublishProduct = "providers.publishProduct"
    /// Record a member's grade, a complaint's finding or a removal (policy 002 第七条, 第八条).
    case providersGovern = "providers.govern"
    /// File a complaint against a pool member (an enterprise or another provider, signed in).
    case providersComplain = "providers.complain"
    /// The public notice of providers removed from the pool (第八条: 向社会公示).
    case providersRemovalNotice = "providers.removalNotice"
    /// Anyone, without an account, complains about a pool member (the public's complaints).
    case providersComplainPublic = "providers.complainPublic"
    /// The published results of the annual evaluation (第七条).
    case providersGrades = "providers.grades"
    /// The public catalogue of 小快轻准 products of providers in good standing.
    case catalogueRead = "catalogue.read"
    case contractorsRead = "contractors.read"
    case contractorsAssign = "contractors.assign"
    /// Apply, as a pool member, to be a sub-industry's main contractor (policy 004 §四(五): 自主申报).
    case contractorsApply = "contractors.apply"
    case selectionsRead = "selections.read"
    case selectionsDecide = "selections.decide"
    // Promotion centres (policy 002 chapter 3).
    /// The centres within one's reach: a lead organisation's own, a district's subtree, the programme.
    case centresRead = "centres.read"
    /// File a centre for one's own organisation, and correct it when returned.
    case centresApply = "centres.apply"
    /// The district's screening (第十三条（三）): return for correction or recommend.
    case centresScreen = "centres.screen"
    /// The city's list (第十三条（四）): confirm or decline a recommended centre.
    case centresDecide = "centres.decide"
    /// A confirmed centre's yearly self-assessment.
    case centresSelfAssess = "centres.selfAssess"
    /// The public register of centres on the city's list.
    case centresRegister = "centres.register"
    // The case register (policy 004 §三, §四(九)(十); issue #15).
    /// The cases within one's reach: one's own organisation's, a district's subtree, the programme.
    case casesRead = "cases.read"
    /// Propose a case: an enterprise for itself, a provider or contractor for its own work or an
    /// enterprise it serves, a district official for its zone; add photos and documents; withdraw it.
    case casesPropose = "cases.propose"
    /// The district's review of a proposed case in its division.
    case casesReview = "cases.review"
    /// Leadership or the office: select or not, publish, withdraw.
    case casesDecide = "cases.decide"
    /// The public page of published cases.
    case casesPublic = "cases.public"
    // Programme rules.
    case rulesRead = "rules.read"
    case rulesEdit = "rules.edit"
    // Enterprises.
    case enterprisesImport = "enterprises.import"
    case enterprisesRegister = "enterprises.register"
    case enterprisesSelfRegister = "enterprises.selfRegister"
    // Publicity.
    case publicityRead = "publicity.read"
    case publicityObject = "publicity.object"
    // Dashboard.
    case dashboardRead = "dashboard.read"
    /// The national roll-up over programmes (issue #16).
    case dashboardNational = "dashboard.national"
    case targetsEdit = "targets.edit"
    // National sync.
    case syncMonitor = "sync.monitor"
    // Accounts.
    case usersAdminister = "users.administer"
    // Pool admission (policy 002 第六条): the yearly call, applications, the district's papers, publicity.
    case admissionCalls = "admission.calls"
    case admissionOpenCall = "admission.openCall"
    case admissionApply = "admission.apply"
    case admissionList = "admission.list"
    case admissionDistrictPapers = "admission.districtPapers"
    case admissionPublicity = "admission.publicity"
    case admissionObject = "admission.object"

    // Diagnosis campaigns (issue #14; policies 000, 001, 003).
    /// A roster firm registers its account (credit code checked against the roster).
    case diagnosisRegister = "diagnosis.register"
    /// A firm fills, saves, resumes and submits its own questionnaire, and asks for an on-site visit.
    case diagnosisFill = "diagnosis.fill"
    /// A report and a firm file: the firm's own, its members' for a group headquarters, and those
    /// beneath an official's node (the handler narrows).
    case diagnosisRead = "diagnosis.read"
    /// Coverage, quotas, lagging units and firms not started, beneath one's node.
    case diagnosisSupervise = "diagnosis.supervise"
    /// Import the roster of above-scale firms of one's unit.
    case diagnosisImportRoster = "diagnosis.importRoster"
    /// Split one's quota among the sub-units (分解任务指标).
    case diagnosisSetQuotas = "diagnosis.setQuotas"
    /// Remind a lagging sub-unit or a firm (in-app).
    case diagnosisRemind = "diagnosis.remind"
    /// Assign a pool provider to an on-site diagnosis.
    case diagnosisAssignOffline = "diagnosis.assignOffline"
    /// The assigned provider files its on-site report.
    case diagnosisFileOnSite = "diagnosis.fileOnSite"
    /// The liaison chain and the contact tables (003; 001 附件2, 附件3).
    case diagnosisLiaison = "diagnosis.liaison"

    // The Binhai pilot around its projects (issue #15; policy 004 §四(七)(九)(十), §五, §六(二)).
    /// The training sessions and their counts (who registered and attended: the handler narrows).
    case trainingRead = "training.read"
    /// Hold sessions for one's own organisation and record their attendance.
    case trainingManage = "training.manage"
    /// An enterprise registers its people for a session.
    case trainingRegister = "training.register"
    /// The above-scale firms not yet taking part, their visits and the participation rate (a task
    /// force: its zone; the handler narrows).
    case mobilisationRead = "mobilisation.read"
    /// Record a visit to a roster firm within one's reach.
    case mobilisationVisit = "mobilisation.visit"
    /// Import the roster of above-scale firms of one's zone.
    case mobilisationImport = "mobilisation.import"
    /// The programme's phases and the two dossiers (mid-term evaluation, final acceptance).
    case programmeRead = "programme.read"
    /// Write the office's text of a dossier's section and upload its documents.
    case programmeDossierEdit = "programme.dossierEdit"
    // Policies and the supply–demand hall (issue #15; 004 §四(三), §四(八)).
    /// The policy library and a policy's page (public; a signed-in enterprise sees its matches first).
    case policiesRead = "policies.read"
    /// Publish, edit (as a new version) and withdraw policies: the office of the pilot.
    case policiesPublish = "policies.publish"
    /// The public hall: open needs (no contacts) and the products of providers in good standing.
    case hallRead = "hall.read"
    /// An enterprise posts a need and accepts an answer to its own need.
    case hallPost = "hall.post"
    /// A provider or a main contractor answers a need.
    case hallAnswer = "hall.answer"
    // Contracts and project records (issue #15; policy 004 §四(三), §五).
    /// The contracts register and a contract: one's own as a party, a contractor's sub-industry, oversight.
    case contractsRead = "contracts.read"
    /// Register or change a project's contracts, invoices, vouchers and investment list (the
    /// enterprise and the main contractor of its sub-industry; the handler narrows to the project).
    case contractsEdit = "contracts.edit"
    /// Upload into a project's record slots and mark a version final (per project).
    case recordsUpload = "records.upload"
    /// The fund-application windows (申报批次) with their counts of plans filed.
    case windowsRead = "windows.read"
    /// Open a window.
    case windowsOpen = "windows.open"

    case accountChangePassword = "account.changePassword"
    /// One's own inbox of notices and one's mail settings (issue #17).
    case notificationsRead = "notifications.read"
    /// Hand one's roles to a colleague for a period, revoke, act for someone (issue #17).
    case delegationsManage = "delegations.manage"
    /// Bulk jobs over the programme's instances: migrate, cancel, reassign, revert (issue #17).
    case bulkManage = "bulk.manage"
    /// Act in another programme in which one holds grants (the header's switch).
    case accountSwitchProgramme = "account.switchProgramme"

    /// The feature modules (`Sources/WebApp/Features/<name>`), each owning its actions.
    enum Feature: String, Sendable {
        case accounts = "Accounts", dashboard = "Dashboard", enterprises = "Enterprises", funds = "Funds"
        case lifecycle = "Lifecycle", programme = "Programme", providers = "Providers", publicity = "Publicity"
        case sync = "Sync", poolAdmission = "PoolAdmission", promotionCentres = "PromotionCentres", cases = "Cases"
        case diagnosis = "Diagnosis", diagnosisSupervision = "DiagnosisSupervision"
        case training = "Training", mobilisation = "Mobilisation", programmeDossier = "ProgrammeDossier"
        case policies = "Policies", supplyDemand = "SupplyDemand"
        case contracts = "Contracts", notifications = "Notifications", delegations = "Delegations"
        case moneyChanges = "MoneyChanges"
        case bulk = "Bulk"
    }

    /// The feature module the action belongs to.
    var feature: Feature {
        switch self {
        case .tasksRead, .projectsList, .workflowsRead, .attachmentsUpload, .levelsEvaluate, .projectsReadConfidential:
            .lifecycle
        case .financeRead, .financePrepareRelease, .financeApproveRelease, .financeRecordReceipt: .funds
        case .amendmentsPropose, .amendmentsDecide, .financeCorrect, .reportsManage, .reportsSubmit: .moneyChanges
        case .providersRead, .providersAdmit, .providersPublishProduct, .providersGovern, .providersComplain,
            .providersRemovalNotice, .providersComplainPublic, .providersGrades,
            .catalogueRead,
            .contractorsRead, .contractorsAssign, .contractorsApply, .selectionsRead,
            .selectionsDecide:
            .providers
        case .centresRead, .centresApply, .centresScreen, .centresDecide, .centresSelfAssess, .centresRegister:
            .promotionCentres
        case .casesRead, .casesPropose, .casesReview, .casesDecide, .casesPublic: .cases
        case .rulesRead, .rulesEdit: .programme
        case .enterprisesImport, .enterprisesRegister, .enterprisesSelfRegister: .enterprises
        case .publicityRead, .publicityObject: .publicity
        case .dashboardRead, .dashboardNational, .targetsEdit: .dashboard
        case .syncMonitor: .sync
        case .admissionCalls, .admissionOpenCall, .admissionApply, .admissionList, .admissionDistrictPapers,
            .admissionPublicity, .admissionObject:
            .poolAdmission
        case .diagnosisRegister, .diagnosisFill, .diagnosisRead, .diagnosisFileOnSite: .diagnosis
        case .diagnosisSupervise, .diagnosisImportRoster, .diagnosisSetQuotas, .diagnosisRemind, .diagnosisAssignOffline,
            .diagnosisLiaison:
            .diagnosisSupervision
        case .usersAdminister, .accountChangePassword, .accountSwitchProgramme: .accounts
        case .trainingRead, .trainingManage, .trainingRegister: .training
        case .mobilisationRead, .mobilisationVisit, .mobilisationImport: .mobilisation
        case .programmeRead, .programmeDossierEdit: .programmeDossier
        case .policiesRead, .policiesPublish: .policies
        case .hallRead, .hallPost, .hallAnswer: .supplyDemand
        case .contractsRead, .contractsEdit, .recordsUpload, .windowsRead, .windowsOpen: .contracts
        case .notificationsRead: .notifications
        case .delegationsManage: .delegations
        case .bulkManage: .bulk
        }
    }

    /// What the action is, for people (an administrator reading who may do what).
    var label: LocalizedText {
        switch self {
        case .tasksRead: LocalizedText(zh: "查看我的待办", en: "See my tasks")
        case .projectsList: LocalizedText(zh: "查看项目列表", en: "List projects")
        case .workflowsRead: LocalizedText(zh: "查看流程定义与流程图", en: "Read workflow definitions and diagrams")
        case .attachmentsUpload: LocalizedText(zh: "上传项目文件", en: "Upload project documents")
        case .levelsEvaluate: LocalizedText(zh: "计算数字化水平等级", en: "Evaluate a digital level")
        case .projectsReadConfidential: LocalizedText(zh: "查看异议人身份与评审意见", en: "Read objectors' identities and reviews")
        case .financeRead: LocalizedText(zh: "查看资金工作台", en: "Read the finance workspace")
        case .financePrepareRelease: LocalizedText(zh: "拟定拨付", en: "Prepare a release")
        case .financeApproveRelease: LocalizedText(zh: "审批或退回拨付", en: "Approve or reject a release")
        case .financeRecordReceipt: LocalizedText(zh: "登记资金到账与追回", en: "Record receipts and recoveries")
        case .amendmentsPropose: LocalizedText(zh: "拟定任务书变更", en: "Draft task book amendments")
        case .amendmentsDecide: LocalizedText(zh: "审批任务书变更并登记签字", en: "Decide amendments and record signatures")
        case .financeCorrect: LocalizedText(zh: "错账冲销、承诺金额与追回", en: "Reversals, committed amounts and recoveries")
        case .reportsManage: LocalizedText(zh: "管理季度报告", en: "Manage quarterly reports")
        case .reportsSubmit: LocalizedText(zh: "提交本企业项目的季度报告", en: "Hand in one's own project's quarterly reports")
        case .providersRead: LocalizedText(zh: "查看服务商资源池", en: "Read the provider pool")
        case .providersAdmit: LocalizedText(zh: "服务商入库", en: "Admit a provider")
        case .providersPublishProduct: LocalizedText(zh: "发布服务产品", en: "Publish a product")
        case .providersGovern: LocalizedText(zh: "服务商评级、投诉核实与移出", en: "Grade, decide complaints on and remove providers")
        case .providersComplain: LocalizedText(zh: "投诉资源池服务商", en: "Complain about a pool member")
        case .providersRemovalNotice: LocalizedText(zh: "查看服务商移出公示", en: "Read the notice of removed providers")
        case .providersComplainPublic: LocalizedText(zh: "公众投诉资源池服务商", en: "Complain about a pool member (public)")
        case .providersGrades: LocalizedText(zh: "查看服务商年度分级评价结果", en: "Read the annual grades of pool providers")
        case .catalogueRead: LocalizedText(zh: "查询“小快轻准”产品目录", en: "Search the product catalogue")
        case .contractorsRead: LocalizedText(zh: "查看主承包服务商", en: "Read main contractors")
        case .contractorsAssign: LocalizedText(zh: "确定或更换主承包服务商", en: "Appoint or replace a main contractor")
        case .contractorsApply: LocalizedText(zh: "申报主承包服务商", en: "Apply to be a main contractor")
        case .selectionsRead: LocalizedText(zh: "查看标杆与典型遴选", en: "Read selections")
        case .selectionsDecide: LocalizedText(zh: "遴选标杆企业、典型案例与优秀服务商", en: "Decide selections")
        case .centresRead: LocalizedText(zh: "查看促进中心", en: "Read promotion centres")
        case .centresApply: LocalizedText(zh: "申报促进中心", en: "File a promotion centre")
        case .centresScreen: LocalizedText(zh: "促进中心区级初筛推荐", en: "Screen and recommend promotion centres")
        case .centresDecide: LocalizedText(zh: "确定市级促进中心名单", en: "Decide the city's list of centres")
        case .centresSelfAssess: LocalizedText(zh: "提交促进中心年度自评", en: "File a centre's yearly self-assessment")
        case .centresRegister: LocalizedText(zh: "查看促进中心名录", en: "Read the register of promotion centres")
        case .casesRead: LocalizedText(zh: "查看案例库", en: "Read the case register")
        case .casesPropose: LocalizedText(zh: "申报案例", en: "Propose a case")
        case .casesReview: LocalizedText(zh: "区级审核案例", en: "Review cases for the district")
        case .casesDecide: LocalizedText(zh: "遴选与发布案例", en: "Select and publish cases")
        case .casesPublic: LocalizedText(zh: "查看公开案例", en: "Read the published cases")
        case .rulesRead: LocalizedText(zh: "查看试点规则", en: "Read the programme rules")
        case .rulesEdit: LocalizedText(zh: "修改试点规则", en: "Change the programme rules")
        case .enterprisesImport: LocalizedText(zh: "批量导入企业", en: "Import enterprises")
        case .enterprisesRegister: LocalizedText(zh: "录入企业（接口）", en: "Register an enterprise (API)")
        case .enterprisesSelfRegister: LocalizedText(zh: "企业自主注册", en: "Enterprise self-registration")
        case .publicityRead: LocalizedText(zh: "查看公示", en: "Read publicity notices")
        case .publicityObject: LocalizedText(zh: "提出异议", en: "File an objection")
        case .dashboardRead: LocalizedText(zh: "查看领导驾驶舱", en: "Read the dashboard")
        case .dashboardNational: LocalizedText(zh: "查看全国汇总", en: "Read the national roll-up")
        case .targetsEdit: LocalizedText(zh: "修改试点目标", en: "Change the programme targets")
        case .syncMonitor: LocalizedText(zh: "监控国家平台同步", en: "Monitor the national sync")
        case .usersAdminister: LocalizedText(zh: "管理账号", en: "Administer accounts")
        case .accountChangePassword: LocalizedText(zh: "修改本人密码", en: "Change one's own password")
        case .notificationsRead: LocalizedText(zh: "查看本人消息与邮件提醒设置", en: "Read one's inbox and set one's mail")
        case .delegationsManage: LocalizedText(zh: "委托代办与代办", en: "Delegate one's roles, act for someone")
        case .bulkManage: LocalizedText(zh: "批量操作与流程版本迁移", en: "Bulk operations and instance migration")
        case .diagnosisRegister: LocalizedText(zh: "规上企业注册诊断账号", en: "Register a roster firm for diagnosis")
        case .diagnosisFill: LocalizedText(zh: "填报数字化诊断问卷", en: "Fill in the diagnosis questionnaire")
        case .diagnosisRead: LocalizedText(zh: "查看诊断报告与企业档案", en: "Read diagnosis reports and firm files")
        case .diagnosisSupervise: LocalizedText(zh: "诊断覆盖与进度监督", en: "Supervise diagnosis coverage")
        case .diagnosisImportRoster: LocalizedText(zh: "导入规上企业名单", en: "Import the roster of above-scale firms")
        case .diagnosisSetQuotas: LocalizedText(zh: "分解诊断任务指标", en: "Split diagnosis quotas")
        case .diagnosisRemind: LocalizedText(zh: "督促下级与企业", en: "Remind sub-units and firms")
        case .diagnosisAssignOffline: LocalizedText(zh: "指派线下诊断服务商", en: "Assign on-site diagnosis providers")
        case .diagnosisFileOnSite: LocalizedText(zh: "提交线下诊断报告", en: "File an on-site diagnosis report")
        case .diagnosisLiaison: LocalizedText(zh: "维护诊断工作联系人", en: "Keep the liaison and contact tables")
        case .accountSwitchProgramme: LocalizedText(zh: "切换试点项目", en: "Switch programme")
        case .policiesRead: LocalizedText(zh: "查看政策库", en: "Read the policy library")
        case .policiesPublish: LocalizedText(zh: "发布、修订与废止政策", en: "Publish, revise and withdraw policies")
        case .hallRead: LocalizedText(zh: "查看供需大厅", en: "Read the supply–demand hall")
        case .hallPost: LocalizedText(zh: "发布需求并选定响应", en: "Post needs and accept answers")
        case .hallAnswer: LocalizedText(zh: "响应企业需求", en: "Answer enterprises' needs")
        case .contractsRead: LocalizedText(zh: "查看合同台账", en: "Read the contracts register")
        case .contractsEdit: LocalizedText(zh: "登记合同、发票凭证与投入清单", en: "Register contracts, invoices and investment lists")
        case .recordsUpload: LocalizedText(zh: "上传项目档案材料并定稿", en: "Upload project records and mark them final")
        case .windowsRead: LocalizedText(zh: "查看申报批次", en: "Read the application windows")
        case .windowsOpen: LocalizedText(zh: "设立申报批次", en: "Open an application window")
        case .admissionCalls: LocalizedText(zh: "查看服务商入库申报通知", en: "Read the calls for pool applications")
        case .admissionOpenCall: LocalizedText(zh: "发布年度申报通知", en: "Open a yearly call")
        case .admissionApply: LocalizedText(zh: "申报入库", en: "Apply to the pool")
        case .admissionList: LocalizedText(zh: "查看入库申报", en: "List pool applications")
        case .admissionDistrictPapers: LocalizedText(zh: "推荐函与推荐信息汇总表", en: "Recommendation letters and summary sheet")
        case .admissionPublicity: LocalizedText(zh: "查看拟入库服务商公示", en: "Read the admission publicity")
        case .admissionObject: LocalizedText(zh: "对拟入库服务商提出异议", en: "Object to a proposed admission")
        case .trainingRead: LocalizedText(zh: "查看人才培训", en: "Read the training sessions")
        case .trainingManage: LocalizedText(zh: "组织培训并登记出席", en: "Hold training sessions and record attendance")
        case .trainingRegister: LocalizedText(zh: "企业报名参加培训", en: "Register people for training")
        case .mobilisationRead: LocalizedText(zh: "查看攻坚动员与参与率", en: "Read mobilisation and participation")
        case .mobilisationVisit: LocalizedText(zh: "登记上门走访", en: "Record a visit")
        case .mobilisationImport: LocalizedText(zh: "导入规上企业名单（攻坚）", en: "Import the zone's above-scale firms")
        case .programmeRead: LocalizedText(zh: "查看试点阶段与评价验收材料", en: "Read the phases and dossiers")
        case .programmeDossierEdit: LocalizedText(zh: "编写评价验收材料", en: "Write the dossiers")
        }
    }
}
