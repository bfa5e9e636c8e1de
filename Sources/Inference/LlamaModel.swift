import CLlama
import Foundation
import Tokenizers

/// A GGUF model running in-process through llama.cpp (CPU). One context, used by one generation at
/// a time (a lock serialises callers). Our `GrammarMatcher` masks its logits and we sample ourselves;
/// the vocabulary the masks use is read from the same GGUF file by the `Tokenizers` module.
public final class LlamaModel: @unchecked Sendable {
    public let path: String
    /// Token id → exact bytes, EOS ids and logits width, as the mask engine needs them.
    public let vocabulary: TokenVocabulary
    /// The model's chat template (GGUF `tokenizer.chat_template`), when it has one.
    public let chatTemplate: String?
    public let contextSize: Int
    public let threads: Int

    private let model: OpaquePointer
    private let context: OpaquePointer
    private let vocab: OpaquePointer
    private let lock = NSLock()
    private let batchSize: Int

    private static let backend: Void = {
        llama_log_set({ level, text, _ in
            guard ProcessInfo.processInfo.environment["GENUI_LLAMA_LOG"] == "1", let text else { return }
            FileHandle.standardError.write(Data(String(cString: text).utf8))
        }, nil)
        llama_backend_init()
    }()

    /// Loads `path`. `contextSize` bounds prompt plus answer; `threads` defaults to the cores.
    public init(path: String, contextSize: Int = 8192, threads: Int? = nil) throws {
        guard FileManager.default.isReadableFile(atPath: path) else { throw GenerationError.modelNotFound(path) }
        _ = Self.backend
        let loaded: LoadedTokenizer
        do { loaded = try GGUFTokenizerLoader.load(path: path) } catch {
            throw GenerationError.modelLoad("\(path): cannot read its vocabulary: \(error)")
        }
        var modelParams = llama_model_default_params()
        modelParams.n_gpu_layers = 0
        guard let model = llama_model_load_from_file(path, modelParams) else {
            throw GenerationError.modelLoad("\(path): llama.cpp could not load it")
        }
        // One core is left free by default: llama.cpp's threads spin at barriers, and a busy core (the
        // HTTP server, another process) stalls every step of a fully subscribed pool.
        let threads = threads ?? max(1, ProcessInfo.processInfo.activeProcessorCount - 1)
        var contextParams = llama_context_default_params()
        contextParams.n_ctx = UInt32(contextSize)
        contextParams.n_batch = UInt32(min(contextSize, 2048))
        contextParams.n_threads = Int32(threads)
        contextParams.n_threads_batch = Int32(threads)
        guard let context = llama_init_from_model(model, contextParams) else {
            llama_model_free(model)
            throw GenerationError.modelLoad("\(path): cannot create a context of \(contextSize) tokens")
        }
        self.model = model
        self.context = context
        self.vocab = llama_model_get_vocab(model)
        self.path = path
        self.contextSize = Int(llama_n_ctx(context))
        self.batchSize = Int(contextParams.n_batch)
        self.threads = threads
        let logitsWidth = Int(llama_vocab_n_tokens(vocab))
        self.vocabulary = loaded.withLogitsSize(logitsWidth).vocabulary
        self.chatTemplate = llama_model_chat_template(model, nil).map { String(cString: $0) }
    }

    deinit {
        llama_free(context)
        llama_model_free(model)
    }

    /// The file name without extension, e.g. `SmolLM2-135M-Instruct.Q4_1`.
    public var name: String { ((path as NSString).lastPathComponent as NSString).deletingPathExtension }

    /// The conversation formatted with the model's chat template, ending where the assistant speaks.
    public func formatChat(_ messages: [ChatMessage]) throws -> String {
        let roles = messages.map { strdup($0.role) }
        let contents = messages.map { strdup($0.content) }
        defer { (roles + contents).forEach { free($0) } }
        var chat = zip(roles, contents).map { llama_chat_message(role: $0.0, content: $0.1) }
        var capacity = 2 * messages.reduce(256) { $0 + $1.content.utf8.count + $1.role.utf8.count + 16 }
        for _ in 0..<2 {
            var buffer = [CChar](repeating: 0, count: capacity)
            let n = llama_chat_apply_template(chatTemplate, &chat, chat.count, true, &buffer, Int32(capacity))
            if n < 0 { throw GenerationError.backend("the model's chat template is not one llama.cpp knows") }
            if Int(n) <= capacity {
                return String(decoding: buffer.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            capacity = Int(n) + 1
        }
        throw GenerationError.backend("chat template output kept growing")
    }

    /// Tokens of `text`; `special` parses control tokens such as `<|im_start|>` in it.
    public func tokenize(_ text: String, addBOS: Bool = false, special: Bool = true) -> [Int32] {
        let utf8 = Array(text.utf8CString.dropLast())
        var tokens = [Int32](repeating: 0, count: utf8.count + 8)
        var n = llama_tokenize(vocab, utf8, Int32(utf8.count), &tokens, Int32(tokens.count), addBOS, special)
        if n < 0 {
            tokens = [Int32](repeating: 0, count: Int(-n))
            n = llama_tokenize(vocab, utf8, Int32(utf8.count), &tokens, Int32(tokens.count), addBOS, special)
        }
        return Array(tokens.prefix(Int(max(0, n))))
    }

    /// Tokens whose keys and values are in the context, in order (what the last session left).
    private var evaluated: [Int32] = []

    /// Runs `body` with exclusive use of the context. The context keeps what the previous session
    /// evaluated, so `LlamaSession.feedPrompt` re-evaluates only where a new prompt differs (the
    /// system prompt is shared by every dashboard request).
    public func withSession<T>(_ body: (inout LlamaSession) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        var session = LlamaSession(context: context, batchSize: batchSize, contextSize: contextSize,
                                   logitsWidth: vocabulary.logitsSize, history: evaluated)
        defer { evaluated = session.history }
        return try body(&session)
    }
}

/// Exclusive use of a llama.cpp context for one generation: feed tokens, read the next logits.
public struct LlamaSession {
    let context: OpaquePointer
    let batchSize: Int
    let contextSize: Int
    let logitsWidth: Int
    /// Tokens in the context's memory, position by position.
    private(set) var history: [Int32]
    /// Prompt tokens found already evaluated by `feedPrompt`.
    public private(set) var reusedPromptTokens = 0

    init(context: OpaquePointer, batchSize: Int, contextSize: Int, logitsWidth: Int, history: [Int32]) {
        self.context = context
        self.batchSize = batchSize
        self.contextSize = contextSize
        self.logitsWidth = logitsWidth
        self.history = history
    }

    /// Evaluates `prompt` from position 0, reusing the longest prefix the context already holds
    /// (at least the last token is evaluated again, so the logits are the prompt's).
    public mutating func feedPrompt(_ prompt: [Int32]) throws {
        var common = 0
        let limit = min(history.count, prompt.count - 1)
        while common < limit && history[common] == prompt[common] { common += 1 }
        let memory = llama_get_memory(context)
        if common == 0 || !llama_memory_seq_rm(memory, 0, Int32(common), -1) {
            llama_memory_clear(memory, true)
            common = 0
        }
        history.removeSubrange(common...)
        reusedPromptTokens = common
        try feed(Array(prompt[common...]))
    }

    /// Evaluates `tokens` after those already fed; afterwards `logits` predicts the next token.
    public mutating func feed(_ tokens: [Int32]) throws {
        guard history.count + tokens.count <= contextSize else {
            throw GenerationError.backend("the context of \(contextSize) tokens is full")
        }
        var start = 0
        var tokens = tokens
        while start < tokens.count {
            let n = min(batchSize, tokens.count - start)
            let status = tokens.withUnsafeMutableBufferPointer { buffer in
                llama_decode(context, llama_batch_get_one(buffer.baseAddress! + start, Int32(n)))
            }
            guard status == 0 else {
                // The memory may hold part of the batch: forget it all, the next session starts clean.
                llama_memory_clear(llama_get_memory(context), true)
                history = []
                throw GenerationError.backend("llama_decode failed with status \(status)")
            }
            history += tokens[start..<(start + n)]
            start += n
        }
    }

    /// The logits of the last fed token (width: the model's vocabulary).
    public func logits() -> UnsafeBufferPointer<Float> {
        UnsafeBufferPointer(start: llama_get_logits_ith(context, -1), count: logitsWidth)
    }
}
