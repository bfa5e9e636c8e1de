// libFuzzer entry points for GenUI's parsers, compiler, matcher and renderer. Built only by
// `make fuzz` (GENUI_FUZZ=1 adds this target; libFuzzer provides `main`). The target to run is
// chosen with GENUI_FUZZ_TARGET: json, schema, matcher, render, markdown, csv.
import Components
import Datasets
import Foundation
import JSONSchema
import Rendering
import StructuredOutput
import Tokenizers

private let target = ProcessInfo.processInfo.environment["GENUI_FUZZ_TARGET"] ?? "json"
private let byteIndex = TokenizerIndex.shared(for: TokenVocabulary(tokens: (0...255).map { [UInt8($0)] }, specialTokenIDs: [], eosTokenIDs: [], name: "bytes"))
private let check = try! SurfaceCheck()
/// Active content in markup: a script element, an event-handler attribute, or a link or source
/// with a script or data URL. (Text that merely reads "javascript:" is escaped text, not active.)
private let activeContent = try! NSRegularExpression(pattern: #"<script|<[a-z][^>]*\son[a-z]+\s*=|(href|src|action)\s*=\s*"\s*(javascript|vbscript|data):"#,
                                                     options: [.caseInsensitive])
private func assertInert(_ html: String, _ what: String) {
    let range = NSRange(html.startIndex..., in: html)
    precondition(activeContent.firstMatch(in: html, range: range) == nil, "active content in \(what)")
}

private let catalogGrammar: CompiledGrammar = {
    let compiled = try! SchemaCompiler().compile(try! JSONParser.parse(EmbeddedCatalog.text))
    return try! CompiledGrammar(grammar: compiled.grammar, tokenizer: byteIndex)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch target {
    case "json":
        // Any bytes: a value or an error, never a crash; a value survives a write-and-parse round trip.
        if let value = try? JSONParser(maxDepth: 256).parse(bytes) {
            let again = try! JSONParser(maxDepth: 600).parse(JSONWriter().bytes(value))
            precondition(again == value, "round trip changed the value")
        }
    case "schema":
        // A schema: compiled within limits or refused with an error, then a few masks.
        guard let schema = try? JSONParser(maxDepth: 128).parse(bytes), let compiled = try? SchemaCompiler().compile(schema),
              let grammar = try? CompiledGrammar(grammar: compiled.grammar, tokenizer: byteIndex) else { return 0 }
        var matcher = GrammarMatcher(grammar)
        var mask = [UInt32](repeating: 0, count: byteIndex.maskWordCount)
        for _ in 0..<8 {
            matcher.fillNextTokenBitmask(&mask)
            guard let id = (0..<256).first(where: { mask[$0 / 32] & (1 << UInt32($0 % 32)) != 0 }), matcher.acceptToken(Int32(id)) else { break }
        }
    case "matcher":
        // Bytes against the catalog grammar: accepted bytes always leave a state with a next byte
        // or an accepting one, and a rejected byte leaves the state unchanged.
        var matcher = GrammarMatcher(catalogGrammar)
        for b in bytes {
            let before = matcher.nextTokenBitmask()
            if !matcher.acceptBytes([b]) {
                precondition(matcher.nextTokenBitmask() == before, "a refused byte changed the state")
                precondition(before[Int(b) / 32] & (1 << UInt32(b % 32)) == 0, "the mask allowed a byte the matcher refused")
                break
            }
        }
    case "render":
        // A tree: checked, then rendered; the markup must hold no script.
        let result = check.check(bytes: bytes)
        if let surface = result.surface {
            assertInert(HTMLRenderer().renderFragment(surface), "a rendered tree")
        }
    case "markdown":
        assertInert(MarkdownRenderer.render(String(decoding: bytes, as: UTF8.self)).description, "markdown")
    case "csv":
        if let table = try? CSVReader().read(bytes), !table.records.isEmpty {
            _ = try? ColumnInference.infer(header: table.header, records: table.records, lines: table.lines)
        }
    default:
        fatalError("unknown GENUI_FUZZ_TARGET \(target)")
    }
    return 0
}

// SwiftPM links an executable with `main` aliased to `<module>_main`; hand that entry to libFuzzer's
// driver (the same loop its own `main` would run).
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("genui_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzz(data, size)
    }
}
