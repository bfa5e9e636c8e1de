import Components
import Foundation
import JSONSchema
import Rendering

/// Health, metrics, schemas, render and validate: the routes that need no model.
extension GenUIAPI {
    func health() -> HTTPResponse {
        .json(.object(JSONObject([
            ("status", "ok"), ("model", .string(pipeline.model.name)),
            ("uptime_s", .int(Int(Date().timeIntervalSince(started)))), ("queue", .int(gate.queueLength)),
        ])))
    }

    /// The catalog bundle, parsed once.
    static let catalog: JSONValue = (try? JSONParser.parse(EmbeddedCatalog.text)) ?? .null

    /// `genui` (the whole catalog, a strict `response_format` schema) and one entry per component.
    func schemaList() -> HTTPResponse {
        var items: [JSONValue] = [.object(JSONObject([
            ("name", "genui"), ("title", Self.catalog["title"] ?? .null), ("description", Self.catalog["description"] ?? .null),
            ("href", "/v1/schemas/genui"),
        ]))]
        for name in CatalogBundle.componentNames {
            let schema = Self.catalog["$defs"]?[name]
            items.append(.object(JSONObject([
                ("name", .string(name)), ("description", schema?["description"] ?? .null), ("href", .string("/v1/schemas/\(name)")),
            ])))
        }
        return .json(.object(JSONObject([("schemas", .array(items))])))
    }

    func schema(named name: String) -> HTTPResponse {
        if name == "genui" || name == CatalogBundle.bundleFileName {
            return .bytes(Array(EmbeddedCatalog.text.utf8), contentType: "application/schema+json")
        }
        guard CatalogBundle.componentNames.contains(name) || CatalogBundle.sharedDefinitionNames.contains(name),
              let schema = Self.catalog["$defs"]?[name] else {
            return APIError(404, "unknown_schema", "no schema named '\(name)'; GET /v1/schemas lists them").response
        }
        return .bytes(JSONWriter(pretty: true).bytes(schema) + [0x0A], contentType: "application/schema+json")
    }

    /// `POST /v1/render[?format=fragment]`: tree → HTML page (default) or fragment. 422 lists the errors.
    func render(_ request: HTTPRequest) -> HTTPResponse {
        let result: SurfaceCheck.Result
        switch checkTree(request.body) {
        case .failure(let error): return error.response
        case .success(let r): result = r
        }
        let (resolvedSurface, errors) = resolved(result)
        guard let surface = resolvedSurface else { return invalidTree(errors) }
        let fragment = request.query["format"] == "fragment"
        if fragment { return .text(renderer.renderFragment(surface), contentType: "text/html; charset=utf-8") }
        return .bytes(renderer.renderPageUTF8(surface), contentType: "text/html; charset=utf-8")
    }

    /// `POST /v1/validate`: `{valid, errors, warnings}`; malformed JSON is a 400.
    func validate(_ request: HTTPRequest) -> HTTPResponse {
        switch checkTree(request.body) {
        case .failure(let error): return error.response
        case .success(let result):
            return .json(.object(JSONObject([
                ("valid", .bool(result.isValid)), ("errors", .array(result.errors.map(\.json))),
                ("warnings", .array(result.warnings.map(\.json))),
            ])))
        }
    }

    func models() -> HTTPResponse {
        .json(.object(JSONObject([
            ("object", "list"),
            ("data", .array([.object(JSONObject([
                ("id", .string(pipeline.model.name)), ("object", "model"), ("created", .int(Int(started.timeIntervalSince1970))),
                ("owned_by", "genui"),
            ]))])),
        ])))
    }

    private func checkTree(_ body: [UInt8]) -> Result<SurfaceCheck.Result, APIError> {
        guard !body.isEmpty else { return .failure(APIError(400, "invalid_request", "the request body must be a component tree (JSON)", pointer: "")) }
        do {
            let json = try JSONParser(maxDepth: 256).parse(body)
            return .success(check.check(json))
        } catch {
            return .failure(.malformedJSON(error))
        }
    }

    /// 422 with the first error as the message and all of them listed.
    func invalidTree(_ errors: [Diagnostic]) -> HTTPResponse {
        let first = errors.first
        var error = APIError(422, "invalid_tree", first?.message ?? "the tree is invalid", pointer: first?.pointer.description ?? "").json
        if case .object(var o) = error {
            o["errors"] = .array(errors.map(\.json))
            error = .object(o)
        }
        return .json(.object(JSONObject([("error", error)])), status: 422)
    }
}
