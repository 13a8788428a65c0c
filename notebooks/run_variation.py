#!/usr/bin/python3
"""Run-to-run spread of the repeated real QEMU 7.2 migrations (../shared/fidelity/qemu-dev.jsonl):
the fitted defaults of models::migration::RunVariationConfig (models/migration/run_variation.hpp).

A configuration is a run_id without its time stamp and repetition number. For each quantity the
spread is the pooled standard deviation of ln(x) within configurations (degrees of freedom =
runs − configurations, over the configurations with at least two usable runs). Completed runs
without the reporting race only.

    /usr/bin/python3 notebooks/run_variation.py [path/to/qemu-dev.jsonl] [--check]

--check exits 1 when a fitted default in run_variation.hpp differs from the data by more than
its rounding (0.005), 77 when the data file is missing.
"""
import collections
import json
import math
import os
import re
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.join(HERE, "..", "..", "shared", "fidelity", "qemu-dev.jsonl")
HEADER = os.path.join(HERE, "..", "models", "migration", "run_variation.hpp")
SWITCHOVER_COST_MS = 0.992  # scenarios/profiles/qemu-7.2-loopback.json (lpmsim calibrate)
MIN_DOWNTIME_MS = 10        # QEMU reports whole ms: below 10 ms the rounding dominates


def configurations(path):
    groups = collections.defaultdict(list)
    with open(path) as f:
        for line in f:
            r = json.loads(line)
            if r["status"] != "completed" or r["race"]:
                continue
            groups[r["run_id"].split("_", 1)[1].rsplit("_", 1)[0]].append(r)
    return groups


def pooled_log_sigma(groups, value, keep=lambda r: True):
    ss, dof, used = 0.0, 0, 0
    for runs in groups.values():
        xs = [math.log(value(r)) for r in runs if keep(r)]
        if len(xs) < 2:
            continue
        m = sum(xs) / len(xs)
        ss += sum((x - m) ** 2 for x in xs)
        dof += len(xs) - 1
        used += 1
    return math.sqrt(ss / dof), dof, used


def median_relative_range(groups, value, keep=lambda r: True):
    spans = []
    for runs in groups.values():
        xs = [value(r) for r in runs if keep(r)]
        if len(xs) >= 2:
            spans.append((max(xs) - min(xs)) / statistics.mean(xs))
    return statistics.median(spans), len(spans)


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    path = args[0] if args else DEFAULT_DATA
    if not os.path.exists(path):
        print(f"SKIP: {path} not found")
        return 77
    g = configurations(path)
    long_downtime = lambda r: r["downtime_ms"] >= MIN_DOWNTIME_MS
    rated = lambda r: bool(r["write_rate_pps"]) and bool(r["achieved_rate_pps"])
    fitted = {
        "dirty_rate_sigma": pooled_log_sigma(g, lambda r: r["achieved_rate_pps"] / r["write_rate_pps"], rated),
        "stop_and_copy_speed_sigma": pooled_log_sigma(
            g, lambda r: r["downtime_bytes"] / (r["downtime_ms"] - SWITCHOVER_COST_MS), long_downtime),
        "live_rate_sigma": pooled_log_sigma(
            g, lambda r: (r["transferred_bytes"] - r["downtime_bytes"]) / (r["total_ms"] - r["downtime_ms"])),
    }
    print(f"{len(g)} configurations with completed runs in {path}")
    for name, (sigma, dof, used) in fitted.items():
        print(f"  {name:28s} {sigma:.4f}  ({dof} dof, {used} configurations)")
    t = pooled_log_sigma(g, lambda r: r["total_ms"])
    d = pooled_log_sigma(g, lambda r: r["downtime_ms"], long_downtime)
    print("for comparison (emerging from the model, not set):")
    print(f"  total time            sigma {t[0]:.4f}, median relative range {median_relative_range(g, lambda r: r['total_ms'])[0]:.3f}")
    print(f"  downtime >= {MIN_DOWNTIME_MS} ms      sigma {d[0]:.4f}, median relative range "
          f"{median_relative_range(g, lambda r: r['downtime_ms'], long_downtime)[0]:.3f}")
    bytes_sigma = pooled_log_sigma(g, lambda r: r["downtime_bytes"], long_downtime)[0]
    print(f"  stop-and-copy bytes   sigma {bytes_sigma:.4f}")
    multi = [runs for runs in g.values() if len(runs) >= 2]
    same = sum(1 for runs in multi if len({r["dirty_sync_count"] for r in runs}) == 1)
    print(f"  sync count identical  {same}/{len(multi)} configurations")
    if "--check" in argv:
        text = open(HEADER).read()
        bad = 0
        for name, (sigma, _, _) in fitted.items():
            m = re.search(r"double " + name + r" = ([0-9.]+);", text)
            if m is None or abs(float(m.group(1)) - sigma) > 0.005:
                print(f"run_variation.hpp: {name} = {m.group(1) if m else '?'}, the data give {sigma:.4f}")
                bad = 1
        return bad
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
