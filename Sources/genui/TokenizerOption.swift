import Dispatch
import Tokenizers
import StructuredOutput

/// The tokenizer a command names with `--tokenizer` (a tokenizer.json, a tiktoken file or a GGUF):
/// the loaded file and the vocabulary index the mask engine works against.
struct CommandTokenizer {
    let loaded: LoadedTokenizer
    let index: TokenizerIndex
    /// Time to read the file and build the index, in milliseconds.
    let loadMs: Double

    /// Loads `path`, or prints `error: MESSAGE` on stderr and exits 2 (missing, unreadable or not a
    /// tokenizer file this library reads).
    static func load(_ path: String) throws -> CommandTokenizer {
        let t0 = DispatchTime.now().uptimeNanoseconds
        do {
            let loaded = try TokenizerLoader.load(path: path)
            let index = TokenizerIndex.shared(for: loaded.vocabulary)
            return CommandTokenizer(loaded: loaded, index: index, loadMs: Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        } catch {
            // Tokenizer errors usually name the file already.
            let named = (error as? TokenizerError)?.file != nil
            printError("error: \(named ? "" : path + ": ")\(error)")
            throw Exit.io
        }
    }
}
