import Foundation
import Hummingbird
import OfficeFormats
import PilotDomain
import PilotStore
import Programmes

/// The training figures with the names they are shown under: read by `/training`, its export and
/// the dashboard's training section.
struct TrainingFigures: Sendable {
    var counts: TrainingCounts
    var zoneNames: [String: LocalizedText]
    var subIndustryNames: [String: LocalizedText]

    func zoneName(_ key: String) -> LocalizedText {
        key.isEmpty ? TrainingText.unknown : zoneNames[key] ?? LocalizedText(zh: key, en: key)
    }
    func subIndustryName(_ key: String) -> LocalizedText {
        key.isEmpty ? TrainingText.unknown : subIndustryNames[key] ?? LocalizedText(zh: key, en: key)
    }
}

struct TrainingService: Sendable {
    let services: AppServices

    func figures(_ programmeId: String) async throws -> TrainingFigures {
        let store = services.store
        async let attendanceRead = store.training.attendance(programmeId: programmeId)
        async let programmeRead = store.programmes.programme(id: programmeId)
        async let subIndustriesRead = store.programmes.subIndustries(programmeId: programmeId)
        let zones = ProgrammeZones(programmeDivision: try await programmeRead?.division, tree: services.divisions)
        let counts = TrainingCounts(try await attendanceRead) { zones.zone(of: $0)?.value }
        return TrainingFigures(
            counts: counts, zoneNames: Dictionary(uniqueKeysWithValues: zones.zones.map { ($0.code.value, $0.name) }),
            subIndustryNames: Dictionary(uniqueKeysWithValues: try await subIndustriesRead.map { ($0.id, $0.name) }))
    }

    /// The sessions and the figures as a workbook: one sheet of sessions, one per breakdown.
    static func workbook(_ sessions: [TrainingSession], _ figures: TrainingFigures) -> Workbook {
        let titles: [String] = ["培训名称", "培训对象", "组织单位", "开始", "结束", "地点", "线上", "名额", "已报名", "出席"]
        let header = titles.map { Cell.text($0) }
        let rows: [[Cell]] = sessions.map { session in
            [
                .text(session.title), .text(session.audience.label.zh), .text(session.organiserName),
                .text(Shanghai.dateTimeText(session.startsAt)), .text(Shanghai.dateTimeText(session.endsAt)),
                .text(session.place),
                .text(session.online ? "是" : "否"), .integer(Int64(session.capacity)), .integer(Int64(session.registered)),
                .integer(Int64(session.attended)),
            ]
        }
        func sheet(_ name: String, _ first: String, _ items: [TrainingCounts.Row], _ label: (String) -> String) -> Sheet {
            Sheet(
                name: name,
                rows: [[.text(first), .text("出席人次"), .text("覆盖企业")]]
                    + items.map { [.text(label($0.key)), .integer(Int64($0.attendees)), .integer(Int64($0.enterprises))] }
                    + [[.text("合计"), .integer(Int64(figures.counts.attendees)), .integer(Int64(figures.counts.enterprises))]],
                headerRows: 1)
        }
        return Workbook(sheets: [
            Sheet(name: "培训场次", rows: [header] + rows, headerRows: 1),
            sheet("按培训对象", "培训对象", figures.counts.byAudience) { TrainingAudience(rawValue: $0)?.label.zh ?? $0 },
            sheet("按区域", "区域", figures.counts.byZone) { figures.zoneName($0).zh },
            sheet("按细分行业", "细分行业", figures.counts.bySubIndustry) { figures.subIndustryName($0).zh },
        ])
    }
}

/// A workbook as a download.
enum SpreadsheetResponse {
    static func xlsx(_ workbook: Workbook, fileName: String) throws -> Response {
        let data = try XLSXWriter.data(workbook)
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                .contentDisposition: "attachment; filename=\"\(fileName)\"", .cacheControl: "private, no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
