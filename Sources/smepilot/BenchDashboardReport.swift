import Foundation
import PilotStore
import SQLKit
import WebApp

/// What the benchmark database holds after seeding, and the figure the page is checked against.
enum DashboardBenchReport {
    static let tables = [
        "programmes", "sub_industries", "organisations", "contractor_assignments", "provider_products",
        "workflow_instances", "project_facts", "dashboard_counts", "instance_scopes", "workflow_history", "contractor_ratings",
        "selections", "cases", "funds_books", "funds_tranches", "funds_posting_lines", "target_versions", "target_snapshots",
    ]

    /// Exact row counts per table and the database's size on disk.
    static func printContents(_ store: PilotStore) async throws {
        let (counts, size) = try await store.backend.read { database in
            var counts: [(String, Int)] = []
            for table in tables {
                let row = try await database.raw("SELECT count(*) AS c FROM \(ident: table)").first()
                counts.append((table, try row?.decode(column: "c", as: Int.self) ?? 0))
            }
            let size =
                try await database.raw("SELECT pg_database_size(current_database()) AS bytes").first()?
                .decode(column: "bytes", as: Int.self) ?? 0
            return (counts, size)
        }
        print("rows: " + counts.map { "\($0.0) \(grouped($0.1))" }.joined(separator: " · "))
        print(String(format: "database size (pg_database_size): %.2f GB", Double(size) / 1_073_741_824))
    }

    /// The programme's participants as the dashboard defines them (approved subsidy on record, not
    /// dropped; one project per enterprise here).
    static func participants(_ store: PilotStore, programme: String) async throws -> Int {
        try await store.backend.read { database in
            try await database.raw(
                """
                SELECT count(*) AS c FROM project_facts f JOIN workflow_instances i ON i.id = f.instance_id
                WHERE i.programme_id = \(bind: programme) AND f.approved_subsidy IS NOT NULL
                AND i.state NOT IN (\(binds: DashboardData.droppedStates.sorted()))
                """
            ).first()?.decode(column: "c", as: Int.self) ?? 0
        }
    }

    /// The programme's completed transformations as the dashboard defines them (participants whose
    /// project was accepted): its "transformations" figure must show this.
    static func completedTransformations(_ store: PilotStore, programme: String) async throws -> Int {
        try await store.backend.read { database in
            try await database.raw(
                """
                SELECT count(*) AS c FROM project_facts f JOIN workflow_instances i ON i.id = f.instance_id
                WHERE i.programme_id = \(bind: programme) AND f.approved_subsidy IS NOT NULL
                AND i.state IN (\(binds: DashboardData.completedStates.sorted()))
                """
            ).first()?.decode(column: "c", as: Int.self) ?? 0
        }
    }

    /// 5430000 → "5,430,000".
    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }
}
