import Foundation

/// The 18-character unified social credit code (统一社会信用代码, GB 32100-2015) that identifies
/// every enterprise and provider. The 18th character is a check character over the first 17.
public struct USCC: Sendable, Hashable, Codable, CustomStringConvertible {
    public let value: String

    /// The 31 characters the code uses: digits and capitals without I, O, S, V, Z.
    static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    public enum Problem: Error, Sendable, Equatable {
        case wrongLength(Int)
        case invalidCharacter(Character, position: Int)
        case checkCharacterMismatch(expected: Character, found: Character)

        public var message: LocalizedText {
            switch self {
            case .wrongLength(let count):
                LocalizedText(
                    zh: "统一社会信用代码应为 18 位，实际为 \(count) 位",
                    en: "A unified social credit code has 18 characters, not \(count)")
            case .invalidCharacter(let character, let position):
                LocalizedText(
                    zh: "统一社会信用代码第 \(position) 位“\(character)”不是合法字符（不使用 I、O、S、V、Z）",
                    en:
                        "Character \(position) “\(character)” is not allowed in a unified social credit code (I, O, S, V, Z are never used)"
                )
            case .checkCharacterMismatch(let expected, let found):
                LocalizedText(
                    zh: "统一社会信用代码校验位错误：应为 \(expected)，实际为 \(found)",
                    en: "The check character is wrong: expected \(expected), found \(found)")
            }
        }
    }

    public init(validating raw: String) throws(Problem) {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        let characters = Array(code)
        guard characters.count == 18 else { throw .wrongLength(characters.count) }
        var sum = 0
        for (index, character) in characters.prefix(17).enumerated() {
            guard let value = Self.alphabet.firstIndex(of: character) else {
                throw .invalidCharacter(character, position: index + 1)
            }
            sum += value * Self.weights[index]
        }
        let expected = Self.checkCharacter(forSum: sum)
        guard characters[17] == expected else {
            if !Self.alphabet.contains(characters[17]) {
                throw .invalidCharacter(characters[17], position: 18)
            }
            throw .checkCharacterMismatch(expected: expected, found: characters[17])
        }
        self.value = code
    }

    /// Completes a 17-character body with its check character (used to make demo and test codes).
    public static func withCheckCharacter(_ body: String) -> String? {
        let characters = Array(body.uppercased())
        guard characters.count == 17 else { return nil }
        var sum = 0
        for (index, character) in characters.enumerated() {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            sum += value * weights[index]
        }
        return body.uppercased() + String(checkCharacter(forSum: sum))
    }

    static func checkCharacter(forSum sum: Int) -> Character {
        let check = (31 - sum % 31) % 31
        return alphabet[check]
    }

    public var description: String { value }
}
