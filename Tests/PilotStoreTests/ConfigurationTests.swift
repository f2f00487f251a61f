import PilotStore
import Testing

@Suite("DATABASE_URL is parsed or refused with a message that names the problem")
struct ConfigurationTests {
    @Test("no URL means SQLite in ./data; sqlite: and postgres:// URLs are understood")
    func valid() throws {
        #expect(try DatabaseLocation.parse(nil) == .sqlite(path: "./data/smepilot.sqlite"))
        #expect(try DatabaseLocation.parse("sqlite:/tmp/x.sqlite") == .sqlite(path: "/tmp/x.sqlite"))
        let location = try DatabaseLocation.parse("postgres://pilot:s%40cret@db.internal:6432/smepilot?tlsmode=require")
        guard case .postgres(let address) = location else {
            Issue.record("expected postgres, got \(location)")
            return
        }
        #expect(address.host == "db.internal" && address.port == 6432 && address.user == "pilot")
        #expect(address.password == "s@cret" && address.database == "smepilot" && address.requireTLS)
        #expect(!location.description.contains("cret"))
    }

    @Test(
        "malformed URLs are refused",
        arguments: [
            ("mysql://u@h/db", "must start with postgres://"), ("postgres://u@:5432/db", "no host"),
            ("postgres://@host/db", "no user"), ("postgres://u@host/", "names no database"),
            ("postgres://u@host/db?tlsmode=maybe", "tlsmode"),
        ])
    func invalid(url: String, message: String) {
        #expect {
            try DatabaseLocation.parse(url)
        } throws: { error in
            (error as? DatabaseLocation.Problem)?.description.contains(message) == true
        }
    }
}
