import ArgumentParser
import Components
import JSONSchema

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a component tree: catalog schema, semantic checks and chart lint.",
        discussion: """
        Errors are printed one per line on stderr as `POINTER: message`, warnings as
        `warning: POINTER: message`. Exit status: 0 when there are no errors (warnings allowed),
        1 when the tree is invalid, 2 when the file cannot be read.
        """
    )

    @Argument(help: "The tree (a JSON file in the catalog's envelope form).")
    var tree: String

    @Flag(help: "Print one JSON object {valid, errors, warnings} instead of lines.")
    var json = false

    func run() throws {
        let result = try SurfaceCheck().check(bytes: readFile(tree))
        if json {
            func list(_ ds: [Diagnostic]) -> JSONValue { .array(ds.map(\.json)) }
            let out = JSONValue.object(JSONObject([
                ("valid", .bool(result.isValid)), ("errors", list(result.errors)), ("warnings", list(result.warnings)),
            ]))
            print(JSONWriter().string(out))
        } else {
            for d in result.errors { printError(d.cliLine) }
            for d in result.warnings { printError("warning: " + d.cliLine) }
            if result.isValid { print("\(tree): valid" + (result.warnings.isEmpty ? "" : " (\(result.warnings.count) warnings)")) }
        }
        if !result.isValid { throw Exit.invalid }
    }
}
