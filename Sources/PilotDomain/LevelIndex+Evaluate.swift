extension LevelIndexEdition {
    /// Scores an assessment. Counts only what `validate` accepts: points within an item's range,
    /// ratings 1...4 of known scenarios that apply. A refused value counts as nothing rather than
    /// being clamped, so an invalid entry can never lift a level — validate first to tell the user.
    ///
    /// A level is reached when its points, scenario and constrained-scenario minima all hold and
    /// every level below is reached too; a scenario rated 3 counts towards levels 1, 2 and 3.
    public func evaluate(_ assessment: LevelAssessment) -> LevelResult {
        let subtotals = dimensions.map { dimension in
            DimensionSubtotal(
                key: dimension.key, label: dimension.label,
                points: dimension.items.reduce(0) { $0 + assessment.acceptedPoints(for: $1) },
                maximumPoints: dimension.maximumPoints)
        }
        let totalPoints = subtotals.reduce(0) { $0 + $1.points }
        let rated: [(scenario: LevelIndexScenario, rating: Int)] = scenarios.compactMap { scenario in
            guard assessment.applicableScenarios.contains(scenario.key), let rating = assessment.ratings[scenario.key],
                LevelAssessment.ratingRange.contains(rating)
            else { return nil }
            return (scenario, rating)
        }

        var level = 0
        var allBelowMet = true
        var standings: [LevelStanding] = []
        for threshold in thresholds.sorted(by: { $0.level < $1.level }) {
            let atOrAbove = rated.filter { $0.rating >= threshold.level }
            let constrained = atOrAbove.count { $0.scenario.isConstrained }
            let isMet =
                totalPoints >= threshold.minimumPoints && atOrAbove.count >= threshold.minimumScenarios
                && constrained >= threshold.minimumConstrainedScenarios
            standings.append(
                LevelStanding(
                    threshold: threshold, scenarios: atOrAbove.count, constrainedScenarios: constrained, isMet: isMet))
            allBelowMet = allBelowMet && isMet
            if allBelowMet { level = threshold.level }
        }
        let next = standings.first { $0.threshold.level > level }
        return LevelResult(
            editionID: id, totalPoints: totalPoints, dimensions: subtotals, level: level, standings: standings,
            shortfall: next.map { LevelShortfall($0, totalPoints: totalPoints) })
    }
}

extension LevelAssessment {
    /// The item's points if within its range, else 0 (see `LevelIndexEdition.evaluate`).
    fileprivate func acceptedPoints(for item: LevelIndexItem) -> Int {
        guard let value = points[item.key], (0...item.maximumPoints).contains(value) else { return 0 }
        return value
    }
}
