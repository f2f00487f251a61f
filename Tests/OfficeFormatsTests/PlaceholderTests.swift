import Testing

@testable import OfficeFormats

@Suite struct OfficeFormatsSmoke {
    @Test func moduleLoads() { _ = OfficeFormats.self }
}
