import XCTest

@testable import Rendering

final class MarkdownTests: XCTestCase {
    private func render(_ md: String) throws -> String {
        let html = MarkdownRenderer.render(md).string
        try MarkupScanner.check(html)
        return html
    }

    func testBasicCommonMark() throws {
        let html = try render("# Title\n\nSome *em* and **strong** and `code`.\n\n- a\n- b\n\n3. three\n4. four\n\n> quote\n\n---\n\n```\nlet x = 1 < 2\n```")
        XCTAssertTrue(html.contains("<h3>Title</h3>"), html)
        XCTAssertTrue(html.contains("<em>em</em>") && html.contains("<strong>strong</strong>") && html.contains("<code>code</code>"))
        XCTAssertTrue(html.contains("<ul><li>a</li><li>b</li></ul>"), html)
        XCTAssertTrue(html.contains("<ol start=\"3\"><li>three</li>"), html)
        XCTAssertTrue(html.contains("<blockquote><p>quote</p></blockquote>"))
        XCTAssertTrue(html.contains("<hr>"))
        XCTAssertTrue(html.contains("<pre><code>let x = 1 &lt; 2\n</code></pre>"), html)
    }

    func testRawHTMLIsNeverPassedThrough() throws {
        let html = try render("<script>alert(1)</script>\n\nInline <b onmouseover=\"alert(1)\">bold</b> text\n\n<div><img src=x onerror=alert(1)></div>")
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("<b"))
        XCTAssertFalse(html.contains("onmouseover"))
        XCTAssertFalse(html.contains("onerror"))
        XCTAssertTrue(html.contains("Inline bold text"), html)
    }

    func testLinksKeepOnlySafeSchemes() throws {
        let html = try render("[ok](https://example.com/a?b=1&c=2) [mail](mailto:a@example.com) [bad](javascript:alert(1)) [ent](jav&#x61;script:alert(1)) [enc](&#106;avascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [vb](VBScript:x)")
        XCTAssertTrue(html.contains("<a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"noopener noreferrer nofollow ugc\">ok</a>"), html)
        XCTAssertTrue(html.contains("href=\"mailto:a@example.com\""))
        XCTAssertEqual(occurrences(of: "<a ", in: html), 2, html)
        XCTAssertEqual(occurrences(of: "class=\"link-removed\"", in: html), 5)
        XCTAssertFalse(html.lowercased().contains("javascript:"), html)
    }

    func testAutolinks() throws {
        let html = try render("<https://example.com> <javascript:alert(1)> <mailto:x@example.com> <JAVASCRIPT:alert(1)>")
        XCTAssertTrue(html.contains("href=\"https://example.com\""))
        XCTAssertTrue(html.contains("href=\"mailto:x@example.com\""))
        XCTAssertEqual(occurrences(of: "<a ", in: html), 2, html)
        XCTAssertFalse(html.lowercased().contains("href=\"javascript"))
    }

    func testImagesOnlyHTTPS() throws {
        let html = try render("![a cat](https://img.example/cat.png) ![pixel](data:image/png;base64,AAAA) ![old](http://img.example/x.png) ![js](javascript:alert(1))")
        XCTAssertEqual(occurrences(of: "<img ", in: html), 1, html)
        XCTAssertTrue(html.contains("<img src=\"https://img.example/cat.png\" alt=\"a cat\" loading=\"lazy\" referrerpolicy=\"no-referrer\">"), html)
        XCTAssertTrue(html.contains("pixel") && html.contains("old") && html.contains("js"), "alt text kept as text")
        XCTAssertFalse(html.contains("data:"))
    }

    func testEntitiesAndEscapes() throws {
        let html = try render("&lt;script&gt; &amp; &#60;img&#62; \\<b\\>")
        XCTAssertFalse(html.contains("<script") || html.contains("<img") || html.contains("<b>"))
        XCTAssertTrue(html.contains("&lt;script&gt;"), html)
    }

    func testTightListsHaveNoParagraphsLooseListsDo() throws {
        XCTAssertTrue(try render("- a\n- b").contains("<li>a</li>"))
        XCTAssertTrue(try render("- a\n\n- b").contains("<li><p>a</p></li>"))
    }

    func testOversizedInputIsTruncated() {
        let big = String(repeating: "word ", count: 50_000)
        let html = MarkdownRenderer.render(big, maxBytes: 1000).string
        XCTAssertLessThan(html.utf8.count, 1100)
    }
}
