#!/usr/bin/env python3
"""Runs peer structured-output engines over a MaskBench-format directory with GenUI's method.

Inputs are the exact token sequences GenUI used (`genui conformance DIR --tokenizer T --dump-tokens F`),
so every engine sees identical tokens: instance serialized compactly in schema key order, then
BPE-encoded. For each schema: compile and fill the first mask (TTFM), then for each test feed its
tokens one by one, timing each mask fill (TBM); a valid instance must be allowed token by token and
end accepting, an invalid one must be refused at some token or end non-accepting.

Prints the same JSON object as `genui conformance --json` (last line).

Usage: maskbench_peers.py --engine llguidance|outlines --tokenizer tokenizer.json --tokens F.jsonl DIR
       [--limit N] [--timeout-ms N]
"""
import argparse
import json
import os
import statistics
import sys
import time


def percentile(values, q):
    if not values:
        return 0.0
    s = sorted(values)
    k = min(len(s) - 1, max(0, int(round(q / 100.0 * (len(s) - 1)))))
    return s[k]


def load_token_dump(path):
    by_file = {}
    with open(path) as f:
        for line in f:
            rec = json.loads(line)
            by_file.setdefault(rec["file"], []).append(rec)
    return by_file


class LLGuidanceEngine:
    name = "llguidance"

    def __init__(self, tokenizer_path):
        import llguidance
        import llguidance.numpy as lnp
        import numpy as np
        self.llg, self.lnp, self.np = llguidance, lnp, np
        with open(tokenizer_path) as f:
            self.tok = llguidance.LLTokenizer(f.read())
        self.mask = lnp.allocate_token_bitmask(1, self.tok.vocab_size)

    def compile(self, schema):
        """Returns a matcher factory or raises with the compile error."""
        grammar = self.llg.LLMatcher.grammar_from_json_schema(
            json.dumps(schema), overrides={"whitespace_flexible": False, "item_separator": ",",
                                           "key_separator": ":"})
        err, _ = self.llg.LLMatcher.validate_grammar_with_warnings(grammar, self.tok)
        if err:
            raise ValueError("grammar error")
        m = self.llg.LLMatcher(self.tok, grammar, log_level=0)
        if m.is_error():
            raise ValueError(m.get_error())
        return m

    def fill(self, m):
        self.lnp.fill_next_token_bitmask(m, self.mask, 0)

    def allowed(self, tok):
        return (int(self.mask[0, tok >> 5]) >> (tok & 31)) & 1 == 1

    def consume(self, m, tok):
        return m.consume_token(tok) and not m.is_error()

    def accepting(self, m):
        return m.is_accepting()

    def reset(self, m):
        m.reset()


class OutlinesEngine:
    name = "outlines-core"

    def __init__(self, tokenizer_path):
        import llguidance
        import numpy as np
        import outlines_core
        self.oc, self.np = outlines_core, np
        with open(tokenizer_path) as f:
            tok = llguidance.LLTokenizer(f.read())
        self.vocab_size = tok.vocab_size
        self.eos = tok.eos_token
        mapping = {}
        for i in range(tok.vocab_size):
            if i == self.eos or tok.is_special_token(i):
                continue
            b = tok.decode_bytes([i])
            if b:
                mapping.setdefault(b, []).append(i)
        self.vocab = outlines_core.Vocabulary(self.eos, mapping)
        self.mask = np.zeros((self.vocab_size + 31) // 32, dtype=np.int32)

    def compile(self, schema):
        rx = self.oc.json_schema.build_regex_from_schema(json.dumps(schema))
        index = self.oc.Index(rx, self.vocab)
        return self.oc.Guide(index)

    def fill(self, g):
        self.mask[:] = 0
        g.write_mask_into(self.mask.ctypes.data, self.mask.size, self.mask.itemsize)

    def allowed(self, tok):
        return (int(self.mask[tok >> 5]) >> (tok & 31)) & 1 == 1

    def consume(self, g, tok):
        try:
            g.advance(tok, return_tokens=False)
            return True
        except Exception:
            return False

    def accepting(self, g):
        return g.is_finished() or self.allowed_eos(g)

    def allowed_eos(self, g):
        self.fill(g)
        return self.allowed(self.eos)

    def reset(self, g):
        g.reset()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--engine", default="llguidance", choices=["llguidance", "outlines"])
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--tokens", required=True, help="JSONL token dump from genui conformance --dump-tokens")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    engine = (LLGuidanceEngine if args.engine == "llguidance" else OutlinesEngine)(args.tokenizer)
    dump = load_token_dump(args.tokens)
    files = sorted(dump)
    if args.limit:
        files = files[:args.limit]
    counts = dict(schemas=0, passing=0, compile_error=0, valid_rejected=0, invalid_accepted=0, crash=0, timeout=0)
    ttfm, tbm = [], []
    for name in files:
        with open(os.path.join(args.dir, name)) as f:
            doc = json.load(f)
        counts["schemas"] += 1
        t0 = time.perf_counter()
        try:
            m = engine.compile(doc["schema"])
            engine.fill(m)
        except Exception:
            counts["compile_error"] += 1
            continue
        ttfm.append((time.perf_counter() - t0) * 1e3)
        ok = True
        for rec in dump[name]:
            engine.reset(m)
            accepted_all = True
            for tok in rec["tokens"]:
                t1 = time.perf_counter()
                engine.fill(m)
                tbm.append((time.perf_counter() - t1) * 1e6)
                if not engine.allowed(tok) or not engine.consume(m, tok):
                    accepted_all = False
                    break
            accepted = accepted_all and engine.accepting(m)
            if rec["valid"] and not accepted:
                counts["valid_rejected"] += 1
                ok = False
            elif not rec["valid"] and accepted:
                counts["invalid_accepted"] += 1
                ok = False
        if ok:
            counts["passing"] += 1
    result = dict(counts)
    result.update(engine=engine.name,
                  ttfm_ms_p50=percentile(ttfm, 50), ttfm_ms_p90=percentile(ttfm, 90),
                  ttfm_ms_p99=percentile(ttfm, 99), ttfm_ms_max=max(ttfm) if ttfm else 0.0,
                  masks=len(tbm), tbm_us_mean=statistics.fmean(tbm) if tbm else 0.0,
                  tbm_us_p50=percentile(tbm, 50), tbm_us_p90=percentile(tbm, 90),
                  tbm_us_p99=percentile(tbm, 99), tbm_us_max=max(tbm) if tbm else 0.0)
    if not args.json:
        for k, v in result.items():
            print("%-18s %s" % (k, round(v, 2) if isinstance(v, float) else v))
    print(json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())
