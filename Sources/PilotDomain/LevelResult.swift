/// The outcome of a level assessment under one edition: points, the level reached, how each level
/// stands, and what the next level still needs — the figures an enterprise and its provider plan by.
public struct LevelResult: Sendable, Hashable, Codable {
    public var editionID: String
    public var totalPoints: Int
    /// Points per dimension, in questionnaire order.
    public var dimensions: [DimensionSubtotal]
    /// 0 (未达一级) up to the edition's top level.
    public var level: Int
    /// Every level of the edition, level 1 first, with the counts that decide it.
    public var standings: [LevelStanding]
    /// What the level above `level` still needs; nil at the top level.
    public var shortfall: LevelShortfall?

    public init(
        editionID: String, totalPoints: Int, dimensions: [DimensionSubtotal], level: Int, standings: [LevelStanding],
        shortfall: LevelShortfall?
    ) {
        self.editionID = editionID
        self.totalPoints = totalPoints
        self.dimensions = dimensions
        self.level = level
        self.standings = standings
        self.shortfall = shortfall
    }

    public var levelName: LocalizedText { LevelIndexEdition.levelName(level) }

    public func points(inDimension key: String) -> Int? { dimensions.first { $0.key == key }?.points }

    public func standing(forLevel level: Int) -> LevelStanding? { standings.first { $0.threshold.level == level } }
}

/// The points an assessment scored in one dimension.
public struct DimensionSubtotal: Sendable, Hashable, Codable {
    public var key: String
    public var label: LocalizedText
    public var points: Int
    public var maximumPoints: Int

    public init(key: String, label: LocalizedText, points: Int, maximumPoints: Int) {
        self.key = key
        self.label = label
        self.points = points
        self.maximumPoints = maximumPoints
    }
}

/// How an assessment stands against one level: the applicable scenarios rated at this level or
/// above, the constrained ones among them, and whether the level's conditions all hold.
public struct LevelStanding: Sendable, Hashable, Codable {
    public var threshold: LevelThreshold
    public var scenarios: Int
    public var constrainedScenarios: Int
    public var isMet: Bool

    public init(threshold: LevelThreshold, scenarios: Int, constrainedScenarios: Int, isMet: Bool) {
        self.threshold = threshold
        self.scenarios = scenarios
        self.constrainedScenarios = constrainedScenarios
        self.isMet = isMet
    }
}
