#!/usr/bin/python3
"""`lpmsim run` honours the scenario's simulation.outputs for every output the command line does
not name, and the command line wins where it does. Usage: check_scenario_outputs.py LPMSIM OUT_DIR"""
import json
import pathlib
import shutil
import subprocess
import sys


def run(lpmsim, cwd, *args):
    done = subprocess.run([lpmsim, "run", "-q", "scenario.json", *args], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"lpmsim run {' '.join(args)} exited {done.returncode}: {done.stderr}")


def main():
    lpmsim, out = sys.argv[1], pathlib.Path(sys.argv[2])
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    spec = json.loads(pathlib.Path("scenarios/quickstart.json").read_text())
    spec["simulation"]["outputs"] = {"report": "from-scenario.json", "trace": "trace.perfetto.json",
                                     "trace_format": "perfetto", "html": "page.html"}
    (out / "scenario.json").write_text(json.dumps(spec))
    run(lpmsim, out)
    report = json.loads((out / "from-scenario.json").read_text())
    assert report["migrations"][0]["outcome"] == "completed", report["migrations"][0]["outcome"]
    assert "traceEvents" in json.loads((out / "trace.perfetto.json").read_text()), "not a Perfetto trace"
    assert (out / "page.html").read_text().startswith("<!DOCTYPE html>"), "not an HTML page"
    assert not (out / "report.json").exists(), "report.json written although the scenario names another"
    # The command line wins for what it names; the scenario still supplies the rest.
    for f in ("from-scenario.json", "page.html"):
        (out / f).unlink()
    run(lpmsim, out, "--report", "cli.json")
    assert (out / "cli.json").exists() and not (out / "from-scenario.json").exists(), "--report did not win"
    assert (out / "page.html").exists(), "the scenario's html was not written"
    print("ok: simulation.outputs honoured, command line wins")


if __name__ == "__main__":
    main()
