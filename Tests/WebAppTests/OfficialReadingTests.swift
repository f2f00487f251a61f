import Foundation
import Funds
import Hummingbird
import HummingbirdTesting
import PilotDomain
import PilotStore
import TestSupport
import Testing
import WebApp
import WorkflowEngine

/// What officials read is in their language, with names instead of ids (issue #11): every field
/// of a project's data has a label, every ledger account a name, every task book its number.
@Suite("What officials read: labels, names and numbers")
struct OfficialReadingTests {
    /// The text of every `<dt>` of a page.
    static func terms(_ page: String) -> [String] {
        page.components(separatedBy: "<dt>").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    @Test("a project's data and timeline label every field in Chinese: no raw keys")
    func projectDataLabels() async throws {
        try await WebFixture.app { services, client in
            // One far along (reviewed, filed, in mid-term), one just registered on the public form.
            let code = try #require(USCC.withCheckCharacter("91120116MA0XM0002"))
            #expect(
                try await WebFixture.register(client, name: "天津标签测试有限公司", uscc: code, username: "labelfirm").status == .seeOther)
            let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
            let registered = try #require(try await services.store.parties.organisation(uscc: code, programmeId: programme.id))
            let projects = [
                try await WebFixture.project(services, in: "midterm_rectification").id,
                try #require(
                    try await services.store.instances.projects(
                        ProjectQuery(programmeId: programme.id, scopes: ["organisation:\(registered.id)"])
                    ).rows.first
                ).id,
            ]
            var district = try await TestBrowser.signedIn(client, as: "district")
            var terms: [String] = []
            for project in projects {
                terms += Self.terms(String(buffer: try await district.get("/instances/\(project)").body))
            }
            let raw = terms.filter { $0.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression) != nil }
            #expect(raw.isEmpty, "raw keys: \(raw)")
            for label in ["企业名称", "统一社会信用代码", "专精特新企业", "改造前已上云", "当前数字化水平等级", "评审专家人数"] {
                #expect(terms.contains(label), "\(label)")
            }
        }
    }

    @Test("the ledger names each account by enterprise and source, and each entry's kind, in Chinese")
    func ledgerNames() async throws {
        try await WebFixture.app(enterprises: 60) { services, client in
            let programme = try #require(try await services.store.programmes.programme(code: "BINHAI-2024"))
            let book = try #require(try await services.store.funds.fundsBook(programmeId: programme.id))
            let paid = book.ledger.postings.suffix(30).flatMap(\.lines).compactMap { line -> String? in
                if case .subsidyPaid(let project, .central) = line.account { project } else { nil }
            }
            let project = try #require(paid.first, "the demo pays a release")
            let names = try await services.store.instances.enterpriseNamesByInstance(programmeId: programme.id)
            let enterprise = try #require(names[project])
            var finance = try await TestBrowser.signedIn(client, as: "finance")
            let page = String(buffer: try await finance.get("/finance").body)
            let ledger = try #require(page.components(separatedBy: "id=\"ledger\"").last)
            #expect(ledger.contains("已拨补助 · \(enterprise) · 中央财政奖补资金"))
            #expect(ledger.contains("<td>补助拨付</td>"))
            #expect(ledger.contains("<td>资金到位</td>"))
            #expect(ledger.contains("可用资金 · 中央财政奖补资金"))
            for id in ["subsidy_paid:", "cash:", "contributions:", project, "<td>release</td>", "<td>receipt</td>"] {
                #expect(!ledger.contains(id), "\(id)")
            }
        }
    }

    @Test("the printed task book carries its number before it is filed, one per project")
    func taskBookNumber() async throws {
        try await WebFixture.app { services, client in
            // Suspended by an objection during publicity (never signed), and filed (in mid-term).
            let projects = [
                try await WebFixture.project(services, in: "suspended"),
                try await WebFixture.project(services, in: "midterm_rectification"),
            ]
            var district = try await TestBrowser.signedIn(client, as: "district")
            var numbers: Set<String> = []
            for project in projects {
                let page = String(buffer: try await district.get("/instances/\(project.id)/task-book").body)
                #expect(!page.contains("任务书编号：—"))
                let day = Shanghai.dateText(project.createdAt).replacingOccurrences(of: "-", with: "")
                let hex = String(project.id.dropFirst("prj_".count).prefix(8)).uppercased()
                let number = "BINHAI-2024-RWS-\(day)-\(hex)"
                #expect(page.contains("<span id=\"task-book-number\">\(number)</span>"))
                numbers.insert(number)
            }
            #expect(numbers.count == projects.count)
        }
    }
}
