extension FundsBook {
    /// A project reached a milestone: its planned tranches waiting for it become due. Reaching it
    /// again changes nothing. `midtermPassed` is the same as `midtermOutcome(.passed)` — a pass
    /// after rectification also lifts the hold.
    @discardableResult
    public mutating func milestoneReached(project id: String, _ milestone: Milestone) throws(FundsRefusal) -> [FundsEvent] {
        if milestone == .midtermPassed { return try midtermOutcome(project: id, .passed) }
        var project = try project(id)
        guard project.hold != .terminated else { throw .projectTerminated(id) }
        let due = project.reach(milestone)
        update(project)
        return due.isEmpty ? [] : [.tranchesDue(due)]
    }

    /// Records the mid-term evaluation. Rectify holds the project's unpaid tranches until a later
    /// pass; fail holds them for good (termination usually follows). Nothing un-fails a project.
    @discardableResult
    public mutating func midtermOutcome(project id: String, _ outcome: MidtermOutcome) throws(FundsRefusal) -> [FundsEvent] {
        var project = try project(id)
        switch (project.hold, outcome) {
        case (.terminated, _): throw .projectTerminated(id)
        case (.failed, .failed): return []
        case (.failed, _): throw .projectFailedMidterm(id)
        case (.rectify, .rectify): return []
        case (_, .rectify), (_, .failed):
            project.hold = outcome == .failed ? .failed : .rectify
            update(project)
            return [.projectHeld(project: id, hold: project.hold)]
        case (let hold, .passed):
            var events: [FundsEvent] = []
            if hold == .rectify {
                project.hold = .notHeld
                events.append(.projectHoldLifted(project: id))
            }
            let due = project.reach(.midtermPassed)
            if !due.isEmpty { events.append(.tranchesDue(due)) }
            update(project)
            return events
        }
    }
}
