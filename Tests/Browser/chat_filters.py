#!/usr/bin/env python3
"""Drives a grounded dashboard's filter form inside GenUI's chat UI, in headless Chromium.

Opens the chat, waits for the Data menu to list DATASET, places the dashboard of TREE (rendered by
POST /v1/view, as a finished answer would be) in the conversation, chooses VALUE in the form's first
select and submits. The chat's script must post the form with fetch and swap the dashboard in place.
Usage: chat_filters.py URL --tree FILE --dataset NAME --value VALUE --screenshot OUT.png
Prints one JSON object: {options, before, after, exceptions, csp_violations, navigated}.
Exit status: 0 when the KPI changed without errors, 1 otherwise, 2 on a harness error.
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from script_probe import Chromium, Page  # noqa: E402


def wait_for(page, expression, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = page.evaluate(expression)
        if value:
            return value
        page.chrome.pump(0.1)
    return None


def run(url, tree, dataset, value, screenshot):
    chrome = Chromium(os.environ.get("CHROMIUM", "chromium"))
    try:
        page = Page(chrome, 1280, 1000)
        page.open(url)
        options = wait_for(page, "Array.from(document.querySelectorAll('#dataset option')).map(o => o.value)"
                                 ".includes(%s) && Array.from(document.querySelectorAll('#dataset option')).map(o => o.value)"
                                 % json.dumps(dataset)) or []
        page.evaluate("""(async () => {
            const r = await fetch('/v1/view?format=fragment', {method: 'POST', body: new URLSearchParams({tree: %s})});
            const turn = document.createElement('section'); turn.className = 'turn-answer';
            const body = document.createElement('div'); body.className = 'genui'; body.innerHTML = await r.text();
            turn.append(body); document.getElementById('conversation').append(turn); return true; })()""" % json.dumps(tree),
                      await_promise=True)
        before = wait_for(page, "(document.querySelector('.turn-answer .kpi-value') || {}).textContent")
        page.evaluate("const s = document.querySelector('form.dashboard-filters select'); s.value = %s; s.form.requestSubmit(); true"
                      % json.dumps(value))
        after = wait_for(page, "(() => { const t = (document.querySelector('.turn-answer .kpi-value') || {}).textContent;"
                               " return t !== %s && t; })()" % json.dumps(before))
        href = page.evaluate("location.href")
        page.screenshot(screenshot)
        exceptions, csp = page.errors()
        return {"options": options, "before": before, "after": after, "exceptions": exceptions, "csp_violations": csp,
                "navigated": href != url}
    finally:
        chrome.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--tree", required=True)
    parser.add_argument("--dataset", required=True)
    parser.add_argument("--value", required=True)
    parser.add_argument("--screenshot", required=True)
    args = parser.parse_args()
    try:
        with open(args.tree) as f:
            result = run(args.url, f.read(), args.dataset, args.value, args.screenshot)
    except Exception as exc:
        print("chat_filters error: %s" % exc, file=sys.stderr)
        return 2
    print(json.dumps(result))
    ok = result["after"] and not result["exceptions"] and not result["csp_violations"] and not result["navigated"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
