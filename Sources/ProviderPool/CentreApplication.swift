import Foundation
import PilotDomain

/// What a lead organisation files to create a promotion centre (policy 002 第九条, 第十二条, 第十三条（二）):
/// the lead (an independent legal person), any consortium members with their joint-construction
/// agreement, the construction plan (建设方案: a summary and the document), the functions and key
/// contents committed to, the fixed site, the dedicated team and the registered division.
public struct CentreApplication: Sendable, Hashable, Codable {
    public var name: String
    /// The industry the centre serves (面向行业).
    public var industry: String
    public var leadName: String
    public var leadUSCC: String
    public var members: [CentreMember]
    public var planSummary: String
    public var commitments: [CentreCommitment]
    /// The fixed place of business and service (固定的经营服务场所).
    public var site: String
    /// People in the dedicated team (专职技术团队).
    public var teamSize: Int
    /// The registered division (a node beneath the programme's own).
    public var divisionCode: String
    /// For the officials only; never on the public register.
    public var contactName: String
    public var contactPhone: String
    public var planDocumentId: String
    /// The joint-construction agreement (联合建设协议), required with members.
    public var agreementDocumentId: String?

    public init(
        name: String, industry: String, leadName: String, leadUSCC: String, members: [CentreMember], planSummary: String,
        commitments: [CentreCommitment], site: String, teamSize: Int, divisionCode: String, contactName: String,
        contactPhone: String, planDocumentId: String, agreementDocumentId: String?
    ) {
        self.name = name
        self.industry = industry
        self.leadName = leadName
        self.leadUSCC = leadUSCC
        self.members = members
        self.planSummary = planSummary
        self.commitments = commitments.sorted()
        self.site = site
        self.teamSize = teamSize
        self.divisionCode = divisionCode
        self.contactName = contactName
        self.contactPhone = contactPhone
        self.planDocumentId = planDocumentId
        self.agreementDocumentId = agreementDocumentId
    }

    public var isConsortium: Bool { !members.isEmpty }
    public var functions: [CentreCommitment] { commitments.filter { $0.article == 10 } }
    public var contents: [CentreCommitment] { commitments.filter { $0.article == 11 } }

    public static let maxMembers = 5
    public static let maxSummary = 2000

    /// The form as typed: every value a string, members as rows (an empty row is skipped).
    public struct Form: Sendable {
        public struct MemberRow: Sendable {
            public var name: String
            public var uscc: String
            public var kind: String
            public init(name: String, uscc: String, kind: String) {
                self.name = name
                self.uscc = uscc
                self.kind = kind
            }
        }

        public var name = "", industry = "", leadName = "", leadUSCC = "", planSummary = "", site = "", teamSize = ""
        public var division = "", contactName = "", contactPhone = ""
        /// The lead declares it is an independent legal person (第九条, 第十二条（一）).
        public var legalPerson = false
        /// The lead's credit code as the organisation's record holds it, when it holds one.
        public var recordedLeadUSCC: String?
        public var members: [MemberRow] = []
        public var commitments: [String] = []
        public var planDocumentId: String?
        public var agreementDocumentId: String?
        /// The division codes the programme offers.
        public var divisions: Set<String> = []

        public init() {}
    }

    /// A field of the form and what is wrong with it.
    public struct Problem: Sendable, Hashable {
        public var field: String
        public var message: LocalizedText
        public init(field: String, message: LocalizedText) {
            self.field = field
            self.message = message
        }
    }

    /// Every problem of a form.
    public struct Problems: Error, Sendable, Hashable {
        public var list: [Problem]
    }

    /// Checks the whole form and returns the application, or every problem with the field it is in.
    public static func check(_ form: Form) -> Result<CentreApplication, Problems> {
        var problems: [Problem] = []
        func text(_ value: String, _ field: String, max: Int, _ message: LocalizedText) -> String {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.count > max { problems.append(Problem(field: field, message: message)) }
            return trimmed
        }
        let name = text(form.name, "name", max: 100, CentreRules.nameNeeded)
        let industry = text(form.industry, "industry", max: 100, CentreRules.industryNeeded)
        let leadName = text(form.leadName, "lead_name", max: 100, CentreRules.leadNeeded)
        if !form.legalPerson { problems.append(Problem(field: "legal_person", message: CentreRules.legalPersonNeeded)) }
        var leadUSCC = ""
        do throws(USCC.Problem) {
            leadUSCC = try USCC(validating: form.leadUSCC).value
            if let recorded = form.recordedLeadUSCC, recorded != leadUSCC {
                problems.append(Problem(field: "lead_uscc", message: CentreRules.leadCodeDiffers(recorded)))
            }
        } catch {
            problems.append(Problem(field: "lead_uscc", message: error.message))
        }
        var members: [CentreMember] = []
        var codes: Set<String> = [leadUSCC]
        for (index, row) in form.members.enumerated() {
            let number = index + 1
            let rowName = row.name.trimmingCharacters(in: .whitespacesAndNewlines)
            let rowCode = row.uscc.trimmingCharacters(in: .whitespaces)
            if rowName.isEmpty && rowCode.isEmpty && row.kind.isEmpty { continue }
            if rowName.isEmpty || rowName.count > 100 {
                problems.append(Problem(field: "member_name_\(number)", message: CentreRules.memberNameNeeded(number)))
            }
            let kind = CentreMember.Kind(rawValue: row.kind)
            if kind == nil { problems.append(Problem(field: "member_kind_\(number)", message: CentreRules.memberKind(number))) }
            do throws(USCC.Problem) {
                let code = try USCC(validating: rowCode).value
                if !codes.insert(code).inserted {
                    problems.append(Problem(field: "member_uscc_\(number)", message: CentreRules.memberRepeated(number)))
                }
                if let kind { members.append(CentreMember(name: rowName, uscc: code, kind: kind)) }
            } catch {
                problems.append(
                    Problem(field: "member_uscc_\(number)", message: CentreRules.memberCode(number, error.message)))
            }
        }
        if members.count > maxMembers {
            problems.append(Problem(field: "member_name_1", message: CentreRules.tooManyMembers))
        }
        if !members.isEmpty && form.agreementDocumentId == nil {
            problems.append(Problem(field: "agreement", message: CentreRules.agreementNeeded))
        }
        let planSummary = text(form.planSummary, "plan_summary", max: maxSummary, CentreRules.summaryNeeded)
        if form.planDocumentId == nil { problems.append(Problem(field: "plan", message: CentreRules.planNeeded)) }
        var commitments: [CentreCommitment] = []
        for key in form.commitments where !key.isEmpty {
            guard let commitment = CentreCommitment(rawValue: key) else {
                problems.append(Problem(field: "commitments", message: CentreRules.unknownCommitment(key)))
                continue
            }
            if !commitments.contains(commitment) { commitments.append(commitment) }
        }
        commitments.sort()
        if !commitments.contains(where: { $0.article == 10 }) {
            problems.append(Problem(field: "commitments", message: CentreRules.functionNeeded))
        }
        if !commitments.contains(where: { $0.article == 11 }) {
            problems.append(Problem(field: "commitments", message: CentreRules.contentNeeded))
        }
        let site = text(form.site, "site", max: 200, CentreRules.siteNeeded)
        let teamText = form.teamSize.trimmingCharacters(in: .whitespaces)
        let teamSize = teamText.count <= 5 && teamText.allSatisfy { $0.isASCII && $0.isNumber } ? Int(teamText) : nil
        if teamSize == nil || !(1...10_000).contains(teamSize ?? 0) {
            problems.append(Problem(field: "team_size", message: CentreRules.teamSizeProblem))
        }
        if !form.divisions.contains(form.division) {
            problems.append(Problem(field: "division", message: CentreRules.divisionNeeded))
        }
        let contactName = text(form.contactName, "contact_name", max: 50, CentreRules.contactNeeded)
        let contactPhone = text(form.contactPhone, "contact_phone", max: 30, CentreRules.phoneNeeded)
        guard problems.isEmpty, let teamSize, let planDocumentId = form.planDocumentId else {
            return .failure(Problems(list: problems))
        }
        return .success(
            CentreApplication(
                name: name, industry: industry, leadName: leadName, leadUSCC: leadUSCC, members: members,
                planSummary: planSummary, commitments: commitments, site: site, teamSize: teamSize,
                divisionCode: form.division, contactName: contactName, contactPhone: contactPhone,
                planDocumentId: planDocumentId, agreementDocumentId: members.isEmpty ? nil : form.agreementDocumentId))
    }
}
