#!/usr/bin/python3
"""Runs the built `lpmsim run` on real scenarios and checks what it writes, end to end.

For each scenario: `lpmsim run -q SCENARIO --report OUT/NAME.report.json --perfetto
OUT/NAME.perfetto.json --html OUT/NAME.html`, then the Perfetto trace is checked against the
report (check_perfetto_trace.py) and the HTML is loaded in headless Chromium from a file:// URL
(check_html_in_chromium.py: no console errors, non-blank screenshot OUT/NAME.png, kept).
Exit 0 ok, 1 failure, 77 (CTest skip) only when Chromium is missing — after the trace checks,
which never need a browser, have passed.
Usage: check_real_reports.py LPMSIM OUT_DIR SCENARIO.json [SCENARIO.json ...]
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_html_in_chromium  # noqa: E402
import check_perfetto_trace  # noqa: E402


def run_scenario(lpmsim, out_dir, scenario):
    name = os.path.splitext(os.path.basename(scenario))[0]
    paths = {kind: os.path.join(out_dir, name + suffix) for kind, suffix in
             (("report", ".report.json"), ("perfetto", ".perfetto.json"), ("html", ".html"))}
    command = [lpmsim, "run", "-q", scenario, "--report", paths["report"],
               "--perfetto", paths["perfetto"], "--html", paths["html"]]
    run = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if run.returncode != 0:
        return paths, ["%s exited %d: %s" % (" ".join(command), run.returncode, run.stderr[-800:])]
    return paths, []


def check_trace(paths):
    try:
        with open(paths["perfetto"], encoding="utf-8") as f:
            trace = json.load(f)
    except (OSError, ValueError) as e:
        return ["%s does not parse as JSON: %s" % (paths["perfetto"], e)]
    with open(paths["report"], encoding="utf-8") as f:
        report = json.load(f)
    return ["%s: %s" % (paths["perfetto"], p) for p in check_perfetto_trace.check(trace, report)]


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        return 2
    lpmsim, out_dir, scenarios = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(out_dir, exist_ok=True)
    failures, html_files = [], []
    for scenario in scenarios:
        print("running " + scenario)
        paths, problems = run_scenario(lpmsim, out_dir, scenario)
        failures += problems
        if not problems:
            failures += check_trace(paths)
            html_files.append(paths["html"])
    for failure in failures:
        print("FAIL " + failure)
    if failures:
        return 1
    sys.argv = [sys.argv[0], out_dir] + html_files
    return check_html_in_chromium.main()


if __name__ == "__main__":
    sys.exit(main())
