import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import WorkflowEngine

/// The fund-application windows (申报批次, policy 004 §五 第一阶段 3., issue #15): the bureau opens
/// them; plans are filed into the window open on the Shanghai day of filing (`RecordsFacts`).
struct WindowHandlers {
    let services: AppServices

    /// `GET /funds/windows`: every window of the programme with its plans filed.
    func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let windows = try await services.store.records.windows(programmeId: identity.programmeId)
        let rules = try await services.store.programmes.programmeRules(identity.programmeId)
        let layout = Layout(language: context.language, identity: identity, csrfToken: identity.csrfToken, path: "/funds/windows")
        let flash = request.uri.queryParameters["done"].map { _ in
            Flash(kind: .ok, text: ContractText.windowSaved.text(context.language))
        }
        return .html(
            WindowsView(layout: layout).render(
                windows, today: Shanghai.dateText(services.store.clock.now()),
                required: rules["plan_filing_windows"]?.boolValue == true,
                canOpen: AccessPolicy.allows(identity, .windowsOpen), flash: flash))
    }

    /// `POST /funds/windows`: a new window; bad input or an overlap is 422 and writes nothing.
    func open(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await RecordsUpload.read(request, context)
        _ = try await open(form, identity)
        return .redirect("/funds/windows?done=opened")
    }

    /// Opens the window `form` describes (page and API); bad input or an overlap is 422 and writes nothing.
    func open(_ form: RecordsUpload, _ identity: Identity) async throws -> FundWindow {
        var errors: [FieldError] = []
        let name = form.text("name", max: 100, errors: &errors)
        let opensOn = form.date("opens_on", errors: &errors)
        let closesOn = form.date("closes_on", errors: &errors)
        if let opensOn, let closesOn, opensOn > closesOn {
            errors.append(FieldError(field: "closes_on", message: ContractText.datesOutOfOrder))
        }
        var cap: Int?
        if !form["plan_cap"].isEmpty {
            if let number = Int(form["plan_cap"]), (1...100_000).contains(number) {
                cap = number
            } else {
                errors.append(FieldError(field: "plan_cap", message: ContractText.badCap))
            }
        }
        guard errors.isEmpty, let opensOn, let closesOn else { throw RecordsUpload.refuse(errors) }
        let window = FundWindow(
            id: services.store.ids.make("fwn"), programmeId: identity.programmeId, name: name, opensOn: opensOn,
            closesOn: closesOn, planCap: cap, createdBy: identity.account.displayName, createdAt: services.store.clock.now())
        do {
            try await services.store.records.openWindow(window)
        } catch StoreError.conflict {
            throw RecordsUpload.refuse([FieldError(field: "opens_on", message: ContractText.windowOverlap)])
        }
        return window
    }
}
