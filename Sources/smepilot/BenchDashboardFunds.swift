import Foundation
import Funds
import PilotDomain
import PilotStore
import SQLKit

/// Every programme's funds as a real `FundsBook`, built with the Funds API from the programme's
/// seeded projects and stored with its summary as the finance workspace stores it, so the
/// dashboard's funds figures (and `smepilot ledger check`) read a book of national size rather
/// than totals made up in SQL.
///
/// The book's story: money received (all local money needed, 60% of the central award); every
/// approved project registered; the first tranche of each project past its task book paid in one
/// release prepared and approved by two officers, except every tenth project in implementation;
/// mid-term outcomes (rectify holds, fail holds for good); the second tranche of accepted
/// projects and of half of those in final settlement paid in a second release; terminated
/// projects ended with what they were paid to recover; a third release prepared and awaiting the
/// second officer.
enum DashboardBenchFunds {
    struct Project: Sendable {
        var id: String
        var enterprise: String
        var subsidy: Fen
        var zone: Int
        var state: String
        var mainSteps: Int
        var number: Int
    }

    struct Totals: Sendable {
        var books = 0
        var projects = 0
        var paidTranches = 0
        var releases = 0
        var violations = 0
    }

    /// Central, city, district/street funds and the funds of the first three zones, as
    /// `FundsService.defaultSources` has them for the Binhai programme.
    static func sources(committed need: [String: Fen]) -> [FundingSource] {
        func source(_ id: String, _ kind: FundingSourceKind, _ zh: String, _ en: String) -> FundingSource {
            FundingSource(id: id, kind: kind, name: LocalizedText(zh: zh, en: en), committed: need[id] ?? .zero)
        }
        return [
            source("central", .central, "中央财政奖补资金", "Central award"),
            source("city", .city, "市级制造业高质量发展专项资金", "City manufacturing fund"),
            source("district", .districtStreet, "区级街镇资金", "District and street funds"),
            source("teda", .zone(code: "teda"), "天津经济技术开发区资金", "TEDA fund"),
            source("tianjin_port_ftz", .zone(code: "tianjin_port_ftz"), "天津港保税区资金", "Tianjin Port FTZ fund"),
            source("binhai_hitech", .zone(code: "binhai_hitech"), "滨海高新区资金", "Binhai Hi-tech Zone fund"),
        ]
    }

    /// The zone's own fund for the first three zones (TEDA, TPFTZ, BHTZ), else district/street
    /// funds, as a programme file naming those zones' divisions would have `FundsService` pay them.
    static func localSource(zone: Int) -> String {
        switch zone {
        case 1: "teda"
        case 2: "tianjin_port_ftz"
        case 3: "binhai_hitech"
        default: "district"
        }
    }

    static func seed(_ seeder: DashboardBenchSeeder) async throws -> Totals {
        let books = try await seeder.inChunks(of: 1) { programme, _ -> Totals in
            let projects = try await Self.projects(of: programme, store: seeder.store)
            let book = try Self.book(projects, now: seeder.now)
            try await seeder.store.funds.createFundsBook(programmeId: DashboardBenchSeeder.programmeId(programme), book)
            return Totals(
                books: 1, projects: book.projects.count,
                paidTranches: book.projects.values.reduce(0) { $0 + $1.tranches.filter(\.isPaid).count },
                releases: book.releases.count, violations: book.check().count)
        }
        return books.reduce(into: Totals()) { total, book in
            total.books += book.books
            total.projects += book.projects
            total.paidTranches += book.paidTranches
            total.releases += book.releases
            total.violations += book.violations
        }
    }

    static func projects(of programme: Int, store: PilotStore) async throws -> [Project] {
        try await store.backend.read { database in
            try await database.raw(
                """
                SELECT instance_id, org_id, approved_subsidy, zone_no, state, main_steps, n FROM bench_projects
                WHERE p = \(bind: programme) AND approved_subsidy IS NOT NULL ORDER BY n
                """
            ).all().map { row in
                Project(
                    id: try row.decode(column: "instance_id", as: String.self),
                    enterprise: try row.decode(column: "org_id", as: String.self),
                    subsidy: Fen(try row.decode(column: "approved_subsidy", as: Int64.self)),
                    zone: Int(try row.decode(column: "zone_no", as: Int64.self)),
                    state: try row.decode(column: "state", as: String.self),
                    mainSteps: Int(try row.decode(column: "main_steps", as: Int32.self)),
                    number: Int(try row.decode(column: "n", as: Int64.self)))
            }
        }
    }

    /// `percent`% of an amount, rounded down to the fen (as the Funds module splits tranches).
    static func part(_ amount: Fen, _ percent: Int) -> Fen { Fen(amount.value * Int64(percent) / 100) }

    static func book(_ projects: [Project], now: Date) throws -> FundsBook {
        func daysAgo(_ days: Double) -> Date { now.addingTimeInterval(-days * 86_400) }
        let preparer = Officer(userId: "usr_bench_finance1", organisationId: nil)
        let approver = Officer(userId: "usr_bench_finance2", organisationId: nil)
        var need: [String: Fen] = [:]
        for project in projects {
            let central = part(project.subsidy, FundingRules.standard.centralSharePercent)
            need["central", default: .zero] = need["central", default: .zero] + central
            need[localSource(zone: project.zone), default: .zero] =
                need[localSource(zone: project.zone), default: .zero] + (project.subsidy - central)
        }
        need["city"] = need["central"].map { part($0, 10) }
        var book = try FundsBook(sources: sources(committed: need))
        for (source, amount) in need.sorted(by: { $0.key < $1.key }) where amount > .zero {
            try book.receive(source: source, amount: source == "central" ? part(amount, 60) : amount, at: daysAgo(150))
        }
        for project in projects {
            try book.registerProject(
                project.id, enterpriseOrganisationId: project.enterprise, approvedSubsidy: project.subsidy,
                localSourceId: localSource(zone: project.zone))
        }
        for project in projects where project.mainSteps >= 14 { try book.milestoneReached(project: project.id, .taskBookSigned) }
        let waiting = { (project: Project) in
            project.state == "implementation" && DashboardBenchSeeder.pick(project.number, salt: 1, percent: 10)
        }
        let first = projects.filter { $0.mainSteps >= 14 && !waiting($0) }.map { TrancheID(project: $0.id, number: 1) }
        try book.prepareRelease(first, preparer: preparer, at: daysAgo(90))
        try book.approveRelease(book.releases.count, approver: approver, at: daysAgo(89))

        for project in projects {
            switch project.state {
            case "midterm_rectification": try book.midtermOutcome(project: project.id, .rectify)
            case "midterm_failed": try book.midtermOutcome(project: project.id, .failed)
            default: if project.mainSteps >= 16 { try book.milestoneReached(project: project.id, .midtermPassed) }
            }
            if project.mainSteps >= 18 { try book.milestoneReached(project: project.id, .accepted) }
        }
        let second = projects.filter {
            $0.state == "accepted"
                || ($0.state == "final_settlement" && DashboardBenchSeeder.pick($0.number, salt: 2, percent: 50))
        }
        .map { TrancheID(project: $0.id, number: 2) }
        if !second.isEmpty {
            try book.prepareRelease(second, preparer: preparer, at: daysAgo(20))
            try book.approveRelease(book.releases.count, approver: approver, at: daysAgo(19))
        }
        for project in projects where project.state == "terminated" {
            let paid = book.projects[project.id]?.tranches.filter(\.isPaid).reduce(Fen.zero) { $0 + $1.amount } ?? .zero
            try book.terminate(project: project.id, toRecover: paid, at: daysAgo(10))
        }
        let third = projects.filter { waiting($0) && DashboardBenchSeeder.pick($0.number, salt: 3, percent: 50) }.map {
            TrancheID(project: $0.id, number: 1)
        }
        if !third.isEmpty { try book.prepareRelease(third, preparer: preparer, at: daysAgo(2)) }
        return book
    }
}
