import Hummingbird

/// The route table of the browser UI, in one place. Each handler is small and calls a function
/// that does the work (Features/<feature>/*Handlers.swift).
enum PageRoutes {
    static func register(on router: Router<AppRequestContext>, services: AppServices, metrics: MetricsEndpoint) {
        let session = SessionHandlers(services: services)
        let work = WorkHandlers(services: services)
        let definitions = WorkflowHandlers(services: services)
        let sync = SyncHandlers(services: services)
        let projects = ProjectHandlers(services: services)
        let attachments = AttachmentHandlers(services: services)
        let publicity = PublicityHandlers(services: services)
        let registration = RegistrationHandlers(services: services)
        let diagnosis = DiagnosisHandlers(services: services)
        let contractors = ContractorHandlers(services: services)
        let rules = RuleHandlers(services: services)
        let imports = ImportHandlers(services: services)
        let providers = ProviderHandlers(services: services)
        let selections = SelectionHandlers(services: services)
        let finance = FinanceHandlers(services: services)
        let changes = MoneyChangesHandlers(services: services)
        let account = AccountHandlers(services: services)
        let inbox = InboxHandlers(services: services)
        let delegations = DelegationHandlers(services: services)
        let bulk = BulkHandlers(services: services)
        let users = UserAdminHandlers(services: services)

        // MARK: Operations: probes and metrics (no login; /metrics is restricted at the proxy)
        router.get(RouterPath(AppPath.healthz.url)) { _, _ in "ok" }
        router.get(RouterPath(AppPath.readyz.url)) { _, _ -> Response in
            await services.store.ping()
                ? Response(status: .ok, body: .init(byteBuffer: .init(string: "ready")))
                : Response(status: .serviceUnavailable, body: .init(byteBuffer: .init(string: "database unreachable")))
        }
        router.get(RouterPath(AppPath.metrics.url)) { _, _ in metrics.response() }
        router.get(RouterPath(AppPath.stylesheet.url)) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: .init(string: Stylesheet.css)))
        }
        router.get(RouterPath(AppPath.printScript.url)) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: .init(string: PrintScript.javascript)))
        }

        // MARK: Signing in and out, language
        router.get(RouterPath(AppPath.home.url)) { _, context in session.home(context) }
        router.get(RouterPath(AppPath.login.url)) { request, context in session.loginPage(request, context) }
        router.post(RouterPath(AppPath.login.url)) { request, context in try await session.login(request, context) }
        router.post(RouterPath(AppPath.logout.url)) { request, context in try await session.logout(request, context) }
        router.get(RouterPath(AppPath.language.url)) { request, context in session.switchLanguage(request, context) }
        router.requiring(.accountChangePassword)
            .get(RouterPath(AppPath.accountPassword.url)) { request, context in try await account.page(request, context) }
            .post(RouterPath(AppPath.accountPassword.url)) { request, context in try await account.change(request, context) }
        router.requiring(.notificationsRead)
            .get("/inbox") { request, context in try await inbox.page(request, context) }
            .post("/inbox/read") { request, context in try await inbox.markRead(request, context) }
            .post("/inbox/:notice/read") { request, context in try await inbox.markRead(request, context) }
            .post("/inbox/settings") { request, context in try await inbox.saveSettings(request, context) }
        router.requiring(.delegationsManage)
            .get("/delegations") { request, context in try await delegations.page(request, context) }
            .post("/delegations") { request, context in try await delegations.create(request, context) }
            .post("/delegations/stop") { request, context in try await delegations.stop(request, context) }
            .post("/delegations/:delegation/revoke") { request, context in try await delegations.revoke(request, context) }
            .post("/delegations/:delegation/act") { request, context in try await delegations.act(request, context) }
        router.requiring(.bulkManage)
            .get("/bulk") { request, context in try await bulk.list(request, context) }
            .post("/bulk") { request, context in try await bulk.create(request, context) }
            .get("/bulk/:job") { request, context in try await bulk.job(request, context) }
            .post("/bulk/:job/dry-run") { request, context in try await bulk.dryRun(request, context) }
            .post("/bulk/:job/run") { request, context in try await bulk.run(request, context) }
            .post("/bulk/:job/revert") { request, context in try await bulk.revert(request, context) }
        router.requiring(.accountSwitchProgramme)
            .post(RouterPath(AppPath.programmeSwitch.url)) { request, context in
                try await session.switchProgramme(request, context)
            }

        // Below, every route sits in the group of its feature action: `AccessPolicy` decides who
        // gets in (issue #12), before the handler runs. Routes on one project are left to the
        // `Authorizer` (404 outside one's scope) and the workflow engine.

        // MARK: Accounts (administrators)
        router.requiring(.usersAdminister)
            .get(RouterPath(AppPath.users.url)) { request, context in try await users.page(request, context) }
            .post(RouterPath(AppPath.users.url)) { request, context in try await users.create(request, context) }
            .post("/admin/users/:user/password") { request, context in try await users.resetPassword(request, context) }
            .post("/admin/users/:user/active") { request, context in try await users.setActive(request, context) }

        // MARK: Public: publicity notices and objections (no sign-in)
        router.requiring(.publicityRead)
            .get(RouterPath(AppPath.publicity.url)) { request, context in try await publicity.page(request, context) }
        router.requiring(.publicityObject)
            .post("/publicity/:instance/objections") { request, context in try await publicity.object(request, context) }
        router.requiring(.enterprisesSelfRegister)
            .get(RouterPath(AppPath.register.url)) { request, context in try await registration.page(request, context) }
            .post(RouterPath(AppPath.register.url)) { request, context in try await registration.register(request, context) }

        // MARK: Work: tasks, projects, commands
        router.requiring(.tasksRead)
            .get(RouterPath(AppPath.tasks.url)) { request, context in try await work.tasks(request, context) }
        router.requiring(.projectsList)
            .get(RouterPath(AppPath.projects.url)) { request, context in try await projects.list(request, context) }
        router.get("/instances/:instance") { request, context in try await work.instancePage(request, context) }
        router.post("/instances/:instance/commands/:transition") { request, context in try await work.command(request, context) }
        router.post("/instances/:instance/drafts/:transition") { request, context in try await work.saveDraft(request, context) }
        router.get("/instances/:instance/diagnosis") { request, context in try await diagnosis.page(request, context) }
        router.post("/instances/:instance/diagnosis") { request, context in try await diagnosis.submit(request, context) }
        router.post("/instances/:instance/rating") { request, context in try await contractors.rate(request, context) }
        // The project's quarterly reports (issue #17): the enterprise itself or the officers who keep them.
        router.post("/instances/:instance/reports/:number") { request, context in
            try await ProjectReports(services: services).submit(request, context)
        }
        router.get("/instances/:instance/task-book") { request, context in try await projects.taskBook(request, context) }
        // Who may upload depends on the project: the handler asks `AccessPolicy` with it.
        router.post("/instances/:instance/attachments") { request, context in try await attachments.upload(request, context) }
        router.get("/attachments/:attachment") { request, context in try await attachments.download(request, context) }

        // MARK: Main contractors
        router.requiring(.contractorsRead)
            .get(RouterPath(AppPath.contractors.url)) { request, context in try await contractors.page(request, context) }
        router.requiring(.contractorsAssign)
            .post(RouterPath(AppPath.contractors.url)) { request, context in try await contractors.assign(request, context) }
        // Selection from the pool on merit (004 §四(五)): rounds, applications, scores, the task book.
        let rounds = ContractorRoundHandlers(services: services)
        let calls = ContractorApplicationHandlers(services: services)
        let contracting = ContractorTaskBookHandlers(services: services)
        router.requiring(.contractorsRead)
            .get("/contractors/rounds/:round") { request, context in try await rounds.page(request, context) }
        router.requiring(.contractorsAssign)
            .post(RouterPath(AppPath.contractorRounds.url)) { request, context in try await rounds.open(request, context) }
            .post("/contractors/rounds/:round/scores") { request, context in try await rounds.score(request, context) }
            .post("/contractors/rounds/:round/selection") { request, context in try await rounds.select(request, context) }
        router.requiring(.contractorsApply)
            .get(RouterPath(AppPath.contractorCalls.url)) { request, context in try await calls.page(request, context) }
            .post(RouterPath(AppPath.contractorApplications.url)) { request, context in try await calls.apply(request, context) }
        // The task book's two parties: the handler decides (the bureau, or the contractor's own people).
        router.get("/contractors/rounds/:round/task-book") { request, context in try await contracting.page(request, context) }
        router.post("/contractors/rounds/:round/signatures") { request, context in try await contracting.sign(request, context) }

        // MARK: Finance
        router.requiring(.financeRead)
            .get("/finance") { request, context in try await finance.page(request, context) }
            .get("/finance/export/:file") { request, context in try await finance.export(request, context) }
        router.requiring(.financePrepareRelease)
            .post("/finance/releases") { request, context in try await finance.prepare(request, context) }
        router.requiring(.financeApproveRelease)
            .post("/finance/releases/:release/approve") { request, context in try await finance.approve(request, context) }
            .post("/finance/releases/:release/reject") { request, context in try await finance.reject(request, context) }
        router.requiring(.financeRecordReceipt)
            .post("/finance/receipts") { request, context in try await finance.receive(request, context) }
            .post("/finance/recoveries") { request, context in try await finance.repay(request, context) }
        // Money after the award (issue 17): amendments, corrections, recoveries, reports.
        router.requiring(.financeRead)
            .get("/finance/changes") { request, context in try await changes.page(request, context) }
        router.requiring(.amendmentsPropose)
            .post("/finance/amendments") { request, context in try await changes.propose(request, context) }
            .post("/finance/amendments/:number/submit") { request, context in try await changes.submit(request, context) }
            .post("/finance/amendments/:number/withdraw") { request, context in try await changes.withdraw(request, context) }
        router.requiring(.amendmentsDecide)
            .post("/finance/amendments/:number/approve") { request, context in
                try await changes.approveAmendment(request, context)
            }
            .post("/finance/amendments/:number/reject") { request, context in try await changes.rejectAmendment(request, context)
            }
            .post("/finance/amendments/:number/sign") { request, context in try await changes.sign(request, context) }
        router.requiring(.financeCorrect)
            .post("/finance/corrections") { request, context in try await changes.prepareCorrection(request, context) }
            .post("/finance/corrections/:number/approve") { request, context in
                try await changes.approveCorrection(request, context)
            }
            .post("/finance/corrections/:number/reject") { request, context in
                try await changes.rejectCorrection(request, context)
            }
            .post("/finance/commitments") { request, context in try await changes.reviseCommitment(request, context) }
            .post("/finance/demands") { request, context in try await changes.demand(request, context) }
            .post("/finance/demands/:number/approve") { request, context in try await changes.approveDemand(request, context) }
            .post("/finance/demands/:number/reject") { request, context in try await changes.rejectDemand(request, context) }
            .post("/finance/demands/:number/settlements") { request, context in
                try await changes.prepareSettlement(request, context)
            }
            .post("/finance/demands/:number/settlements/approve") { request, context in
                try await changes.approveSettlement(request, context)
            }
        router.requiring(.reportsManage)
            .post("/finance/reports") { request, context in try await changes.schedule(request, context) }
            .post("/finance/reports/:number/submit") { request, context in try await changes.submitReport(request, context) }

        // MARK: Dashboard, targets, monthly report
        DashboardHandlers.register(on: router, services: services)
        NationalRollupHandlers.register(on: router, services: services)

        // MARK: Selections
        router.requiring(.selectionsRead)
            .get("/selections") { request, context in try await selections.page(request, context) }
        router.requiring(.selectionsDecide)
            .post("/selections") { request, context in try await selections.save(request, context) }

        // MARK: Provider pool
        router.requiring(.providersRead)
            .get("/providers") { request, context in try await providers.page(request, context) }
        router.requiring(.providersAdmit)
            .post("/providers") { request, context in try await providers.admit(request, context) }
        router.requiring(.providersPublishProduct)
            .post("/providers/products") { request, context in try await providers.addProduct(request, context) }
        PoolAdmissionRoutes.register(on: router, services: services)
        let pool = PoolGovernanceHandlers(services: services)
        let catalogue = CatalogueHandlers(services: services)
        router.requiring(.catalogueRead).get("/catalogue") { request, context in try await catalogue.page(request, context) }
        router.requiring(.providersRemovalNotice)
            .get("/providers/removals") { request, context in try await pool.notice(request, context) }
        router.requiring(.providersGovern)
            .post("/providers/grades") { request, context in try await pool.grade(request, context) }
            .post("/providers/complaints") { request, context in try await pool.complaint(request, context) }
            .post("/providers/removals") { request, context in try await pool.remove(request, context) }
        let results = PoolResultsHandlers(services: services)
        router.requiring(.providersGrades).get("/providers/grades") { request, context in try await results.page(request, context)
        }
        let publicComplaints = PublicComplaintHandlers(services: services)
        router.requiring(.providersComplainPublic)
            .get("/providers/complaints/public") { request, context in try await publicComplaints.page(request, context) }
            .post("/providers/complaints/public") { request, context in try await publicComplaints.file(request, context) }
        router.requiring(.providersComplain)
            .post("/providers/complaints/filed") { request, context in try await pool.file(request, context) }

        // MARK: Promotion centres (policy 002 chapter 3): filing, screening, the city's list, the public register
        CentreHandlers.register(on: router, services: services)
        TrainingHandlers.register(on: router, services: services)
        MobilisationHandlers.register(on: router, services: services)
        ProgrammeHandlers.register(on: router, services: services)
        CaseHandlers.register(on: router, services: services)

        // MARK: Policies and the supply–demand hall (issue #15; 004 §四(三), §四(八))
        PolicyHandlers.register(on: router, services: services)
        HallHandlers.register(on: router, services: services)

        // MARK: Contracts, project records and fund-application windows (issue #15)
        ContractHandlers.register(on: router, services: services)

        // MARK: Diagnosis campaigns (issue #14): the enterprise's journey, reports, firm files, on-site reports
        CampaignRoutes.register(on: router, services: services)

        // MARK: Diagnosis campaigns (issue #14): roster, coverage, quotas, reminders, on-site assignments
        SupervisionRoutes.register(on: router, services: services)

        // MARK: Enterprise import
        router.requiring(.enterprisesImport)
            .get(RouterPath(AppPath.enterpriseImport.url)) { request, context in try await imports.page(request, context) }
            .post(RouterPath(AppPath.enterpriseImport.url)) { request, context in try await imports.upload(request, context) }
            .get("/enterprises/import/:format") { request, context in try await imports.template(request, context) }

        // MARK: Programme rules
        router.requiring(.rulesRead)
            .get(RouterPath(AppPath.programmeRules.url)) { request, context in try await rules.page(request, context) }
        router.requiring(.rulesEdit)
            .post(RouterPath(AppPath.programmeRules.url)) { request, context in try await rules.save(request, context) }

        // MARK: National sync monitor
        router.requiring(.syncMonitor)
            .get(RouterPath(AppPath.sync.url)) { request, context in try await sync.page(request, context) }
            .post(RouterPath(AppPath.syncReplay.url)) { request, context in try await sync.replay(request, context) }

        // MARK: Workflow definitions and diagrams
        router.requiring(.workflowsRead)
            .get(RouterPath(AppPath.workflows.url)) { request, context in try await definitions.list(request, context) }
            .get("/workflows/:workflow") { request, context in try await definitions.detail(request, context) }
            .get("/workflows/:workflow/diagram.svg") { request, context in try definitions.diagram(request, context) }
    }
}

extension Response {
    static func html(_ html: HTML, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: .init(string: html.text)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
