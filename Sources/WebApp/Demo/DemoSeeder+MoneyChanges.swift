import Foundation
import Funds
import PilotDomain

extension DemoSeeder {
    /// Money after the award in the demo (issue #17): one small amendment waiting for the district
    /// and one reporting calendar starting today (nothing overdue, so no tranche is held), so a
    /// newcomer sees both on `/finance/changes`.
    func seedMoneyChanges(programmeId: String, finance: Actor, now: Date) async throws {
        let funds = FundsService(services: services)
        let book = try await funds.book(programmeId)
        guard
            let project = book.projects.values.filter({
                $0.hold == .notHeld && $0.tranches.contains { $0.status == .planned }
            }).map(\.id).min()
        else { return }
        let start = Shanghai.dateText(now)
        let end = Shanghai.dateText(now.addingTimeInterval(365 * 86_400))
        let officer = funds.officer(finance)
        _ = try await funds.change(programmeId, "propose_amendment", project, by: finance) { book throws(FundsRefusal) in
            var events = try book.proposeAmendment(
                project: project, terms: AmendmentTerms(endDate: end, scope: "增加设备数据采集模块"), reason: "企业新增产线，调整实施内容并延期",
                preparer: officer, at: now)
            let number = book.amendments.count
            events += try book.submitAmendment(number, at: now)
            events += try book.scheduleReports(project: project, start: start, end: end)
            return events
        }
    }
}
