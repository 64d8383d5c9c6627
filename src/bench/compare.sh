#!/usr/bin/env bash
# Back-to-back comparison of `metroscope bench` with the official METRO code (src/bench/official), alternating the
# two so that both see the same machine load. Usage:
#   src/bench/compare.sh OUT_DIR [MT_CHECKOUT] [OLD_CLASSES]
# Needs: target/classes built, /tmp/bench-cp.txt (mvn dependency:build-classpath -Dmdep.outputFile=...),
# /usr/bin/python3 with torch, a MeshTransformer checkout (default /tmp/mt). The random-weights checkpoints
# (`metroscope bench write-checkpoint`) are written to $OUT_DIR/body.bin and hand.bin when absent, and loaded
# strictly by the official networks, so both sides run the same weights.
# OLD_CLASSES (optional): another build's target/classes, timed too (optimisation before/after).
set -u
out=${1:?OUT_DIR}; mt=${2:-/tmp/mt}; old=${3:-}
mkdir -p "$out"
cp_deps=$(cat /tmp/bench-cp.txt)
say() { echo "== $(date +%T) $1: load $(cut -d' ' -f1-3 /proc/loadavg)" >&2; }
java_run() { # classes label threads args...
  local classes=$1 label=$2 threads=$3; shift 3
  say "$label"
  timeout 1800 java -Xmx6g -cp "$classes:$cp_deps" io.metroscope.Main bench --device cpu --threads "$threads" "$@" \
    2> >(grep -v DEBUG >&2)
}
py_run() { # label threads args...
  local label=$1 threads=$2; shift 2
  say "$label"
  timeout 1800 /usr/bin/python3 src/bench/official/official_metro_bench.py --mt "$mt" --threads "$threads" \
    --checkpoint "$out/body.bin" --hand-checkpoint "$out/hand.bin" "$@" > /dev/null
}
for m in body hand; do
  [ -f "$out/$m.bin" ] || java -cp "target/classes:$cp_deps" io.metroscope.Main bench write-checkpoint --model $m "$out/$m.bin" 2>/dev/null
done
# 1. body batch 1, 2 threads (the target): official, ours, ours before optimisation
py_run "official body b1 t2" 2 --model body --batch 1 --warmup 1 --runs 3 --no-backbone --json "$out/official-body-b1-t2.json"
java_run target/classes "ours body b1 t2" 2 --model body --batch 1 --warmup 1 --runs 3 --json "$out/ours-body-b1-t2.json" > "$out/ours-body-b1-t2.txt"
[ -n "$old" ] && java_run "$old" "before-optimisation body b1 t2" 2 --model body --batch 1 --warmup 1 --runs 3 --json "$out/old-body-b1-t2.json" > "$out/old-body-b1-t2.txt"
# 2. body batch 1, 1 thread: CPU time (insensitive to other load; OpenBLAS pinned to 1 thread so it cannot spin)
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 py_run "official body b1 t1" 1 --model body --batch 1 --warmup 1 --runs 2 --no-backbone --json "$out/official-body-b1-t1.json"
OMP_NUM_THREADS=1 java_run target/classes "ours body b1 t1" 1 --model body --batch 1 --warmup 1 --runs 2 --json "$out/ours-body-b1-t1.json" > "$out/ours-body-b1-t1.txt"
# 3. hand batch 1, 2 threads
py_run "official hand b1 t2" 2 --model hand --batch 1 --warmup 1 --runs 2 --json "$out/official-hand-b1-t2.json"
java_run target/classes "ours hand b1 t2" 2 --model hand --batch 1 --warmup 1 --runs 2 --json "$out/ours-hand-b1-t2.json" > "$out/ours-hand-b1-t2.txt"
# 4. batch 8, 2 threads
java_run target/classes "ours b8 t2" 2 --model body,hand --batch 8 --warmup 1 --runs 2 --json "$out/ours-b8-t2.json" > "$out/ours-b8-t2.txt"
py_run "official b8 t2" 2 --model body,hand --batch 8 --warmup 1 --runs 1 --no-backbone --json "$out/official-b8-t2.json"
say done
