#!/usr/bin/env python3
"""Turns JMH JSON results (-rf json) into an SVG bar chart and a Markdown table.

Usage:
    python3 benchmarks/jmh_report.py RESULTS.json [MORE.json ...] --svg OUT.svg [--md OUT.md]

Standard library only. One chart panel per benchmark class, one bar per method and parameter set, with the
99.9% error JMH reports as a whisker. Each row is compared with its baseline in the same class and parameters:
the DIRECT peer (param "peer"), the *Direct twin of a *Shardkit method, the baseline named in BASELINES, or a
method named baseline*.
For throughput rows, us/op is derived as threads * 1e6 / (ops/s): the mean time a call takes in a closed loop.
"""
import argparse
import html
import json
import math
import sys

BAR_H = 18
GAP = 6
LABEL_W = 430
PLOT_W = 420
VALUE_W = 190
PANEL_PAD = 34
COLORS = {"DIRECT": "#7f7f7f", "SHARDKIT": "#1f77b4", "SHARDKIT_SPRING": "#6baed6", "HAND_ROLLED": "#ff7f0e",
          "SHARDING_SPHERE": "#d62728"}
# (class, method) -> the method of the same class and parameters it is measured against.
BASELINES = {
    ("FanOutBenchmark", "fanOut"): "oneCallSameDelay",
    ("OrderedMergeBenchmark", "kWayMerge"): "sortConcatenation",
    ("OrderedMergeBenchmark", "firstPage"): "firstPageBySort",
    ("TopNBenchmark", "shardkit"): "directSequential",
    ("TopNBenchmark", "shardingSphere"): "directSequential",
    ("TopNBenchmark", "directSequential"): "oneShard",
}
SHARDKIT_METHODS = ("hash", "hashRule", "fanOut", "kWayMerge", "firstPage")


def load(paths):
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        # JMH leaves an empty file when a pattern matched no benchmark.
        for r in json.loads(text) if text.strip() else []:
            rows.append(row_of(r))
    return rows


def row_of(r):
    cls, method = r["benchmark"].rsplit(".", 1)
    pm = r["primaryMetric"]
    err = pm.get("scoreError")
    return {
        "cls": cls.rsplit(".", 1)[1],
        "method": method,
        "params": r.get("params") or {},
        "threads": r.get("threads", 1),
        "mode": r["mode"],
        "score": pm["score"],
        "error": err if isinstance(err, (int, float)) and not math.isnan(err) else None,
        "unit": pm["scoreUnit"],
        "gc": gc_norm(r.get("secondaryMetrics") or {}),
    }


def gc_norm(secondary):
    """Bytes allocated per operation from -prof gc (the key lost its leading dot in recent JMH versions)."""
    for key in ("gc.alloc.rate.norm", "\u00b7gc.alloc.rate.norm"):
        if key in secondary:
            return secondary[key]["score"]
    return None


def signed(x):
    return ("+" if x >= 0 else "-") + fmt(abs(x))


def param_text(params):
    return ", ".join(f"{k}={v}" for k, v in sorted(params.items()))


def baseline_of(row, rows):
    """The row this one is measured against, or None when it is a baseline itself."""
    def same(other, method, params):
        return other["cls"] == row["cls"] and other["method"] == method and other["params"] == params

    params = dict(row["params"])
    named = BASELINES.get((row["cls"], row["method"]))
    if named is not None:
        return next((o for o in rows if same(o, named, params)), None)
    if params.get("peer") not in (None, "DIRECT"):
        params["peer"] = "DIRECT"
        return next((o for o in rows if same(o, row["method"], params)), None)
    if row["method"].endswith("Shardkit"):
        twin = row["method"][: -len("Shardkit")] + "Direct"
        return next((o for o in rows if same(o, twin, params)), None)
    if (not row["method"].startswith("baseline") and "peer" not in params
            and row["method"] not in BASELINES.values()):
        return next((o for o in rows if o["cls"] == row["cls"] and o["method"].startswith("baseline")
                     and o["params"] == params), None)
    return None


def per_op(row):
    """Time per call: us/op for throughput rows (derived), the score itself for time-per-op modes."""
    if row["mode"] == "thrpt":
        return row["threads"] * 1e6 / row["score"] if row["score"] else float("inf"), "us/op"
    return row["score"], row["unit"]


def fmt(x):
    if x is None:
        return ""
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.3f}"


def markdown(rows):
    out = ["| benchmark | params | threads | score ± error | per op | vs baseline | alloc B/op |",
           "|---|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        t, unit = per_op(r)
        base = baseline_of(r, rows)
        versus = ""
        if base is not None:
            bt, _ = per_op(base)
            if r["mode"] == "thrpt":
                versus = f"{signed(t - bt)} us/op, {100 * r['score'] / base['score']:.0f}% of ops/s"
            else:
                versus = f"{signed(t - bt)} {unit}"
        err = f" ± {fmt(r['error'])}" if r["error"] is not None else ""
        gc = fmt(r["gc"]) if r["gc"] is not None else ""
        out.append(f"| {r['cls']}.{r['method']} | {param_text(r['params'])} | {r['threads']} | "
                   f"{fmt(r['score'])}{err} {r['unit']} | {fmt(t)} {unit} | {versus} | {gc} |")
    return "\n".join(out) + "\n"


def svg(rows, title):
    panels = {}
    for r in rows:
        panels.setdefault((r["cls"], r["unit"]), []).append(r)
    height = 40 + sum(PANEL_PAD + len(p) * (BAR_H + GAP) + 10 for p in panels.values())
    width = LABEL_W + PLOT_W + VALUE_W + 20
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="sans-serif" font-size="12">',
             f'<rect width="{width}" height="{height}" fill="white"/>',
             f'<text x="10" y="24" font-size="16" font-weight="bold">{html.escape(title)}</text>']
    y = 40
    for (cls, unit), items in panels.items():
        higher_better = items[0]["mode"] == "thrpt"
        parts.append(f'<text x="10" y="{y + 18}" font-size="14" font-weight="bold">{html.escape(cls)} '
                     f'({html.escape(unit)}, {"higher" if higher_better else "lower"} is better)</text>')
        y += PANEL_PAD
        top = max(r["score"] + (r["error"] or 0) for r in items) or 1
        for r in items:
            label = f"{r['method']} {param_text(r['params'])}".strip()
            w = PLOT_W * r["score"] / top
            color = COLORS.get(r["params"].get("peer"), "#2ca02c" if "hardkit" in r["method"] or
                               r["method"] in SHARDKIT_METHODS else
                               "#d62728" if r["method"] == "shardingSphere" else "#7f7f7f")
            parts.append(f'<text x="{LABEL_W - 6}" y="{y + 13}" text-anchor="end">{html.escape(label)}</text>')
            parts.append(f'<rect x="{LABEL_W}" y="{y}" width="{max(w, 1):.1f}" height="{BAR_H}" fill="{color}"/>')
            if r["error"]:
                lo = LABEL_W + PLOT_W * max(r["score"] - r["error"], 0) / top
                hi = LABEL_W + PLOT_W * (r["score"] + r["error"]) / top
                mid = y + BAR_H / 2
                parts.append(f'<line x1="{lo:.1f}" y1="{mid}" x2="{hi:.1f}" y2="{mid}" stroke="black"/>')
            err = f" ± {fmt(r['error'])}" if r["error"] is not None else ""
            parts.append(f'<text x="{LABEL_W + PLOT_W + 6}" y="{y + 13}">{fmt(r["score"])}{err}</text>')
            y += BAR_H + GAP
        y += 10
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", nargs="+", help="JMH JSON result files")
    ap.add_argument("--svg", required=True, help="SVG file to write")
    ap.add_argument("--md", help="Markdown table file to write (default: print to stdout)")
    ap.add_argument("--title", default="shardkit benchmarks (JMH)")
    args = ap.parse_args(argv)
    rows = load(args.results)
    if not rows:
        sys.exit("no results in " + ", ".join(args.results))
    with open(args.svg, "w", encoding="utf-8") as f:
        f.write(svg(rows, args.title))
    table = markdown(rows)
    if args.md:
        with open(args.md, "w", encoding="utf-8") as f:
            f.write(table)
    else:
        sys.stdout.write(table)


if __name__ == "__main__":
    main(sys.argv[1:])
