#!/usr/bin/env python3
"""Runs peer structured-output engines over a MaskBench-format directory with GenUI's method.

Inputs are DIR's schemas and the exact token sequences GenUI used for their tests (`genui conformance
DIR --tokenizer T --dump-tokens F`, with the same --limit), so every engine sees identical tokens:
instance serialized compactly in schema key order, then BPE-encoded. For each schema: compile and fill the first mask (TTFM), then for each test feed its
tokens one by one, timing each mask fill (TBM); a valid instance must be allowed token by token and
end accepting, an invalid one must be refused at some token or end non-accepting.

Prints the same JSON object as `genui conformance --json` (last line), plus "engine".

Like GenUI, schemas run in a worker process: one that takes longer than --timeout-ms (compile and all
its tests) is counted under `timeout`, one that kills the worker (a Rust panic, an abort, running out
of memory) under `crash`, and a new worker goes on with the next schema.

Usage: maskbench_peers.py --engine llguidance|outlines --tokenizer tokenizer.json --tokens F.jsonl DIR
       [--limit N] [--timeout-ms N] [--json]
"""
import argparse
import json
import os
import select
import statistics
import subprocess
import sys
import time


def percentile(values, q):
    if not values:
        return 0.0
    s = sorted(values)
    # Round half up, like GenUI (Python's round() rounds half to even).
    k = min(len(s) - 1, max(0, int(q / 100.0 * (len(s) - 1) + 0.5)))
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
        # The matcher reports grammar errors itself (is_error); validating first would compile twice.
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

    def eos_allowed(self):
        return any(self.allowed(e) for e in self.tok.eos_tokens)

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

    def eos_allowed(self):
        return self.allowed(self.eos)

    def reset(self, g):
        g.reset()


def evaluate(engine, name, doc, records):
    """One schema: compile + first mask (TTFM), then each test token by token (TBM)."""
    out = dict(file=name, tests=[], tbm_us=[])
    t0 = time.perf_counter()
    try:
        m = engine.compile(doc["schema"])
        engine.fill(m)
    except Exception as e:  # a Rust panic is a BaseException: it ends the worker and counts as a crash
        out["compile_error"] = str(e)[:200]
        return out
    out["ttfm_ms"] = (time.perf_counter() - t0) * 1e3
    tbm = out["tbm_us"]
    for rec in records:
        engine.reset(m)
        accepted_all = True
        for tok in rec["tokens"]:
            t1 = time.perf_counter()
            engine.fill(m)
            tbm.append((time.perf_counter() - t1) * 1e6)
            if not engine.allowed(tok) or not engine.consume(m, tok):
                accepted_all = False
                break
        accepted = False
        if accepted_all:
            # Like GenUI: the final mask must allow end-of-sequence.
            t1 = time.perf_counter()
            engine.fill(m)
            tbm.append((time.perf_counter() - t1) * 1e6)
            accepted = engine.eos_allowed()
        out["tests"].append([rec["valid"], accepted])
    return out


def run_worker(args, files, dump):
    if args.memory_limit_gb:
        import resource
        limit = args.memory_limit_gb << 30
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    engine = (LLGuidanceEngine if args.engine == "llguidance" else OutlinesEngine)(args.tokenizer)
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    for name in files[args.worker_from:]:
        with open(os.path.join(args.dir, name)) as f:
            doc = json.load(f)
        sys.stdout.write("R " + json.dumps(evaluate(engine, name, doc, dump.get(name, []))) + "\n")
        sys.stdout.flush()


class Worker:
    """A worker process whose stdout is read line by line with a deadline."""

    def __init__(self, argv):
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE)
        self.buf = b""

    def read_line(self, timeout):
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.proc.stdout], [], [], min(left, 1.0))
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 1 << 16)
                if not chunk:
                    return None
                self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return line.decode()

    def exited(self):
        return self.proc.poll() is not None

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.proc.stdout.close()


def summarize(engine_name, results, crash, timeout):
    counts = dict(schemas=len(results) + crash + timeout, passing=0, compile_error=0, valid_rejected=0,
                  invalid_accepted=0, crash=crash, timeout=timeout)
    ttfm, tbm = [], []
    for r in results:
        if "compile_error" in r:
            counts["compile_error"] += 1
            continue
        ttfm.append(r["ttfm_ms"])
        tbm.extend(r["tbm_us"])
        ok = True
        for valid, accepted in r["tests"]:
            if valid and not accepted:
                counts["valid_rejected"] += 1
                ok = False
            elif not valid and accepted:
                counts["invalid_accepted"] += 1
                ok = False
        if ok:
            counts["passing"] += 1
    result = dict(counts)
    result.update(engine=engine_name,
                  ttfm_ms_p50=percentile(ttfm, 50), ttfm_ms_p90=percentile(ttfm, 90),
                  ttfm_ms_p99=percentile(ttfm, 99), ttfm_ms_max=max(ttfm) if ttfm else 0.0,
                  masks=len(tbm), tbm_us_mean=statistics.fmean(tbm) if tbm else 0.0,
                  tbm_us_p50=percentile(tbm, 50), tbm_us_p90=percentile(tbm, 90),
                  tbm_us_p99=percentile(tbm, 99), tbm_us_max=max(tbm) if tbm else 0.0)
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--engine", default="llguidance", choices=["llguidance", "outlines"])
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--tokens", required=True, help="JSONL token dump from genui conformance --dump-tokens")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--timeout-ms", type=int, default=20000, help="per schema: compile and all its tests")
    ap.add_argument("--memory-limit-gb", type=int, default=8, help="address-space limit of the worker (0: none)")
    ap.add_argument("--verbose", action="store_true", help="list each failing schema on stderr")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--worker-from", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()

    dump = load_token_dump(args.tokens)
    # Every schema of DIR, in GenUI's order, with its dumped tests: schemas without tests (compile-only)
    # count too, as they do for GenUI.
    files = sorted(f for f in os.listdir(args.dir) if f.endswith(".json"))
    if args.limit:
        files = files[:args.limit]
    if args.worker_from is not None:
        return run_worker(args, files, dump)

    engine_name = "llguidance" if args.engine == "llguidance" else "outlines-core"
    base = [sys.executable, os.path.abspath(__file__), args.dir, "--engine", args.engine, "--tokenizer", args.tokenizer,
            "--tokens", args.tokens, "--limit", str(args.limit), "--memory-limit-gb", str(args.memory_limit_gb)]
    results, crash, timeout = [], 0, 0
    nxt = 0
    while nxt < len(files):
        worker = Worker(base + ["--worker-from", str(nxt)])
        # The first wait also covers loading the tokenizer (outlines-core builds its vocabulary then).
        if worker.read_line(args.timeout_ms / 1000 + 300) != "READY":
            worker.kill()
            sys.exit("error: the %s worker did not start" % engine_name)
        while nxt < len(files):
            line = worker.read_line(args.timeout_ms / 1000)
            if line is None:
                crashed = worker.exited()
                worker.kill()
                if crashed:
                    crash += 1
                else:
                    timeout += 1
                if args.verbose:
                    print("%s: %s" % (files[nxt], "crash" if crashed else "timeout"), file=sys.stderr)
                nxt += 1
                break
            if not line.startswith("R "):
                continue
            r = json.loads(line[2:])
            results.append(r)
            if args.verbose and "compile_error" in r:
                print("%s: compile error: %s" % (r["file"], r["compile_error"]), file=sys.stderr)
            nxt += 1
        worker.kill()

    result = summarize(engine_name, results, crash, timeout)
    if not args.json:
        for k, v in result.items():
            print("%-18s %s" % (k, round(v, 2) if isinstance(v, float) else v))
    print(json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())
