import PilotDomain
import ProviderPool
import Testing

/// The pool's rules of policy 002: categories (第四条), grades (第七条), removal (第八条).
@Suite("Provider pool rules: categories, grade bounds, automatic removal")
struct ProviderPoolTests {
    func score(_ text: String) throws -> EvaluationScore { try #require(EvaluationScore(text)) }

    @Test("grade bounds exactly as 第七条: 69.99 不合格, 70 合格, 79.99 合格, 80 良好, 89.99 良好, 90 优秀")
    func gradeBounds() throws {
        let cases: [(String, ProviderGrade)] = [
            ("0", .unqualified), ("69.99", .unqualified), ("70", .qualified), ("70.00", .qualified), ("79.99", .qualified),
            ("80", .good), ("89.99", .good), ("90", .excellent), ("90.0", .excellent), ("100", .excellent),
        ]
        for (text, grade) in cases { #expect(ProviderGrade(try score(text)) == grade, "\(text)") }
    }

    @Test("scores: two decimals at most, 0–100, digits only; every other text refused with its reason")
    func scores() {
        #expect(EvaluationScore("89.5")?.hundredths == 8_950)
        #expect(EvaluationScore(" 70 ")?.description == "70")
        #expect(EvaluationScore("69.99")?.description == "69.99")
        #expect(EvaluationScore("80.05")?.description == "80.05")
        for bad in ["", ".", "89.", ".5", "-1", "+90", "1e2", "九十", "100.01", "101", "69.999", "9999999999999999999", "89,5"] {
            #expect(EvaluationScore(bad) == nil, "\(bad)")
        }
        #expect(EvaluationScore.parse("69.999") == .failure(.tooPrecise))
        #expect(EvaluationScore.parse("100.01") == .failure(.outOfRange))
        #expect(EvaluationScore.parse("abc") == .failure(.notANumber))
    }

    @Test("an unqualified grade removes the provider at once; a year is graded once; a removed provider is not graded")
    func unqualifiedRemoves() throws {
        var member = PoolMember()
        #expect(try member.grade(year: 2025, score: try score("85")) == .recorded)
        #expect(member.grades[2025] == .good && member.isInGoodStanding)
        #expect(throws: PoolMember.Refusal.gradedAlready(year: 2025)) { try member.grade(year: 2025, score: try score("95")) }
        #expect(try member.grade(year: 2026, score: try score("69.99")) == .removed(.unqualifiedGrade))
        #expect(member.standing == .removed(.unqualifiedGrade))
        #expect(throws: PoolMember.Refusal.notInPool) { try member.grade(year: 2027, score: try score("95")) }
    }

    @Test("the third verified complaint removes the provider; unverified and open ones do not count")
    func thirdVerifiedComplaint() throws {
        var member = PoolMember()
        for id in ["c1", "c2", "c3", "c4"] { member.fileComplaint(id: id) }
        #expect(try member.decideComplaint(id: "c1", verified: true) == .recorded)
        #expect(try member.decideComplaint(id: "c2", verified: false) == .recorded)
        #expect(try member.decideComplaint(id: "c3", verified: true) == .recorded)
        #expect(member.isInGoodStanding && member.verifiedComplaints == 2)
        #expect(throws: PoolMember.Refusal.decidedAlready) { try member.decideComplaint(id: "c1", verified: false) }
        #expect(throws: PoolMember.Refusal.unknownComplaint) { try member.decideComplaint(id: "nope", verified: true) }
        #expect(try member.decideComplaint(id: "c4", verified: true) == .removed(.verifiedComplaints))
        #expect(member.standing == .removed(.verifiedComplaints))
        // Later complaints are kept but decide nothing more.
        member.fileComplaint(id: "c5")
        #expect(try member.decideComplaint(id: "c5", verified: true) == .recorded)
        #expect(member.standing == .removed(.verifiedComplaints))
    }

    @Test("removal by hand for the six other reasons (exit included); the two automatic reasons only from their facts")
    func removalByHand() throws {
        for reason in RemovalReason.allCases {
            var member = PoolMember()
            if reason.isAutomatic {
                #expect(throws: PoolMember.Refusal.automaticReason) { try member.remove(reason) }
                #expect(member.isInGoodStanding)
            } else {
                #expect(try member.remove(reason) == .removed(reason))
                #expect(throws: PoolMember.Refusal.notInPool) { try member.remove(.fraud) }
            }
        }
        #expect(RemovalReason.allCases.map(\.article) == Array(1...8))
        #expect(RemovalReason.verifiedComplaints.article == 4 && RemovalReason.voluntaryExit.article == 8)
    }

    @Test("categories: nine of GB/T 47018; 综合 only with four others; unknown keys named")
    func categories() {
        #expect(ProviderCategory.allCases.count == 9)
        #expect(ProviderCategory.problem([]) != nil)
        #expect(ProviderCategory.problem(["consulting"]) == nil)
        #expect(ProviderCategory.problem(["integrated", "consulting", "rnd", "production"])?.zh.contains("四类") == true)
        #expect(ProviderCategory.problem(["integrated", "consulting", "rnd", "production", "equipment"]) == nil)
        #expect(ProviderCategory.problem(["integrated", "consulting", "consulting", "rnd", "production"]) != nil)
        #expect(ProviderCategory.problem(["consulting", "astrology"])?.zh.contains("astrology") == true)
    }
}
