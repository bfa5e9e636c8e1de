import Foundation
import JSONSchema
import XCTest
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `genui serve` as users run it: a separate process on a loopback port with the real default model.
/// A generated dashboard passes `genui validate`; the remote backend and the official `openai` SDK
/// both talk to the server's `/v1/chat/completions`; SIGTERM stops it cleanly.
final class ServeCommandTests: XCTestCase {
    /// A running `genui serve --port 0`; its URL is read from the first line of stdout.
    final class Served {
        let process = Process()
        let base: URL
        private let errors = Pipe()

        init(_ genui: GenUIBinary, testCase: XCTestCase) throws {
            process.executableURL = genui.url
            process.arguments = ["serve", "--port", "0"]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = errors
            try process.run()
            var line = ""
            let handle = out.fileHandleForReading
            while !line.contains("\n") {
                let data = handle.availableData
                if data.isEmpty { break }
                line += String(decoding: data, as: UTF8.self)
            }
            guard let range = line.range(of: "http://[^ /]+/", options: .regularExpression), let url = URL(string: String(line[range])) else {
                process.terminate()
                let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                if stderr.contains("model not found") && ProcessInfo.processInfo.environment["GENUI_REQUIRE_ASSETS"] != "1" {
                    throw XCTSkip("no default model; run scripts/fetch-model.sh")
                }
                throw NSError(domain: "serve", code: 1, userInfo: [NSLocalizedDescriptionKey: "serve did not start: \(line) \(stderr)"])
            }
            base = url
        }

        /// SIGTERM, then the exit status (or nil when it did not exit within `timeout`).
        func stop(timeout: Double = 20) -> Int32? {
            kill(process.processIdentifier, SIGTERM)
            let deadline = Date(timeIntervalSinceNow: timeout)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning { process.terminate(); return nil }
            return process.terminationStatus
        }
    }

    /// A blocking HTTP request through URLSession.
    private func fetch(_ url: URL, method: String = "GET", json: String? = nil) throws -> (status: Int, body: Data) {
        var request = URLRequest(url: url, timeoutInterval: 900)
        request.httpMethod = method
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Int, Data)?
        nonisolated(unsafe) var failure: Error?
        URLSession.shared.dataTask(with: request) { data, response, error in
            if let error { failure = error } else { result = ((response as? HTTPURLResponse)?.statusCode ?? 0, data ?? Data()) }
            done.signal()
        }.resume()
        done.wait()
        if let failure { throw failure }
        return try XCTUnwrap(result)
    }

    func testServedDashboardPassesValidateAndSIGTERMStopsCleanly() throws {
        let genui = try GenUIBinary(for: self)
        let served = try Served(genui, testCase: self)
        defer { _ = served.stop() }
        let (status, body) = try fetch(served.base.appendingPathComponent("v1/generate"), method: "POST",
                                       json: #"{"prompt": "Website traffic by channel this quarter", "temperature": 0.3, "seed": 11}"#)
        XCTAssertEqual(status, 200)
        let text = String(decoding: body, as: UTF8.self)
        let events = text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        let names = events.compactMap { $0.split(separator: "\n").first { $0.hasPrefix("event: ") }?.dropFirst(7) }.map(String.init)
        XCTAssertEqual(names.last, "done", String(text.suffix(600)))
        let doneData = try XCTUnwrap(events.last?.split(separator: "\n").first { $0.hasPrefix("data: ") }?.dropFirst(6))
        let done = try JSONParser.parse(String(doneData))
        let tree = try XCTUnwrap(done["tree"])
        let dir = try GenUIBinary.temporaryDirectory("serve")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("answer.json")
        try Data(JSONWriter(pretty: true).bytes(tree)).write(to: file)
        let validate = try genui.run(["validate", file.path])
        XCTAssertEqual(validate.status, 0, validate.stderr)

        XCTAssertEqual(served.stop(), 0, "SIGTERM should end the server with status 0")
    }

    func testRemoteBackendTalksToGenUIsOwnChatCompletions() throws {
        let genui = try GenUIBinary(for: self)
        let served = try Served(genui, testCase: self)
        defer { _ = served.stop() }
        let dir = try GenUIBinary.temporaryDirectory("remote")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("remote.json")
        let run = try genui.run([
            "generate", "Quarterly revenue by product line", "--backend", "openai",
            "--openai-base-url", served.base.appendingPathComponent("v1").absoluteString, "--openai-model", "default",
            "--json", "-o", out.path, "--temperature", "0.3", "--seed", "5",
        ])
        XCTAssertEqual(run.status, 0, run.stderr)
        let validate = try genui.run(["validate", out.path])
        XCTAssertEqual(validate.status, 0, validate.stderr)

        // A backend that is not there: a clear error and a non-zero exit, not a hang.
        let refused = try genui.run(["generate", "x", "--backend", "openai", "--openai-base-url", "http://127.0.0.1:9/v1", "--openai-model", "m"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("error:"), refused.stderr)
    }

    func testOfficialOpenAIPythonSDKGetsSchemaValidAnswers() throws {
        let python = URL(fileURLWithPath: ProcessInfo.processInfo.environment["GENUI_CACHE"] ?? (NSHomeDirectory() + "/.cache/genui"))
            .appendingPathComponent("venv-test/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            if ProcessInfo.processInfo.environment["GENUI_REQUIRE_ASSETS"] == "1" { XCTFail("run scripts/setup-test-venv.sh") }
            throw XCTSkip("no test venv with the openai SDK (scripts/setup-test-venv.sh)")
        }
        let genui = try GenUIBinary(for: self)
        let served = try Served(genui, testCase: self)
        defer { _ = served.stop() }
        let p = Process()
        p.executableURL = python
        p.arguments = [GenUIBinary.repo.appendingPathComponent("Tests/Scripts/openai_sdk_check.py").path,
                       served.base.appendingPathComponent("v1").absoluteString]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, errText)
        let report = try JSONParser.parse(String(decoding: data, as: UTF8.self))
        let schema = try JSONParser.parse(#"""
            {"type": "object", "properties": {"city": {"type": "string", "maxLength": 40}, "country": {"type": "string", "maxLength": 40},
             "population": {"type": "integer", "minimum": 0}}, "required": ["city", "country", "population"], "additionalProperties": false}
            """#)
        let validator = try SchemaValidator(schema: schema)
        for key in ["content", "streamed"] {
            let text = try XCTUnwrap(report[key]?.stringValue, key)
            XCTAssertEqual(validator.validate(try JSONParser.parse(text)), [], "\(key): \(text)")
        }
        XCTAssertEqual(report["finish_reasons"]?.arrayValue?.compactMap(\.stringValue), ["stop", "stop", "stop"])
        XCTAssertNotNil(report["parsed"]?["population"]?.numberValue, "the SDK's parse() produced a typed object")
    }
}
