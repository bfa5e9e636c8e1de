import ArgumentParser

@main
struct GenUI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "genui",
        abstract: "Generative-UI rendering server: schema → constrained generation → HTML/SVG dashboards.",
        subcommands: [
            ValidateCommand.self, RenderCommand.self, SnapshotCommand.self, GalleryCommand.self, ConformanceCommand.self,
            BenchCommand.self, SchemaCommand.self, DatasetsCommand.self, GenerateCommand.self, ServeCommand.self,
        ]
    )
}
