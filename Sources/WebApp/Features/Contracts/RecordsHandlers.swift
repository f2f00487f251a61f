import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import WorkflowEngine

/// A project's records page (`/instances/:instance/records`, issue #15): the record slots by stage
/// with each version's status, the service contracts, the investment list, the application window
/// and the check before acceptance; and the forms that change them.
struct RecordsHandlers {
    let services: AppServices

    var contracts: ContractHandlers { ContractHandlers(services: services) }

    func visibleProject(_ context: AppRequestContext, _ identity: Identity) async throws -> InstanceSnapshot {
        try await visibleProject(try context.parameters.require("instance"), identity)
    }

    /// Project `id` if the person sees it and it is an enterprise project of their programme (404 otherwise).
    func visibleProject(_ id: String, _ identity: Identity) async throws -> InstanceSnapshot {
        let instance = try services.authorizer.requireView(identity.actor, try await services.store.instances.instance(id))
        guard instance.programmeId == identity.programmeId, instance.definitionId == "enterprise-project" else {
            throw AppError.notFound(LocalizedText(zh: "该项目", en: "This project"))
        }
        return instance
    }

    /// The page's model: everything the project's records hold, cut to what the person reaches.
    func model(_ instance: InstanceSnapshot, _ identity: Identity) async throws -> RecordsPageModel {
        let store = services.store
        let access = ContractAccess(identity: identity)
        let contracts = try await store.records.contracts(instanceId: instance.id).filter(access.reaches)
        let payments = try await store.records.payments(contractIds: contracts.map(\.id))
        let investment = try await store.records.investment(instanceId: instance.id)
        let documents = try await store.records.slotDocuments(instanceId: instance.id)
        let rules = try await store.programmes.programmeRules(instance.programmeId)
        let windowId = try await store.records.filedWindowId(instanceId: instance.id)
        var window: FundWindow?
        if let windowId {
            window = try await store.records.windows(programmeId: instance.programmeId).first { $0.id == windowId }
        }
        // The check reads every contract of the project, whoever is looking.
        let problems =
            rules["acceptance_records_check"]?.boolValue == true
            ? try await store.records.acceptanceProblems(instanceId: instance.id) : nil
        let names = try await store.facts.organisationNames(
            Set(contracts.flatMap { [$0.clientOrganisationId, $0.providerOrganisationId] }))
        let closed = self.contracts.closed(instance)
        var budget: [PlanLines.BudgetLine] = []
        if let text = instance.data["budget_lines"]?.stringValue, case .success(let lines) = PlanLines.budget(text) {
            budget = lines
        }
        var providerUSCC = ""
        if let provider = instance.data["digital_provider_uscc"]?.stringValue { providerUSCC = provider }
        return RecordsPageModel(
            instance: instance, contracts: contracts, payments: payments, investment: investment, documents: documents,
            problems: problems, window: window, names: names, budget: budget, providerUSCC: providerUSCC,
            canEdit: ContractAccess.edits(identity.actor, instance) && !closed,
            side: closed
                ? nil
                : (AccessPolicy.allows(identity.actor, .recordsUpload, on: instance)
                    ? ContractAccess.side(identity.actor, instance) : nil),
            slotsRequired: rules["record_slots_required"]?.boolValue == true,
            transitionLabels: Dictionary(
                (services.catalog.definition(instance.definitionId, version: instance.definitionVersion)?.transitions ?? []).map {
                    ($0.id, $0.label)
                }, uniquingKeysWith: { first, _ in first }))
    }

    /// `GET /instances/:instance/records`.
    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let instance = try await visibleProject(context, identity)
        let flash = request.uri.queryParameters["done"].map { _ in
            Flash(kind: .ok, text: ContractText.saved.text(context.language))
        }
        let layout = Layout(
            language: context.language, identity: identity, csrfToken: identity.csrfToken, path: AppPath.projects.url)
        return .html(RecordsView(layout: layout).render(try await model(instance, identity), flash: flash))
    }

    /// A slot document's file, for whoever sees the project's records page.
    func download(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let instance = try await visibleProject(context, identity)
        let fileId = try context.parameters.require("file")
        let documents = try await services.store.records.slotDocuments(instanceId: instance.id)
        guard documents.contains(where: { $0.fileId == fileId }) else {
            throw AppError.notFound(LocalizedText(zh: "该文件", en: "This file"))
        }
        return try await ContractHandlers.fileResponse(services, id: fileId, programmeId: instance.programmeId)
    }

    /// `POST /instances/:instance/investment`: one item of the investment list.
    func addItem(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await RecordsUpload.read(request, context)
        let instance = try await addItem(form, instanceId: try context.parameters.require("instance"), identity).instanceId
        return .redirect("/instances/\(AppPath.encode(instance))/records?done=item#investment")
    }

    /// Adds the item `form` describes (`item`, `category`, `amount`, `contract`) to the project's
    /// investment list, for the page and the API: 404 out of sight, 403 not theirs, 422 closed or bad input.
    func addItem(_ form: RecordsUpload, instanceId: String, _ identity: Identity) async throws -> InvestmentItem {
        let instance = try await contracts.editableProject(instanceId, identity)
        var errors: [FieldError] = []
        let item = form.text("item", max: 200, errors: &errors)
        let category = InvestmentItem.Category(rawValue: form["category"])
        if category == nil { errors.append(FieldError(field: "category", message: ContractText.chooseCategory)) }
        let amount = form.amount("amount", errors: &errors)
        var contractId: String?
        if !form["contract"].isEmpty {
            let own = try await services.store.records.contracts(instanceId: instance.id)
            if own.contains(where: { $0.id == form["contract"] }) {
                contractId = form["contract"]
            } else {
                errors.append(FieldError(field: "contract", message: ContractText.unknownContract))
            }
        }
        guard errors.isEmpty, let category, let amount else { throw RecordsUpload.refuse(errors) }
        let added = InvestmentItem(
            id: services.store.ids.make("inv"), programmeId: instance.programmeId, instanceId: instance.id, item: item,
            category: category, amount: amount, contractId: contractId, recordedBy: identity.account.displayName,
            recordedAt: services.store.clock.now())
        try await services.store.records.addInvestmentItem(added)
        return added
    }

    func removeItem(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, identity) = try await RecordsUpload.read(request, context)
        let instance = try context.parameters.require("instance")
        try await removeItem(instanceId: instance, itemId: try context.parameters.require("item"), identity)
        return .redirect("/instances/\(AppPath.encode(instance))/records?done=removed#investment")
    }

    /// Removes an item of the project's investment list (page and API); an unknown one is 404.
    func removeItem(instanceId: String, itemId: String, _ identity: Identity) async throws {
        let instance = try await contracts.editableProject(instanceId, identity)
        guard try await services.store.records.removeInvestmentItem(id: itemId, instanceId: instance.id) else {
            throw AppError.notFound(LocalizedText(zh: "该投入项目", en: "This item"))
        }
    }

    /// The project if the person may work on its record slots (404 out of sight, 403 not theirs,
    /// 422 closed), with the side they act for.
    func slotProject(_ id: String, _ identity: Identity) async throws -> (InstanceSnapshot, String) {
        let instance = try await visibleProject(id, identity)
        guard AccessPolicy.allows(identity.actor, .recordsUpload, on: instance),
            let side = ContractAccess.side(identity.actor, instance)
        else { throw AppError.forbidden }
        if contracts.closed(instance) {
            throw AppError(.unprocessableContent, code: "closed", message: ContractText.projectClosed)
        }
        return (instance, side)
    }

    /// `POST /instances/:instance/slots/:slot`: a new version, draft.
    func upload(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await RecordsUpload.read(request, context)
        let instance = try context.parameters.require("instance")
        _ = try await upload(form, instanceId: instance, slotId: try context.parameters.require("slot"), identity)
        return .redirect("/instances/\(AppPath.encode(instance))/records?done=uploaded#slots")
    }

    /// Stores `form`'s `file` as the slot's next version, a draft (page and API).
    func upload(_ form: RecordsUpload, instanceId: String, slotId: String, _ identity: Identity) async throws -> SlotDocument {
        let (instance, side) = try await slotProject(instanceId, identity)
        guard RecordSlot.slot(slotId) != nil else { throw AppError.notFound(ContractText.unknownSlot) }
        var errors: [FieldError] = []
        let documentId = services.store.ids.make("rsd")
        let upload = form.file("file", ownerId: documentId, identity: identity, services: services, errors: &errors)
        guard errors.isEmpty, let upload else {
            throw RecordsUpload.refuse(errors.isEmpty ? [FieldError(field: "file", message: ContractText.chooseFile)] : errors)
        }
        return try await services.store.records.uploadSlotDocument(
            programmeId: instance.programmeId, instanceId: instance.id, slot: slotId, side: side, upload: upload)
    }

    /// `POST /instances/:instance/slots/:slot/:document/final`: marks a draft final and queues it for
    /// the national platform, in one transaction. Only the side that uploaded it, or the district.
    func finalise(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, identity) = try await RecordsUpload.read(request, context)
        let instance = try context.parameters.require("instance")
        try await finalise(
            instanceId: instance, slotId: try context.parameters.require("slot"),
            documentId: try context.parameters.require("document"), identity)
        return .redirect("/instances/\(AppPath.encode(instance))/records?done=final#slots")
    }

    /// Marks a draft version final (page and API): 404 unknown, 403 another side's, 422 not a draft.
    func finalise(instanceId: String, slotId: String, documentId: String, _ identity: Identity) async throws {
        let (instance, side) = try await slotProject(instanceId, identity)
        guard let slot = RecordSlot.slot(slotId),
            let document = try await services.store.records.slotDocuments(instanceId: instance.id).first(where: {
                $0.id == documentId && $0.slot == slotId
            })
        else { throw AppError.notFound(LocalizedText(zh: "该档案材料", en: "This document")) }
        guard side == "district" || side == document.side else {
            throw AppError(.forbidden, code: "not_your_side", message: ContractText.notYourSide)
        }
        guard document.status == .draft else {
            throw AppError(.unprocessableContent, code: "not_draft", message: ContractText.notDraft)
        }
        do {
            try await Self.finalise(document, slot: slot, instance: instance, by: identity.account.displayName, services)
        } catch StoreError.conflict {
            throw AppError(.unprocessableContent, code: "not_draft", message: ContractText.notDraft)
        }
    }

    /// Marks `document` final with the national event's payload: what the platform receives of a
    /// final record (the enterprise's credit code, slot, stage and name, version, file name, SHA-256
    /// and size — never the bytes, which stay here). The page and the demo both call this.
    static func finalise(
        _ document: SlotDocument, slot: RecordSlot, instance: InstanceSnapshot, by name: String, _ services: AppServices
    ) async throws {
        let file = try await services.store.records.file(id: document.fileId, programmeId: instance.programmeId)?.0
        let payload: [String: JSONValue] = [
            "enterprise_uscc": instance.data["uscc"] ?? .null, "slot": .string(slot.id), "stage": .string(slot.stage.zh),
            "document": .string(slot.name.zh), "version": .int(Int64(document.version)),
            "file_name": .string(file?.fileName ?? document.fileName), "sha256": .string(file?.sha256 ?? ""),
            "size": .int(Int64(file?.size ?? 0)),
        ]
        try await services.store.records.finaliseSlotDocument(
            id: document.id, instanceId: instance.id, by: name, payload: payload)
    }
}
