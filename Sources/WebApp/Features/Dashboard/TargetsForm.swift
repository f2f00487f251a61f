import Foundation
import PilotDomain
import WorkflowEngine

/// The targets form (`/dashboard/targets`): its field names, the text it shows for stored settings,
/// and parsing a posted form into new settings with a specific error per field. Pure, so the rules
/// of what may be saved are tested without a server.
enum TargetsForm {
    static let deadlineField = "deadline"
    static let reasonField = "reason"
    static let basedOnField = "based_on"
    static func goalField(_ target: Target) -> String { "goal_\(target.key)" }
    static func recordedField(_ target: Target) -> String { "recorded_\(target.key)" }

    /// A reason is a sentence or two for the history, not a memo.
    static let reasonLimit = 500
    /// Far above any count a district programme reaches; stops a slip of the keyboard.
    static let countLimit = 100_000

    /// Targets whose `measure` has no data source in the system (Targets.swift): the leadership
    /// office records their figure with the targets (`TargetSettings.recorded`).
    static let recordedKeys: Set<String> = ["distinctive_practices"]
    static var recordedTargets: [Target] { Targets.all.filter { recordedKeys.contains($0.key) } }

    /// What a valid form asks to save.
    struct Submission: Sendable {
        var settings: TargetSettings
        var reason: String
        /// The version the editor saw (0: none saved yet).
        var basedOn: Int
    }

    /// The form's text for the settings in force.
    static func values(_ settings: TargetSettings) -> [String: String] {
        var values = [deadlineField: settings.deadline, basedOnField: String(settings.version)]
        for target in Targets.all { values[goalField(target)] = String(settings.goal(target)) }
        for target in recordedTargets { values[recordedField(target)] = settings.recorded[target.key].map(String.init) ?? "" }
        return values
    }

    /// The new settings from a posted form, or every problem with it (nothing is saved then).
    static func parse(_ form: [String: String]) -> (submission: Submission?, errors: [FieldError]) {
        var errors: [FieldError] = []
        var goals: [String: Int] = [:]
        for target in Targets.all {
            let field = goalField(target)
            let text = trimmed(form[field])
            guard !text.isEmpty else {
                errors.append(FieldError(field: field, message: TargetsText.goalMissing(target)))
                continue
            }
            guard let goal = wholeNumber(text), goal > 0 else {
                errors.append(FieldError(field: field, message: TargetsText.goalNotPositive(target)))
                continue
            }
            if target.unit == .percent && goal > 100 {
                errors.append(FieldError(field: field, message: TargetsText.goalOverPercent(target)))
            } else if goal > countLimit {
                errors.append(FieldError(field: field, message: TargetsText.goalTooLarge(target, limit: countLimit)))
            } else {
                goals[target.key] = goal
            }
        }
        var recorded: [String: Int] = [:]
        for target in recordedTargets {
            let field = recordedField(target)
            let text = trimmed(form[field])
            if text.isEmpty { continue }
            let limit = target.unit == .percent ? 100 : countLimit
            if let value = wholeNumber(text), (0...limit).contains(value) {
                recorded[target.key] = value
            } else {
                errors.append(FieldError(field: field, message: TargetsText.recordedInvalid(target, limit: limit)))
            }
        }
        let deadline = trimmed(form[deadlineField])
        if deadline.isEmpty {
            errors.append(FieldError(field: deadlineField, message: TargetsText.deadlineMissing))
        } else if Shanghai.parseDate(deadline) == nil {
            errors.append(FieldError(field: deadlineField, message: TargetsText.deadlineInvalid))
        }
        let reason = (form[reasonField] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty {
            errors.append(FieldError(field: reasonField, message: TargetsText.reasonMissing))
        } else if reason.count > reasonLimit {
            errors.append(FieldError(field: reasonField, message: TargetsText.reasonTooLong(reason.count, limit: reasonLimit)))
        }
        let basedOn = Int(trimmed(form[basedOnField])).flatMap { $0 >= 0 ? $0 : nil }
        if basedOn == nil {
            errors.append(FieldError(field: basedOnField, message: TargetsText.basedOnInvalid))
        }
        guard errors.isEmpty, let basedOn else { return (nil, errors) }
        let settings = TargetSettings(deadline: deadline, goals: goals, recorded: recorded)
        return (Submission(settings: settings, reason: reason, basedOn: basedOn), [])
    }

    static func trimmed(_ text: String?) -> String { (text ?? "").trimmingCharacters(in: .whitespaces) }

    /// Digits only (full-width digits from a Chinese input method count as digits); no sign, no
    /// separators, no decimals.
    static func wholeNumber(_ text: String) -> Int? {
        let ascii = String(
            text.unicodeScalars.map { scalar -> Character in
                (0xFF10...0xFF19).contains(scalar.value)
                    ? Character(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!) : Character(scalar)
            })
        guard !ascii.isEmpty, ascii.count <= 9, ascii.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(ascii)
    }
}
