import Foundation
import PilotDomain
import SQLKit

extension Migrations {
    /// Migration 21 (issue #12): the flat zones become nodes of the administrative-division tree,
    /// grants belong to a programme, sessions remember the programme chosen, programmes carry their
    /// kind and their file's definition with versions.
    static let divisionsAndProgrammes = Migration(
        number: 21, name: "division tree instead of zones; grants per programme; programme kind and file versions",
        statements: [
            // Instances and organisations hold the division code (GB/T 2260 style) of the node they
            // belong to, where they held the id of a programme-local zone row before.
            "ALTER TABLE workflow_instances RENAME COLUMN zone_id TO division_code",
            "UPDATE workflow_instances SET division_code = \(binhaiCode("workflow_instances.division_code"))",
            "ALTER TABLE organisations RENAME COLUMN area_id TO division_code",
            "UPDATE organisations SET division_code = \(binhaiCode("organisations.division_code"))",
            "CREATE INDEX workflow_instances_division ON workflow_instances (programme_id, division_code)",
            "CREATE INDEX organisations_division ON organisations (programme_id, division_code)",
            // A grant belongs to one programme: a person may hold grants in several and acts in one
            // at a time. Zone grants become grants at the zone's division node.
            """
            CREATE TABLE user_grants_v21 (
                user_id TEXT NOT NULL REFERENCES users(id), programme_id TEXT NOT NULL REFERENCES programmes(id),
                role TEXT NOT NULL, scope_kind TEXT NOT NULL, scope_id TEXT NOT NULL,
                PRIMARY KEY (user_id, programme_id, role, scope_kind, scope_id))
            """,
            """
            INSERT INTO user_grants_v21 (user_id, programme_id, role, scope_kind, scope_id)
            SELECT g.user_id, u.programme_id, g.role,
                CASE WHEN g.scope_kind = 'zone' THEN 'division' ELSE g.scope_kind END,
                CASE WHEN g.scope_kind = 'zone' THEN COALESCE(\(binhaiCode("g.scope_id")), g.scope_id) ELSE g.scope_id END
            FROM user_grants g JOIN users u ON u.id = g.user_id
            """,
            "DROP TABLE user_grants",
            "ALTER TABLE user_grants_v21 RENAME TO user_grants",
            "CREATE INDEX user_grants_programme ON user_grants (programme_id, role)",
            // The programme a signed-in person chose in the header (NULL: their home programme).
            "ALTER TABLE sessions ADD COLUMN programme_id TEXT",
            "ALTER TABLE programmes ADD COLUMN kind TEXT NOT NULL DEFAULT 'city_pilot'",
            // The programme's file as parsed (canonical JSON): funding sources, zone funds'
            // divisions, workflows, targets. Rules stay versioned in programme_rule_versions.
            "ALTER TABLE programmes ADD COLUMN definition TEXT NOT NULL DEFAULT '{}'",
            """
            CREATE TABLE programme_versions (
                programme_id TEXT NOT NULL REFERENCES programmes(id), version BIGINT NOT NULL, source TEXT NOT NULL,
                definition TEXT NOT NULL, changed_by TEXT NOT NULL, reason TEXT NOT NULL, changed_at BIGINT NOT NULL,
                PRIMARY KEY (programme_id, version))
            """,
            "DROP TABLE areas",
        ],
        backfill: { database in
            // An instance's scope keys now list its node and every node above it (so a grant at a
            // city, district or street finds it by one index look-up); zone keys go.
            let rows = try await database.raw(
                "SELECT id, division_code FROM workflow_instances WHERE division_code IS NOT NULL"
            ).all()
            for row in rows {
                let id = try row.decode(column: "id", as: String.self)
                guard let code = DivisionCode(try row.decode(column: "division_code", as: String.self)) else { continue }
                for node in code.ancestorsOrSelf {
                    try await database.raw(
                        """
                        INSERT INTO instance_scopes (instance_id, scope) VALUES (\(bind: id), \(bind: "division:\(node.value)"))
                        ON CONFLICT DO NOTHING
                        """
                    ).run()
                }
            }
            try await database.raw("DELETE FROM instance_scopes WHERE scope LIKE 'zone:%'").run()
        })

    /// The only zones databases held before this migration were the Binhai demo's, created with
    /// these codes; each maps to its node in `Workflows/divisions/cn.csv`. Anything else becomes
    /// NULL (no node), which no grant below the programme covers: it fails closed.
    static func binhaiCode(_ areaIdColumn: String) -> String {
        var cases = [
            ("TEDA", "120116400"), ("TPFTZ", "120116401"), ("BHTZ", "120116402"), ("DJ", "120116403"), ("SSTEC", "120116404"),
        ]
        cases += (1...16).map { ("S\($0)", String(format: "120116%03d", $0)) }
        cases += (1...5).map { ("T\($0)", "120116\(99 + $0)") }
        let whens = cases.map { "WHEN '\($0.0)' THEN '\($0.1)'" }.joined(separator: " ")
        return "(SELECT CASE a.code \(whens) END FROM areas a WHERE a.id = \(areaIdColumn))"
    }
}
