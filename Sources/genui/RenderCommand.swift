import ArgumentParser
import Components
import Rendering

/// Checks a tree file and renders it; shared by `render`, `snapshot` and `gallery`.
struct TreeRenderer {
    let check: SurfaceCheck
    let renderer: HTMLRenderer

    init() throws {
        check = try SurfaceCheck()
        renderer = HTMLRenderer()
    }

    enum Outcome {
        case rendered(String)
        case invalid([Diagnostic])
    }

    /// The rendered page or fragment, or the errors that block rendering.
    func render(bytes: [UInt8], fragment: Bool) -> Outcome {
        let result = check.check(bytes: bytes)
        guard let surface = result.surface else { return .invalid(result.errors) }
        return .rendered(fragment ? renderer.renderFragment(surface) : renderer.renderPage(surface))
    }
}

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a component tree to a script-free HTML page with inline SVG charts.",
        discussion: """
        The tree is checked first (catalog schema, semantic checks). An invalid tree exits 1 and
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

    func run() throws {
        switch try TreeRenderer().render(bytes: readFile(tree), fragment: fragment) {
        case .invalid(let errors):
            for e in errors { printError(e.cliLine) }
            throw Exit.invalid
        case .rendered(let html):
            if let output { try writeFile(output, html) } else { writeStdout(html) }
        }
    }
}
