import Foundation
import ArgumentParser
import Components
import Dispatch
import JSONSchema
import Rendering

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks (see BENCHMARKS.md for the recorded figures and the machine).",
        subcommands: [RenderBench.self, GenerateBench.self, DatasetsBench.self]
    )
}

/// Timing statistics over repeated runs, in milliseconds.
struct Timings {
    var samples: [Double] = []

    mutating func measure(_ body: () throws -> Void) rethrows {
        let t0 = DispatchTime.now().uptimeNanoseconds
        try body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
    }

    func percentile(_ q: Double) -> Double {
        guard !samples.isEmpty else { return 0 }
        let s = samples.sorted()
        return s[min(s.count - 1, Int((q / 100 * Double(s.count - 1)).rounded()))]
    }

    var mean: Double { samples.isEmpty ? 0 : samples.reduce(0, +) / Double(samples.count) }
    var fastest: Double { samples.min() ?? 0 }
}

struct RenderBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Time rendering: a 200-node dashboard with 10 charts of 1,000 points, or a given tree.",
        discussion: "Build with `-c release` for meaningful figures. Prints one JSON object when --json is set."
    )

    @Option(help: "Render this tree instead of the built-in 200-node dashboard.")
    var tree: String?

    @Option(help: "Timed iterations (after warm-up).")
    var iterations = 50

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @Option(help: "Also write the rendered page to this file (to check that an optimisation changes no byte).")
    var output: String?

    @Flag(help: "With --tree: time what POST /v1/render does (parse, schema and semantic checks, render), not the render alone.")
    var check = false

    func run() throws {
        if check {
            guard let tree else { throw ValidationError("--check needs --tree") }
            return try timeCheckAndRender(try readFile(tree))
        }
        let surface: Surface
        if let tree {
            let result = try SurfaceCheck().check(bytes: readFile(tree))
            guard let s = result.surface else {
                for e in result.errors { printError(e.cliLine) }
                throw Exit.invalid
            }
            surface = s
        } else {
            surface = BenchmarkFixtures.largeDashboard()
        }
        let renderer = HTMLRenderer()
        var bytes = 0
        for _ in 0..<3 { bytes = renderer.renderPageUTF8(surface).count }
        if let output { try writeFile(output, renderer.renderPage(surface)) }
        var t = Timings()
        for _ in 0..<max(1, iterations) { t.measure { _ = renderer.renderPageUTF8(surface) } }
        let fields: [(String, Double)] = [
            ("render_ms_mean", t.mean), ("render_ms_p50", t.percentile(50)), ("render_ms_p90", t.percentile(90)),
            ("render_ms_min", t.fastest), ("html_bytes", Double(bytes)), ("iterations", Double(t.samples.count)),
        ]
        report(fields)
    }

    private func timeCheckAndRender(_ bytes: [UInt8]) throws {
        let checker = try SurfaceCheck()
        let renderer = HTMLRenderer()
        func once() throws -> Int {
            let result = checker.check(bytes: bytes)
            guard let surface = result.surface else {
                for e in result.errors { printError(e.cliLine) }
                throw Exit.invalid
            }
            return renderer.renderPageUTF8(surface).count
        }
        var size = 0
        for _ in 0..<3 { size = try once() }
        var t = Timings()
        for _ in 0..<max(1, iterations) { try t.measure { _ = try once() } }
        report([
            ("check_render_ms_mean", t.mean), ("check_render_ms_p50", t.percentile(50)), ("check_render_ms_min", t.fastest),
            ("html_bytes", Double(size)), ("iterations", Double(t.samples.count)),
        ])
    }

    private func report(_ fields: [(String, Double)]) {
        if json {
            print(JSONWriter().string(.object(JSONObject(fields.map { ($0.0, .double(($0.1 * 1000).rounded() / 1000)) }))))
        } else {
            for (k, v) in fields { print(k.padding(toLength: 22, withPad: " ", startingAt: 0), String(format: "%.3f", v)) }
        }
    }
}
