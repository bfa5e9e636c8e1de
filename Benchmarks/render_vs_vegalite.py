#!/usr/bin/env python3
"""GenUI's SVG chart renderer side by side with Vega-Lite's (vl-convert-python), same data, same run.

Builds two charts from one deterministic dataset: a stacked bar chart (50 categories x 20 series =
1,000 bars) and a line chart (1,000 points). Writes each as a GenUI tree and as a Vega-Lite spec,
times vl_convert.vegalite_to_svg over N runs and `genui bench render --tree` over N runs, and prints
a table with the ratio. GenUI's time covers a whole page (chart SVG plus its data-table fallback).

Usage: render_vs_vegalite.py --genui .build/release/genui [--iterations 30] [--out DIR]
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import tempfile
import time


def dataset():
    rnd = random.Random(7)
    bars = [[f"c{c:02d}", f"s{s:02d}", round(rnd.uniform(1, 100), 1)] for c in range(50) for s in range(20)]
    line = [[i, round(50 + 30 * ((i * 37) % 101) / 101 + rnd.uniform(-5, 5), 2)] for i in range(1000)]
    return bars, line


def col(name, typ):
    return {"name": name, "type": typ, "label": None, "format": None, "unit": None}


def enc(field, typ):
    return {"field": field, "type": typ, "title": None, "format": None, "aggregate": None, "scale": None}


def tree(chart_id, mark, columns, rows, x, y, color, stack):
    chart = {"type": "Chart", "id": chart_id, "span": None, "mark": mark, "title": chart_id,
             "description": f"Benchmark {mark} chart.", "data": {"columns": columns, "rows": rows},
             "x": x, "y": y, "color": color, "size": None, "theta": None, "stack": stack,
             "orientation": "vertical", "innerRadius": None, "bins": None, "annotations": [],
             "legend": "auto", "height": "md"}
    return {"version": "1", "title": chart_id, "answer": None,
            "root": {"type": "Dashboard", "id": "bench", "title": chart_id, "subtitle": None, "asOf": None,
                     "children": [chart]}}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--genui", required=True)
    ap.add_argument("--iterations", type=int, default=30)
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    import vl_convert as vlc

    bars, line = dataset()
    out = args.out or tempfile.mkdtemp(prefix="genui-vl-")
    cases = {
        "bar (stacked, 1,000 bars)": (
            tree("bar-bench", "bar", [col("category", "nominal"), col("series", "nominal"), col("value", "quantitative")], bars,
                 enc("category", "nominal"), enc("value", "quantitative"), enc("series", "nominal"), "zero"),
            {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": 760, "height": 280,
             "data": {"values": [{"category": c, "series": s, "value": v} for c, s, v in bars]},
             "mark": "bar", "encoding": {"x": {"field": "category", "type": "nominal"},
                                         "y": {"field": "value", "type": "quantitative", "aggregate": "sum"},
                                         "color": {"field": "series", "type": "nominal"}}}),
        "line (1,000 points)": (
            tree("line-bench", "line", [col("t", "quantitative"), col("value", "quantitative")], line,
                 enc("t", "quantitative"), enc("value", "quantitative"), None, "none"),
            {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": 760, "height": 280,
             "data": {"values": [{"t": t, "value": v} for t, v in line]},
             "mark": "line", "encoding": {"x": {"field": "t", "type": "quantitative"},
                                          "y": {"field": "value", "type": "quantitative"}}}),
    }
    rows = []
    for name, (genui_tree, spec) in cases.items():
        path = os.path.join(out, genui_tree["root"]["children"][0]["id"] + ".json")
        with open(path, "w") as f:
            json.dump(genui_tree, f)
        with open(path.replace(".json", ".vl.json"), "w") as f:
            json.dump(spec, f)
        vlc.vegalite_to_svg(spec)  # warm-up
        samples = []
        for _ in range(args.iterations):
            t0 = time.perf_counter()
            vlc.vegalite_to_svg(spec)
            samples.append((time.perf_counter() - t0) * 1e3)
        vl_ms = statistics.median(samples)
        res = subprocess.run([args.genui, "bench", "render", "--tree", path, "--iterations", str(args.iterations), "--json"],
                             check=True, capture_output=True, text=True)
        ours = json.loads(res.stdout.strip().splitlines()[-1])
        rows.append((name, ours["render_ms_p50"], vl_ms))
    print("| chart | GenUI page (ms, p50) | vl-convert SVG (ms, p50) | ratio |")
    print("|---|---:|---:|---:|")
    for name, g, v in rows:
        print(f"| {name} | {g:.2f} | {v:.2f} | {v / g:.1f}x |")


if __name__ == "__main__":
    main()
