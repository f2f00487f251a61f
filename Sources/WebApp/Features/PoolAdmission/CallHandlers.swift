import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import ProviderPool
import WorkflowEngine

/// The yearly call (申报通知, policy 002 第六条(一)) and applying to it. `GET /pool/calls` is
/// public; the city bureau opens a call (`admission.openCall`); a provider's account starts its
/// application (`admission.apply`), which is then filled and submitted on its workflow page.
struct CallHandlers {
    let services: AppServices

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var flash: Flash?
        if request.uri.queryParameters["opened"] != nil {
            flash = Flash(kind: .ok, text: AdmissionText.opened.text(context.language))
        }
        return try await render(context, model: try await model(context.identity), flash: flash)
    }

    /// The calls (of the caller's programme; the public sees every programme's) and, for an applicant,
    /// its applications: the page's and the API's list.
    func model(_ identity: Identity?) async throws -> CallsView.Model {
        // Signed in: the calls of the programme acted in; the public sees every programme's.
        let programmes =
            if let identity { [identity.programmeId] } else { try await services.store.programmes.programmes().map(\.id) }
        var calls: [PoolCall] = []
        for programme in programmes { calls += try await services.store.admissions.calls(programmeId: programme) }
        var model = CallsView.Model(calls: calls, today: Shanghai.dateText(services.store.clock.now()))
        if let identity {
            model.canOpen = AccessPolicy.allows(identity, .admissionOpenCall)
            if AccessPolicy.allows(identity, .admissionApply), let organisation = identity.account.organisationId {
                model.canApply = true
                model.divisions = try await services.divisions(of: identity.programmeId)
                for call in calls {
                    if let application = try await services.store.admissions.application(
                        callId: call.id, organisationId: organisation)
                    {
                        model.applied[call.id] = application.instanceId
                    }
                }
            }
        }
        return model
    }

    func render(
        _ context: AppRequestContext, model: CallsView.Model, flash: Flash?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let layout = Layout(
            language: context.language, identity: context.identity, csrfToken: context.identity?.csrfToken,
            path: AppPath.poolCalls.url)
        return .html(CallsView(layout: layout).render(model, flash: flash), status: status)
    }

    /// `POST /pool/calls`: year, title, the two dates, requirements — every field checked, nothing
    /// written on a refusal.
    func open(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        let outcome = try await open(
            identity, year: form["year"] ?? "", title: form["title"] ?? "", opensOn: form["opens_on"] ?? "",
            closesOn: form["closes_on"] ?? "", requirements: form["requirements"] ?? "")
        guard outcome.call != nil else { return try await refuse(context, form, outcome.errors) }
        return .redirect(AppPath.poolCalls.url + "?opened=1")
    }

    /// Opens a call, for the page and the API: a year 2020–2100, a title (200 characters at most),
    /// real dates in order, requirements (8,000 characters at most). The call, or every problem.
    func open(
        _ identity: Identity, year typedYear: String, title: String, opensOn opens: String, closesOn closes: String,
        requirements: String
    ) async throws -> (call: PoolCall?, errors: [FieldError]) {
        var errors: [FieldError] = []
        let year = Int(typedYear).flatMap { (2020...2100).contains($0) ? $0 : nil }
        if year == nil { errors.append(FieldError(field: "year", message: AdmissionText.badYear)) }
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty || title.count > 200 { errors.append(FieldError(field: "title", message: AdmissionText.badTitle)) }
        if Shanghai.parseDate(opens) == nil { errors.append(FieldError(field: "opens_on", message: AdmissionText.badDate)) }
        if Shanghai.parseDate(closes) == nil {
            errors.append(FieldError(field: "closes_on", message: AdmissionText.badDate))
        } else if Shanghai.parseDate(opens) != nil && closes < opens {
            errors.append(FieldError(field: "closes_on", message: AdmissionText.datesOutOfOrder))
        }
        let requirements = requirements.trimmingCharacters(in: .whitespacesAndNewlines)
        if requirements.isEmpty || requirements.count > 8000 {
            errors.append(FieldError(field: "requirements", message: AdmissionText.badRequirements))
        }
        guard errors.isEmpty, let year else { return (nil, errors) }
        let call = try await services.store.admissions.openCall(
            programmeId: identity.programmeId, year: year, title: title, opensOn: opens, closesOn: closes,
            requirements: requirements, by: identity.account.id)
        return (call, [])
    }

    /// `POST /pool/applications`: the provider's organisation applies to an open call, naming the
    /// district where it is registered (that district reviews it first). Starts the application's
    /// workflow and its tie to the call in one transaction, then opens its page.
    func apply(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        switch try await apply(identity, callId: form["call"], division: form["division"]) {
        case .success(let id): return .redirect(AppPath.instance(id).url)
        case .failure(let problems): return try await refuse(context, form, problems.list)
        }
    }

    /// Starts the caller's organisation's application to an open call in a district of the
    /// programme, for the page and the API: the application's instance id (an earlier one when it
    /// applied already), or every problem (nothing written).
    func apply(
        _ identity: Identity, callId: String?, division divisionCode: String?
    ) async throws -> Result<String, FieldErrors> {
        var errors: [FieldError] = []
        var organisation: Organisation?
        if let id = identity.account.organisationId {
            organisation = try await services.store.parties.organisation(id, programmeId: identity.programmeId)
        }
        guard let organisation, ["provider", "contractor"].contains(organisation.kind) else {
            return .failure(FieldErrors([FieldError(field: "call", message: AdmissionText.notAProvider)]))
        }
        var call: PoolCall?
        if let id = callId, !id.isEmpty { call = try await services.store.admissions.call(id) }
        let today = Shanghai.dateText(services.store.clock.now())
        if call == nil || call?.programmeId != identity.programmeId {
            errors.append(FieldError(field: "call", message: AdmissionText.chooseCall))
        } else if call?.isOpen(on: today) != true {
            errors.append(FieldError(field: "call", message: AdmissionText.callNotOpen))
        }
        let divisions = try await services.divisions(of: identity.programmeId)
        let division = divisions.first { $0.code.value == divisionCode }
        if division == nil { errors.append(FieldError(field: "division", message: AdmissionText.chooseDistrict)) }
        if try await services.store.providers.poolMember(organisationId: organisation.id, programmeId: identity.programmeId)?
            .isInGoodStanding == true
        {
            errors.append(FieldError(field: "call", message: AdmissionText.alreadyMember))
        }
        guard errors.isEmpty, let call, let division else { return .failure(FieldErrors(errors)) }
        switch try await ApplicationStart(services: services).start(
            call, organisation: organisation, division: division.code, actor: identity.actor)
        {
        case .started(let id), .alreadyApplied(let id): return .success(id)
        }
    }

    func refuse(_ context: AppRequestContext, _ form: FormBody, _ errors: [FieldError]) async throws -> Response {
        var model = try await model(context.identity)
        model.typed = form.values.filter { $0.key != "csrf_token" }
        model.errors = errors
        let message = errors.first?.message.text(context.language) ?? ""
        return try await render(context, model: model, flash: Flash(kind: .error, text: message), status: .unprocessableContent)
    }
}
