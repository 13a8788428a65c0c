#!/usr/bin/python3
"""Every bundled scenario validates against scenarios/schema/scenario.schema.json (draft 2020-12,
Debian's python3-jsonschema); the schema itself is valid and closed (additionalProperties: false
on every object); and a sample of malformed files is refused by the schema too."""
import glob
import json
import sys

import jsonschema

schema = json.load(open("scenarios/schema/scenario.schema.json"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failures = 0
for name, d in schema["$defs"].items():
    if d.get("additionalProperties") is not False:
        print(f"$defs/{name}: additionalProperties is not false")
        failures += 1
files = sorted(glob.glob("scenarios/*.json"))
if len(files) < 5:
    print("expected at least 5 bundled scenarios")
    failures += 1
for path in files:
    errors = list(validator.iter_errors(json.load(open(path))))
    for e in errors:
        print(f"{path}: /{'/'.join(str(p) for p in e.absolute_path)}: {e.message}")
    failures += len(errors)
    print(f"{path}: {'valid' if not errors else 'INVALID'}")
# Malformed files the schema alone can catch must be refused by it as well.
for name in ["wrong_type", "missing_required", "unknown_key_suggestion", "unknown_key_no_suggestion", "unit_missing",
             "unit_unknown", "bad_enum_suggestion", "bad_dirty_model", "range_violation", "fraction_out_of_range",
             "empty_systems", "negative_size"]:
    path = f"tests/app/scenario/bad/{name}.json"
    if validator.is_valid(json.load(open(path))):
        print(f"{path}: accepted by the schema, refused by the loader")
        failures += 1
sys.exit(1 if failures else 0)
