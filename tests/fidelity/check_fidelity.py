"""Runs `lpmsim compare` on the measured QEMU runs with the committed profile and fails if any
summary figure is worse than the committed baseline (errors may only fall, shares only rise), or
if the run takes a minute or more. Then predicts the same runs in expected (fluid) mode and fails
unless every run ends the same way in both modes and, where it completes, the total times agree
within 2 % (issue 13: "exact and expected mode keep agreeing").

usage: check_fidelity.py LPMSIM RECORDS PROFILE BASELINE OUT_DIR
"""
import json
import pathlib
import subprocess
import sys
import time

lpmsim, records, profile, baseline_path, out_dir = sys.argv[1:6]
if not pathlib.Path(records).exists():
    print(f"SKIP: the measured runs are not at {records}")
    sys.exit(77)
out = pathlib.Path(out_dir)
out.mkdir(parents=True, exist_ok=True)
started = time.monotonic()
run = subprocess.run([lpmsim, "compare", records, "--profile", profile, "--json", str(out / "compare.json")],
                     capture_output=True, text=True)
elapsed = time.monotonic() - started
print(run.stdout[-1200:])
if run.returncode != 0:
    print(run.stderr)
    sys.exit(f"lpmsim compare exited {run.returncode}")
summary = json.loads((out / "compare.json").read_text())["summary"]
baseline = json.loads(pathlib.Path(baseline_path).read_text())
failures = []
for key in ["total_time_median_abs_error_pct", "downtime_median_abs_error_pct"]:
    if summary[key] > baseline[key] + 1e-9:
        failures.append(f"{key}: {summary[key]:.3f} is worse than the baseline {baseline[key]:.3f}")
for key in ["sync_count_within_1_share", "convergence_agreement"]:
    if summary[key] < baseline[key] - 1e-9:
        failures.append(f"{key}: {summary[key]:.4f} is worse than the baseline {baseline[key]:.4f}")
if summary["compared"] != baseline["compared"]:
    failures.append(f"compared {summary['compared']} runs, the baseline {baseline['compared']}")
if elapsed >= 60:
    failures.append(f"compare took {elapsed:.1f} s (must stay under a minute)")
print(f"compare took {elapsed:.1f} s")

fluid_profile = json.loads(pathlib.Path(profile).read_text())
fluid_profile.setdefault("simulation", {})["memory_representation"] = "expected"
(out / "profile-expected.json").write_text(json.dumps(fluid_profile))
run = subprocess.run([lpmsim, "compare", records, "--profile", str(out / "profile-expected.json"),
                      "--json", str(out / "compare-expected.json")], capture_output=True, text=True)
if run.returncode != 0:
    print(run.stderr)
    sys.exit(f"lpmsim compare (expected mode) exited {run.returncode}")
exact = {r["run_id"]: r["predicted"] for r in json.loads((out / "compare.json").read_text())["runs"]}
fluid = {r["run_id"]: r["predicted"] for r in json.loads((out / "compare-expected.json").read_text())["runs"]}
worst = 0.0
for run_id, x in exact.items():
    f = fluid[run_id]
    if x["converged"] != f["converged"]:
        failures.append(f"{run_id}: converged {x['converged']} in exact mode, {f['converged']} in expected")
    elif x["converged"]:
        gap = abs(f["total_ms"] - x["total_ms"]) / x["total_ms"]
        worst = max(worst, gap)
        if gap > 0.02:
            failures.append(f"{run_id}: total {f['total_ms']:.1f} ms in expected mode, "
                            f"{x['total_ms']:.1f} ms in exact ({100 * gap:.2f} % apart, at most 2 %)")
print(f"expected mode against exact: the largest total-time gap {100 * worst:.2f} %")
if failures:
    sys.exit("fidelity got worse:\n  " + "\n  ".join(failures))
