import Foundation
import OfficeFormats
import PilotDomain
import PilotStore
import WorkflowEngine

/// The district's import of enterprises from a spreadsheet (XLSX or CSV, issue "Enterprises"):
/// every row is checked first, with a report per row; nothing is written when any row is bad,
/// unless the user chose to import the valid rows only.
struct EnterpriseImport: Sendable {
    let services: AppServices

    struct RowReport {
        var line: Int
        var name: String
        var errors: [FieldError]
        var created: Bool = false
    }

    struct Report {
        var rows: [RowReport]
        /// A problem with the file as a whole (unreadable, missing columns); no rows then.
        var fileError: LocalizedText?
        var written: Int { rows.filter(\.created).count }
        var invalid: Int { rows.filter { !$0.errors.isEmpty }.count }
    }

    static let required = ["name", "uscc", "sub_industry", "zone", "contact_name", "contact_phone"]

    /// Reads the rows of an .xlsx or .csv file (first sheet; first row = column titles).
    static func rows(fileName: String, data: Data) -> Result<[[String]], ImportFileError> {
        let ext = (fileName as NSString).pathExtension.lowercased()
        switch ext {
        case "xlsx":
            do { return .success(try XLSXReader.firstSheetTextRows(data)) } catch { return .failure(.unreadable(error)) }
        case "csv":
            do { return .success(try CSVReader.rows(data)) } catch { return .failure(.unreadable(error)) }
        default:
            return .failure(
                ImportFileError(
                    message: LocalizedText(
                        zh: "请上传 .xlsx 或 .csv 文件（收到“.\(ext)”）", en: "Upload an .xlsx or .csv file (got '.\(ext)')")))
        }
    }

    /// Column index per field key, from the title row (Chinese or English titles, or keys).
    static func columns(_ header: [String]) -> Result<[String: Int], ImportFileError> {
        var map: [String: Int] = [:]
        for (index, title) in header.enumerated() {
            let clean = title.trimmingCharacters(in: .whitespacesAndNewlines)
            if let column = EnterpriseRecord.columns.first(where: {
                $0.key == clean || $0.label.zh == clean || $0.label.en.caseInsensitiveCompare(clean) == .orderedSame
            }) {
                map[column.key] = index
            } else if let key = EnterpriseRecord.headerAliases[clean] {
                map[key] = index
            }
        }
        let missing = required.filter { map[$0] == nil }
        guard missing.isEmpty else {
            let names = missing.compactMap { key in EnterpriseRecord.columns.first { $0.key == key }?.label }
            return .failure(
                ImportFileError(
                    message: LocalizedText(
                        zh: "缺少必需的列：\(names.map(\.zh).joined(separator: "、"))",
                        en: "Required columns are missing: \(names.map(\.en).joined(separator: ", "))")))
        }
        return .success(map)
    }

    func run(fileName: String, data: Data, validOnly: Bool, identity: Identity) async throws -> Report {
        let programmeId = identity.programmeId
        let table: [[String]]
        switch Self.rows(fileName: fileName, data: data) {
        case .success(let rows): table = rows
        case .failure(let error): return Report(rows: [], fileError: error.message)
        }
        guard let header = table.first else {
            return Report(rows: [], fileError: LocalizedText(zh: "文件是空的", en: "The file is empty"))
        }
        let columns: [String: Int]
        switch Self.columns(header) {
        case .success(let map): columns = map
        case .failure(let error): return Report(rows: [], fileError: error.message)
        }
        let reference = EnterpriseRecord.Reference(
            subIndustries: try await services.store.programmes.subIndustries(programmeId: programmeId),
            areas: try await services.divisions(of: programmeId))
        var reports: [RowReport] = []
        var valid: [(index: Int, record: EnterpriseRecord)] = []
        var seen: [String: Int] = [:]
        for (offset, row) in table.dropFirst().enumerated() {
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let line = offset + 2
            var raw: [String: String] = [:]
            for (key, index) in columns where index < row.count { raw[key] = row[index] }
            var report = RowReport(line: line, name: raw["name"] ?? "", errors: [])
            switch EnterpriseRecord.validate(raw, reference: reference) {
            case .failure(let problems): report.errors = problems.list
            case .success(let record):
                if let earlier = seen[record.uscc.value] {
                    report.errors.append(
                        FieldError(
                            field: "uscc",
                            message: LocalizedText(
                                zh: "与第 \(earlier) 行的统一社会信用代码重复", en: "Same credit code as line \(earlier)")))
                } else if let existing = try await services.store.parties.organisation(
                    uscc: record.uscc.value, programmeId: programmeId)
                {
                    report.errors.append(FieldError(field: "uscc", message: EnterpriseOnboarding.duplicateMessage(existing)))
                } else {
                    seen[record.uscc.value] = line
                    valid.append((reports.count, record))
                }
            }
            reports.append(report)
        }
        let anyInvalid = reports.contains { !$0.errors.isEmpty }
        guard !anyInvalid || validOnly else { return Report(rows: reports, fileError: nil) }
        let onboarding = EnterpriseOnboarding(services: services)
        for (index, record) in valid {
            switch try await onboarding.admit(record, programmeId: programmeId, actor: identity.actor) {
            case .created: reports[index].created = true
            case .duplicate(let existing):
                reports[index].errors.append(FieldError(field: "uscc", message: EnterpriseOnboarding.duplicateMessage(existing)))
            case .usernameTaken:
                throw StoreError.conflict("user name")  // no account is made here
            }
        }
        return Report(rows: reports, fileError: nil)
    }

    /// The template: column titles and one example row.
    static func template() -> [[String]] {
        [
            EnterpriseRecord.columns.map(\.label.zh),
            [
                "天津示例精密仪器有限公司", USCC.withCheckCharacter("91120116MA0EX0001") ?? "", "SMCE", "TEDA", "泰达街道", "是", "否",
                "是", "张工", "022-25200000", "1",
            ],
        ]
    }
}
