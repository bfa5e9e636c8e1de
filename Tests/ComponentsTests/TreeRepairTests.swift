import JSONSchema
import XCTest
@testable import Components

final class TreeRepairTests: XCTestCase {
    private let tree = """
        {"version": "1", "title": "T", "answer": null, "root": {"type": "Dashboard", "id": "d", "title": "T", "subtitle": null, "asOf": null,
         "children": [
           {"type": "Text", "id": "note", "text": "a", "tone": null, "span": null, "size": "md"},
           {"type": "Text", "id": "note", "text": "b", "tone": null, "span": null, "size": "md"},
           {"type": "Text", "id": "note-2", "text": "c", "tone": null, "span": null, "size": "md"},
           {"type": "Text", "id": "note", "text": "d", "tone": null, "span": null, "size": "md"}]}}
        """

    func testRepeatedIDsGetFreshSuffixesAndTheTreeValidates() throws {
        let check = try SurfaceCheck()
        let json = try JSONParser.parse(tree)
        let before = check.check(json)
        let duplicates = before.errors.filter { $0.code == "duplicate-id" }
        guard !duplicates.isEmpty else {
            // The tree may fail for another reason if the catalog changed; the repair needs duplicates.
            return XCTFail("expected duplicate-id errors, got \(before.errors)")
        }
        let (repaired, notes) = TreeRepair.renameDuplicateIDs(json, errors: before.errors)
        XCTAssertEqual(notes.map(\.code), ["repaired-id", "repaired-id"])
        let ids = (repaired["root"]?["children"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
        XCTAssertEqual(ids, ["note", "note-3", "note-2", "note-4"])
        XCTAssertEqual(check.check(repaired).errors.filter { $0.code == "duplicate-id" }, [])
    }
}
