#!/usr/bin/env python3
"""Loads HTML pages in headless Chromium and reports every sign of script execution.

Talks the DevTools protocol over --remote-debugging-pipe (fd 3/4, NUL-separated JSON), so it needs
nothing beyond the Python standard library and Debian's `chromium`. For each page it records:
  - Debugger.scriptParsed      (any script compiled: <script>, event handler, javascript: URL, SVG onload …)
  - Runtime.consoleAPICalled   (console.* from a script)
  - Page.javascriptDialogOpening (alert/confirm/prompt; dismissed automatically)
  - navigations of the main frame away from the page (meta refresh, link auto-click …)
Usage: script_probe.py [--settle-ms N] [--json] FILE.html…
Exit status: 0 when no page ran a script, 1 when any did, 2 on a harness error.
"""
import fcntl
import json
import os
import subprocess
import sys
import time
import select


class Chromium:
    def __init__(self, binary="chromium"):
        r_cmd, self.w_cmd = os.pipe()   # we write commands -> chromium reads fd 3
        self.r_evt, w_evt = os.pipe()   # chromium writes fd 4 -> we read
        args = [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-extensions",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--remote-debugging-pipe", "--user-data-dir=" + os.path.join(os.environ.get("TMPDIR", "/tmp"),
                                                                           "genui-probe-%d" % os.getpid()),
                "about:blank"]

        # Move the child's pipe ends to high descriptors first, so placing them on 3 and 4 cannot
        # clobber one another; then keep only 3 and 4 across exec.
        hi_r = fcntl.fcntl(r_cmd, fcntl.F_DUPFD, 100)
        hi_w = fcntl.fcntl(w_evt, fcntl.F_DUPFD, 100)

        def remap():
            os.dup2(hi_r, 3)
            os.dup2(hi_w, 4)

        self.proc = subprocess.Popen(args, close_fds=False, preexec_fn=remap,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for fd in (hi_r, hi_w):
            os.close(fd)
        os.close(r_cmd)
        os.close(w_evt)
        self.buf = b""
        self.next_id = 1
        self.events = []

    def send(self, method, params=None, session=None):
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self.next_id += 1
        os.write(self.w_cmd, json.dumps(msg).encode() + b"\0")
        return msg["id"]

    def read(self, timeout):
        deadline = time.monotonic() + timeout
        while b"\0" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.r_evt], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.r_evt, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self.buf += chunk
        raw, self.buf = self.buf.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method, params=None, session=None, timeout=20):
        mid = self.send(method, params, session)
        deadline = time.monotonic() + timeout
        while True:
            msg = self.read(max(0.0, deadline - time.monotonic()))
            if msg is None:
                raise RuntimeError("timed out waiting for " + method)
            if msg.get("id") == mid:
                if "error" in msg:
                    raise RuntimeError(method + ": " + json.dumps(msg["error"]))
                return msg.get("result", {})
            self.events.append(msg)

    def pump(self, seconds):
        deadline = time.monotonic() + seconds
        while True:
            msg = self.read(max(0.0, deadline - time.monotonic()))
            if msg is None:
                return
            self.events.append(msg)

    def close(self):
        try:
            self.send("Browser.close")
            self.proc.wait(timeout=5)
        except Exception:
            self.proc.kill()


class Page:
    """One tab driven through its own DevTools session (Page, Runtime and Log domains enabled)."""

    def __init__(self, chrome, width=1280, height=900):
        self.chrome = chrome
        target = chrome.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = chrome.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            chrome.call(domain + ".enable", session=self.session)
        self.resize(width, height)

    def resize(self, width, height):
        self.chrome.call("Emulation.setDeviceMetricsOverride",
                         {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=self.session)

    def open(self, url, timeout=20):
        self.chrome.events.clear()
        self.chrome.call("Page.navigate", {"url": url}, session=self.session)
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == "Page.loadEventFired" for e in self.chrome.events):
            if time.monotonic() > deadline:
                raise RuntimeError("the page did not load: " + url)
            self.chrome.pump(0.05)

    def evaluate(self, expression, await_promise=False):
        result = self.chrome.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                       "awaitPromise": await_promise}, session=self.session)
        return result.get("result", {}).get("value")

    def screenshot(self, path):
        import base64
        shot = self.chrome.call("Page.captureScreenshot", {"format": "png"}, session=self.session)
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))

    def errors(self):
        """Uncaught exceptions and Content-Security-Policy violations seen so far."""
        events = self.chrome.events
        exceptions = [e["params"]["exceptionDetails"].get("text", "") for e in events if e.get("method") == "Runtime.exceptionThrown"]
        csp = [e["params"]["entry"].get("text", "") for e in events
               if e.get("method") == "Log.entryAdded" and "Content Security Policy" in e["params"]["entry"].get("text", "")]
        return exceptions, csp


def probe(files, settle_ms=400):
    chrome = Chromium(os.environ.get("CHROMIUM", "chromium"))
    results = []
    try:
        target = chrome.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = chrome.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Debugger"):
            chrome.call(domain + ".enable", session=session)
        chrome.pump(0.2)
        for path in files:
            url = "file://" + os.path.abspath(path)
            chrome.events.clear()
            chrome.call("Page.navigate", {"url": url}, session=session)
            deadline = time.monotonic() + 15
            loaded = False
            while time.monotonic() < deadline and not loaded:
                chrome.pump(0.05)
                loaded = any(e.get("method") == "Page.loadEventFired" for e in chrome.events)
            chrome.pump(settle_ms / 1000.0)   # let timers, onerror and animations fire
            findings = []
            for e in chrome.events:
                m = e.get("method")
                p = e.get("params", {})
                if m == "Debugger.scriptParsed":
                    findings.append("script parsed: %s" % (p.get("url") or "(inline)"))
                elif m == "Runtime.consoleAPICalled":
                    findings.append("console.%s called" % p.get("type"))
                elif m == "Page.javascriptDialogOpening":
                    findings.append("dialog opened: %s" % p.get("message", "")[:80])
                    chrome.send("Page.handleJavaScriptDialog", {"accept": False}, session=session)
                elif m == "Page.frameNavigated":
                    frame = p.get("frame", {})
                    if not frame.get("parentId") and frame.get("url") != url:
                        findings.append("navigated to %s" % frame.get("url", "")[:120])
                elif m == "Page.frameRequestedNavigation":
                    findings.append("navigation requested to %s" % p.get("url", "")[:120])
            if not loaded:
                findings.append("page did not finish loading")
            results.append({"file": path, "findings": sorted(set(findings))})
    finally:
        chrome.close()
    return results


def main(argv):
    settle = 400
    as_json = False
    files = []
    it = iter(argv)
    for a in it:
        if a == "--settle-ms":
            settle = int(next(it))
        elif a == "--json":
            as_json = True
        else:
            files.append(a)
    if not files:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        results = probe(files, settle)
    except Exception as exc:  # a harness failure must not look like a clean pass
        print("probe error: %s" % exc, file=sys.stderr)
        return 2
    dirty = [r for r in results if r["findings"]]
    if as_json:
        print(json.dumps({"pages": len(results), "pages_with_script": len(dirty), "results": results}))
    else:
        for r in dirty:
            print("%s:" % r["file"])
            for f in r["findings"]:
                print("  " + f)
        print("%d pages probed, %d ran script" % (len(results), len(dirty)))
    return 1 if dirty else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
