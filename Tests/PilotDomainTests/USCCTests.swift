import PilotDomain
import Testing

@Suite("Unified social credit codes are checked (GB 32100-2015)")
struct USCCTests {
    @Test("known valid codes pass", arguments: ["91120116MA05JXXX0T", "911201163409833307"])
    func valid(code: String) throws {
        // Built with the check character so the test does not depend on a real company's code.
        let body = String(code.prefix(17))
        let complete = try #require(USCC.withCheckCharacter(body))
        #expect(try USCC(validating: complete).value == complete)
    }

    @Test("a wrong check character names the expected one")
    func wrongCheck() throws {
        let complete = try #require(USCC.withCheckCharacter("91120116MA05JXXX0"))
        let wrongLast: Character = complete.last == "1" ? "2" : "1"
        let broken = String(complete.dropLast()) + String(wrongLast)
        #expect(throws: USCC.Problem.checkCharacterMismatch(expected: complete.last!, found: wrongLast)) {
            try USCC(validating: broken)
        }
    }

    @Test("length and forbidden characters")
    func malformed() {
        #expect(throws: USCC.Problem.wrongLength(5)) { try USCC(validating: "91120") }
        #expect(throws: USCC.Problem.invalidCharacter("I", position: 9)) { try USCC(validating: "91120116I0000000XX") }
        #expect(USCC.Problem.wrongLength(5).message.zh.contains("18 位"))
    }

    @Test("a published sample code validates")
    func publishedSample() throws {
        // 91350100M000100Y43 is the sample code printed in GB 32100-2015's annex.
        #expect(try USCC(validating: "91350100M000100Y43").value == "91350100M000100Y43")
    }
}
