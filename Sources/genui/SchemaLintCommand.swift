import ArgumentParser
import JSONSchema

/// `genui schema lint SCHEMA.json [--json]`: checks a schema against OpenAI strict-mode rules and limits.
struct SchemaLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check a JSON Schema against OpenAI Structured Outputs strict-mode rules and limits.",
        discussion: """
        Each issue is printed on stdout as `error: POINTER: message` or `warning: POINTER: message`.
        Exit status: 0 when there are no errors (warnings allowed), 1 when there are errors,
        2 when the file cannot be read or is not well-formed JSON (line and column are printed).
        """
    )

    @Argument(help: "The schema (a JSON file).")
    var schema: String

    @Flag(help: "Print one JSON object {valid, errors, warnings, issues} instead of lines.")
    var json = false

    func run() throws {
        let outcome = Self.lint(bytes: try readFile(schema), path: schema, json: json)
        for line in outcome.stdout { print(line) }
        for line in outcome.stderr { printError(line) }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }

    /// What the command prints and its exit status, separated from I/O so it can be tested.
    struct Outcome: Equatable {
        var stdout: [String] = []
        var stderr: [String] = []
        var exitCode: Int32 = 0
    }

    static func lint(bytes: [UInt8], path: String, json: Bool, linter: StrictModeLinter = StrictModeLinter()) -> Outcome {
        var outcome = Outcome()
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes: bytes)
        } catch let e as JSONParseError {
            outcome.stderr = ["error: \(path): line \(e.line), column \(e.column): \(e.message)"]
            outcome.exitCode = 2
            return outcome
        } catch {
            outcome.stderr = ["error: \(path): \(error)"]
            outcome.exitCode = 2
            return outcome
        }
        let issues = linter.lint(document)
        let errors = issues.filter { $0.severity == .error }.count
        if json {
            let report = JSONValue.object(JSONObject([
                ("valid", .bool(errors == 0)),
                ("errors", .int(errors)),
                ("warnings", .int(issues.count - errors)),
                ("issues", .array(issues.map(\.json))),
            ]))
            outcome.stdout = [JSONWriter().string(report)]
        } else {
            outcome.stdout = issues.map(\.description)
        }
        outcome.exitCode = errors > 0 ? 1 : 0
        return outcome
    }
}
