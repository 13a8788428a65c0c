#!/bin/sh
# lpmsim import-hmc end to end on the fixture estate (issue 19): both output forms give the same
# scenario, which validates, runs, exports migrlpar -o v commands and plans an evacuation (a
# partition with a dedicated physical adapter named and left behind, LPMSIM-V026); bad
# listings exit 2 with file:line. Usage: import_cli_checks.sh LPMSIM OUTDIR (from the source root).
set -eu
lpmsim=$1
out=$2
fixtures=tests/app/hmc_import/fixtures
rm -rf "$out"
mkdir -p "$out"
fail() { echo "FAIL: $*" >&2; exit 1; }

for form in default F; do
  d=$fixtures/estate-$form
  "$lpmsim" import-hmc $d/systems.txt $d/sysA.txt $d/sysB.txt $d/sysC.txt $d/msp-pairs.txt \
    -o "$out/estate-$form.json" > "$out/import-$form.txt" || fail "import-hmc ($form) exited $?"
  grep -q "3 systems, 5 LPARs, 6 VIOS" "$out/import-$form.txt" || fail "import summary ($form)"
  grep -q "assumed /network/links/\*" "$out/import-$form.txt" || fail "network assumption not listed"
  # batch01 owns a dedicated FC adapter (lshwres -r io --rsubtype slot): named with the key to change.
  grep -q "^  batch01 on sysC will not migrate actively: owns U78D8.001.WZS0C03-P1-C5 (8 Gigabit PCI Express Dual Port Fibre Channel Adapter) — /managed_systems/2/lpars/0/physical_adapters;" \
    "$out/import-$form.txt" || fail "import summary ($form): batch01's physical adapter not named"
done
cmp "$out/estate-default.json" "$out/estate-F.json" || fail "the two output forms differ"

"$lpmsim" validate "$out/estate-default.json" > "$out/validate.txt" || fail "validate exited $?"
"$lpmsim" run "$out/estate-default.json" --report "$out/report.json" > "$out/run.txt" ||
  fail "run exited $?"
"$lpmsim" export-hmc "$out/estate-default.json" > "$out/export.txt" || fail "export-hmc exited $?"
grep -q 'migrlpar -o v -m sysA -t sysB -p db01 -i "source_msp_name=' "$out/export.txt" ||
  fail "export-hmc: no db01 command"
grep -q 'virtual_fc_mappings=4/sysB-vios2//30/fcs0' "$out/export.txt" || fail "export-hmc: vFC mapping"
# Exit 1: sysA keeps app01 (not activated, so not moved live), and the plan names it (issue 17).
"$lpmsim" plan-evacuation "$out/estate-default.json" --system sysA --concurrency 1,2 \
  > "$out/plan.txt" || [ $? -eq 1 ] || fail "plan-evacuation exited with neither 0 nor 1"
grep -q "^plan: " "$out/plan.txt" || fail "plan-evacuation printed no plan"
grep -q "left behind: app01: not activated" "$out/plan.txt" || fail "plan-evacuation: app01 not named"
# sysC cannot be emptied: batch01's physical adapter fails the HMC's validation (LPMSIM-V026).
"$lpmsim" plan-evacuation "$out/estate-default.json" --system sysC --concurrency 1 \
  > "$out/plan-sysC.txt" || [ $? -eq 1 ] || fail "plan-evacuation sysC exited with neither 0 nor 1"
grep -q "left behind: batch01: no destination can host it — sysA: LPMSIM-V026 The partition batch01 owns the dedicated physical I/O adapter U78D8.001.WZS0C03-P1-C5" \
  "$out/plan-sysC.txt" || fail "plan-evacuation sysC: batch01's physical adapter (V026) not named"

# A truncated line: exit 2, file and line named, nothing written.
head -n 2 $fixtures/estate-F/sysB.txt > "$out/cut.txt"
sed -n 3p $fixtures/estate-F/sysB.txt | cut -c1-20 >> "$out/cut.txt"
set +e
"$lpmsim" import-hmc $fixtures/estate-F/systems.txt "$out/cut.txt" -o "$out/cut.json" 2> "$out/cut.err"
code=$?
set -e
[ $code -eq 2 ] || fail "truncated listing: exit $code, expected 2"
grep -q "cut.txt:3: lssyscfg -r lpar: expected 15 comma-separated values (-F 15 attributes), found 3" "$out/cut.err" ||
  fail "truncated listing: message"
[ ! -e "$out/cut.json" ] || fail "a scenario was written from bad listings"
# Listings lpmsim cannot accept as a scenario (memory not a multiple of the LMB): exit 2, the
# loader's diagnostic with the key, nothing written.
cat > "$out/odd.txt" <<'EOF'
# lssyscfg -r sys
name=s1,type_model=9105-22A,"lpar_proc_compat_modes=default,Power10"
# lssyscfg -r lpar -m s1
name=l1,lpar_id=3,lpar_env=aixlinux,state=Running,os_version=AIX 7.3
# lshwres -r mem -m s1 --level sys
configurable_sys_mem=65536,mem_region_size=256
# lshwres -r mem -m s1 --level lpar
lpar_id=3,curr_min_mem=1000,curr_mem=1024,curr_max_mem=2048
EOF
set +e
"$lpmsim" import-hmc "$out/odd.txt" -o "$out/odd.json" 2> "$out/odd.err"
code=$?
set -e
[ $code -eq 2 ] || fail "unacceptable listings: exit $code, expected 2"
grep -q '/managed_systems/0/lpars/0/memory/min: expected a multiple of the LMB size 256MiB' "$out/odd.err" ||
  fail "unacceptable listings: message"
[ ! -e "$out/odd.json" ] || fail "a scenario was written from unacceptable listings"
echo "import-hmc CLI checks passed"
