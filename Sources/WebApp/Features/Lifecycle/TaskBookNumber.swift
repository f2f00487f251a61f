import Foundation
import PilotDomain
import WorkflowEngine

/// The task book's number (任务书编号), printed on it before anyone signs (issue #11: the printed
/// task book said "任务书编号：—"). Derived, not stored, so it needs no migration and never changes:
///
///     <programme code>-RWS-<day the project started, Shanghai, yyyyMMdd>-<first 8 hex digits of its id>
///     BINHAI-2024-RWS-20240315-4911FB2C
///
/// "RWS" is 任务书. Project ids are random (128 bits), so two projects of one programme started on
/// the same day share the last part with a chance of about n²/2³³ (below one in a million at a
/// hundred projects a day); the programme code and the day keep the number readable and sortable.
enum TaskBookNumber {
    static func of(_ instance: InstanceSnapshot, programmeCode: String) -> String {
        let day = Shanghai.dateText(instance.createdAt).replacingOccurrences(of: "-", with: "")
        let hex = instance.id.split(separator: "_").last.map(String.init) ?? instance.id
        return "\(programmeCode)-RWS-\(day)-\(hex.prefix(8).uppercased())"
    }
}
