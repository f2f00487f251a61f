/// One diagnosis as a firm fills it in: its answers to its group's questionnaire and to each optional
/// module it chose (Shanghai's 1+X+Y), every one pinned to its questionnaire version. Saved as a
/// draft as often as the firm likes; scored once, on submission.
public struct AnsweredDiagnosis: Sendable, Hashable, Codable {
    public var base: QuestionnaireAnswers
    public var modules: [QuestionnaireAnswers]

    public init(base: QuestionnaireAnswers, modules: [QuestionnaireAnswers] = []) {
        self.base = base
        self.modules = modules
    }

    /// Every answer sheet, the base first.
    public var sheets: [QuestionnaireAnswers] { [base] + modules }

    /// The scores of the base questionnaire (which grades the firm) and of each module (reported
    /// beside the grade, never changing it).
    public func score(in catalogue: DiagnosisCatalogue) throws(ScoringRefusal) -> ScoredDiagnosis {
        let base = try DiagnosisScoring.score(self.base, in: catalogue)
        var modules: [DiagnosisResult] = []
        for sheet in self.modules { modules.append(try DiagnosisScoring.score(sheet, in: catalogue)) }
        return ScoredDiagnosis(base: base, modules: modules)
    }
}

/// A submitted diagnosis's results: what the report, the firm file and the benchmarking read.
public struct ScoredDiagnosis: Sendable, Hashable, Codable {
    public var base: DiagnosisResult
    public var modules: [DiagnosisResult]

    public init(base: DiagnosisResult, modules: [DiagnosisResult]) {
        self.base = base
        self.modules = modules
    }
}
