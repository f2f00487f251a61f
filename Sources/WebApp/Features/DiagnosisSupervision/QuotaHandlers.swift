import Diagnosis
import Foundation
import Hummingbird
import PilotDomain
import PilotStore
import Programmes
import WorkflowEngine

/// `GET/POST /diagnosis/quotas?unit=&year=` (read: `diagnosis.supervise`; change: `diagnosis.setQuotas`)
/// and `GET /diagnosis/quotas/shanghai`: a unit splits its yearly target among its sub-units
/// (分解任务指标); Shanghai's formula beside the official table (003 附件2).
struct QuotaHandlers {
    let services: AppServices
    /// No unit's figure is above this (a province has some tens of thousands of above-scale firms).
    static let maxFirms = 1_000_000

    struct Model {
        var unit: DivisionCode
        var unitName: String
        var year: Int
        var years: [Int]
        var ownQuota: Int?
        /// The ceiling of the split when the unit has no quota of its own (the campaign's node): its roster.
        var rosterFirms: Int
        var subUnits: [(code: String, name: String, split: Int?)]
        var canSet: Bool
        var comparison: ShanghaiComparison?
    }

    func model(
        _ identity: Identity, _ scope: SupervisionScope, unit: DivisionCode, year: Int?, language: UILanguage
    )
        async throws -> Model
    {
        let store = services.store.diagnoses
        let book = QuotaBook(
            stored: try await store.quotas(programmeId: scope.programme.id), settings: scope.settings,
            programmeDivision: scope.programmeDivision)
        let current = Shanghai.calendar.component(.year, from: services.store.clock.now())
        let year = year ?? current
        var years = book.years
        if !years.contains(year) { years = (years + [year]).sorted() }
        let childLevel = scope.childLevel(of: unit)
        let children =
            childLevel.map { level in
                services.divisions.descendants(of: unit).filter { $0.level == level }
            } ?? []
        let subUnits = children.map { division in
            (
                code: division.code.value, name: services.divisions.label(division.code, language),
                split: book.stored.first { $0.divisionCode == division.code.value && $0.year == year && $0.source == .split }?
                    .firms
            )
        }
        var firms = FirmQuery(programmeId: scope.programme.id)
        firms.division = unit
        firms.limit = 1
        let roster = try await store.firms(firms).total
        let comparison =
            unit == scope.programmeDivision && (scope.settings.quotaFormula != nil || !scope.settings.officialQuotas.isEmpty)
            ? try await ShanghaiComparison.build(scope: scope, book: book, services: services, language: language) : nil
        return Model(
            unit: unit, unitName: services.divisions.label(unit, language), year: year, years: years,
            ownQuota: book.quota(unit.value, year: year), rosterFirms: roster, subUnits: subUnits,
            canSet: AccessPolicy.allows(identity, .diagnosisSetQuotas), comparison: comparison)
    }

    func render(
        _ context: AppRequestContext, _ identity: Identity, _ model: Model, flash: Flash?, status: HTTPResponse.Status
    )
        -> Response
    {
        let layout = Layout(
            language: context.language, identity: identity, csrfToken: identity.csrfToken, path: "/diagnosis/quotas")
        return .html(QuotaView(layout: layout).render(model, flash: flash), status: status)
    }

    static func year(_ text: String?) throws -> Int? {
        guard let text, !text.isEmpty else { return nil }
        guard text.count == 4, let year = Int(text), (2000...2100).contains(year) else {
            throw AppError(
                .badRequest, code: "bad_filter",
                message: LocalizedText(zh: "年度应为 2000–2100 之间的四位数", en: "The year is a four-digit year from 2000 to 2100"))
        }
        return year
    }

    func page(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let scope = try await SupervisionScope.load(identity, services: services, action: .diagnosisSupervise)
        let unit = try scope.unit(CoverageHandlers.query(request, "unit"))
        let year = try Self.year(CoverageHandlers.query(request, "year"))
        let model = try await self.model(identity, scope, unit: unit, year: year, language: context.language)
        let flash: Flash? =
            CoverageHandlers.query(request, "done") == "saved"
            ? Flash(kind: .ok, text: SupervisionText.saved.text(context.language)) : nil
        return render(context, identity, model, flash: flash, status: .ok)
    }

    /// `GET /diagnosis/quotas/shanghai`: the campaign's node, where the comparison shows.
    func shanghai(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let scope = try await SupervisionScope.load(identity, services: services, action: .diagnosisSupervise)
        guard scope.settings.quotaFormula != nil || !scope.settings.officialQuotas.isEmpty else {
            throw AppError.notFound(LocalizedText(zh: "本活动的公式与官方分解表", en: "This campaign's formula and official table"))
        }
        let unit = try scope.unit(scope.programmeDivision.value)
        let model = try await self.model(identity, scope, unit: unit, year: nil, language: context.language)
        return render(context, identity, model, flash: nil, status: .ok)
    }

    /// `POST /diagnosis/quotas`: `unit`, `year` and `q_<code>` per sub-unit. Replaces the unit's split
    /// for the year in one transaction; refused (422, nothing written) when a figure is not a whole
    /// number from 0 to 1,000,000, names no sub-unit, or the split adds up to more than the unit's
    /// own quota (for the campaign's node without one: its roster firms).
    func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (form, identity) = try await PageForm.read(request, context)
        switch try await split(identity, form, language: context.language) {
        case .saved(let unit, let year): return .redirect("/diagnosis/quotas?unit=\(unit.value)&year=\(year)&done=saved")
        case .refused(var model, let errors):
            model.subUnits = model.subUnits.map {
                (code: $0.code, name: $0.name, split: Int(form["q_\($0.code)"] ?? "") ?? $0.split)
            }
            return render(
                context, identity, model, flash: Flash(kind: .error, text: errors[0].message.text(context.language)),
                status: .unprocessableContent)
        }
    }

    /// What replacing a split came to.
    enum Split {
        case saved(DivisionCode, year: Int)
        /// Refused, nothing written: the unit's page as it stands and why (never empty).
        case refused(Model, [FieldError])
    }

    /// Replaces the split `form` gives (`unit`, `year` and `q_<code>` per sub-unit) — the page's and
    /// the API's one rule.
    func split(_ identity: Identity, _ form: FormBody, language: UILanguage) async throws -> Split {
        let scope = try await SupervisionScope.load(identity, services: services, action: .diagnosisSetQuotas)
        let unit = try scope.unit(form["unit"])
        guard let year = try Self.year(form["year"]) else {
            throw AppError(
                .unprocessableContent, code: "invalid_input",
                message: LocalizedText(zh: "请选择年度", en: "Choose the year"),
                fields: [FieldError(field: "year", message: LocalizedText(zh: "请选择年度", en: "Choose the year"))])
        }
        let model = try await self.model(identity, scope, unit: unit, year: year, language: language)
        let codes = Set(model.subUnits.map(\.code))
        var figures: [String: Int] = [:]
        var errors: [FieldError] = []
        for (name, value) in form.values where name.hasPrefix("q_") {
            let code = String(name.dropFirst(2))
            let text = value.trimmingCharacters(in: .whitespaces)
            guard codes.contains(code) else {
                errors.append(
                    FieldError(
                        field: name,
                        message: LocalizedText(zh: "\(code) 不是本单位的下级单位", en: "\(code) is not a sub-unit of this unit")))
                continue
            }
            if text.isEmpty { continue }
            guard text.count <= 7, let firms = Int(text), (0...Self.maxFirms).contains(firms) else {
                errors.append(
                    FieldError(
                        field: name,
                        message: LocalizedText(
                            zh: "\(code) 的指标应为 0–\(Self.maxFirms) 之间的整数", en: "\(code): a whole number from 0 to \(Self.maxFirms)"
                        )))
                continue
            }
            figures[code] = firms
        }
        let sum = figures.values.reduce(0, +)
        let ceiling = model.ownQuota ?? (unit == scope.programmeDivision ? model.rosterFirms : nil)
        if errors.isEmpty {
            if let ceiling, sum > ceiling {
                let message =
                    model.ownQuota != nil
                    ? LocalizedText(
                        zh: "分解合计 \(sum) 家，超过本单位 \(year) 年度指标 \(ceiling) 家，未保存",
                        en: "The split adds up to \(sum) firms, more than the unit's \(year) quota of \(ceiling); not saved")
                    : LocalizedText(
                        zh: "分解合计 \(sum) 家，超过本单位名单企业 \(ceiling) 家，未保存",
                        en: "The split adds up to \(sum) firms, more than the \(ceiling) firms on the unit's roster; not saved")
                errors.append(FieldError(field: "sum", message: message))
            } else if ceiling == nil {
                errors.append(
                    FieldError(
                        field: "year",
                        message: LocalizedText(
                            zh: "本单位 \(year) 年度尚无任务指标，无法分解", en: "The unit has no quota for \(year) to split")))
            }
        }
        guard errors.isEmpty else { return .refused(model, errors) }
        try await services.store.diagnoses.replaceSplit(
            programmeId: scope.programme.id, year: year, subUnits: Array(codes), firms: figures, by: identity.account.id)
        return .saved(unit, year: year)
    }
}
