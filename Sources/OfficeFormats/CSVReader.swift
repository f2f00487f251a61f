import Foundation

/// Reads CSV as Excel, WPS and LibreOffice write it, and as people edit it by hand.
///
/// Accepts a UTF-8 BOM, CRLF, LF or lone CR line ends, and quoted fields with separators, doubled
/// quotes and line breaks inside. Non-UTF-8 input from Chinese Excel (GBK/GB18030) is decoded too
/// (see ``CSVTextEncoding``). Lenient where Excel is: a quote in the middle of an unquoted field, or
/// text after a closing quote, is kept as written. One thing is refused, because it would silently
/// swallow the rest of the file: a quoted field that never closes.
///
/// Every line ending ends a record, so a blank line is a record with one empty field (`[""]`) and
/// record numbers match line numbers when no field spans lines; the final line ending does not start
/// another record.
public enum CSVReader {
    public static func rows(_ data: Data, separator: Character = ",") throws(CSVReadError) -> [[String]] {
        try rows(text: CSVTextEncoding.decode(data).text, separator: separator)
    }

    public static func rows(text: String, separator: Character = ",") throws(CSVReadError) -> [[String]] {
        precondition(separator.unicodeScalars.count == 1, "a CSV separator is one character")
        let separatorScalar = separator.unicodeScalars.first!
        let scalars = text.unicodeScalars
        var records: [[String]] = []
        var record: [String] = []
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var fieldWasQuoted = false
        var line = 1
        var quoteLine = 1
        var index = scalars.startIndex
        if index < scalars.endIndex, scalars[index] == "\u{FEFF}" { index = scalars.index(after: index) }

        func endField() {
            record.append(String(field))
            field = String.UnicodeScalarView()
            fieldWasQuoted = false
        }
        func endRecord() {
            endField()
            records.append(record)
            record = []
        }

        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            let nextScalar = next < scalars.endIndex ? scalars[next] : nil
            index = next
            if inQuotes {
                if scalar == "\"" {
                    if nextScalar == "\"" {
                        field.append("\"")
                        index = scalars.index(after: index)
                    } else {
                        inQuotes = false
                    }
                } else {
                    if scalar == "\n" || (scalar == "\r" && nextScalar != "\n") { line += 1 }
                    field.append(scalar)
                }
            } else if scalar == separatorScalar {
                endField()
            } else if scalar == "\r" || scalar == "\n" {
                endRecord()
                if scalar == "\r", nextScalar == "\n" { index = scalars.index(after: index) }
                line += 1
            } else if scalar == "\"" && field.isEmpty && !fieldWasQuoted {
                inQuotes = true
                fieldWasQuoted = true
                quoteLine = line
            } else {
                field.append(scalar)
            }
        }
        if inQuotes { throw .unterminatedQuote(line: quoteLine) }
        if !field.isEmpty || !record.isEmpty || fieldWasQuoted { endRecord() }
        return records
    }
}
