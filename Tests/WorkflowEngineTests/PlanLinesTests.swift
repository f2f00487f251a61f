import Foundation
import PilotDomain
import Testing

@testable import WorkflowEngine

/// The plan's budget lines and milestones (一企一案): parsed line by line, with the line named.
@Suite("Plan budget lines and milestones")
struct PlanLinesTests {
    func check(_ input: [String: JSONValue]) -> GuardOutcome {
        let instance = InstanceSnapshot(
            id: "i", programmeId: "p", definitionId: "d", definitionVersion: 1, state: "diagnosed", version: 1,
            stateEnteredAt: Date(), createdAt: Date())
        let context = GuardContext(
            instance: instance, input: input, data: [:], actor: .system(programmeId: "p"), now: Date(), rules: RuleBook())
        return PlanLines.consistent(context)
    }

    let base: [String: JSONValue] = [
        "total_cost": .int(80_000_000), "start_date": "2024-07-01", "end_date": "2025-06-30",
        "budget_lines": "软件 | 500000\r\n服务 | 300,000.00", "milestones": "2024-10-31 | 上线\r\n2025-03-31 | 试运行",
    ]

    @Test("browser line breaks (CRLF), thousands separators: a budget adding up to the cost passes")
    func passes() {
        #expect(check(base) == .pass)
        let lines = try? PlanLines.budget("软件 | 500000\r\n服务 | 300,000.00").get()
        #expect(lines?.map(\.amount.value) == [50_000_000, 30_000_000])
    }

    @Test("a budget one fen off the total is refused with both sums")
    func offByOneFen() {
        var input = base
        input["budget_lines"] = "软件 | 500000\n服务 | 299999.99"
        guard case .fail(let message) = check(input) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(message.zh.contains("799,999.99") && message.zh.contains("800,000.00"))
    }

    @Test(
        "bad lines are named by number",
        arguments: [
            ("软件 500000", "预算明细第 1 行格式"), ("软件 | 500000\n服务 | -3", "第 2 行金额“-3”无效"), ("软件 | 12.345", "第 1 行金额"),
        ])
    func badBudget(text: String, expected: String) {
        var input = base
        input["budget_lines"] = .string(text)
        guard case .fail(let message) = check(input) else {
            Issue.record("expected a refusal for \(text)")
            return
        }
        #expect(message.zh.contains(expected), "\(message.zh)")
    }

    @Test("a milestone outside the planned period, or not a date, is refused")
    func milestones() {
        var input = base
        input["milestones"] = "2025-07-31 | 验收准备"
        guard case .fail(let outside) = check(input) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(outside.zh.contains("不在实施周期"))
        input["milestones"] = "2025-02-30 | 上线"
        guard case .fail(let bad) = check(input) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(bad.zh.contains("日期“2025-02-30”无效"))
    }
}
