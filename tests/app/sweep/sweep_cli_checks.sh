#!/bin/sh
# End-to-end checks of `lpmsim sweep` on the built binary. Usage: MODE LPMSIM OUTDIR MPI(ON/OFF)
#   threads: --jobs 1, 2 and 4 give byte-identical CSV, JSON Lines, summary and per-migration
#            CSV (one row per migration per variant).
#   resume:  a sweep killed with SIGKILL mid-run and rerun gives the same bytes as one clean run,
#            every variant exactly once (also after a torn last journal line).
#   mpi:     mpirun -n 2 gives the same bytes as --jobs 1 (exit 77 = skipped without MPI).
set -eu
mode=$1; bin=$2; out=$3; mpi=${4:-OFF}
rm -rf "$out"; mkdir -p "$out"
# Open MPI's MPI_Init leaks (strdup'd strings in its dlopen'd plugins) and LeakSanitizer cannot
# name those modules for a suppression; our own code's leaks are checked by test_sweep.
if [ "$mpi" = "ON" ]; then export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0"; fi
scenario=scenarios/quickstart.json
axes="--set /network/links/0/bandwidth=10Gbit/s,25Gbit/s --set /simulation/seed=1..150"

run() {  # run NAME EXTRA...
  name=$1; shift
  "$bin" sweep $scenario $axes --csv "$out/$name.csv" --jsonl "$out/$name.jsonl" --summary "$out/$name.sum" \
    --migrations-csv "$out/$name.mig" -q "$@"
}
same() {  # same A B: all four outputs byte-identical
  for ext in csv jsonl sum mig; do
    cmp "$out/$1.$ext" "$out/$2.$ext" || { echo "FAIL: $1.$ext differs from $2.$ext"; exit 1; }
  done
}

run ref --jobs 1
test "$(wc -l < "$out/ref.csv")" -eq 301 || { echo "FAIL: expected 300 rows + header"; exit 1; }
test "$(grep -c ',db01,sys.*,completed,' "$out/ref.mig")" -eq 300 || {
  echo "FAIL: expected one completed db01 migration row per variant"; exit 1; }
case $mode in
  threads)
    run j2 --jobs 2; same ref j2
    run j4 --jobs 4; same ref j4
    echo "ok: 1, 2 and 4 threads identical" ;;
  resume)
    big="--set /simulation/seed=1..4000"
    "$bin" sweep $scenario --set /network/links/0/bandwidth=10Gbit/s,25Gbit/s $big --csv "$out/full.csv" \
      --jsonl "$out/full.jsonl" --migrations-csv "$out/full.mig" -q --jobs 2
    for delay in 0.1 0.4 0.8; do
      rm -f "$out/k.csv" "$out/k.jsonl" "$out/k.mig"
      "$bin" sweep $scenario --set /network/links/0/bandwidth=10Gbit/s,25Gbit/s $big --csv "$out/k.csv" \
        --jsonl "$out/k.jsonl" --migrations-csv "$out/k.mig" -q --jobs 2 & pid=$!
      # The delay counts from the journal's creation (MPI start-up alone can take 0.3 s).
      for _ in $(seq 200); do [ -s "$out/k.jsonl" ] && break; sleep 0.05; done
      sleep $delay; kill -9 $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
      partial=$(wc -l < "$out/k.jsonl")
      if [ "$delay" = 0.1 ] && [ "$partial" -ge 8001 ]; then
        echo "FAIL: the sweep finished before the kill; nothing was resumed"; exit 1; fi
      printf '{"variant":5,"params":{"/net' >> "$out/k.jsonl"  # a torn last line
      "$bin" sweep $scenario --set /network/links/0/bandwidth=10Gbit/s,25Gbit/s $big --csv "$out/k.csv" \
        --jsonl "$out/k.jsonl" --migrations-csv "$out/k.mig" -q --jobs 2
      cmp "$out/full.csv" "$out/k.csv" || { echo "FAIL: resumed CSV differs (killed after ${delay}s)"; exit 1; }
      cmp "$out/full.mig" "$out/k.mig" || { echo "FAIL: resumed per-migration CSV differs (killed after ${delay}s)"; exit 1; }
      cmp "$out/full.jsonl" "$out/k.jsonl" || { echo "FAIL: resumed JSONL differs (killed after ${delay}s)"; exit 1; }
      echo "ok: killed after ${delay}s with $partial journal lines, resumed to the identical result"
    done
    printf '{"lpmsim_sweep":"0000","scenario":"x","variants":1,"parameters":[]}\n' > "$out/other.jsonl"
    if "$bin" sweep $scenario $axes --jsonl "$out/other.jsonl" -q 2> "$out/other.err"; then
      echo "FAIL: a journal of another sweep was accepted"; exit 1; fi
    grep -q "written by a different sweep" "$out/other.err" || { cat "$out/other.err"; exit 1; }
    echo "ok: foreign journal refused" ;;
  mpi)
    if [ "$mpi" != "ON" ]; then
      echo "SKIPPED: lpmsim was built without MPI (configure with -DLPMSIM_MPI=ON)"; exit 77; fi
    mpirun --allow-run-as-root --oversubscribe -n 2 "$bin" sweep $scenario $axes --csv "$out/mpi.csv" \
      --jsonl "$out/mpi.jsonl" --summary "$out/mpi.sum" --migrations-csv "$out/mpi.mig" -q --jobs 1
    same ref mpi
    echo "ok: mpirun -n 2 identical to --jobs 1" ;;
esac
