import Foundation

/// Read access to the parts of an uploaded `.xlsx` (a ZIP), with the defences an upload needs.
///
/// Part names are matched ignoring case, as the Open Packaging Conventions require (some tools
/// write "xl/SharedStrings.xml"). Each part is capped at ``maximumPartSize`` bytes *as extracted*,
/// counted while inflating, because the sizes in a ZIP's headers are whatever the file claims; and
/// each part must match its checksum, so damage is reported instead of half-read.
struct XLSXPackage {
    static let maximumPartSize = 256 * 1_024 * 1_024

    private let zip: ZIPEntryReader
    /// Entries by normalised name; the first of a name wins.
    private let entries: [String: ZIPEntryReader.Entry]

    init(data: Data) throws(SpreadsheetReadError) {
        let signature = [UInt8](data.prefix(4))
        if signature == [0xD0, 0xCF, 0x11, 0xE0] { throw .legacyOrEncrypted }
        guard signature == [0x50, 0x4B, 0x03, 0x04] || signature == [0x50, 0x4B, 0x05, 0x06] else {
            throw .notAZipArchive
        }
        do {
            zip = try ZIPEntryReader(data)
        } catch .tooLarge {
            throw .tooLarge("more than \(ZIPEntryReader.maximumEntries) parts, or a ZIP64 archive")
        } catch {
            throw .notAZipArchive
        }
        var entries: [String: ZIPEntryReader.Entry] = [:]
        for entry in zip.entries where !entry.name.hasSuffix("/") {
            let key = Self.key(entry.name)
            if entries[key] == nil { entries[key] = entry }
        }
        self.entries = entries
    }

    /// The bytes of the part at `path` ("xl/workbook.xml", no leading slash), or nil if absent.
    func part(_ path: String) throws(SpreadsheetReadError) -> Data? {
        guard let entry = entries[Self.key(path)] else { return nil }
        do {
            return try zip.contents(of: entry, limit: Self.maximumPartSize)
        } catch .tooLarge {
            throw .tooLarge("\(path) is larger than \(Self.maximumPartSize / 1_048_576) MiB")
        } catch .damaged(let reason) {
            throw .invalidContent(part: path, reason: reason)
        } catch {
            throw .notAZipArchive
        }
    }

    /// Like ``part(_:)`` but a missing part is an error.
    func requiredPart(_ path: String) throws(SpreadsheetReadError) -> Data {
        guard let data = try part(path) else { throw .missingPart(path) }
        return data
    }

    private static func key(_ path: String) -> String {
        var path = path.replacingOccurrences(of: "\\", with: "/")
        while path.hasPrefix("/") { path.removeFirst() }
        return path.lowercased()
    }
}
