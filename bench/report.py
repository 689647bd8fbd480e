#!/usr/bin/python3
"""report.py -- tables, CSV and (with --doc FILE) markdown from results.jsonl.

Every measurement appears once per round (run_bench.sh runs two); each
side's best is taken.  Training cases: hlnn seconds/step at its best thread
count and round, PyTorch at its best, the ratio PyTorch/hlnn (how many times faster hlnn is), hlnn's derived
GFLOP/s and its fraction of the dgemm rate measured at the same thread count
and a comparable size, and the relative difference of the loss after 10
steps from identical weights (the cross-check); then the same ratio round
by round, each side at its best thread count within the round, since the
machine's speed drifts between rounds.  Rollouts: hlnn's fixed-step
batched rollouts against scipy's solve_ivp driving the torch model.  Sweep:
HNN training at batch N x width w against the dgemm rate.  Last, each of
issue 8's targets (TARGETS) beside the figure it is judged on.
"""
import json
import sys


def fmt(v):
    if v is None:
        return "-"
    if isinstance(v, float):
        return "%.3g" % v
    return str(v)


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(fmt(r[k]) for k in header) + " |" for r in rows]
    return "\n".join(out)


def best(rows):
    return min(rows, key=lambda r: r["seconds"] / r["steps"]) if rows else None


# issue 8's targets: minimum speedup over PyTorch per training case
TARGETS = [("hnn_spring", "HNN (a)", 2.5), ("lnn_dpend", "LNN (b)", 4.0),
           ("mlp_spring", "MLP (c)", 2.0), ("hnn_small", "small HNN", 8.0),
           ("mlp_small", "small MLP", 8.0)]
ROLLOUT_TARGET = 50.0      # the fastest rollout against scipy + torch
DGEMM_TARGET = 0.6         # fraction of the dgemm rate, w >= 256, N >= 1e4


def rounds(rows):
    """Each row's round: how many times its (case, impl, threads) came
    before it."""
    seen, out = {}, []
    for r in rows:
        k = (r["case"], r["impl"], r["threads"])
        out.append(seen.get(k, 0))
        seen[k] = out[-1] + 1
    return out


def sweep_size(case):
    """(N, w) of a case named sweep_N<N>_w<w>."""
    n, w = case[len("sweep_N"):].split("_w")
    return int(n), int(w)


def main():
    src, csv_path = sys.argv[1], sys.argv[2]
    doc = sys.argv[sys.argv.index("--doc") + 1] if "--doc" in sys.argv else None
    rows = [json.loads(line) for line in open(src) if line.strip()]
    cases = []
    for r in rows:
        if r["case"] not in cases:
            cases.append(r["case"])

    rnd = rounds(rows)

    def pick(case, impl, round_=None):
        return [r for r, k in zip(rows, rnd) if r["case"] == case
                and r["impl"] == impl and (round_ is None or k == round_)]

    train, sweep = [], []
    for c in cases:
        if c.startswith("rollout"):
            continue
        hb = best(pick(c, "hlnn"))
        if hb is None:
            continue
        g = {}   # the best dgemm rate of the rounds: the lower fraction
        for r in pick(c, "dgemm"):
            g[r["threads"]] = max(g.get(r["threads"], 0.0), r["gflops"])
        hms = 1e3 * hb["seconds"] / hb["steps"]
        row = {"case": c, "hlnn_ms_per_step": hms, "hlnn_threads": hb["threads"],
               "hlnn_gflops": hb.get("gflops"), "dgemm_gflops": g.get(hb["threads"]),
               "dgemm_fraction": (hb["gflops"] / g[hb["threads"]]
                                  if hb["threads"] in g else None),
               "torch_ms_per_step": None, "torch_threads": None,
               "speedup": None, "loss10_reldiff": None}
        tb = best(pick(c, "pytorch"))
        if tb is not None:
            tms = 1e3 * tb["seconds"] / tb["steps"]
            row.update(torch_ms_per_step=tms, torch_threads=tb["threads"],
                       speedup=tms / hms)
            if tb.get("loss10") is not None and hb.get("loss10") is not None:
                row.update(loss10_reldiff=abs(hb["loss10"] - tb["loss10"])
                           / abs(tb["loss10"]))
        (sweep if c.startswith("sweep") else train).append(row)

    scipy_best = best(pick("rollout_scipy_rk45", "pytorch"))
    rollouts = []
    for c in cases:
        if c.startswith("rollout_") and c != "rollout_scipy_rk45":
            hb = min(pick(c, "hlnn"), key=lambda r: r["seconds"])
            method = c[len("rollout_"):]
            fixed = method in ("rk4", "gl4")
            label = (" (1000 steps)" if fixed else
                     " (rtol 1e-12, atol 1e-6, interpolated outputs)"
                     if method.endswith("_interp") else
                     " (rtol 1e-12, atol 1e-6, a step ends on every output)")
            rollouts.append({
                "method": method.replace("_interp", "") + label,
                "hlnn_seconds": hb["seconds"], "hlnn_threads": hb["threads"],
                "state_steps_per_s": 15 * hb["steps"] / hb["seconds"] if fixed else None,
                "scipy_torch_seconds": scipy_best["seconds"] if scipy_best else None,
                "speedup": (scipy_best["seconds"] / hb["seconds"]) if scipy_best else None,
                "end_state_diff": (abs(hb["end_state"] - scipy_best["end_state"])
                                   if scipy_best else None)})

    h_train = ["case", "hlnn_ms_per_step", "hlnn_threads", "torch_ms_per_step",
               "torch_threads", "speedup", "hlnn_gflops", "dgemm_gflops",
               "dgemm_fraction", "loss10_reldiff"]
    h_roll = ["method", "hlnn_seconds", "hlnn_threads", "state_steps_per_s",
              "scipy_torch_seconds", "speedup", "end_state_diff"]
    h_sweep = ["case", "hlnn_ms_per_step", "hlnn_threads", "torch_ms_per_step",
               "torch_threads", "speedup", "hlnn_gflops", "dgemm_gflops",
               "dgemm_fraction"]
    text = ["Training (speedup = PyTorch ms/step / hlnn ms/step, each at its best thread count)",
            table(h_train, train)]
    if rollouts:
        text += ["", "Rollouts, 15 states, t in [0, 20] (hlnn: batched, 1000 fixed steps or"
                 " adaptive with one step size for all; scipy solve_ivp RK45 rtol 1e-12 on"
                 " the torch model, one state at a time; end_state_diff: |q(20)| of the"
                 " last state against scipy's)",
                 table(h_roll, rollouts)]
    if sweep:
        text += ["", "Scaling sweep, HNN 2-w-w-1 training, full batch N (steady-state seconds"
                 " per step; fraction of the dgemm rate at N x w x w)",
                 table(h_sweep, sweep)]
    per_round = []
    for c in cases:
        if c.startswith(("rollout", "sweep")):
            continue
        for k in range(max(rnd) + 1):
            hb, tb = best(pick(c, "hlnn", k)), best(pick(c, "pytorch", k))
            if hb is None or tb is None:
                continue
            hms = 1e3 * hb["seconds"] / hb["steps"]
            tms = 1e3 * tb["seconds"] / tb["steps"]
            per_round.append({"case": c, "round": k + 1, "hlnn_ms_per_step": hms,
                              "torch_ms_per_step": tms, "speedup": tms / hms})
    if per_round:
        text += ["", "Training round by round (each side at its best thread count"
                 " within the round)",
                 table(["case", "round", "hlnn_ms_per_step", "torch_ms_per_step",
                        "speedup"], per_round)]

    # four digits: a ratio of 7.996 must not read "8" beside "NO"
    checks = []

    def check(target, value, need, measured):
        checks.append({"target": target,
                       "measured": measured if value is not None else "not measured",
                       "met": "-" if value is None else "yes" if value >= need else "NO"})

    by_case = {r["case"]: r for r in train}
    for c, label, need in TARGETS:
        r = by_case.get(c)
        v = r["speedup"] if r is not None else None
        ratios = [p["speedup"] for p in per_round if p["case"] == c]
        check("%s >= %gx PyTorch" % (label, need), v, need,
              v is not None and "%.4gx (rounds: %s)" % (
                  v, ", ".join("%.4gx" % x for x in ratios)))
    fast = [r for r in rollouts if r["speedup"] is not None]
    top = max(fast, key=lambda r: r["speedup"]) if fast else None
    check("a rollout >= %gx scipy + torch" % ROLLOUT_TARGET,
          top and top["speedup"], ROLLOUT_TARGET,
          top and "%.4gx, %s" % (top["speedup"], top["method"]))
    big = [r for r in sweep if r["dgemm_fraction"] is not None
           and sweep_size(r["case"])[0] >= 10000 and sweep_size(r["case"])[1] >= 256]
    low = min(big, key=lambda r: r["dgemm_fraction"]) if big else None
    check("training >= %g of the dgemm rate, w >= 256, N >= 1e4" % DGEMM_TARGET,
          low and low["dgemm_fraction"], DGEMM_TARGET,
          low and "%.4g at the lowest (%s)" % (low["dgemm_fraction"], low["case"]))
    text += ["", "Issue 8's targets (speedups of each side's best; each round's own"
             " in parentheses)", table(["target", "measured", "met"], checks)]
    print("\n".join(text))
    with open(csv_path, "w") as f:
        f.write(",".join(h_train) + "\n")
        for r in train + sweep:
            f.write(",".join(fmt(r[k]) for k in h_train) + "\n")
    if doc:
        with open(doc, "w") as f:
            f.write("\n".join(text) + "\n")


if __name__ == "__main__":
    main()
