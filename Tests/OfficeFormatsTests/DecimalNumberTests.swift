import Testing

@testable import OfficeFormats

@Suite struct DecimalNumberTests {
    @Test func acceptsOnlyPlainNumberLiterals() {
        for good in ["0", "-0", "42", "1234.56", "-0.05", "1.5E-7", "2e10", "1E+3", "007.50"] {
            #expect(DecimalNumber(good)?.text == good)
        }
        for bad in ["", "-", ".5", "5.", "1,000", "¥5", " 5", "5 ", "+5", "NaN", "inf", "1e", "1e1234567", "1.2.3", "١٢"] {
            #expect(DecimalNumber(bad) == nil, "\(bad)")
        }
    }

    @Test func fromUnitsAndScale() {
        #expect(DecimalNumber(units: 123_456, scale: 2).text == "1234.56")
        #expect(DecimalNumber(units: -5, scale: 2).text == "-0.05")
        #expect(DecimalNumber(units: 0, scale: 2).text == "0.00")
        #expect(DecimalNumber(units: 7, scale: 0).text == "7")
        #expect(DecimalNumber(units: Int64.min, scale: 18).text == "-9.223372036854775808")
    }

    @Test func toUnitsIsExactOrNil() {
        #expect(DecimalNumber("1234.56")!.units(scale: 2) == 123_456)
        #expect(DecimalNumber("12")!.units(scale: 2) == 1_200)
        #expect(DecimalNumber("12.50")!.units(scale: 2) == 1_250)
        #expect(DecimalNumber("12.500")!.units(scale: 2) == 1_250)
        #expect(DecimalNumber("12.345")!.units(scale: 2) == nil)
        #expect(DecimalNumber("-0.05")!.units(scale: 2) == -5)
        #expect(DecimalNumber("1.5E2")!.units(scale: 0) == 150)
        #expect(DecimalNumber("1E-2")!.units(scale: 2) == 1)
        #expect(DecimalNumber("0.30000000000000004")!.units(scale: 2) == nil)
        #expect(DecimalNumber("9223372036854775807")!.units(scale: 0) == Int64.max)
        #expect(DecimalNumber("-9223372036854775808")!.units(scale: 0) == Int64.min)
        #expect(DecimalNumber("9223372036854775808")!.units(scale: 0) == nil)
        #expect(DecimalNumber("1E999999")!.units(scale: 0) == nil)
        #expect(DecimalNumber("0E999999")!.units(scale: 2) == 0)
        #expect(DecimalNumber("000000000000000000000001")!.units(scale: 2) == 100)
    }

    @Test func fractionDigitsDriveTheNumberFormat() {
        #expect(DecimalNumber("1234.50")!.fractionDigits == 2)
        #expect(DecimalNumber("7")!.fractionDigits == 0)
        #expect(DecimalNumber("1.5E-7")!.fractionDigits == nil)
    }

    @Test func cellHelpers() {
        #expect(Cell.yuan(fen: 123_456) == .decimal(DecimalNumber("1234.56")!))
        #expect(Cell.integer(12).units(scale: 2) == 1_200)
        #expect(Cell.text("12").units(scale: 2) == nil)
        #expect(Cell.boolean(true).stringValue == "TRUE")
        #expect(Cell.yuan(fen: -1).stringValue == "-0.01")
    }
}
