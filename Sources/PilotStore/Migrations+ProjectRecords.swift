import Foundation
import SQLKit

extension Migrations {
    /// Migration 28 (issue #15): the project's records as the Binhai pilot keeps them (policy 004
    /// §四(三) 合同管理, §五 第一阶段) — service contracts between an enterprise and its provider with
    /// their invoices and payment vouchers, the investment list (投入清单), the typed record slots the
    /// national platform expects (each upload a version, draft or final), the fund-application
    /// windows (申报批次) with the plans filed into each, and the scans (bytes in the database, like
    /// attachments since migration 20).
    static let projectRecords = Migration(
        number: 28, name: "contracts, invoices, investment lists, record slots, fund-application windows",
        statements: [
            """
            CREATE TABLE record_files (
                id TEXT PRIMARY KEY, programme_id TEXT NOT NULL REFERENCES programmes(id), owner_id TEXT NOT NULL,
                file_name TEXT NOT NULL, content_type TEXT NOT NULL, size BIGINT NOT NULL, sha256 TEXT NOT NULL,
                uploaded_by TEXT NOT NULL, uploaded_at BIGINT NOT NULL, content $BYTES NOT NULL)
            """,
            "CREATE INDEX record_files_owner ON record_files (owner_id)",
            // `instance_id` is empty for the main contractor's contracting task book (承包任务书), whose
            // scan is registered here under the round (`round_id`).
            """
            CREATE TABLE project_contracts (
                id TEXT PRIMARY KEY, programme_id TEXT NOT NULL REFERENCES programmes(id), kind TEXT NOT NULL,
                instance_id TEXT NOT NULL, round_id TEXT NOT NULL, sub_industry_id TEXT NOT NULL,
                client_org_id TEXT NOT NULL, provider_org_id TEXT NOT NULL, contract_no TEXT NOT NULL, amount BIGINT NOT NULL,
                signed_on TEXT NOT NULL, starts_on TEXT NOT NULL, ends_on TEXT NOT NULL, scope TEXT NOT NULL,
                plan_lines TEXT NOT NULL, scan_file_id TEXT, created_by TEXT NOT NULL, created_at BIGINT NOT NULL,
                updated_by TEXT NOT NULL, updated_at BIGINT NOT NULL, version BIGINT NOT NULL,
                UNIQUE (programme_id, contract_no))
            """,
            "CREATE INDEX project_contracts_instance ON project_contracts (instance_id)",
            "CREATE INDEX project_contracts_list ON project_contracts (programme_id, signed_on)",
            "CREATE INDEX project_contracts_provider ON project_contracts (provider_org_id)",
            """
            CREATE TABLE contract_payments (
                id TEXT PRIMARY KEY, programme_id TEXT NOT NULL, contract_id TEXT NOT NULL REFERENCES project_contracts(id),
                kind TEXT NOT NULL, number TEXT NOT NULL, issued_on TEXT NOT NULL, amount BIGINT NOT NULL,
                file_id TEXT NOT NULL, recorded_by TEXT NOT NULL, recorded_at BIGINT NOT NULL,
                UNIQUE (contract_id, kind, number))
            """,
            """
            CREATE TABLE investment_items (
                id TEXT PRIMARY KEY, programme_id TEXT NOT NULL, instance_id TEXT NOT NULL, item TEXT NOT NULL,
                category TEXT NOT NULL, amount BIGINT NOT NULL, contract_id TEXT, recorded_by TEXT NOT NULL,
                recorded_at BIGINT NOT NULL)
            """,
            "CREATE INDEX investment_items_instance ON investment_items (instance_id)",
            """
            CREATE TABLE record_slot_documents (
                id TEXT PRIMARY KEY, programme_id TEXT NOT NULL, instance_id TEXT NOT NULL, slot TEXT NOT NULL,
                version BIGINT NOT NULL, status TEXT NOT NULL, file_id TEXT NOT NULL, side TEXT NOT NULL,
                uploaded_by TEXT NOT NULL, uploaded_at BIGINT NOT NULL, finalised_by TEXT, finalised_at BIGINT,
                UNIQUE (instance_id, slot, version))
            """,
            """
            CREATE TABLE fund_windows (
                id TEXT PRIMARY KEY, programme_id TEXT NOT NULL REFERENCES programmes(id), name TEXT NOT NULL,
                opens_on TEXT NOT NULL, closes_on TEXT NOT NULL, plan_cap BIGINT, created_by TEXT NOT NULL,
                created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX fund_windows_programme ON fund_windows (programme_id, opens_on)",
            // Written with the plan's filing decision, in its transaction (`InstanceRepository.write`).
            """
            CREATE TABLE fund_window_filings (
                instance_id TEXT PRIMARY KEY, programme_id TEXT NOT NULL, window_id TEXT NOT NULL, filed_at BIGINT NOT NULL)
            """,
            "CREATE INDEX fund_window_filings_window ON fund_window_filings (window_id)",
        ])
}
