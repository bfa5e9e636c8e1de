import Foundation
import XCTest

/// Runs the built `genui` executable end to end, as scripts call it.
struct GenUIBinary {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let url: URL

    /// The binary next to the test bundle (what `swift test` builds), or skips the test.
    init(for testCase: XCTestCase) throws {
        // Next to the test runner first (on Linux argv[0] is the .xctest in the build directory), so a
        // release test run never picks up a stale debug binary.
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("genui"),
            Bundle(for: type(of: testCase)).bundleURL.deletingLastPathComponent().appendingPathComponent("genui"),
            Self.repo.appendingPathComponent(".build/debug/genui"),
        ]
        guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            if ProcessInfo.processInfo.environment["GENUI_REQUIRE_ASSETS"] == "1" {
                XCTFail("the genui binary is not built next to the tests (make test builds it)")
            }
            throw XCTSkip("genui binary not built")
        }
        url = binary
    }

    func run(_ arguments: [String]) throws -> Run {
        let p = Process()
        p.executableURL = url
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read stderr on another thread so neither pipe can fill up and block the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary directory, removed by the caller's `defer`.
    static func temporaryDirectory(_ label: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("genui-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
