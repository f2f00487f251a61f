import Foundation
import PilotStore
import TestSupport
import Testing
import WebApp

/// `SMEPILOT_PG_PREPARED` (issue #16): on by default, off for PgBouncer in transaction mode, any
/// other text stops start-up with a message naming the variable.
@Suite("The prepared-statement switch in the configuration")
struct PreparedStatementSettingTests {
    func resolve(_ environment: [String: String]) throws(AppConfiguration.Problems) -> AppConfiguration {
        try AppConfiguration.resolve(
            host: nil, port: nil, databaseURL: nil, workflows: TestWorkflows.shippedDirectory, environment: environment)
    }

    @Test("on by default; off and on as written; anything else refused")
    func setting() throws {
        #expect(try resolve([:]).preparedStatements)
        #expect(try !resolve(["SMEPILOT_PG_PREPARED": "off"]).preparedStatements)
        #expect(try resolve(["SMEPILOT_PG_PREPARED": "on"]).preparedStatements)
        do {
            _ = try resolve(["SMEPILOT_PG_PREPARED": "sometimes"])
            Issue.record("accepted a bad SMEPILOT_PG_PREPARED")
        } catch {
            #expect(error.description.contains("SMEPILOT_PG_PREPARED") && error.description.contains("'sometimes'"))
        }
    }

    @Test("group commit: on by default at its width; off, on and a width as written; anything else refused")
    func groupCommit() throws {
        #expect(try resolve([:]).groupCommitWidth == PostgresBackend.defaultGroupCommitWidth)
        #expect(try resolve(["SMEPILOT_PG_GROUP_COMMIT": "off"]).groupCommitWidth == nil)
        #expect(try resolve(["SMEPILOT_PG_GROUP_COMMIT": "on"]).groupCommitWidth == PostgresBackend.defaultGroupCommitWidth)
        #expect(try resolve(["SMEPILOT_PG_GROUP_COMMIT": "8"]).groupCommitWidth == 8)
        for bad in ["65", "-1", "sometimes"] {
            do {
                _ = try resolve(["SMEPILOT_PG_GROUP_COMMIT": bad])
                Issue.record("accepted SMEPILOT_PG_GROUP_COMMIT=\(bad)")
            } catch {
                #expect(error.description.contains("SMEPILOT_PG_GROUP_COMMIT") && error.description.contains("'\(bad)'"))
            }
        }
    }
}
