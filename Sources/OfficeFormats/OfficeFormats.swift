/// Spreadsheet (XLSX) and CSV reading and writing for the files the bureaus exchange:
/// enterprise imports from the district, exports for the finance bureau and leadership.
///
/// Entry points: ``XLSXWriter``, ``XLSXReader``, ``CSVWriter`` and ``CSVReader``. The model is
/// ``Workbook`` → ``Sheet`` → rows of ``Cell``. Numbers are exact (``DecimalNumber`` keeps the
/// literal text), so amounts in fen never pass through `Double` on their way to or from a file.
public enum OfficeFormats {}
