import Foundation

/// The files in `Fixtures/`, found next to this source file rather than as bundle resources so the
/// package manifest stays untouched (how they were made: `Fixtures/make_fixtures.py`).
enum Fixture {
    static func data(_ name: String) throws -> Data {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        return try Data(contentsOf: directory.appendingPathComponent(name))
    }
}
