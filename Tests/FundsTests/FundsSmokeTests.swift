import Testing

@testable import Funds

@Suite struct FundsSmoke {
    @Test func moduleLoads() { _ = Funds.self }
}
