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
import base64
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from script_probe import Chromium  # noqa: E402

STATE = """JSON.stringify({
  nodes: document.querySelectorAll('.turn-answer .stream-node').length,
  dashboard: !!document.querySelector('.turn-answer .dashboard'),
  busy: !!document.querySelector('.turn-answer[aria-busy]'),
  answers: document.querySelectorAll('.turn-answer').length,
  error: !!document.querySelector('.turn-status.is-error'),
  status: (document.querySelector('.turn-answer:last-of-type .turn-status') || {}).textContent || ''
})"""


def evaluate(chrome, session, expression):
    result = chrome.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=session)
    return result.get("result", {}).get("value")


def run(url, question, screenshot, timeout):
    chrome = Chromium(os.environ.get("CHROMIUM", "chromium"))
    try:
        target = chrome.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = chrome.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            chrome.call(domain + ".enable", session=session)
        chrome.call("Emulation.setDeviceMetricsOverride",
                    {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session=session)
        chrome.events.clear()
        chrome.call("Page.navigate", {"url": url}, session=session)
        deadline = time.monotonic() + 20
        while not any(e.get("method") == "Page.loadEventFired" for e in chrome.events):
            if time.monotonic() > deadline:
                raise RuntimeError("the chat page did not load")
            chrome.pump(0.05)
        evaluate(chrome, session, "document.getElementById('question').value = %s; "
                                  "document.getElementById('ask').requestSubmit(); true" % json.dumps(question))
        nodes_while_streaming = 0
        state = {}
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            chrome.pump(0.25)
            state = json.loads(evaluate(chrome, session, STATE))
            if state["busy"]:
                nodes_while_streaming = max(nodes_while_streaming, state["nodes"])
            elif state["answers"] > 0:
                break
        # Full-page screenshot: grow the viewport to the content height first.
        height = evaluate(chrome, session, "Math.ceil(document.documentElement.scrollHeight)") or 900
        chrome.call("Emulation.setDeviceMetricsOverride",
                    {"width": 1280, "height": min(int(height), 6000), "deviceScaleFactor": 1, "mobile": False}, session=session)
        chrome.pump(0.3)
        shot = chrome.call("Page.captureScreenshot", {"format": "png"}, session=session)
        os.makedirs(os.path.dirname(os.path.abspath(screenshot)), exist_ok=True)
        with open(screenshot, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        exceptions = [e["params"]["exceptionDetails"].get("text", "") for e in chrome.events
                      if e.get("method") == "Runtime.exceptionThrown"]
        csp = [e["params"]["entry"].get("text", "") for e in chrome.events
               if e.get("method") == "Log.entryAdded" and "Content Security Policy" in e["params"]["entry"].get("text", "")]
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
