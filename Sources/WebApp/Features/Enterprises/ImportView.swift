import PilotDomain
import WorkflowEngine

/// The district's enterprise import: the upload form, then the per-row report.
struct ImportView {
    var layout: Layout
    var language: UILanguage { layout.language }
    func t(_ text: LocalizedText) -> String { text.text(language) }

    func render(report: EnterpriseImport.Report?, validOnly: Bool, flash: Flash?) -> HTML {
        let result: HTML = report.map(reportHTML) ?? .empty
        let body: HTML = """
            <h1>\(t(ImportText.title))</h1>
            <form method="post" enctype="multipart/form-data" action="\(AppPath.enterpriseImport.url)" class="card" id="import-form">
            \(layout.csrfField)
            <p class="muted">\(t(ImportText.intro))</p>
            <p><a href="\(AppPath.enterpriseImport.url)/template.xlsx">\(t(ImportText.templateXLSX))</a> · <a href="\(AppPath.enterpriseImport.url)/template.csv">\(t(ImportText.templateCSV))</a></p>
            <div class="field"><label for="f-file">\(t(ProjectText.file))</label><input type="file" id="f-file" name="file" accept=".xlsx,.csv" required></div>
            <div class="checkbox"><input type="checkbox" id="f-valid_only" name="valid_only" value="1"\(HTML.attribute(" checked", if: validOnly))><label for="f-valid_only">\(t(ImportText.validOnly))</label></div>
            <button type="submit">\(t(ImportText.submit))</button></form>
            \(result)
            """
        return layout.page(title: t(ImportText.title), flash: flash, body)
    }

    func reportHTML(_ report: EnterpriseImport.Report) -> HTML {
        if let error = report.fileError {
            return "<section class=\"card\" id=\"import-report\"><p class=\"field-error\">\(t(error))</p></section>"
        }
        let rows = report.rows.map { row -> HTML in
            let status: HTML =
                row.created
                ? "<span class=\"badge final\">\(t(ImportText.created))</span>"
                : row.errors.isEmpty
                    ? "<span class=\"badge\">\(t(ImportText.notWritten))</span>"
                    : "<ul class=\"field-error\">\(row.errors.map { error -> HTML in "<li>\(self.column(error.field))：\(t(error.message))</li>" }.joined())</ul>"
            return "<tr><td class=\"num\">\(row.line)</td><td>\(row.name)</td><td>\(status)</td></tr>"
        }.joined()
        let summary = String(format: t(ImportText.summary), report.rows.count, report.invalid, report.written)
        return """
            <section class="card" id="import-report"><h2>\(t(ImportText.report))</h2><p id="import-summary">\(summary)</p>
            <table class="report"><thead><tr><th class="num">\(t(ImportText.line))</th><th>\(t(ProjectText.enterprise))</th><th>\(t(ImportText.result))</th></tr></thead>
            <tbody>\(rows)</tbody></table></section>
            """
    }

    func column(_ key: String) -> String {
        EnterpriseRecord.columns.first { $0.key == key }.map { t($0.label) } ?? key
    }
}

enum ImportText {
    static let title = LocalizedText(zh: "批量导入试点企业", en: "Import enterprises")
    static let intro = LocalizedText(
        zh: "第一行为列名（可用模板）。逐行校验；有任何一行不合格时默认不写入任何数据，并给出逐行报告。",
        en:
            "The first row holds the column titles (see the template). Every row is checked; if any row is wrong nothing is written "
            + "unless you choose to import the valid rows.")
    static let templateXLSX = LocalizedText(zh: "下载模板（XLSX）", en: "Template (XLSX)")
    static let templateCSV = LocalizedText(zh: "下载模板（CSV）", en: "Template (CSV)")
    static let validOnly = LocalizedText(zh: "仅导入校验通过的行（其余行不导入）", en: "Import the valid rows (and skip the others)")
    static let submit = LocalizedText(zh: "校验并导入", en: "Check and import")
    static let report = LocalizedText(zh: "导入报告", en: "Import report")
    static let line = LocalizedText(zh: "行号", en: "Line")
    static let result = LocalizedText(zh: "结果", en: "Result")
    static let created = LocalizedText(zh: "已导入", en: "Imported")
    static let notWritten = LocalizedText(zh: "校验通过，未写入", en: "Valid, not written")
    static let summary = LocalizedText(
        zh: "共 %d 行，其中 %d 行不合格，已导入 %d 家企业。", en: "%d rows, %d with errors; %d enterprises imported.")
    static let nothingWritten = LocalizedText(
        zh: "存在不合格的行，未写入任何数据。请修改后重新导入，或勾选“仅导入校验通过的行”。",
        en: "Some rows are wrong, so nothing was written. Correct them, or choose to import the valid rows.")
    static let done = LocalizedText(zh: "导入完成", en: "Import finished")
}
