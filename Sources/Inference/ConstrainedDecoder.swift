import Dispatch
import StructuredOutput
import Tokenizers

/// The constrained sampling loop over a llama.cpp session: at every step the grammar's token mask
/// restricts the logits, a token is sampled and fed back. Stretches the grammar fully determines are
/// appended without sampling (jump-forward) and evaluated as one batch.
struct ConstrainedDecoder {
    let vocabulary: TokenVocabulary
    let tokenize: (String) -> [Int32]
    let limits: GenerationLimits

    /// Decodes an answer after `prompt`. `onBytes` receives each accepted piece of the answer.
    func run(
        session: inout LlamaSession, prompt: [Int32], grammar: CompiledGrammar?, sampling: SamplingParameters,
        isCancelled: () -> Bool, onBytes: ([UInt8]) -> Void
    ) throws -> (bytes: [UInt8], metrics: GenerationMetrics) {
        let start = DispatchTime.now().uptimeNanoseconds
        func elapsedMs() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 }
        var metrics = GenerationMetrics()
        metrics.promptTokens = prompt.count
        guard prompt.count <= limits.maxPromptTokens else {
            throw GenerationError.promptTooLong(tokens: prompt.count, limit: limits.maxPromptTokens)
        }
        try session.feedPrompt(prompt)
        metrics.reusedPromptTokens = session.reusedPromptTokens

        // Without a grammar (plain chat) every token is allowed and the answer ends at end-of-sequence.
        var matcher = grammar.map { GrammarMatcher($0) }
        var sampler = MaskedSampler(sampling)
        let width = vocabulary.logitsSize
        var mask = [UInt32](repeating: 0, count: (width + 31) / 32)
        if matcher == nil {
            for i in 0..<width { mask[i / 32] |= 1 << UInt32(i % 32) }
        }
        var answer: [UInt8] = []
        let eos = Set(vocabulary.eosTokenIDs)

        func append(_ id: Int32) {
            let bytes = vocabulary.tokens[Int(id)]
            answer += bytes
            onBytes(bytes)
        }

        while true {
            if isCancelled() { throw GenerationError.cancelled }
            if elapsedMs() > limits.timeoutSeconds * 1000 { throw GenerationError.timeout(limits.timeoutSeconds) }
            if metrics.tokens >= limits.maxTokens { throw GenerationError.maxTokens(limits.maxTokens) }

            // Jump-forward: bytes every continuation starts with, tokenized and fed as one batch. The
            // last token is left to the sampler, so the model still picks how a forced stretch ends.
            let forced = forcedPrefix(matcher?.forcedBytes() ?? [])
            if var m = matcher, !forced.isEmpty {
                var batch: [Int32] = []
                for id in tokenize(forced).dropLast() {
                    guard !eos.contains(id), m.acceptToken(id) else { break }
                    batch.append(id)
                }
                if !batch.isEmpty {
                    matcher = m
                    for id in batch { append(id) }
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    try session.feed(batch)
                    metrics.forcedMs += Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
                    metrics.tokens += batch.count
                    metrics.forcedTokens += batch.count
                    if metrics.timeToFirstTokenMs == 0 { metrics.timeToFirstTokenMs = elapsedMs() }
                    continue
                }
            }

            if let m = matcher {
                let t0 = DispatchTime.now().uptimeNanoseconds
                m.fillNextTokenBitmask(&mask)
                metrics.maskMicros.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1000)
            }
            guard let id = sampler.sample(logits: session.logits(), mask: mask) else {
                throw GenerationError.deadEnd(offset: answer.count)
            }
            if metrics.timeToFirstTokenMs == 0 { metrics.timeToFirstTokenMs = elapsedMs() }
            sampler.note(id)
            if eos.contains(id) {
                // The mask allows end-of-sequence only where the document is complete.
                guard matcher?.isAccepting ?? true else { throw GenerationError.deadEnd(offset: answer.count) }
                break
            }
            if matcher != nil, !matcher!.acceptToken(id) { throw GenerationError.deadEnd(offset: answer.count) }
            append(id)
            metrics.tokens += 1
            if matcher?.isTerminated == true { break }
            try session.feed([id])
        }
        metrics.totalMs = elapsedMs()
        return (answer, metrics)
    }

    /// The forced bytes cut to whole UTF-8 characters, as text to tokenize ("" when fewer than 2 bytes).
    private func forcedPrefix(_ bytes: [UInt8]) -> String {
        guard bytes.count >= 2 else { return "" }
        var end = bytes.count
        // Drop a trailing incomplete UTF-8 sequence.
        var i = end - 1, continuation = 0
        while i >= 0, bytes[i] & 0xC0 == 0x80 { continuation += 1; i -= 1 }
        if i >= 0 {
            let lead = bytes[i]
            let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            if length != continuation + 1 { end = i }
        }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }
}
