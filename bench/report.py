#!/usr/bin/python3
"""report.py -- table, CSV and (with --doc FILE) markdown from results.jsonl.

For each case: hlnn seconds/step at its best thread count, PyTorch at its
best, the ratio PyTorch/hlnn (how many times faster hlnn is), hlnn's
derived GFLOP/s and its fraction of the measured dgemm rate at the same
thread count, and the relative difference of the loss after 10 steps.
"""
import json
import sys


def main():
    src, csv_path = sys.argv[1], sys.argv[2]
    doc = sys.argv[sys.argv.index("--doc") + 1] if "--doc" in sys.argv else None
    rows = [json.loads(line) for line in open(src) if line.strip()]
    cases = []
    for r in rows:
        if r["case"] not in cases:
            cases.append(r["case"])
    header = ["case", "hlnn_ms_per_step", "hlnn_threads", "torch_ms_per_step",
              "torch_threads", "speedup", "hlnn_gflops", "dgemm_gflops",
              "dgemm_fraction", "loss10_reldiff"]
    table = []
    for c in cases:
        h = [r for r in rows if r["case"] == c and r["impl"] == "hlnn"]
        t = [r for r in rows if r["case"] == c and r["impl"] == "pytorch"]
        g = {r["threads"]: r["gflops"] for r in rows
             if r["case"] == c and r["impl"] == "dgemm"}
        hb = min(h, key=lambda r: r["seconds"] / r["steps"])
        hms = 1e3 * hb["seconds"] / hb["steps"]
        row = {"case": c, "hlnn_ms_per_step": hms, "hlnn_threads": hb["threads"],
               "hlnn_gflops": hb["gflops"], "dgemm_gflops": g.get(hb["threads"]),
               "dgemm_fraction": hb["gflops"] / g[hb["threads"]] if hb["threads"] in g else None,
               "torch_ms_per_step": None, "torch_threads": None,
               "speedup": None, "loss10_reldiff": None}
        if t:
            tb = min(t, key=lambda r: r["seconds"] / r["steps"])
            tms = 1e3 * tb["seconds"] / tb["steps"]
            row.update(torch_ms_per_step=tms, torch_threads=tb["threads"],
                       speedup=tms / hms,
                       loss10_reldiff=abs(hb["loss10"] - tb["loss10"]) / abs(tb["loss10"]))
        table.append(row)

    def fmt(v):
        if v is None:
            return "-"
        if isinstance(v, float):
            return "%.3g" % v
        return str(v)

    with open(csv_path, "w") as f:
        f.write(",".join(header) + "\n")
        for row in table:
            f.write(",".join(fmt(row[k]) for k in header) + "\n")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(fmt(row[k]) for k in header) + " |" for row in table]
    print("\n".join(lines))
    if doc:
        with open(doc, "w") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
