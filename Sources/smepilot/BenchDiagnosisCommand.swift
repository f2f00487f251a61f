import ArgumentParser
import Diagnosis
import Foundation
import Logging
import PilotDomain
import PilotStore
import Programmes
import SQLKit

/// `smepilot bench diagnosis`: national scale for the diagnosis campaigns (issue #14). Seeds two
/// campaigns on PostgreSQL — Tianjin with `--firms` roster firms (70% diagnosed, 100,000 by default)
/// and Guangxi with a quarter as many (the deployment-wide peer set spans both) — then times what a
/// report and a supervision page read: the report's benchmarking (four peer sets, each with its grade
/// distribution), the coverage of the city's districts and of one district's streets, and the first
/// page of firms not started. Beside them, in the same run: the cheapest read of the same rows (one
/// indexed count of the campaign's latest results) as the baseline, and the naive way (fetch every
/// total, rank in Swift) as the peer the design is compared with. Then the same reads as pages, over
/// loopback HTTP from the real application (`BenchDiagnosisPages`). Goal: p99 < 100 ms.
struct DiagnosisBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnosis",
        abstract: "Seed 100,000 diagnoses on PostgreSQL and time benchmarking and supervision (p50/p99, ratios).")

    @ArgumentParser.Option(help: "Roster firms of the main campaign (70% diagnosed)") var firms = 100_000
    @ArgumentParser.Option(name: .short, help: "Timed calls per query") var n = 200
    @ArgumentParser.Option(help: "Directory of workflow definitions") var workflows = "Workflows"

    static let goalMilliseconds = 100.0

    func run() async throws {
        guard (1000...2_000_000).contains(firms), (1...100_000).contains(n) else {
            throw ValidationError("--firms 1000–2000000, -n 1–100000")
        }
        LoggingSystem.bootstrapOnce(level: .warning)
        let (catalogue, problems) = DiagnosisCatalogue.read(directory: workflows + "/diagnosis")
        guard problems.isEmpty, let questionnaire = catalogue.latest("tianjin-equipment") else {
            throw FailureMessage("the diagnosis files in '\(workflows)/diagnosis' are invalid")
        }
        let (store, address) = try await BenchDatabase.openPostgres()
        print("database \(address.database) on \(address.host):\(address.port) (PostgreSQL, fsync on)")
        try await store.migrate()
        let started = ContinuousClock.now
        let tianjin = try await createCampaign(store, file: "tianjin-diagnosis-2026.yaml")
        let guangxi = try await createCampaign(store, file: "guangxi-diagnosis-2024.yaml")
        let record = try await realDiagnosis(store, programmeId: tianjin, questionnaire: questionnaire, catalogue: catalogue)
        try await bulkSeed(store, programmeId: tianjin, firms: firms, prefix: "T", units: Self.tianjinUnits, record: record)
        try await bulkSeed(store, programmeId: guangxi, firms: firms / 4, prefix: "G", units: Self.guangxiUnits, record: record)
        try await store.backend.transaction { database in try await database.raw("ANALYZE").run() }
        let seeded = (ContinuousClock.now - started).milliseconds / 1000
        print(String(format: "seeded %d + %d roster firms, 70%% diagnosed, in %.1f s", firms, firms / 4, seeded))

        let diagnoses = store.diagnoses
        let city = DivisionCode("120000")!
        let binhai = DivisionCode("120116")!
        var rows: [(String, Timing)] = []
        rows.append(
            ("baseline: one indexed count of the campaign's latest", try await time { _ = try await Self.count(store, tianjin) }))
        rows.append(
            ("report benchmarking (4 peer sets + distributions)", try await time { _ = try await diagnoses.benchmark(record) }))
        rows.append(
            (
                "coverage: the city's districts",
                try await time { _ = try await diagnoses.coverage(programmeId: tianjin, unit: city, childLevel: .county) }
            ))
        rows.append(
            (
                "coverage: 滨海新区's streets and zones",
                try await time { _ = try await diagnoses.coverage(programmeId: tianjin, unit: binhai, childLevel: .township) }
            ))
        var notStarted = FirmQuery(programmeId: tianjin)
        notStarted.division = binhai
        notStarted.progress = .notStarted
        let query = notStarted
        rows.append(("firms not started in 滨海新区, first page", try await time { _ = try await diagnoses.firms(query) }))
        rows.append(
            (
                "peer: every total fetched, ranked in Swift (4 sets)",
                try await time(count: max(5, n / 20)) { try await Self.naive(store, record) }
            ))
        let baseline = rows[0].1
        print("")
        print("what".padding(toLength: 54, withPad: " ", startingAt: 0) + "     p50      p99   p99/baseline")
        for (label, timing) in rows {
            print(
                label.padding(toLength: 54, withPad: " ", startingAt: 0)
                    + String(format: "%7.2f  %7.2f   %6.1f×", timing.p50, timing.p99, timing.p99 / max(0.001, baseline.p99)))
        }
        let worst = rows.dropFirst().dropLast().map(\.1.p99).max() ?? 0
        let naive = rows.last!.1
        print(
            String(
                format: "\nslowest page read p99 %.1f ms (goal < %.0f ms: %@); the naive ranking is %.1f× the benchmarking's p99",
                worst, Self.goalMilliseconds, worst < Self.goalMilliseconds ? "met" : "NOT met",
                naive.p99 / max(0.001, rows[1].1.p99)))
        try await measurePages(store, address: address, programmeId: tianjin, record: record, catalogue: catalogue)
        await store.shutdown()
    }

    struct Timing {
        var p50: Double
        var p99: Double
    }

    func time(count: Int? = nil, _ body: () async throws -> Void) async throws -> Timing {
        for _ in 0..<5 { try await body() }
        var samples: [Double] = []
        for _ in 0..<(count ?? n) {
            let begin = ContinuousClock.now
            try await body()
            samples.append((ContinuousClock.now - begin).milliseconds)
        }
        samples.sort()
        return Timing(
            p50: samples[samples.count / 2], p99: samples[min(samples.count - 1, Int(Double(samples.count) * 0.99))])
    }

    static let tianjinUnits = [
        "120116001", "120116002", "120116003", "120116004", "120116400", "120116401", "120116402", "120110001",
        "120110400", "120111", "120112", "120113", "120114", "120115", "120117", "120118", "120119", "120101",
    ]
    static let guangxiUnits = ["450102", "450103", "450105", "450107", "450202", "450203", "450300", "450400", "450900"]

    func createCampaign(_ store: PilotStore, file: String) async throws -> String {
        let path = workflows + "/programmes/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let (definition, problems, _) = ProgrammeFile.parse(text, file: path)
        guard let definition, problems.isEmpty else { throw FailureMessage("\(path) is invalid") }
        return try await store.programmes.createProgramme(from: definition, source: text, by: "bench").id
    }

    /// One diagnosis made the product's way (scored answers, submitted through the store): the record
    /// the report benchmarks, and the answers and result every bulk row copies.
    func realDiagnosis(
        _ store: PilotStore, programmeId: String, questionnaire: Questionnaire, catalogue: DiagnosisCatalogue
    ) async throws -> DiagnosisRecord {
        let firm = DiagnosisFirm(
            programmeId: programmeId, uscc: USCC.withCheckCharacter("91120116MA0000BEN")!, name: "基准测试企业",
            divisionCode: "120116001", industryGroup: "equipment", size: .medium, aboveScale: true, groupUSCC: nil,
            contactName: "测试", contactPhone: "")
        _ = try await store.diagnoses.importFirms([firm])
        let actor = ChangeActor(userId: "bench", name: "bench")
        let draft = try await store.diagnoses.startDiagnosis(
            id: "bench-record", firm: firm, questionnaire: questionnaire.key, modules: [], by: actor)
        var answers: [String: QuestionnaireAnswers.Answer] = [:]
        for item in questionnaire.items where item.applies(to: .medium) {
            answers[item.id] = .option(item.options[item.options.count / 2].value)
        }
        let answered = AnsweredDiagnosis(
            base: QuestionnaireAnswers(questionnaire: questionnaire.key, size: .medium, answers: answers))
        let scored = try answered.score(in: catalogue)
        guard
            case .success(let record) = try await store.diagnoses.submit(
                id: draft.id, programmeId: programmeId, answers: answered, scored: scored, expectedVersion: draft.version,
                offlineReason: nil, by: actor)
        else { throw FailureMessage("the benchmark's own diagnosis was refused") }
        return record
    }

    /// `firms` roster rows and a submitted diagnosis for 70% of them, by `generate_series` on the
    /// server: totals spread evenly over 0–100 (a prime stride), grades by the model's ten bands.
    func bulkSeed(
        _ store: PilotStore, programmeId: String, firms: Int, prefix: String, units: [String], record: DiagnosisRecord
    ) async throws {
        let unitList = units.map { "'\($0)'" }.joined(separator: ",")
        let answers = try String(decoding: JSONEncoder().encode(record.answers), as: UTF8.self)
        let result = try String(decoding: JSONEncoder().encode(record.scored), as: UTF8.self)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        try await store.backend.transaction { database in
            try await database.raw(
                """
                INSERT INTO diagnosis_firms (programme_id, uscc, name, division_code, industry_group, size, above_scale,
                contact_name, contact_phone, latest_diagnosis_id, latest_total, latest_grade, diagnosed_at, first_diagnosed_at,
                progress,
                imported_at, updated_at)
                SELECT \(bind: programmeId), \(bind: prefix) || lpad(i::text, 17, '0'), '企业' || i,
                (ARRAY[\(unsafeRaw: unitList)])[1 + i % \(unsafeRaw: String(units.count))],
                (ARRAY['raw_materials','equipment','consumer_goods','electronics'])[1 + i % 4],
                (ARRAY['large','medium','small','micro'])[1 + (i / 7) % 4], 1, '联系人', '',
                CASE WHEN i % 10 < 7 THEN \(bind: prefix) || 'd' || i END,
                CASE WHEN i % 10 < 7 THEN (i * 7919) % 10001 END,
                CASE WHEN i % 10 < 7 THEN LEAST(10, (i * 7919) % 10001 / 1000 + 1) END,
                CASE WHEN i % 10 < 7 THEN \(bind: now) END, CASE WHEN i % 10 < 7 THEN \(bind: now) END,
                CASE WHEN i % 10 < 7 THEN LEAST(10, (i * 7919) % 10001 / 1000 + 1) ELSE 0 END, \(bind: now), \(bind: now)
                FROM generate_series(1, \(bind: firms)) AS i
                """
            ).run()
            try await database.raw(
                """
                INSERT INTO diagnoses (id, programme_id, uscc, round, status, questionnaire_id, questionnaire_version, modules,
                size, answers, division_code, region_code, industry_group, model_id, model_version, total, grade, stage, result,
                latest, offline_status, version, created_by, created_at, updated_at, submitted_by, submitted_at)
                SELECT latest_diagnosis_id, programme_id, uscc, 1, 'submitted', 'tianjin-equipment', 1, '', size,
                \(bind: answers), division_code, SUBSTR(division_code, 1, 6), industry_group, 'dt-maturity', 1, latest_total, latest_grade, 'scenario',
                \(bind: result), 1, 'none', 2, 'bench', \(bind: now), \(bind: now), 'bench', \(bind: now)
                FROM diagnosis_firms WHERE programme_id = \(bind: programmeId) AND latest_diagnosis_id IS NOT NULL
                AND uscc LIKE \(bind: prefix + "%")
                """
            ).run()
            // The counters the product keeps per change, here filled in one pass per kind.
            try await database.raw(
                """
                INSERT INTO diagnosis_unit_counts (programme_id, division_code, progress, firms)
                SELECT programme_id, division_code, COALESCE(latest_grade, 0), COUNT(*) FROM diagnosis_firms
                WHERE programme_id = \(bind: programmeId) AND uscc LIKE \(bind: prefix + "%") GROUP BY 1, 2, 3
                ON CONFLICT (programme_id, division_code, progress)
                DO UPDATE SET firms = diagnosis_unit_counts.firms + excluded.firms
                """
            ).run()
            try await database.raw(
                """
                INSERT INTO diagnosis_year_counts (programme_id, division_code, year, firms)
                SELECT programme_id, division_code, \(bind: Shanghai.calendar.component(.year, from: Date())), COUNT(*)
                FROM diagnosis_firms WHERE programme_id = \(bind: programmeId) AND uscc LIKE \(bind: prefix + "%")
                AND latest_grade IS NOT NULL GROUP BY 1, 2, 3
                ON CONFLICT (programme_id, division_code, year) DO UPDATE SET firms = diagnosis_year_counts.firms + excluded.firms
                """
            ).run()
            let sets: [(String, String)] = [
                ("region", "programme_id || '|' || region_code"), ("industry_group", "programme_id || '|' || industry_group"),
                ("size_band", "programme_id || '|' || size"), ("deployment", "model_id || '@' || model_version"),
            ]
            for (set, key) in sets {
                for (kind, value) in [("point", "LEAST(100, total / 100)"), ("grade", "grade")] {
                    try await database.raw(
                        """
                        INSERT INTO diagnosis_peer_counts (peer_set, peer_key, kind, value, firms)
                        SELECT \(bind: set), \(unsafeRaw: key), \(bind: kind), \(unsafeRaw: value), COUNT(*) FROM diagnoses
                        WHERE programme_id = \(bind: programmeId) AND latest = 1 AND uscc LIKE \(bind: prefix + "%")
                        GROUP BY 1, 2, 3, 4
                        ON CONFLICT (peer_set, peer_key, kind, value)
                        DO UPDATE SET firms = diagnosis_peer_counts.firms + excluded.firms
                        """
                    ).run()
                }
            }
        }
    }

    static func count(_ store: PilotStore, _ programmeId: String) async throws -> Int {
        try await store.backend.read { database in
            try await database.raw(
                "SELECT COUNT(*) AS n FROM diagnoses WHERE programme_id = \(bind: programmeId) AND latest = 1"
            ).first().map { try $0.decode(column: "n", as: Int.self) } ?? 0
        }
    }

    /// The naive peer: every total of each peer set fetched and ranked in the client.
    static func naive(_ store: PilotStore, _ record: DiagnosisRecord) async throws {
        let total = record.scored?.base.total ?? 0
        let region = String(record.divisionCode.prefix(6))
        let filters: [SQLQueryString] = [
            "programme_id = \(bind: record.programmeId) AND latest = 1 AND division_code LIKE \(bind: region + "%")",
            "programme_id = \(bind: record.programmeId) AND latest = 1 AND industry_group = \(bind: record.industryGroup)",
            "programme_id = \(bind: record.programmeId) AND latest = 1 AND size = \(bind: record.size.rawValue)",
            "latest = 1 AND model_id = 'dt-maturity' AND model_version = 1",
        ]
        for filter in filters {
            var query = SQLQueryString("SELECT total FROM diagnoses WHERE ")
            query.appendInterpolation(filter)
            let statement = query
            let totals = try await store.backend.read { database in
                try await database.raw(statement).all().map { try $0.decode(column: "total", as: Int.self) }
            }
            _ =
                PeerStanding(
                    below: totals.count { $0 < total }, equal: totals.count { $0 == total }, count: totals.count, grades: [:]
                ).percentile
        }
    }
}
