import Foundation
import ZIPFoundation

/// Reads the entries of an uploaded ZIP with bounds checks on every field, inflating through
/// ZIPFoundation's `Data.decompress` with a data source that ends.
///
/// Why not `Archive.extract`: in ZIPFoundation 0.9.20 on Linux, a deflate stream that runs out of
/// input before its end marker (a truncated or damaged upload) makes the inflate loop spin forever
/// at 100% CPU (weichsel/ZIPFoundation#389, fixed upstream after 0.9.20). Here the provider throws
/// once the entry's bytes are used up, so a damaged file fails fast. The decoder also assumes each
/// chunk is as long as requested, so chunks are zero-padded; zeros after a stream's end are never
/// read, and zeros inside a damaged stream only lead to an error sooner.
struct ZIPEntryReader {
    struct Entry {
        let name: String
        let method: Int
        let crc32: UInt32
        let compressedSize: Int
        let uncompressedSize: Int
        let localHeaderOffset: Int
        let isEncrypted: Bool
    }

    enum Failure: Error {
        case notAZip
        case damaged(String)
        case tooLarge
    }

    private let bytes: [UInt8]
    /// In central-directory order.
    private(set) var entries: [Entry] = []

    static let maximumEntries = 10_000

    init(_ data: Data) throws(Failure) {
        bytes = [UInt8](data)
        guard let end = findEndOfCentralDirectory() else { throw .notAZip }
        guard let count = u16(end + 10), let size = u32(end + 12), let offset = u32(end + 16) else { throw .notAZip }
        // ZIP64 marks its fields 0xFFFF/0xFFFFFFFF; an uploaded spreadsheet never needs it.
        guard count != 0xFFFF, size != 0xFFFF_FFFF, offset != 0xFFFF_FFFF, count <= Self.maximumEntries else {
            throw .tooLarge
        }
        var position = offset
        for _ in 0..<count {
            guard u32(position) == 0x0201_4B50, let flags = u16(position + 8), let method = u16(position + 10),
                let crc = u32(position + 16), let compressed = u32(position + 20), let uncompressed = u32(position + 24),
                let nameLength = u16(position + 28), let extraLength = u16(position + 30),
                let commentLength = u16(position + 32), let localOffset = u32(position + 42),
                position + 46 + nameLength <= bytes.count
            else { throw .damaged("central directory") }
            let name = String(decoding: bytes[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
            let entry = Entry(
                name: name, method: method, crc32: UInt32(crc), compressedSize: compressed, uncompressedSize: uncompressed,
                localHeaderOffset: localOffset, isEncrypted: flags & 1 != 0)
            entries.append(entry)
            position += 46 + nameLength + extraLength + commentLength
        }
    }

    /// The entry's content, refusing more than `limit` bytes of output.
    func contents(of entry: Entry, limit: Int) throws(Failure) -> Data {
        guard entry.uncompressedSize <= limit else { throw .tooLarge }
        guard !entry.isEncrypted else { throw .damaged("\(entry.name) is encrypted") }
        let start = entry.localHeaderOffset
        guard u32(start) == 0x0403_4B50, let nameLength = u16(start + 26), let extraLength = u16(start + 28) else {
            throw .damaged("\(entry.name): local header")
        }
        let dataStart = start + 30 + nameLength + extraLength
        guard dataStart + entry.compressedSize <= bytes.count else { throw .damaged("\(entry.name) is truncated") }
        let compressed = bytes[dataStart..<(dataStart + entry.compressedSize)]
        let output: Data
        switch entry.method {
        case 0:
            output = Data(compressed)
        case 8:
            output = try inflate(compressed, name: entry.name, limit: limit)
        default:
            throw .damaged("\(entry.name) uses compression method \(entry.method)")
        }
        guard output.count == entry.uncompressedSize, output.crc32(checksum: 0) == entry.crc32 else {
            throw .damaged("\(entry.name) fails its checksum")
        }
        return output
    }

    private func inflate(_ compressed: ArraySlice<UInt8>, name: String, limit: Int) throws(Failure) -> Data {
        var output = Data()
        do {
            _ = try Data.decompress(
                size: Int64(compressed.count), bufferSize: 64 * 1_024, skipCRC32: true,
                provider: { position, size in
                    guard position >= 0, position < compressed.count, size > 0 else {
                        throw Failure.damaged("\(name) ends inside its compressed data")
                    }
                    let from = compressed.startIndex + Int(position)
                    var chunk = Data(compressed[from..<min(compressed.endIndex, from + size)])
                    #if !(os(macOS) || os(iOS) || os(tvOS) || os(visionOS) || os(watchOS))
                        if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
                    #endif
                    return chunk
                },
                consumer: { chunk in
                    guard output.count + chunk.count <= limit else { throw Failure.tooLarge }
                    output.append(chunk)
                })
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .damaged("\(name) cannot be inflated")
        }
        return output
    }

    /// The end-of-central-directory record is the last thing in the file, followed only by a
    /// comment of at most 65,535 bytes.
    private func findEndOfCentralDirectory() -> Int? {
        guard bytes.count >= 22 else { return nil }
        let lowest = max(0, bytes.count - 22 - 65_535)
        var position = bytes.count - 22
        while position >= lowest {
            if bytes[position] == 0x50, u32(position) == 0x0605_4B50 { return position }
            position -= 1
        }
        return nil
    }

    private func u16(_ offset: Int) -> Int? {
        guard offset >= 0, offset + 2 <= bytes.count else { return nil }
        return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
    }

    private func u32(_ offset: Int) -> Int? {
        guard let low = u16(offset), let high = u16(offset + 2) else { return nil }
        return low | high << 16
    }
}
