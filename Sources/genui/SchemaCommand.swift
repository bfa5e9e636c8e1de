import ArgumentParser

/// `genui schema …`: tools that work on JSON Schemas (strict-mode lint, grammar compilation).
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Work with JSON Schemas.",
        subcommands: [SchemaLintCommand.self, SchemaCompileCommand.self]
    )
}
