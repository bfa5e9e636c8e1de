import Components
import Datasets
import Foundation
import JSONSchema
import Rendering

/// `POST /v1/view[?format=fragment]`: a grounded dashboard's filter form. The body is the form
/// (`application/x-www-form-urlencoded`): `tree` (the tree with its queries) and one value per control
/// (`OP:DATASET:FIELD`). The tree is re-rendered with those conditions added to its queries;
/// the same form gives the same page.
extension GenUIAPI {
    func view(_ request: HTTPRequest) -> HTTPResponse {
        let form = Self.formFields(request.body)
        guard let treeText = form.first(where: { $0.0 == "tree" })?.1 else {
            return APIError(400, "invalid_request", "the form has no 'tree' field", pointer: "/tree").response
        }
        let result: SurfaceCheck.Result
        do {
            result = check.check(try JSONParser(maxDepth: 256).parse(Array(treeText.utf8)))
        } catch {
            return APIError.malformedJSON(error).response
        }
        guard let surface = result.surface else { return invalidTree(result.errors) }
        let conditions = DashboardFilters.conditions(from: form)
        let filtered = DashboardFilters.apply(conditions, to: surface)
        let (resolvedSurface, errors) = resolved(filtered)
        guard let shown = resolvedSurface else { return invalidTree(errors) }
        var renderer = self.renderer
        renderer.filters = FilterControls.make(for: surface, tree: treeText, registry: datasets, applied: conditions)
        if request.query["format"] == "fragment" {
            return .text(renderer.renderFragment(shown), contentType: "text/html; charset=utf-8")
        }
        return .bytes(renderer.renderPageUTF8(shown), contentType: "text/html; charset=utf-8")
    }

    /// `application/x-www-form-urlencoded` pairs (`+` is a space; bad escapes are kept as written).
    static func formFields(_ body: [UInt8]) -> [(String, String)] {
        String(decoding: body, as: UTF8.self).split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                let spaced = s.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}
