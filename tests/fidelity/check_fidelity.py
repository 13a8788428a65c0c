"""Runs `lpmsim compare` on the measured QEMU runs with the committed profile and fails if any
summary figure is worse than the committed baseline (errors may only fall, shares only rise), or
if the run takes a minute or more.

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
if failures:
    sys.exit("fidelity got worse:\n  " + "\n  ".join(failures))
