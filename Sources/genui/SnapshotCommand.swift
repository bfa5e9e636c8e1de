import ArgumentParser
import Foundation

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Render every DIR/*.json and compare it with the *.html golden file beside it.",
        discussion: """
        Each mismatch prints a unified diff (golden → rendered). Exit status 1 when any tree is
        invalid, any golden is missing or any output differs; 0 when all match. With --update the
        goldens are rewritten instead (invalid trees still fail).
        """
    )

    @Argument(help: "A directory of trees.")
    var directory: String

    @Flag(help: "Write the rendered output as the new goldens.")
    var update = false

    func run() throws {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else {
            printError("error: cannot read directory \(directory)")
            throw Exit.io
        }
        let trees = names.filter { $0.hasSuffix(".json") }.sorted()
        if trees.isEmpty {
            printError("error: no *.json trees in \(directory)")
            throw Exit.invalid
        }
        let renderer = try TreeRenderer()
        var failures = 0, written = 0
        for name in trees {
            let treePath = (directory as NSString).appendingPathComponent(name)
            let goldenPath = String(treePath.dropLast(5)) + ".html"
            switch renderer.render(bytes: try readFile(treePath), fragment: false) {
            case .invalid(let errors):
                failures += 1
                printError("\(name): invalid tree")
                for e in errors { printError("  \(e.cliLine)") }
            case .rendered(let html):
                let golden = fm.contents(atPath: goldenPath).map { String(decoding: $0, as: UTF8.self) }
                if golden == html { continue }
                if update {
                    try writeFile(goldenPath, html)
                    written += 1
                } else if let golden {
                    failures += 1
                    print(UnifiedDiff.diff(old: golden, new: html, oldName: goldenPath, newName: "\(name) (rendered)"), terminator: "")
                } else {
                    failures += 1
                    printError("\(name): no golden file \(goldenPath) (run with --update to create it)")
                }
            }
        }
        let summary = update
            ? "\(trees.count) trees, \(written) goldens updated, \(failures) invalid"
            : "\(trees.count) trees, \(trees.count - failures) match, \(failures) differ or fail"
        print(summary)
        if failures > 0 { throw Exit.invalid }
    }
}
