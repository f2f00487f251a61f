/// Spreadsheet (XLSX) and CSV reading and writing for the files the bureaus exchange:
/// enterprise imports from the district, exports for the finance bureau and leadership.
public enum OfficeFormats {}
