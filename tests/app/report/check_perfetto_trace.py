#!/usr/bin/python3
"""Checks a `lpmsim run --perfetto` trace against the run's own report JSON.

The trace must parse with Python's json, hold trace events, and have what the report says
happened: a thread track per managed system (process "Managed systems"), per MSP used
("system/vios", process "Mover service partitions") and per migration ("lpar: src → dst",
process "Migrations"); on each migration track its phase slices (and "pass N" slices for every
pre-copy pass in the report); counters for every link's throughput and utilisation, every
migrating LPAR's dirty pages remaining, every MSP's active migrations and the HMC queue.
Every slice has ts >= 0, dur >= 0 and ends by the simulated end time.
Usage: check_perfetto_trace.py TRACE.json REPORT.json  (exit 0 ok, 1 problems)
"""
import json
import sys


def thread_names(events):
    """{process name: set of thread names} from the M (metadata) events."""
    processes, threads = {}, {}
    for e in events:
        if e.get("ph") != "M":
            continue
        if e["name"] == "process_name":
            processes[e["pid"]] = e["args"]["name"]
        elif e["name"] == "thread_name":
            threads[(e["pid"], e["tid"])] = e["args"]["name"]
    named = {}
    for (pid, tid), name in threads.items():
        named.setdefault(processes.get(pid, "?"), {})[name] = (pid, tid)
    return named


def expected_tracks(report):
    systems = {m["name"] for m in report["scenario"]["managed_systems"]}
    msps, migrations = set(), {}
    for m in report["migrations"]:
        if m.get("source_msp"):
            msps.add("%s/%s" % (m["source"], m["source_msp"]))
        if m.get("dest_msp"):
            msps.add("%s/%s" % (m["destination"], m["dest_msp"]))
        migrations["%s: %s → %s" % (m["lpar"], m["source"], m["destination"])] = m
    return systems, msps, migrations


def check_migration_track(events, where, migration):
    problems = []
    slices = [e for e in events if e.get("ph") == "X" and (e["pid"], e["tid"]) == where]
    phases = {e["name"] for e in slices if e.get("cat") == "phase"}
    for phase in migration["phases"]:
        if phase["name"] not in phases:
            problems.append("%s: phase slice %r missing" % (migration["lpar"], phase["name"]))
    passes = {e["name"] for e in slices if e.get("cat") == "pass"}
    for p in migration.get("passes", []):
        if "pass %d" % p["index"] not in passes:
            problems.append("%s: slice 'pass %d' missing" % (migration["lpar"], p["index"]))
    return problems


def check(trace, report):
    events = trace.get("traceEvents") if isinstance(trace, dict) else None
    if not events:
        return ["no traceEvents"]
    problems = []
    named = thread_names(events)
    systems, msps, migrations = expected_tracks(report)
    for process, wanted in (("Managed systems", systems), ("Mover service partitions", msps),
                            ("Migrations", set(migrations))):
        have = set(named.get(process, {}))
        problems += ["track %r missing from %r" % (t, process) for t in sorted(wanted - have)]
    for name, migration in sorted(migrations.items()):
        if name in named.get("Migrations", {}):
            problems += check_migration_track(events, named["Migrations"][name], migration)
    counters = {e["name"] for e in events if e.get("ph") == "C"}
    wanted = {"queued migrations"}
    for link in report["scenario"]["network"]["links"]:
        wanted |= {link["name"] + " throughput", link["name"] + " utilisation"}
    wanted |= {msp + " active migrations" for msp in msps}
    wanted |= {m["lpar"] + " dirty pages remaining"
               for m in report["migrations"] if m.get("passes")}
    problems += ["counter %r missing" % c for c in sorted(wanted - counters)]
    end_us = report["simulated_end_ns"] / 1000.0
    for e in events:
        if e.get("ph") == "X" and not (0 <= e["ts"] and 0 <= e["dur"]
                                       and e["ts"] + e["dur"] <= end_us + 1e-3):
            problems.append("slice %r out of [0, end]: ts=%s dur=%s" % (e["name"], e["ts"], e["dur"]))
    print("  %s: %d events, %d slices, %d counter samples, %d tracks" % (
        report["scenario_file"], len(events), sum(e.get("ph") == "X" for e in events),
        sum(e.get("ph") == "C" for e in events), sum(len(t) for t in named.values())))
    return problems


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        trace = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        report = json.load(f)
    problems = check(trace, report)
    for p in problems:
        print("FAIL %s: %s" % (sys.argv[1], p))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
