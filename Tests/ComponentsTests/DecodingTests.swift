import Foundation
import JSONSchema
import XCTest
@testable import Components

final class DecodingTests: XCTestCase {
    static let minimal = """
    {"version":"1","title":"T","answer":null,"root":{"type":"Dashboard","id":"d","title":"Sales","subtitle":null,"asOf":null,"children":[
      {"type":"Heading","id":"h","span":null,"text":"Hi","level":2},
      {"type":"Grid","id":"g","span":null,"columns":12,"gap":"md","children":[
        {"type":"Text","id":"t","span":6,"text":"x","size":"md","tone":null},
        {"type":"Chart","id":"c","span":6,"mark":"bar","title":null,"description":"d.","data":{"columns":[{"name":"k","type":"nominal","label":null,"format":null,"unit":null}],"rows":[["a"]]},
         "x":null,"y":null,"color":null,"size":null,"theta":null,"stack":"none","orientation":"vertical","innerRadius":null,"bins":null,"annotations":[],"legend":"auto","height":"md"}
      ]}
    ]}}
    """

    func decodeError(_ text: String) throws -> ComponentDecodingError? {
        let value = try json(text)
        do {
            _ = try Surface.decode(from: value)
            return nil
        } catch {
            return error
        }
    }

    func testMinimalRoundTrip() throws {
        let value = try json(Self.minimal)
        let surface = try Surface.decode(from: value)
        XCTAssertEqual(surface.root.children.count, 2)
        XCTAssertEqual(JSONWriter().string(surface.encode()), JSONWriter().string(value))
    }

    func testUnknownEnumValueCarriesPointer() throws {
        let text = Self.minimal.replacingOccurrences(of: #""mark":"bar""#, with: #""mark":"pie""#)
        let e = try XCTUnwrap(try decodeError(text))
        XCTAssertEqual(e.pointer.description, "/root/children/1/children/1/mark")
        XCTAssertTrue(e.description.hasPrefix(#"/root/children/1/children/1/mark: unknown value "pie""#), e.description)
    }

    func testUnknownComponentType() throws {
        let text = Self.minimal.replacingOccurrences(of: #""type":"Heading""#, with: #""type":"Marquee""#)
        let e = try XCTUnwrap(try decodeError(text))
        XCTAssertEqual(e.description, #"/root/children/0/type: unknown component type "Marquee""#)
    }

    func testDashboardOnlyAtRoot() throws {
        let text = Self.minimal.replacingOccurrences(of: #""type":"Heading","id":"h","span":null,"text":"Hi","level":2"#,
                                                     with: #""type":"Dashboard","id":"x","title":"x","subtitle":null,"asOf":null,"children":[]"#)
        XCTAssertEqual(try decodeError(text)?.pointer.description, "/root/children/0/type")
    }

    func testMissingAndExtraKeys() throws {
        let missing = Self.minimal.replacingOccurrences(of: #","tone":null}"#, with: "}")
        let e1 = try XCTUnwrap(try decodeError(missing))
        XCTAssertEqual(e1.description, #"/root/children/1/children/0: missing required property "tone""#)
        let extra = Self.minimal.replacingOccurrences(of: #""level":2"#, with: #""level":2,"color":"red""#)
        XCTAssertEqual(try decodeError(extra)?.pointer.description, "/root/children/0/color")
    }

    func testTypeAndRangeErrors() throws {
        XCTAssertEqual(try decodeError(Self.minimal.replacingOccurrences(of: #""level":2"#, with: #""level":7"#))?.pointer.description,
                       "/root/children/0/level")
        XCTAssertEqual(try decodeError(Self.minimal.replacingOccurrences(of: #""level":2"#, with: #""level":"2""#))?.pointer.description,
                       "/root/children/0/level")
        XCTAssertEqual(try decodeError(Self.minimal.replacingOccurrences(of: #""span":6,"text""#, with: #""span":13,"text""#))?.pointer.description,
                       "/root/children/1/children/0/span")
        XCTAssertEqual(try decodeError(Self.minimal.replacingOccurrences(of: #"[["a"]]"#, with: #"[[true]]"#))?.pointer.description,
                       "/root/children/1/children/1/data/rows/0/0")
        XCTAssertEqual(try decodeError(Self.minimal.replacingOccurrences(of: #""version":"1""#, with: #""version":"2""#))?.pointer.description,
                       "/version")
    }

    func testKPIGroupItemsMustBeKPIs() throws {
        let kpi = #"{"type":"KPI","id":"k1","span":null,"label":"Revenue","value":1,"format":"integer","currency":null,"unit":null,"delta":null,"comparison":null,"sparkline":null,"footnote":null}"#
        let notKPI = #"{"type":"Text","id":"k2","span":null,"text":"x","size":"md","tone":null}"#
        let group = #"{"type":"KPIGroup","id":"kg","span":null,"items":[\#(kpi),\#(notKPI)],"columns":2}"#
        let text = Self.minimal.replacingOccurrences(of: #"{"type":"Heading","id":"h","span":null,"text":"Hi","level":2}"#, with: group)
        let e = try XCTUnwrap(try decodeError(text))
        XCTAssertEqual(e.description, #"/root/children/0/items/1/type: expected "KPI", found "Text""#)
    }
}
