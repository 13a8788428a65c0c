#!/usr/bin/python3
"""Checks that the committed notebooks carry no outputs (they are produced by CI, not stored).

Every code cell must have `outputs: []` and `execution_count: null`, and every notebook must be
valid JSON with at least one markdown cell (the question it answers). Plain json only, so it
runs without Jupyter. Usage: check_notebooks_clean.py NOTEBOOK.ipynb... (exit 0 ok, 1 problems)
"""
import json
import sys


def problems_of(path):
    try:
        with open(path, encoding="utf-8") as f:
            notebook = json.load(f)
    except (OSError, ValueError) as e:
        return ["cannot read: %s" % e]
    problems = []
    cells = notebook.get("cells", [])
    if not any(c.get("cell_type") == "markdown" for c in cells):
        problems.append("no markdown cell saying what the notebook answers")
    for index, cell in enumerate(cells):
        if cell.get("cell_type") != "code":
            continue
        if cell.get("outputs"):
            problems.append("cell %d has %d output(s): clear them before committing"
                            % (index, len(cell["outputs"])))
        if cell.get("execution_count") is not None:
            problems.append("cell %d has execution_count %s" % (index, cell["execution_count"]))
    return problems


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    failures = ["%s: %s" % (path, p) for path in sys.argv[1:] for p in problems_of(path)]
    for failure in failures:
        print("FAIL " + failure)
    print("%d notebook(s) checked, %d problem(s)" % (len(sys.argv) - 1, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
