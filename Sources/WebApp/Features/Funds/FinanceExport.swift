import Foundation
import Funds
import OfficeFormats
import PilotDomain

/// The finance bureau's tables: money as numbers in yuan with two decimals (exact, from fen).
enum FinanceExport {
    enum Table: String {
        case tranches, ledger, balances
    }

    static func sheet(_ table: Table, book: FundsBook, names: [String: String], language: UILanguage) -> Sheet {
        switch table {
        case .tranches:
            let header = ["项目", "企业", "批次", "拨付节点", "金额（元）", "中央（元）", "地方（元）", "地方资金来源", "状态"]
            let rows = book.projects.values.sorted { $0.id < $1.id }.flatMap { project in
                project.tranches.map { tranche -> [Cell] in
                    let status: String =
                        switch tranche.status {
                        case .planned: "未到期"
                        case .due: "应拨付"
                        case .paid(let release): "已拨付（拨付单 \(release)）"
                        case .cancelled: "已取消"
                        }
                    return [
                        .text(project.id), .text(names[project.id] ?? ""), .integer(Int64(tranche.number)),
                        .text(tranche.milestone.label.text(language)), .yuan(fen: tranche.amount.value),
                        .yuan(fen: tranche.central.value),
                        .yuan(fen: tranche.local.value), .text(project.localSourceId), .text(status),
                    ]
                }
            }
            return Sheet(name: "拨付批次", rows: [header.map { Cell.text($0) }] + rows, headerRows: 1)
        case .ledger:
            let header = ["分录号", "类型", "时间", "借/贷", "科目", "金额（元）", "批次"]
            let rows = book.ledger.postings.flatMap { posting in
                posting.lines.map { line -> [Cell] in
                    [
                        .integer(Int64(posting.number)), .text(posting.kind.rawValue), .text(Shanghai.dateTimeText(posting.at)),
                        .text(line.side == .debit ? "借" : "贷"), .text(line.account.description), .yuan(fen: line.amount.value),
                        .text(line.tranche?.description ?? ""),
                    ]
                }
            }
            return Sheet(name: "分录账", rows: [header.map { Cell.text($0) }] + rows, headerRows: 1)
        case .balances:
            let header = ["资金来源", "类别", "承诺额度（元）", "已到位（元）", "可用余额（元）"]
            let rows = book.sources.values.sorted { $0.id < $1.id }.map { source -> [Cell] in
                [
                    .text(source.name.text(language)), .text(source.kind.isLocal ? "地方" : "中央"),
                    .yuan(fen: source.committed.value),
                    .yuan(fen: book.ledger.received(source: source.id).value),
                    .yuan(fen: book.ledger.cash(source: source.id).value),
                ]
            }
            let totals: [[Cell]] = [
                [.text("中央资金累计拨付"), .empty, .empty, .empty, .yuan(fen: book.ledger.paid(share: .central).value)],
                [.text("地方配套累计拨付"), .empty, .empty, .empty, .yuan(fen: book.ledger.paid(share: .local).value)],
            ]
            return Sheet(name: "余额表", rows: [header.map { Cell.text($0) }] + rows + totals, headerRows: 1)
        }
    }
}
