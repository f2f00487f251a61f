import PilotDomain
import Testing

@Suite("Money is typed in yuan and kept in fen")
struct MoneyTests {
    @Test(
        "valid amounts",
        arguments: [("12.34", 1234), ("1,234,567.8", 123_456_780), ("0", 0), (" 100 ", 10000), ("¥5.5", 550)] as [(String, Int64)]
    )
    func parses(text: String, fen: Int64) throws {
        #expect(try Fen.parseYuan(text) == Fen(fen))
    }

    @Test(
        "bad amounts get a specific reason",
        arguments: [
            ("12.345", MoneyInputProblem.tooManyDecimals), ("-1", .negative), ("1e9", .notANumber), ("壹万", .notANumber),
            ("", .empty), ("1,23", .notANumber), ("12.", .notANumber), ("99999999999999", .tooLarge),
        ])
    func refuses(text: String, problem: MoneyInputProblem) {
        #expect(throws: problem) { try Fen.parseYuan(text) }
        #expect(!problem.message.zh.isEmpty && !problem.message.en.isEmpty)
    }

    @Test("display in 元 and 万元, exact to the fen")
    func display() {
        #expect(Fen(123_456_789).yuanText == "1,234,567.89")
        #expect(Fen(123_456_789).wanYuanText == "123.456789")
        #expect(Fen(300_000_00).wanYuanText == "30.00")
        #expect(Fen(5).yuanText == "0.05")
    }
}
