#!/usr/bin/env python3
"""Validate JSONL IFMessages on stdin against the public IFMessage v2.1 JSON Schema.

An independent check of what the Rust tools emit: the `jsonschema` package (Draft 7, with
format checking, so `date-time` is enforced). Prints one line per invalid message on stderr
and `N passed, M failed` on stdout; exits 1 if any message is invalid or none was given.
"""
import json
import os
import sys

import jsonschema

here = os.path.dirname(os.path.abspath(__file__))
schema_path = os.environ.get("IF_SCHEMA") or os.path.join(here, "..", "..", "shared", "reference", "ifmessage-v2.1.schema.json")
with open(schema_path) as f:
    schema = json.load(f)

checker = jsonschema.Draft7Validator.FORMAT_CHECKER
if "date-time" not in checker.checkers:
    sys.exit("schema_check: date-time format checking unavailable (install rfc3339-validator)")
validator = jsonschema.Draft7Validator(schema, format_checker=checker)

passed = failed = 0
for n, line in enumerate(sys.stdin, 1):
    if not line.strip():
        continue
    msg = json.loads(line)
    errors = sorted(validator.iter_errors(msg), key=lambda e: list(e.path))
    if errors:
        failed += 1
        for e in errors:
            print(f"line {n}: {'/'.join(map(str, e.path)) or '(root)'}: {e.message}", file=sys.stderr)
    else:
        passed += 1
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
