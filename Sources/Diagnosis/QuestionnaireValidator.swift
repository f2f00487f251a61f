import PilotDomain

/// Checks a parsed questionnaire against the maturity models of its directory: the model it names
/// exists in that version, every item's dimension is one of the model's, and a base questionnaire
/// gives every dimension an item that every firm must answer (else some firms would get no score on
/// it and no grade). The file's own shape is `QuestionnaireFile`'s.
public struct QuestionnaireValidator: Sendable {
    public var models: [ModelKey: MaturityModel]

    public init(models: [ModelKey: MaturityModel]) { self.models = models }

    public func problems(_ questionnaire: Questionnaire, lines: QuestionnaireFile.Lines, file: String) -> [DiagnosisProblem] {
        var problems: [DiagnosisProblem] = []
        func report(_ key: String, _ kind: DiagnosisProblemKind, _ message: String) {
            problems.append(DiagnosisProblem(file: file, line: lines[key] ?? 1, kind: kind, message: message))
        }
        guard let model = models[questionnaire.model] else {
            let known = models.keys.map(\.description).sorted().joined(separator: ", ")
            report("model", .unknownModel, "no maturity model \(questionnaire.model) in the directory (known: \(known))")
            return problems
        }
        for item in questionnaire.items where model.dimension(item.dimension) == nil {
            report(
                "dimension:\(item.id)", .unknownDimension,
                "item \(item.id): dimension '\(item.dimension)' is not one of \(model.key)'s "
                    + "(\(model.dimensions.map(\.id).joined(separator: ", ")))")
        }
        if !questionnaire.isModule {
            for dimension in model.dimensions
            where !questionnaire.items.contains(where: {
                $0.dimension == dimension.id && $0.appliesTo == nil && !$0.allowsNotApplicable
            }) {
                report(
                    "items", .uncoveredDimension,
                    "dimension \(dimension.id) (\(dimension.name.zh)) needs an item every firm answers "
                        + "(applies_to all, no allow_not_applicable)")
            }
        }
        return problems
    }
}
