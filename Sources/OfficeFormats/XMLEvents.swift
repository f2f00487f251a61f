import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// What a part reader does with the SAX events of one XML part.
///
/// Names arrive without their namespace prefix ("x:c" → "c", "r:id" → "id"): generators differ in
/// prefixes (Excel writes none, some libraries write "x:"), and the parts' vocabularies do not clash.
protocol XMLEventHandler: AnyObject {
    func start(_ name: String, attributes: [String: String]) throws(SpreadsheetReadError)
    func end(_ name: String) throws(SpreadsheetReadError)
    func text(_ text: String)
}

/// Runs Foundation's `XMLParser` (libxml2 on Linux) over a part and forwards events to a handler.
///
/// Streaming rather than building a tree keeps memory proportional to the output for large sheets.
/// External entities are not resolved (the parser's default) and libxml2 refuses entity-expansion
/// bombs, so a hostile upload cannot read files or exhaust memory through XML tricks.
enum XMLEvents {
    static func parse(_ data: Data, part: String, handler: some XMLEventHandler) throws(SpreadsheetReadError) {
        let parser = XMLParser(data: data)
        let delegate = Delegate(handler: handler)
        parser.delegate = delegate
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let finished = parser.parse()
        if let error = delegate.error { throw error }
        // Linux's XMLParser returns true after some errors (a mismatched end tag) and reports none
        // for a document that just stops ("<sheetData><row>"): check both, and that every element closed.
        let failure = parser.parserError ?? delegate.parseError
        guard finished, failure == nil, delegate.sawRoot, delegate.depth == 0 else {
            let reason: String
            if let failure {
                reason = "not well-formed XML (parser error \((failure as NSError).code))"
            } else if delegate.sawRoot {
                reason = "the XML ends before its elements are closed"
            } else {
                reason = "no XML content"
            }
            throw .malformedXML(part: part, line: parser.lineNumber, reason: reason)
        }
    }

    static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    private final class Delegate<Handler: XMLEventHandler>: NSObject, XMLParserDelegate {
        let handler: Handler
        var error: SpreadsheetReadError?
        var parseError: (any Error)?
        var depth = 0
        var sawRoot = false

        init(handler: Handler) { self.handler = handler }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            depth += 1
            sawRoot = true
            var attributes: [String: String] = [:]
            for (key, value) in attributeDict { attributes[XMLEvents.localName(key)] = value }
            forward(parser) { () throws(SpreadsheetReadError) in
                try handler.start(XMLEvents.localName(elementName), attributes: attributes)
            }
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
        ) {
            depth -= 1
            forward(parser) { () throws(SpreadsheetReadError) in try handler.end(XMLEvents.localName(elementName)) }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            if self.parseError == nil { self.parseError = parseError }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if error == nil { handler.text(string) }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            if error == nil { handler.text(String(decoding: CDATABlock, as: UTF8.self)) }
        }

        private func forward(_ parser: XMLParser, _ body: () throws(SpreadsheetReadError) -> Void) {
            guard error == nil else { return }
            do throws(SpreadsheetReadError) {
                try body()
            } catch {
                self.error = error
                parser.abortParsing()
            }
        }
    }
}
