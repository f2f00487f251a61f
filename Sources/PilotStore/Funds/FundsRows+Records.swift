import Foundation
import Funds
import PilotDomain
import SQLKit

/// A numbered record of a funds book kept whole, as JSON, in its own table (migrations 40 and
/// 41): amendments, corrections, commitment versions, recovery demands, reports. Written like the
/// rest of the book — only the records a change added or altered — in the change's transaction.
protocol FundsRecord: Codable, Hashable, Sendable {
    var number: Int { get }
    /// The project (or, for a commitment version, the source) the record is about.
    var subjectId: String { get }
    var statusName: String { get }
}

extension Amendment: FundsRecord {
    var subjectId: String { projectId }
    var statusName: String { status.rawValue }
}

extension Correction: FundsRecord {
    var subjectId: String { String(posting) }
    var statusName: String { state.name }
}

extension SourceRevision: FundsRecord {
    var subjectId: String { sourceId }
    var statusName: String { "v\(version)" }
}

extension RecoveryDemand: FundsRecord {
    var subjectId: String { projectId }
    var statusName: String { state.rawValue }
}

extension ReportDue: FundsRecord {
    var subjectId: String { projectId }
    var statusName: String { state.rawValue }
}

extension FundsRows {
    static let recordColumns = ["programme_id", "number", "subject_id", "status", "record"]

    static func writeRecords(
        before: FundsBook?, after: FundsBook, programmeId: String, on database: any SQLDatabase
    )
        async throws
    {
        try await write(before?.amendments, after.amendments, "funds_amendments", programmeId, database)
        try await write(before?.corrections, after.corrections, "funds_corrections", programmeId, database)
        try await write(before?.sourceRevisions, after.sourceRevisions, "funds_source_revisions", programmeId, database)
        try await write(before?.recoveryDemands, after.recoveryDemands, "funds_recovery_demands", programmeId, database)
        try await write(before?.reports, after.reports, "funds_reports", programmeId, database)
    }

    /// The book's records from their rows, in number order.
    static func records(
        programmeId: String, on database: any SQLDatabase
    ) async throws -> (
        [Amendment], [Correction], [SourceRevision], [RecoveryDemand], [ReportDue]
    ) {
        (
            try await read(Amendment.self, "funds_amendments", programmeId, database),
            try await read(Correction.self, "funds_corrections", programmeId, database),
            try await read(SourceRevision.self, "funds_source_revisions", programmeId, database),
            try await read(RecoveryDemand.self, "funds_recovery_demands", programmeId, database),
            try await read(ReportDue.self, "funds_reports", programmeId, database)
        )
    }

    private static func write<Record: FundsRecord>(
        _ before: [Record]?, _ after: [Record], _ table: String, _ programmeId: String, _ database: any SQLDatabase
    ) async throws {
        let before = before ?? []
        let rows: [[any Encodable & Sendable]] = try after.filter { record in
            !before.indices.contains(record.number - 1) || before[record.number - 1] != record
        }.map { [programmeId, Int64($0.number), $0.subjectId, $0.statusName, try encode($0)] }
        try await insert(into: table, recordColumns, rows, upsert(keys: ["programme_id", "number"], recordColumns), on: database)
    }

    private static func read<Record: FundsRecord>(
        _ type: Record.Type, _ table: String, _ programmeId: String, _ database: any SQLDatabase
    ) async throws -> [Record] {
        try await database.raw(
            "SELECT record FROM \(ident: table) WHERE programme_id = \(bind: programmeId) ORDER BY number"
        ).all().map { try decode(type, try $0.string("record"), column: "\(table).record") }
    }
}
