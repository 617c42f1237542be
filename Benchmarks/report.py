#!/usr/bin/env python3
"""Turns Benchmarks/run's records (one JSON object a line) into the table it prints and the
JSON file it keeps. Separate from the shell script because tables and JSON are easier here.

    python3 Benchmarks/report.py records.jsonl results/STAMP-scaleN.json
"""
import json
import sys


def number(v):
    """The shell writes everything as text; numbers become numbers, empty becomes null."""
    if not isinstance(v, str):
        return v
    if v == "":
        return None
    try:
        return int(v)
    except ValueError:
        try:
            return float(v)
        except ValueError:
            return v


def mb(kb):
    return f"{kb / 1024:.0f} MB" if isinstance(kb, (int, float)) else "–"


def secs(s):
    if not isinstance(s, (int, float)):
        return "–"
    return f"{s:.3f} s" if s < 1 else f"{s:.2f} s" if s < 100 else f"{s:.0f} s"


def main(records_path, out_path):
    records = [{k: number(v) for k, v in json.loads(line).items()} for line in open(records_path) if line.strip()]
    by = lambda kind: [r for r in records if r.get("kind") == kind]
    run = (by("run") or [{}])[0]
    end = (by("end") or [{}])[0]
    scale = run.get("scale", 0)
    steps = by("step")
    for s in steps:  # the ratio to the floor: how far the app is from what the database alone needs
        if isinstance(s.get("seconds"), (int, float)) and isinstance(s.get("baseline_seconds"), (int, float)) and s["baseline_seconds"] > 0:
            s["ratio"] = round(s["seconds"] / s["baseline_seconds"], 1)
    http = by("http")
    for h in http:
        if h.get("status") == "ok":
            h["requests_per_second"] = round(h["requests"] / h["duration_us"] * 1e6, 1)
            h["p50_ms"], h["p99_ms"] = h["p50_us"] / 1000, h["p99_us"] / 1000
    result = {"run": run, "generate": by("generate"), "steps": steps, "http": http,
              "memory": by("memory"), "server": by("server"), "warnings": by("warning"), "failures": end.get("failures")}
    with open(out_path, "w") as f:
        json.dump(result, f, indent=2, ensure_ascii=False)
        f.write("\n")

    out = []
    out.append(f"Loket benchmarks: {scale:,} episodes, bench-large {scale // 10:,} of them; "
               f"{run.get('cores')} cores; binary {run.get('binary')}; commit {run.get('commit')}")
    gen = ", ".join(f"{g['db']} {g['scale']:,}: {g['seconds']} s" for g in by("generate"))
    out.append(f"Generation: {gen}")
    out.append("")
    out.append(f"{'Deliveries and import (bench-large)':<44}{'time':>10}{'peak RSS':>11}{'SQL floor':>11}{'x floor':>9}")
    for s in steps:
        name = f"{s['db']:<10}{s['step']}"
        if s.get("status") != "ok":
            out.append(f"{name:<44}{s.get('status'):>10}")
            continue
        ratio = f"{s['ratio']:.1f}" if "ratio" in s else "–"
        out.append(f"{name:<44}{secs(s['seconds']):>10}{mb(s['rss_kb']):>11}{secs(s.get('baseline_seconds')):>11}{ratio:>9}")
    if http:
        out.append("")
        out.append(f"{'Pages (bench-mid; wrk, 32 connections, ' + str(run.get('duration')) + ' s)':<44}"
                   f"{'alone':>11}{'req/s':>10}{'p50':>11}{'p99':>11}{'errors':>9}")
        for h in http:
            name = f"{h['db']:<10}{h['page']}"
            if h.get("status") != "ok":
                out.append(f"{name:<44}{'failed':>10}  {h.get('note', '')}")
                continue
            errors = h["status_errors"] + h["socket_errors"]
            if h["requests"] == 0:  # every request took longer than the run
                out.append(f"{name:<44}{h['single_ms']:>8.1f} ms{'0':>10}{'> ' + str(run.get('duration')) + ' s':>11}{'':>11}{errors:>9}")
                continue
            out.append(f"{name:<44}{h['single_ms']:>8.1f} ms{h['requests_per_second']:>10.1f}"
                       f"{h['p50_ms']:>8.1f} ms{h['p99_ms']:>8.1f} ms{errors:>9}")
        for s in by("server"):
            out.append(f"{s['db']:<10}server peak RSS after the load: {mb(s.get('rss_kb'))}")
    memory = by("memory")
    if memory:
        scales = sorted({m["scale"] for m in memory})
        out.append("")
        out.append(f"{'Peak RSS by scale (episodes in the database)':<44}" + "".join(f"{n:>12,}" for n in scales))
        for db, step in dict.fromkeys((m["db"], m["step"]) for m in memory):
            cells = {m["scale"]: m for m in memory if m["db"] == db and m["step"] == step}
            out.append(f"{db:<10}{step:<34}" + "".join(f"{mb(cells[n]['rss_kb']) if n in cells else '–':>12}" for n in scales))
    for w in by("warning"):
        out.append(f"WARNING: {w['note']}")
    out.append("")
    out.append(f"written to {out_path}" + (f"; {end.get('failures')} step(s) failed" if end.get("failures") else ""))
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
