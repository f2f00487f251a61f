import WorkflowEngine

extension InstanceSnapshot {
    /// Whom the instance is about, by name: the enterprise of a project, the applicant of a pool
    /// application (`provider-admission`).
    var subjectName: String? { data["enterprise_name"]?.stringValue ?? data["provider_name"]?.stringValue }
}
