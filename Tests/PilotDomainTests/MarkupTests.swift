import PilotDomain
import Testing

@Suite("Escaping text for HTML and XML")
struct MarkupTests {
    @Test("plain text, Chinese and fullwidth punctuation come back unchanged")
    func unchanged() {
        for text in ["", "滨海新区，智能测控（一期）", "Level 3 · 50%", "tab\tand\nlines\r\n", "emoji 🙂 and ￥"] {
            #expect(Markup.escape(text) == text)
        }
    }

    @Test("markup characters are escaped, control characters and U+FFFE/U+FFFF dropped")
    func escaped() {
        #expect(Markup.escape("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&apos;f")
        #expect(Markup.escape("企业<script>") == "企业&lt;script&gt;")
        #expect(Markup.escape("bell\u{07}null\u{00}esc\u{1B}") == "bellnullesc")
        #expect(Markup.escape("x\u{FFFE}y\u{FFFF}z\u{FFFD}") == "xyz\u{FFFD}")
    }
}
