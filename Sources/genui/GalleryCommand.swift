import ArgumentParser
import Foundation
import Rendering

struct GalleryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gallery",
        abstract: "Render every tree in a directory into an HTML gallery with an index page."
    )

    @Argument(help: "A directory of trees (e.g. Examples).")
    var directory: String

    @Option(name: .shortAndLong, help: "Output directory.")
    var output: String = "out/gallery"

    func run() throws {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else {
            printError("error: cannot read directory \(directory)")
            throw Exit.io
        }
        let renderer = try TreeRenderer()
        var links: [(String, String)] = []
        var failed = 0
        for name in names.filter({ $0.hasSuffix(".json") }).sorted() {
            let path = (directory as NSString).appendingPathComponent(name)
            switch renderer.render(bytes: try readFile(path), fragment: false) {
            case .invalid(let errors):
                failed += 1
                printError("\(name): invalid tree")
                for e in errors { printError("  \(e.cliLine)") }
            case .rendered(let html):
                let page = String(name.dropLast(5)) + ".html"
                try writeFile((output as NSString).appendingPathComponent(page), html)
                links.append((page, String(name.dropLast(5))))
            }
        }
        try writeFile((output as NSString).appendingPathComponent("index.html"), GalleryIndex.html(links))
        print("\(links.count) dashboards written to \(output)/index.html")
        if failed > 0 { throw Exit.invalid }
    }
}

/// The gallery's index page: a plain list of links, escaped like everything else.
enum GalleryIndex {
    static func html(_ links: [(file: String, title: String)]) -> String {
        var items = ""
        for link in links {
            items += "<li><a href=\"\(HTMLRenderer.escape(link.file))\">\(HTMLRenderer.escape(link.title))</a></li>\n"
        }
        return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>GenUI gallery</title>
        <style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}</style>
        </head><body><h1>GenUI gallery</h1><ul>
        \(items)</ul></body></html>

        """
    }
}
