#!/usr/bin/env python3
"""Drives GenUI's chat UI in headless Chromium: asks a question, waits for the streamed dashboard,
and saves a full-page screenshot.

Uses the DevTools pipe of script_probe.Chromium (standard library only). While the answer streams it
samples the page every 250 ms, so the result says whether components appeared before the end.
Usage: chat_ui.py URL --question TEXT --screenshot OUT.png [--timeout SECONDS]
Prints one JSON object: {dashboard, error, status, nodes_while_streaming, exceptions, csp_violations}.
Exit status: 0 when a dashboard was rendered without page errors, 1 otherwise, 2 on a harness error.
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from script_probe import Chromium, Page  # noqa: E402

STATE = """JSON.stringify({
  nodes: document.querySelectorAll('.turn-answer .stream-node').length,
  dashboard: !!document.querySelector('.turn-answer .dashboard'),
  busy: !!document.querySelector('.turn-answer[aria-busy]'),
  answers: document.querySelectorAll('.turn-answer').length,
  error: !!document.querySelector('.turn-status.is-error'),
  status: (document.querySelector('.turn-answer:last-of-type .turn-status') || {}).textContent || ''
})"""


def run(url, question, screenshot, timeout):
    chrome = Chromium(os.environ.get("CHROMIUM", "chromium"))
    try:
        page = Page(chrome)
        page.open(url)
        page.evaluate("document.getElementById('question').value = %s; "
                      "document.getElementById('ask').requestSubmit(); true" % json.dumps(question))
        nodes_while_streaming = 0
        state = {}
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            chrome.pump(0.25)
            state = json.loads(page.evaluate(STATE))
            if state["busy"]:
                nodes_while_streaming = max(nodes_while_streaming, state["nodes"])
            elif state["answers"] > 0:
                break
        # Full-page screenshot: grow the viewport to the content height first.
        height = page.evaluate("Math.ceil(document.documentElement.scrollHeight)") or 900
        page.resize(1280, min(int(height), 6000))
        chrome.pump(0.3)
        page.screenshot(screenshot)
        exceptions, csp = page.errors()
        return {"dashboard": state.get("dashboard", False), "error": state.get("error", False),
                "status": state.get("status", ""), "timed_out": state.get("busy", True),
                "nodes_while_streaming": nodes_while_streaming, "exceptions": exceptions, "csp_violations": csp}
    finally:
        chrome.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--question", required=True)
    parser.add_argument("--screenshot", required=True)
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    try:
        result = run(args.url, args.question, args.screenshot, args.timeout)
    except Exception as exc:
        print("chat_ui error: %s" % exc, file=sys.stderr)
        return 2
    print(json.dumps(result))
    ok = result["dashboard"] and not result["error"] and not result["exceptions"] and not result["csp_violations"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
