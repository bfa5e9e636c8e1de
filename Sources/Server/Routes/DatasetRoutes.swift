import Components
import Datasets
import Foundation
import JSONSchema

/// `GET /v1/datasets`, `GET /v1/datasets/{name}`, `POST /v1/datasets?name=N` (a CSV body), and the
/// grounding of `/v1/generate` and `/v1/render` in them.
extension GenUIAPI {
    var datasets: DatasetRegistry { options.datasets }

    func datasetList() -> HTTPResponse {
        .json(.object(JSONObject([("datasets", .array(datasets.all.map(\.json)))])))
    }

    func dataset(named name: String) -> HTTPResponse {
        guard let d = datasets.dataset(name) else {
            return APIError(404, "unknown_dataset", "no dataset named '\(name.prefix(60))'; GET /v1/datasets lists them").response
        }
        return .json(d.json)
    }

    /// Imports a CSV upload; 201 with the dataset's description. A bad file is a 400 naming the
    /// line and column; an existing name a 409; a body over the limit a 413.
    func uploadDataset(_ request: HTTPRequest) -> HTTPResponse {
        guard let name = request.query["name"], !name.isEmpty else {
            return APIError(400, "invalid_request", "give the dataset a name: POST /v1/datasets?name=my-data with the CSV as the body").response
        }
        guard Dataset.isValidName(name) else {
            return APIError(400, "invalid_request", "'\(name.prefix(60))' is not a dataset name: lowercase letters, digits, - and _, starting with a letter, at most 48").response
        }
        guard request.body.count <= options.maxUploadBytes else {
            return APIError(413, "too_large", "the CSV is \(request.body.count) bytes; the limit is \(options.maxUploadBytes)").response
        }
        guard datasets.dataset(name) == nil else {
            return APIError(409, "dataset_exists", "a dataset named '\(name)' exists already").response
        }
        do {
            let d = try datasets.importCSV(request.body, name: name, origin: "uploaded CSV", asOf: Self.today(),
                                           persist: datasets.directory != nil)
            return .json(d.json, status: 201)
        } catch {
            // The message starts with the line and column of the problem.
            return APIError(400, "invalid_csv", error.description).response
        }
    }

    /// The grounding of a `/v1/generate` request, or nil for none.
    func grounding(for names: [String]) throws(APIError) -> Grounding? {
        guard !names.isEmpty else { return nil }
        var chosen: [Dataset] = []
        for (i, name) in names.enumerated() {
            guard let d = datasets.dataset(name) else {
                let registered = datasets.all.map(\.name)
                throw APIError(400, "unknown_dataset", "no dataset named '\(name.prefix(60))'" + (registered.isEmpty ? "" : " (registered: \(registered.joined(separator: ", ")))"),
                               pointer: names.count == 1 ? "/dataset" : "/dataset/\(i)")
            }
            chosen.append(d)
        }
        do {
            return try Grounding.make(datasets: chosen, registry: datasets, catalog: Self.catalog)
        } catch {
            throw APIError(500, "internal", "cannot specialise the catalog: \(error)")
        }
    }

    /// A checked tree with its data references computed, or the errors that block it.
    func resolved(_ result: SurfaceCheck.Result) -> (surface: Surface?, errors: [Diagnostic]) {
        guard let surface = result.surface else { return (nil, result.errors) }
        return resolved(surface)
    }

    func resolved(_ surface: Surface) -> (surface: Surface?, errors: [Diagnostic]) {
        guard DataReferences.count(in: surface) > 0 else { return (surface, []) }
        let (resolved, errors) = DataResolver(registry: datasets).resolve(surface)
        guard errors.isEmpty else { return (nil, errors) }
        let semantic = check.checkSemantics(resolved)
        return (semantic.surface, semantic.errors)
    }

    static func today() -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return String(format: "%04d-%02d-%02d", c.year ?? 1970, c.month ?? 1, c.day ?? 1)
    }
}
