import Foundation
import PilotDomain

/// The structured parts of a plan typed as lines, so the one-plan-per-enterprise form stays a
/// plain form: budget lines "费用项目 | 金额（元）" and milestones "YYYY-MM-DD | 节点". The guard
/// `plan_lines_consistent` checks every line, that the budget adds up to the total cost exactly
/// (in fen), and that milestones fall within the planned period.
public enum PlanLines {
    public struct BudgetLine: Sendable, Hashable {
        public var item: String
        public var amount: Fen
    }

    public struct Milestone: Sendable, Hashable {
        public var date: String
        public var name: String
    }

    static func split(_ line: Substring) -> (String, String)? {
        let parts = line.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (parts[0], parts[1])
    }

    static func lines(_ text: String) -> [(number: Int, text: Substring)] {
        // Browsers post CRLF, and "\r\n" is one Character in Swift: split on any line break.
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            .map { ($0.offset + 1, Substring($0.element.trimmingCharacters(in: .whitespacesAndNewlines))) }
            .filter { !$0.text.isEmpty }
    }

    public static func budget(_ text: String) -> Result<[BudgetLine], LineProblem> {
        var result: [BudgetLine] = []
        for (number, line) in lines(text) {
            guard let (item, amountText) = split(line) else {
                return .failure(LineProblem(field: "budget_lines", line: number, kind: .format))
            }
            guard let amount = try? Fen.parseYuan(amountText), amount.value > 0 else {
                return .failure(LineProblem(field: "budget_lines", line: number, kind: .amount(amountText)))
            }
            result.append(BudgetLine(item: item, amount: amount))
        }
        return result.isEmpty ? .failure(LineProblem(field: "budget_lines", line: 0, kind: .empty)) : .success(result)
    }

    public static func milestones(_ text: String) -> Result<[Milestone], LineProblem> {
        var result: [Milestone] = []
        for (number, line) in lines(text) {
            guard let (date, name) = split(line) else {
                return .failure(LineProblem(field: "milestones", line: number, kind: .format))
            }
            guard Shanghai.parseDate(date) != nil else {
                return .failure(LineProblem(field: "milestones", line: number, kind: .date(date)))
            }
            result.append(Milestone(date: date, name: name))
        }
        return result.isEmpty ? .failure(LineProblem(field: "milestones", line: 0, kind: .empty)) : .success(result)
    }

    public struct LineProblem: Error, Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            case format, empty
            case amount(String)
            case date(String)
        }

        public var field: String
        public var line: Int
        public var kind: Kind

        public var message: LocalizedText {
            let (zhField, enField) = field == "budget_lines" ? ("预算明细", "Budget lines") : ("实施节点", "Milestones")
            let (zhShape, enShape) =
                field == "budget_lines"
                ? ("费用项目 | 金额（元）", "item | amount in yuan") : ("YYYY-MM-DD | 节点名称", "YYYY-MM-DD | milestone")
            switch kind {
            case .empty: return LocalizedText(zh: "请填写\(zhField)，每行一项", en: "\(enField): one per line")
            case .format:
                return LocalizedText(
                    zh: "\(zhField)第 \(line) 行格式应为“\(zhShape)”", en: "\(enField) line \(line) must read “\(enShape)”")
            case .amount(let text):
                return LocalizedText(
                    zh: "\(zhField)第 \(line) 行金额“\(text)”无效（正数，最多两位小数）",
                    en: "\(enField) line \(line): “\(text)” is not a positive amount with at most two decimals")
            case .date(let text):
                return LocalizedText(
                    zh: "\(zhField)第 \(line) 行日期“\(text)”无效", en: "\(enField) line \(line): “\(text)” is not a date")
            }
        }
    }

    /// The guard: lines well-formed, budget = total cost, milestones within start…end.
    static let consistent: Guard = { context in
        guard let budgetText = context.value("budget_lines")?.stringValue,
            let milestoneText = context.value("milestones")?.stringValue
        else { return .pass }
        let budget: [BudgetLine]
        switch PlanLines.budget(budgetText) {
        case .success(let lines): budget = lines
        case .failure(let problem): return .fail(problem.message)
        }
        if let cost = context.value("total_cost")?.intValue {
            let sum = budget.reduce(Int64(0)) { $0 + $1.amount.value }
            if sum != cost {
                return .fail(
                    LocalizedText(
                        zh: "预算明细合计 \(Fen(sum).yuanText) 元，与项目总投资 \(Fen(cost).yuanText) 元不一致",
                        en: "The budget lines add up to ¥\(Fen(sum).yuanText), not the total cost ¥\(Fen(cost).yuanText)"))
            }
        }
        switch PlanLines.milestones(milestoneText) {
        case .failure(let problem): return .fail(problem.message)
        case .success(let milestones):
            let start = context.value("start_date")?.stringValue ?? ""
            let end = context.value("end_date")?.stringValue ?? "9999-12-31"
            if let outside = milestones.first(where: { $0.date < start || $0.date > end }) {
                return .fail(
                    LocalizedText(
                        zh: "节点“\(outside.name)”的日期 \(outside.date) 不在实施周期 \(start) 至 \(end) 内",
                        en: "Milestone “\(outside.name)” on \(outside.date) is outside the period \(start) to \(end)"))
            }
        }
        return .pass
    }
}
