import PilotDomain

/// The digital-transformation maturity model the diagnosis scores against (GB/T 45341-2025, the
/// successor of T/AIITRE 10004-2023; domain.md §4): five weighted dimensions and five stages split
/// into ten grades (五级十档). Read from a versioned file; every result names the version that scored it.
public struct MaturityModel: Sendable, Hashable {
    public var id: String
    public var version: Int
    public var name: LocalizedText
    /// In the file's order; weights add up to 100.
    public var dimensions: [Dimension]
    /// From the lowest (规范级) to the highest (生态级).
    public var stages: [Stage]
    /// Grades 1–10 in ascending order, each from its cut-off (inclusive) to the next one's.
    public var grades: [Grade]

    public init(
        id: String, version: Int, name: LocalizedText, dimensions: [Dimension], stages: [Stage], grades: [Grade]
    ) {
        self.id = id
        self.version = version
        self.name = name
        self.dimensions = dimensions
        self.stages = stages
        self.grades = grades
    }

    public var key: ModelKey { ModelKey(id: id, version: version) }

    /// A perspective of the model (视角/维度), e.g. 新型能力.
    public struct Dimension: Sendable, Hashable {
        public var id: String
        public var name: LocalizedText
        /// The name another region uses for it (Shanghai: 数字战略 for 发展战略), shown beside it.
        public var alsoCalled: LocalizedText?
        /// Share of the total, whole percent.
        public var weight: Int
    }

    /// A development stage (发展阶段), e.g. 场景级.
    public struct Stage: Sendable, Hashable {
        public var id: String
        public var name: LocalizedText
    }

    /// A grade (档) and the lowest total score that reaches it.
    public struct Grade: Sendable, Hashable {
        public var grade: Int
        public var stage: String
        /// The cut-off in hundredths of a point (2000 is 20.00).
        public var from: Int
    }

    public func dimension(_ id: String) -> Dimension? { dimensions.first { $0.id == id } }
    public func stage(_ id: String) -> Stage? { stages.first { $0.id == id } }

    /// The grade a total (hundredths, 0–10,000) reaches: the highest whose cut-off it meets. The file's
    /// check guarantees grade 1 starts at 0, so every score has one.
    public func grade(for total: Int) -> Grade {
        grades.last { $0.from <= total } ?? grades[0]
    }
}

/// A maturity model's id and version, as questionnaires and results name it.
public struct ModelKey: Sendable, Hashable, Codable, CustomStringConvertible {
    public var id: String
    public var version: Int
    public init(id: String, version: Int) {
        self.id = id
        self.version = version
    }
    public var description: String { "\(id) v\(version)" }
}
