import Foundation
import PilotDomain

/// A scan kept with a record (a signed contract, an invoice, a voucher, a slot document): its bytes
/// live in `record_files` with the SHA-256 checked on every download, as project attachments do.
public struct RecordFile: Sendable, Hashable {
    public var id: String
    public var programmeId: String
    /// The contract, payment or slot document the file belongs to.
    public var ownerId: String
    public var fileName: String
    public var contentType: String
    public var size: Int
    public var sha256: String
    public var uploadedBy: String
    public var uploadedAt: Date

    public init(
        id: String, programmeId: String, ownerId: String, fileName: String, contentType: String, size: Int, sha256: String,
        uploadedBy: String, uploadedAt: Date
    ) {
        self.id = id
        self.programmeId = programmeId
        self.ownerId = ownerId
        self.fileName = fileName
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
    }
}

/// A file to store with a record: its description and its bytes.
public struct RecordUpload: Sendable {
    public var file: RecordFile
    public var content: Data
    public init(file: RecordFile, content: Data) {
        self.file = file
        self.content = content
    }
}

/// A service contract (服务合同) of a project between the enterprise and one of its providers
/// (policy 004 §四(三) 合同管理), or the main contractor's contracting task book (承包任务书) with the
/// bureau, registered as a signed document. A contract is effective once its signed scan is on file.
public struct ServiceContract: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Enterprise ↔ provider, on a project.
        case service
        /// The bureau ↔ the main contractor: the contracting task book of a selection round.
        case contractorTaskBook = "contractor_task_book"
    }

    public var id: String
    public var programmeId: String
    public var kind: Kind
    /// The project (empty for a contracting task book).
    public var instanceId: String
    /// The selection round (contracting task book only; empty otherwise).
    public var roundId: String
    public var subIndustryId: String
    /// The enterprise (the project's subject), or the bureau's organisation for a task book.
    public var clientOrganisationId: String
    public var providerOrganisationId: String
    public var contractNo: String
    public var amount: Fen
    /// YYYY-MM-DD, Shanghai dates.
    public var signedOn: String
    public var startsOn: String
    public var endsOn: String
    public var scope: String
    /// The lines of the approved plan's budget (`budget_lines`) the contract covers, by item name.
    public var planLines: [String]
    public var scanFileId: String?
    public var createdBy: String
    public var createdAt: Date
    public var updatedBy: String
    public var updatedAt: Date
    public var version: Int

    public var isEffective: Bool { scanFileId != nil }

    public init(
        id: String, programmeId: String, kind: Kind, instanceId: String, roundId: String = "", subIndustryId: String,
        clientOrganisationId: String, providerOrganisationId: String, contractNo: String, amount: Fen, signedOn: String,
        startsOn: String, endsOn: String, scope: String, planLines: [String], scanFileId: String?, createdBy: String,
        createdAt: Date, updatedBy: String? = nil, updatedAt: Date? = nil, version: Int = 1
    ) {
        self.id = id
        self.programmeId = programmeId
        self.kind = kind
        self.instanceId = instanceId
        self.roundId = roundId
        self.subIndustryId = subIndustryId
        self.clientOrganisationId = clientOrganisationId
        self.providerOrganisationId = providerOrganisationId
        self.contractNo = contractNo
        self.amount = amount
        self.signedOn = signedOn
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.scope = scope
        self.planLines = planLines
        self.scanFileId = scanFileId
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedBy = updatedBy ?? createdBy
        self.updatedAt = updatedAt ?? createdAt
        self.version = version
    }
}

/// An invoice (发票) or a payment voucher (付款凭证) recorded on a contract, with its scan.
public struct ContractPayment: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case invoice, voucher

        public var label: LocalizedText {
            switch self {
            case .invoice: LocalizedText(zh: "发票", en: "Invoice")
            case .voucher: LocalizedText(zh: "付款凭证", en: "Payment voucher")
            }
        }
    }

    public var id: String
    public var programmeId: String
    public var contractId: String
    public var kind: Kind
    public var number: String
    public var issuedOn: String
    public var amount: Fen
    public var fileId: String
    public var recordedBy: String
    public var recordedAt: Date

    public init(
        id: String, programmeId: String, contractId: String, kind: Kind, number: String, issuedOn: String, amount: Fen,
        fileId: String, recordedBy: String, recordedAt: Date
    ) {
        self.id = id
        self.programmeId = programmeId
        self.contractId = contractId
        self.kind = kind
        self.number = number
        self.issuedOn = issuedOn
        self.amount = amount
        self.fileId = fileId
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}

/// One item of the project's investment list (投入清单), typed: what was bought, its category, the
/// amount and the contract it was bought under.
public struct InvestmentItem: Sendable, Hashable {
    public enum Category: String, Sendable, CaseIterable {
        case hardware, software, service, cloud, data, other

        public var label: LocalizedText {
            switch self {
            case .hardware: LocalizedText(zh: "硬件设备", en: "Hardware")
            case .software: LocalizedText(zh: "软件产品", en: "Software")
            case .service: LocalizedText(zh: "实施与咨询服务", en: "Services")
            case .cloud: LocalizedText(zh: "云资源与订阅", en: "Cloud and subscriptions")
            case .data: LocalizedText(zh: "数据与网络", en: "Data and networks")
            case .other: LocalizedText(zh: "其他", en: "Other")
            }
        }
    }

    public var id: String
    public var programmeId: String
    public var instanceId: String
    public var item: String
    public var category: Category
    public var amount: Fen
    public var contractId: String?
    public var recordedBy: String
    public var recordedAt: Date

    public init(
        id: String, programmeId: String, instanceId: String, item: String, category: Category, amount: Fen, contractId: String?,
        recordedBy: String, recordedAt: Date
    ) {
        self.id = id
        self.programmeId = programmeId
        self.instanceId = instanceId
        self.item = item
        self.category = category
        self.amount = amount
        self.contractId = contractId
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}

/// A fund-application window (申报批次, policy 004 §五 第一阶段 3.): plans are filed into the window
/// open on the day of filing. Dates are Shanghai days, both ends inclusive.
public struct FundWindow: Sendable, Hashable {
    public var id: String
    public var programmeId: String
    public var name: String
    public var opensOn: String
    public var closesOn: String
    /// At most this many plans may be filed into the window (nil: no cap).
    public var planCap: Int?
    public var createdBy: String
    public var createdAt: Date
    /// Plans filed into it (from `fund_window_filings`).
    public var filed: Int

    public init(
        id: String, programmeId: String, name: String, opensOn: String, closesOn: String, planCap: Int?, createdBy: String,
        createdAt: Date, filed: Int = 0
    ) {
        self.id = id
        self.programmeId = programmeId
        self.name = name
        self.opensOn = opensOn
        self.closesOn = closesOn
        self.planCap = planCap
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.filed = filed
    }

    /// Whether `day` (YYYY-MM-DD) falls in the window, both ends included.
    public func contains(_ day: String) -> Bool { opensOn <= day && day <= closesOn }
}

/// One upload into a record slot: a version, draft until marked final.
public struct SlotDocument: Sendable, Hashable {
    public enum Status: String, Sendable {
        case draft, final
        /// A final version replaced by a newer final one.
        case superseded
    }

    public var id: String
    public var programmeId: String
    public var instanceId: String
    public var slot: String
    public var version: Int
    public var status: Status
    public var fileId: String
    /// Who uploaded it: `enterprise`, `provider` (main contractor or digital provider) or `district`.
    public var side: String
    public var uploadedBy: String
    public var uploadedAt: Date
    public var finalisedBy: String?
    public var finalisedAt: Date?
    /// The file's name (joined from `record_files` on reads).
    public var fileName: String

    public init(
        id: String, programmeId: String, instanceId: String, slot: String, version: Int, status: Status, fileId: String,
        side: String, uploadedBy: String, uploadedAt: Date, finalisedBy: String? = nil, finalisedAt: Date? = nil,
        fileName: String = ""
    ) {
        self.id = id
        self.programmeId = programmeId
        self.instanceId = instanceId
        self.slot = slot
        self.version = version
        self.status = status
        self.fileId = fileId
        self.side = side
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
        self.finalisedBy = finalisedBy
        self.finalisedAt = finalisedAt
        self.fileName = fileName
    }
}
