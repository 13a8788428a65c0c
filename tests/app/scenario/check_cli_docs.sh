#!/bin/sh
# Issue 17, Found 8 ("doc gaps"), pinned against the built binary. Usage: LPMSIM (run in the source
# tree). Every subcommand that `lpmsim --help` lists
#   - ends its --help with the exit codes, 3 (a bug) included;
#   - has a row in the README's command table;
# the README's `--fail-on` values are the ones `run --help` accepts, in the same order; and
# `make run` builds only the lpmsim target (the tests and benchmarks build with `make test`).
set -u
lpmsim=$1
fail() { echo "FAIL: $*"; exit 1; }

commands=$("$lpmsim" --help | sed -n '/^Subcommands:/,/^$/p' | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
test -n "$commands" || fail "lpmsim --help lists no subcommands"
for c in $commands; do
  help=$("$lpmsim" "$c" --help) || fail "$c --help exited $?"
  echo "$help" | grep -q 'Exit codes: 0 ' || fail "$c --help: no exit codes"
  echo "$help" | grep -q '3 internal error' || fail "$c --help: exit 3 missing"
  grep -q "^| \`lpmsim $c[ \`]" README.md || fail "README.md: no row for \`lpmsim $c\` in the command table"
done
echo "ok: $(echo $commands | wc -w) subcommands, each with exit codes and a README row"

readme_fail_on=$(sed -n 's/.*`--fail-on \([a-z\\|]*\)`.*/\1/p' README.md | head -n 1 | sed 's/\\|/,/g')
help_fail_on=$("$lpmsim" run --help | tr '\n' ' ' | sed -n 's/.*exit 1 if a migration ends so: \([a-z, ]*[a-z]\).*/\1/p' | tr -d ' ')
test -n "$readme_fail_on" || fail "README.md: no --fail-on values"
test "$readme_fail_on" = "$help_fail_on" ||
  fail "--fail-on: README says $readme_fail_on, run --help says $help_fail_on"
echo "ok: --fail-on $help_fail_on in README and --help"

build=$(make -n run | grep 'cmake --build') || fail "make -n run: no build step"
test "$(echo "$build" | wc -l)" -eq 1 || fail "make run builds more than once: $build"
echo "$build" | grep -q -- '--target lpmsim$' || fail "make run builds more than lpmsim: $build"
echo "ok: make run builds only the lpmsim target"
