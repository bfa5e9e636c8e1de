import ArgumentParser

/// `genui schema …`: tools that work on JSON Schemas (lint now; the compiler adds `compile`).
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Work with JSON Schemas.",
        subcommands: [SchemaLintCommand.self]
    )
}
