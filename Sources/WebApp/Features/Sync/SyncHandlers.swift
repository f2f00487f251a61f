import Foundation
import Hummingbird
import NationalSync
import PilotDomain
import PilotStore

/// The sync monitor (administrator, leadership: `sync.monitor`): outbox counts and lag, dead
/// letters with their reasons, replay, and reconciliation against what the national endpoint
/// acknowledged.
struct SyncHandlers {
    let services: AppServices

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        // The monitor's own programme only: another programme's events, dead letters and lag are
        // not theirs to see or replay (issue #11, defect 16).
        let programmeId = identity.programmeId
        var model = SyncPageModel(
            status: try await services.store.outbox.outboxStatus(programmeId: programmeId),
            backlog: try await services.store.outbox.outboxBacklog(programmeId: programmeId),
            deadLetters: try await services.store.outbox.deadLetters(programmeId: programmeId),
            lagging: try await services.store.outbox.laggingProjects(programmeId: programmeId),
            configured: services.configuration.sync != nil, now: services.store.clock.now())
        if request.uri.queryParameters["reconcile"] != nil, let sync = services.configuration.sync {
            let client = NationalClient(baseURL: sync.endpoint, credentials: sync.credentials)
            do {
                let remote = try await client.acknowledgedProjects()
                model.differences = try await services.store.outbox.outboxProjects(programmeId: programmeId).compactMap {
                    project in
                    let theirs = remote[project.projectId] ?? 0
                    return theirs == project.delivered ? nil : (project.projectId, project.delivered, theirs)
                }
                model.reconciled = true
            } catch {
                model.reconcileError = String(describing: error)
            }
        }
        let flash = request.uri.queryParameters["replayed"].map {
            Flash(kind: .ok, text: SyncText.replayed.text(context.language) + "：\($0)")
        }
        let layout = Layout(language: context.language, identity: identity, csrfToken: identity.csrfToken, path: AppPath.sync.url)
        return .html(SyncView(layout: layout).render(model, flash: flash))
    }

    func replay(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let count = try await replay(identity, project: form["project"].flatMap { $0.isEmpty ? nil : $0 })
        return .redirect(AppPath.sync.url + "?replayed=\(count)")
    }

    /// Queues the dead letters of the caller's programme again (one project's, or all): how many.
    /// The page and the API alike.
    func replay(_ identity: Identity, project: String?) async throws -> Int {
        let count = try await services.store.outbox.replayDeadLetters(
            programmeId: identity.programmeId, instanceId: project, now: services.store.clock.now())
        services.logger.notice("dead letters replayed", metadata: ["count": "\(count)", "project": "\(project ?? "all")"])
        return count
    }
}

struct SyncPageModel {
    var status: OutboxStatus
    /// What is still to send (without dead letters) and its oldest event: the figure to watch
    /// while the national endpoint is down.
    var backlog: OutboxBacklog
    var deadLetters: [OutboxEvent]
    var lagging: [(projectId: String, undelivered: Int, oldest: Date, blocked: Bool)]
    var configured: Bool
    var now: Date
    var reconciled = false
    var differences: [(projectId: String, ours: Int, theirs: Int)] = []
    var reconcileError: String?
}

enum SyncText {
    static let title = LocalizedText(zh: "国家平台数据同步", en: "National platform sync")
    static let replayed = LocalizedText(zh: "已重新排队的事件数", en: "Events queued again")
    static let pending = LocalizedText(zh: "待发送", en: "Pending")
    static let inFlight = LocalizedText(zh: "发送中", en: "In flight")
    static let delivered = LocalizedText(zh: "已送达", en: "Delivered")
    static let dead = LocalizedText(zh: "被拒（死信）", en: "Dead letters")
    static let lag = LocalizedText(zh: "最早未送达事件滞后", en: "Oldest undelivered")
    static let backlog = LocalizedText(zh: "积压（待发送 + 发送中）", en: "Backlog (pending + in flight)")
    static let backlogAge = LocalizedText(zh: "最早积压事件", en: "Oldest in backlog")
    static let notConfigured = LocalizedText(
        zh: "未配置国家平台地址（SMEPILOT_NATIONAL_URL），事件仅在本地排队。",
        en: "No national endpoint is configured (SMEPILOT_NATIONAL_URL); events queue locally.")
    static let replayAll = LocalizedText(zh: "全部重新发送", en: "Replay all")
    static let replay = LocalizedText(zh: "重新发送", en: "Replay")
    static let reconcile = LocalizedText(zh: "与国家平台对账", en: "Reconcile with the national platform")
    static let noDifferences = LocalizedText(
        zh: "对账一致：各项目已送达序号与国家平台确认一致。", en: "In agreement: every project's delivered sequence matches the platform's.")
    static let reason = LocalizedText(zh: "原因", en: "Reason")
    static let ours = LocalizedText(zh: "本地已送达序号", en: "Delivered here (sequence)")
    static let theirs = LocalizedText(zh: "国家平台已确认序号", en: "Acknowledged nationally (sequence)")
    static let waiting = LocalizedText(zh: "待送达项目（按等待时间）", en: "Projects waiting (longest first)")
    static let blocked = LocalizedText(zh: "被死信阻塞", en: "held by a dead letter")
}
