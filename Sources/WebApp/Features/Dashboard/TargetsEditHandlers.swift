import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import WorkflowEngine

/// The programme's targets as versioned data (`/dashboard/targets`): the pilot leadership (or an
/// administrator) saves a new version with a reason; the dashboard's other readers see the figures
/// in force and every earlier version. Follows the programme rules page (RuleHandlers).
struct TargetsEditHandlers {
    let services: AppServices
    static let path = "/dashboard/targets"

    /// `GET /dashboard/targets`: the form (editors) or the figures (readers), and the versions.
    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let programmeId = identity.programmeId
        let saved = request.uri.queryParameters["saved"].flatMap { Int(String($0)) }.map {
            Flash(kind: .ok, text: TargetsText.saved($0).text(context.language))
        }
        return try await render(context, identity, programmeId: programmeId, typed: nil, errors: [], flash: saved)
    }

    /// `POST /dashboard/targets`: saves a new version, or answers the form again with every problem
    /// (422) or with the version saved in between (409); nothing is written in either case.
    func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let programmeId = identity.programmeId
        switch try await saveTargets(identity, form.values) {
        case .saved(let version):
            return .redirect(Self.path + "?saved=\(version)")
        case .invalid(let errors):
            let text = errors.count == 1 ? errors[0].message : TargetsText.notSaved(errors.count)
            return try await render(
                context, identity, programmeId: programmeId, typed: form.values, errors: errors,
                flash: Flash(kind: .error, text: text.text(context.language)), status: .unprocessableContent)
        case .conflict(let latest, let message):
            // The editor's figures are kept; the form now carries the version in force, so after
            // checking the history a second submit is a deliberate replacement of it.
            var typed = form.values
            typed[TargetsForm.basedOnField] = String(latest?.version ?? 0)
            return try await render(
                context, identity, programmeId: programmeId, typed: typed, errors: [],
                flash: Flash(kind: .error, text: message.text(context.language)), status: .conflict)
        }
    }

    enum SaveOutcome {
        case saved(version: Int)
        case invalid([FieldError])
        /// Another version was saved since `based_on`: the one in force, and the message naming it.
        case conflict(TargetVersion?, LocalizedText)
    }

    /// Saves the targets form's fields as a new version, for the page and the API (`TargetsForm`'s
    /// checks; an unchanged submission and a stale `based_on` write nothing).
    func saveTargets(_ identity: Identity, _ values: [String: String]) async throws -> SaveOutcome {
        let programmeId = identity.programmeId
        let (submission, problems) = TargetsForm.parse(values)
        var errors = problems
        if let submission {
            let current = try await DashboardService(services: services).settings(programmeId)
            if submission.basedOn == current.version && submission.settings.sameFigures(as: current) {
                errors.append(FieldError(field: "", message: TargetsText.unchanged))
            }
        }
        guard let submission, errors.isEmpty else { return .invalid(errors) }
        do {
            let version = try await services.store.targets.updateTargets(
                programmeId: programmeId, targets: submission.settings.stored, basedOn: submission.basedOn,
                by: identity.account.id, reason: submission.reason)
            return .saved(version: version.version)
        } catch StoreError.conflict {
            let latest = try await services.store.targets.currentTargets(programmeId: programmeId)
            let who = latest?.changedBy ?? ""
            let name = try await names([who])[who] ?? who
            return .conflict(latest, TargetsText.conflict(latest, by: name))
        }
    }

    func render(
        _ context: AppRequestContext, _ identity: Identity, programmeId: String, typed: [String: String]?,
        errors: [FieldError], flash: Flash?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let versions = try await services.store.targets.targetVersions(programmeId: programmeId)
        let layout = Layout(language: context.language, identity: identity, csrfToken: identity.csrfToken, path: Self.path)
        let model = TargetsEditView.Model(
            current: TargetSettings(versions.first), versions: versions,
            names: try await names(versions.map(\.changedBy)), editable: AccessPolicy.allows(identity, .targetsEdit),
            typed: typed, errors: errors)
        return .html(TargetsEditView(layout: layout).render(model, flash: flash), status: status)
    }

    /// Display names of the people who saved versions (a handful), by user id.
    func names(_ userIds: [String]) async throws -> [String: String] {
        var names: [String: String] = [:]
        for id in Set(userIds) { names[id] = try await services.store.accounts.user(id: id)?.displayName ?? id }
        return names
    }
}
