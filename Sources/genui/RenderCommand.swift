import ArgumentParser
import Components
import Datasets
import Rendering

/// Checks a tree file and renders it; shared by `render`, `snapshot` and `gallery`.
struct TreeRenderer {
    let check: SurfaceCheck
    let renderer: HTMLRenderer
    /// Loads the dataset registry, on the first tree that has data references.
    let registry: (() -> DatasetRegistry)?

    init(registry: (() -> DatasetRegistry)? = nil) throws {
        check = try SurfaceCheck()
        renderer = HTMLRenderer()
        self.registry = registry
    }

    enum Outcome {
        case rendered(String)
        case invalid([Diagnostic])
    }

    /// The rendered page or fragment, or the errors that block rendering.
    func render(bytes: [UInt8], fragment: Bool) -> Outcome {
        let result = check.check(bytes: bytes)
        guard var surface = result.surface else { return .invalid(result.errors) }
        if let registry, DataReferences.count(in: surface) > 0 {
            let (resolved, errors) = DataResolver(registry: registry()).resolve(surface)
            guard errors.isEmpty else { return .invalid(errors) }
            let semantic = check.checkSemantics(resolved)
            guard let checked = semantic.surface else { return .invalid(semantic.errors) }
            surface = checked
        }
        return .rendered(fragment ? renderer.renderFragment(surface) : renderer.renderPage(surface))
    }
}

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a component tree to a script-free HTML page with inline SVG charts.",
        discussion: """
        The tree is checked first (catalog schema, semantic checks); its data references are computed
        from the registered datasets (--datasets). An invalid tree or query exits 1 and
        prints each error on stderr as `POINTER: message`; nothing is written. The same input always
        gives byte-identical output.
        """
    )

    @Argument(help: "The tree (a JSON file in the catalog's envelope form).")
    var tree: String

    @Option(name: .shortAndLong, help: "Write the HTML here instead of standard output.")
    var output: String?

    @Flag(help: "Emit only the dashboard markup (with its <style>), not a whole page.")
    var fragment = false

    @OptionGroup var datasets: DatasetOptions

    func run() throws {
        let datasets = self.datasets
        switch try TreeRenderer(registry: { datasets.load() }).render(bytes: readFile(tree), fragment: fragment) {
        case .invalid(let errors):
            for e in errors { printError(e.cliLine) }
            throw Exit.invalid
        case .rendered(let html):
            if let output { try writeFile(output, html) } else { writeStdout(html) }
        }
    }
}
