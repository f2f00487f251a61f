import Foundation
import PilotDomain
import SQLKit

extension ProjectRecordRepository {
    static let windowSelect: SQLQueryString = """
        SELECT w.id, w.programme_id, w.name, w.opens_on, w.closes_on, w.plan_cap, w.created_by, w.created_at,
        (SELECT COUNT(*) FROM fund_window_filings f WHERE f.window_id = w.id) AS filed FROM fund_windows w
        """

    static func window(_ row: any SQLRow) throws -> FundWindow {
        FundWindow(
            id: try row.string("id"), programmeId: try row.string("programme_id"), name: try row.string("name"),
            opensOn: try row.string("opens_on"), closesOn: try row.string("closes_on"),
            planCap: try row.optionalInt64("plan_cap").map(Int.init), createdBy: try row.string("created_by"),
            createdAt: try row.date("created_at"), filed: try row.int("filed"))
    }

    /// Opens a window. One overlapping another of the programme is `StoreError.conflict("overlap")`
    /// (a day belongs to one window at most, so a filing names exactly one).
    public func openWindow(_ window: FundWindow) async throws {
        try await backend.transaction { database in
            let overlapping = try await database.raw(
                """
                SELECT id FROM fund_windows WHERE programme_id = \(bind: window.programmeId)
                AND opens_on <= \(bind: window.closesOn) AND closes_on >= \(bind: window.opensOn)
                """
            ).first()
            if overlapping != nil { throw StoreError.conflict("overlap") }
            try await database.raw(
                """
                INSERT INTO fund_windows (id, programme_id, name, opens_on, closes_on, plan_cap, created_by, created_at)
                VALUES (\(bind: window.id), \(bind: window.programmeId), \(bind: window.name), \(bind: window.opensOn),
                \(bind: window.closesOn), \(bind: window.planCap), \(bind: window.createdBy), \(bind: window.createdAt.millis))
                """
            ).run()
        }
    }

    /// The programme's windows, newest first, each with the number of plans filed into it.
    public func windows(programmeId: String) async throws -> [FundWindow] {
        try await backend.read { database in
            try await database.raw("\(Self.windowSelect) WHERE w.programme_id = \(bind: programmeId) ORDER BY w.opens_on DESC")
                .all().map(Self.window)
        }
    }

    /// The window open on `day` (YYYY-MM-DD, inclusive ends) and the next to open after it.
    public func windows(programmeId: String, on day: String) async throws -> (open: FundWindow?, next: FundWindow?) {
        try await backend.read { database in
            let open = try await database.raw(
                """
                \(Self.windowSelect) WHERE w.programme_id = \(bind: programmeId) AND w.opens_on <= \(bind: day)
                AND w.closes_on >= \(bind: day) ORDER BY w.opens_on LIMIT 1
                """
            ).first().map(Self.window)
            let next = try await database.raw(
                """
                \(Self.windowSelect) WHERE w.programme_id = \(bind: programmeId) AND w.opens_on > \(bind: day)
                ORDER BY w.opens_on LIMIT 1
                """
            ).first().map(Self.window)
            return (open, next)
        }
    }

    /// The window the project's plan was filed into, if any.
    public func filedWindowId(instanceId: String) async throws -> String? {
        try await backend.read { database in
            try await database.raw("SELECT window_id FROM fund_window_filings WHERE instance_id = \(bind: instanceId)").first()
                .map { try $0.string("window_id") }
        }
    }
}

extension ProjectRecordRepository {
    /// The command fact naming the window a plan is filed into (set by `ProjectCommands`); the
    /// decision's write records it in `fund_window_filings`.
    public static let fundWindowFact = "fund_window_id"
    /// The command fact listing what the project's records lack (`RecordsCheck`), read by the
    /// guard `records_complete`.
    public static let problemsFact = "records_problems"
}
