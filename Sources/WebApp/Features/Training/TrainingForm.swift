import Foundation
import PilotDomain
import PilotStore
import Programmes
import WorkflowEngine

/// The new-session form, checked field by field (each problem named; nothing written while any).
struct TrainingForm {
    static let maxTitle = 100
    static let maxPlace = 200
    static let maxCapacity = 2_000
    static let maxPeople = 10
    static let maxName = 40

    /// Minutes since midnight of "HH:MM", nil when not a time of day.
    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        return hour * 60 + minute
    }

    /// The session, or the problems of the form.
    static func session(
        _ form: [String: String], id: String, programmeId: String, organiser: Organisation, subIndustries: [SubIndustry],
        divisions: [Division], by actor: ChangeActor, now: Date
    ) -> Result<TrainingSession, FieldErrors> {
        var errors: [FieldError] = []
        func value(_ name: String) -> String { (form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        func text(_ name: String, _ label: LocalizedText, _ limit: Int) -> String {
            let text = value(name)
            if text.isEmpty { errors.append(FieldError(field: name, message: TrainingText.required(label))) }
            if text.count > limit { errors.append(FieldError(field: name, message: TrainingText.tooLong(label, limit))) }
            return text
        }
        let title = text("title", TrainingText.sessionTitle, maxTitle)
        let audience = TrainingAudience(rawValue: value("audience"))
        if audience == nil { errors.append(FieldError(field: "audience", message: TrainingText.required(TrainingText.audience))) }
        // A date in the programme's years (bounded before any arithmetic).
        let day = Shanghai.parseDate(value("date"))
        let year = day.map { Shanghai.calendar.component(.year, from: $0) }
        if day == nil || !(2020...2040).contains(year ?? 0) {
            errors.append(FieldError(field: "date", message: TrainingText.invalid(TrainingText.date)))
        }
        let start = minutes(value("start_time"))
        let end = minutes(value("end_time"))
        if start == nil { errors.append(FieldError(field: "start_time", message: TrainingText.invalid(TrainingText.startTime))) }
        if end == nil || (start != nil && end! <= start!) {
            errors.append(
                FieldError(
                    field: "end_time",
                    message: LocalizedText(zh: "结束时间应晚于开始时间", en: "The session must end after it starts")))
        }
        let place = text("place", TrainingText.place, maxPlace)
        let capacity = Int(value("capacity"))
        if capacity == nil || !(1...maxCapacity).contains(capacity ?? 0) {
            errors.append(
                FieldError(
                    field: "capacity",
                    message: LocalizedText(
                        zh: "名额应为 1 到 \(maxCapacity) 的整数", en: "Places must be a whole number from 1 to \(maxCapacity)")))
        }
        let subIndustry = value("sub_industry").isEmpty ? nil : value("sub_industry")
        if let subIndustry, !subIndustries.contains(where: { $0.id == subIndustry }) {
            errors.append(FieldError(field: "sub_industry", message: TrainingText.invalid(TrainingText.focusSubIndustry)))
        }
        let division = value("division").isEmpty ? nil : value("division")
        if let division, !divisions.contains(where: { $0.code.value == division }) {
            errors.append(FieldError(field: "division", message: TrainingText.invalid(TrainingText.focusZone)))
        }
        guard errors.isEmpty, let audience, let day, let start, let end, let capacity else {
            return .failure(FieldErrors(errors))
        }
        return .success(
            TrainingSession(
                id: id, programmeId: programmeId, title: title, audience: audience, organiserId: organiser.id,
                organiserName: organiser.name, startsAt: day.addingTimeInterval(Double(start * 60)),
                endsAt: day.addingTimeInterval(Double(end * 60)), place: place, online: value("online") == "on",
                capacity: capacity,
                subIndustryId: subIndustry, divisionCode: division, createdBy: actor.name, createdAt: now))
    }

    /// The people of a registration form (`person_name_N`, `position_N`, `audience_N`, N = 1…10):
    /// empty rows skipped, at least one person.
    static func people(_ form: [String: String]) -> Result<[TrainingPerson], FieldErrors> {
        var errors: [FieldError] = []
        var people: [TrainingPerson] = []
        for index in 1...maxPeople {
            func value(_ name: String) -> String {
                (form["\(name)_\(index)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let name = value("person_name")
            let position = value("position")
            if name.isEmpty && position.isEmpty { continue }
            let field = "person_name_\(index)"
            if name.isEmpty { errors.append(FieldError(field: field, message: TrainingText.required(TrainingText.personName))) }
            if name.count > maxName || position.count > maxName {
                errors.append(FieldError(field: field, message: TrainingText.tooLong(TrainingText.personName, maxName)))
            }
            guard let audience = TrainingAudience(rawValue: value("audience")) else {
                errors.append(
                    FieldError(field: "audience_\(index)", message: TrainingText.required(TrainingText.audience)))
                continue
            }
            if !name.isEmpty { people.append(TrainingPerson(name: name, position: position, audience: audience)) }
        }
        if people.isEmpty && errors.isEmpty {
            errors.append(FieldError(field: "person_name_1", message: TrainingText.required(TrainingText.personName)))
        }
        return errors.isEmpty ? .success(people) : .failure(FieldErrors(errors))
    }
}
