import ArgumentParser
import Components
import Foundation

/// Exit codes scripts can rely on.
enum Exit {
    /// The input is invalid (malformed JSON, schema or semantic errors, snapshot mismatch).
    static let invalid = ExitCode(1)
    /// A file could not be read or written.
    static let io = ExitCode(2)
}

/// Writes a line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Reads a whole file, or exits with code 2 and a message naming it.
func readFile(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
        printError("error: cannot read \(path)")
        throw Exit.io
    }
    return [UInt8](data)
}

/// Writes text to a file (creating directories), or exits with code 2.
func writeFile(_ path: String, _ text: String) throws {
    let url = URL(fileURLWithPath: path)
    do {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    } catch {
        printError("error: cannot write \(path): \(error.localizedDescription)")
        throw Exit.io
    }
}

/// Writes to standard output without a trailing newline being added.
func writeStdout(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}


extension String {
    /// nil for the empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
