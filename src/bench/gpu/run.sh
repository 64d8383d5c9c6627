#!/usr/bin/env bash
# Metroscope's GPU checks on a lent machine (no Java, no network; python3 with a CUDA PyTorch), after
# src/bench/gpu/prepare.sh, with .gpu/ carried:
#
#   bash src/bench/gpu/run.sh OUT_DIR [SECONDS]      (SECONDS: the whole run's budget, default 540)
#
# 1. builds DJL's JNI against the machine's PyTorch (installer/cuda-natives.sh), `devices`;
# 2. the hand demo on the CPU and on the GPU, every output array compared;
# 3. inference and training timings, Metroscope against the official code, on the same GPU;
# 4. the body demo recipe trained from scratch on the GPU until the budget is nearly used and evaluated on the unseen
#    test set (seed 3000); the float32 checkpoint comes back in 15 MiB parts (cat model.part-* > model.pt).
# OUT_DIR gets log.txt, results.tgz (JSON, logs, recipe, trainer state) and model.part-aa to -ad.
#
# INIT=BUNDLE continues training that bundle (LR, default 2e-4 at batch 64 after WARMUP, default 300, warm-up steps,
# dropout 0, no clipping) on up to TRAIN_ITEMS (default 100000) new renders of SEED (default 4400; 1000-1214, 4100,
# 4200 and 4300 are taken) and skips steps 2 and 3 (TIMINGS=1 keeps step 3's training timings). The tree with the body
# bundle and .gpu together pass the 64 MiB a call may carry, so make two calls back to back (a machine is given back
# after 30 s idle), with the bundle copied into the git-ignored .init/ and its weights.bin moved there from the tree,
# so that nothing needs to change here between the calls: first, with .gpu carried, `SETUP_ONLY=1 [TIMINGS=1] bash
# src/bench/gpu/run.sh OUT 420` (runtime, JNI, renders, timings; all under /tmp); then, with .init carried (.gpu,
# being git-ignored, and /tmp stay on the warm machine), `INIT=.init/body-demo bash src/bench/gpu/run.sh OUT SECONDS`.
# JAVA_OPTS adds JVM options (-Dmetroscope.adam=per-tensor, should the multi-tensor Adam fail there). The run is sized
# to the time left (one epoch over as many renders as fit, or several over all of them), saves last/ every 250 steps,
# and a watchdog's SIGTERM makes `train` save last/ and exit.
set -uo pipefail
start=$(date +%s); deadline=$((start + ${2:-540}))
cd "$(dirname "$0")/../../.."
out=${1:?usage: $0 OUT_DIR [SECONDS]}; mkdir -p "$out"
exec > >(tee "$out/log.txt") 2>&1
elapsed() { echo "=== $(( $(date +%s) - start )) s: $*"; }
# Results gather outside OUT_DIR and travel as one archive: lent machines return only a few files.
. src/bench/gpu/common.sh; data=$root/data; r=$root/results; rm -rf "$r"; mkdir -p "$r"
nvidia-smi -L; nproc
python3 -c 'import torch; print("PyTorch", torch.__version__, torch.cuda.get_device_name(0))' || exit 1
if [ ! -x $root/jre/bin/java ]; then
  mkdir -p $root/app && tar xJf .gpu/jre.tar.xz -C $root && tar xJf .gpu/app.tar.xz -C $root/app || exit 1
fi
# ImageIO's JPEG codec in a Debian-built runtime links libjpeg.so.62; Pillow's copy will do.
jpeg=$(python3 -c 'import PIL, glob, os; print((glob.glob(os.path.join(os.path.dirname(PIL.__file__), "..", "pillow.libs", "libjpeg*.so.62*")) + [""])[0])')
mkdir -p $root/lib && [ -n "$jpeg" ] && ln -sf "$jpeg" $root/lib/libjpeg.so.62
export LD_LIBRARY_PATH=$root/lib:${LD_LIBRARY_PATH:-}
if [ ! -f $XDG_CONFIG_HOME/metroscope/libtorch.properties ]; then
  JNI_HEADERS=.gpu/jni bash installer/cuda-natives.sh .gpu/djl $root/app || exit 1
fi
# JAVA_OPTS: extra JVM options, e.g. -Dmetroscope.adam=per-tensor
metroscope=("$root/jre/bin/java" -Xmx32g ${JAVA_OPTS:-} -cp "$root/app" io.metroscope.Main)
ms() { "${metroscope[@]}" "$@"; }
ms devices | tee "$r/devices.txt"; grep -q "GPUs:      [1-9]" "$r/devices.txt" || exit 1
# SETUP_ONLY prepares a continuation (the same renders as INIT's run) and stops before training.
continuing=${INIT:+yes}${SETUP_ONLY:+yes}
seed=${SEED:-$([ -n "$continuing" ] && echo 4400 || echo 4100)}
n=${TRAIN_ITEMS:-$([ -n "$continuing" ] && echo 100000 || echo 40000)}

official() { python3 src/bench/official/official_metro_bench.py --mt .gpu/mt --device cuda --threads 16 "$@"; }
if [ -z "$continuing" ]; then
elapsed "GPU against CPU"
for d in cpu gpu; do
  ms infer --bundle assets/models/hand-demo --device $d --attention assets/samples/synthetic-hand-1.png \
    assets/samples/astronaut.png --out $root/hand-$d.npz | tail -2
done
python3 src/bench/gpu/compare.py $root/hand-cpu.npz $root/hand-gpu.npz | tee "$r/gpu-vs-cpu.txt"

elapsed "inference timings against the official code"
ms bench --model body,hand --batch 1,8 --device gpu --warmup 3 --runs 10 --json "$r/ours-infer.json" | grep -v "^$"
official --model body,hand --batch 1,8 --warmup 3 --runs 10 --no-backbone --json "$r/official-infer.json" >/dev/null
fi

elapsed "data"
synth() { ms synth --template body --wide 0.15 --max-turn 60 --workers "$(nproc)" "$@" | tail -1; }
[ -d $data/body-val ] || synth --count 300 --seed 2000 --out $data/body-val
[ -d $data/body-test ] || synth --count 1000 --seed 3000 --out $data/body-test
[ -d $data/body-train-$seed ] || synth --count "$n" --seed "$seed" --out $data/body-train-$seed

if [ -z "$continuing" ] || [ -n "${TIMINGS:-}" ]; then
elapsed "training timings against the official code"
ms bench adam --recipe official-body --steps 10 --device gpu | tail -1 | tee "$r/adam.txt"
ms bench adam --recipe src/bench/gpu/demo-body-gpu.json --steps 10 --device gpu | tail -1 | tee -a "$r/adam.txt"
ms train --recipe official-body --benchmark 8 --batch 8 --device gpu | tail -1 | tee "$r/ours-train.txt"
official --train --model body --batch 8 --runs 8 --json "$r/official-train.json" | tail -3
fi
if [ -n "${SETUP_ONLY:-}" ]; then
  tar czf "$out/results.tgz" -C "$r" .
  elapsed "set up"; exit 0
fi
ms train --recipe src/bench/gpu/demo-body-gpu.json --benchmark 10 --device gpu | tail -1 | tee "$r/demo-bench.txt"

sps=$(grep -o "median [0-9.]* samples/s" "$r/demo-bench.txt" | grep -o "[0-9.]*" | head -1)
# after training: the evaluation (60 s), or when continuing only the packing (20 s)
left=$(( deadline - $(date +%s) - $([ -n "$continuing" ] && echo 20 || echo 60) ))
# Sized to the time left: one epoch over as many renders as fit, or several over all of them. A fractional rate step
# decays inside an epoch, so even a one-epoch run gets its low-rate tail.
read -r epochs items step <<<"$(python3 -c "
fit = int(max(0, $left - 25) * ${sps:-300} * 0.72)
epochs = max(1, round(fit / $n)); items = min($n, max(64, fit // epochs))
print(epochs, items, round(epochs * 0.75, 3))")"
elapsed "training $epochs epoch(s) of $items items ($sps samples/s for compute alone, $left s left), lr x0.1 after $step"
python3 src/bench/gpu/recipe.py src/bench/gpu/demo-body-gpu.json "$r/recipe.json" --data $data/body-train-$seed \
  --validation $data/body-val --epochs "$epochs" --lr-step "$step" --limit "$items" --checkpoint-every 250 \
  ${INIT:+--init "$INIT" --lr "${LR:-2e-4}" --warmup "${WARMUP:-300}"} || exit 1
# java itself in the background (not the ms function's subshell), so that the watchdog's SIGTERM reaches the trainer
"${metroscope[@]}" train --recipe "$r/recipe.json" --out $root/run --device gpu > "$r/train.log" 2>&1 &
trainer=$!
( sleep "$left"; kill $trainer 2>/dev/null ) & watchdog=$!
wait $trainer; kill $watchdog 2>/dev/null
grep -E "done:|Stopped|Done" "$r/train.log"; tail -1 "$r/train.log"
# Is the loader or the model setting the pace? (each batch line ends with its share of time spent waiting for data)
grep -o "data wait [0-9]* %" "$r/train.log" | awk '{s += $3; n++} END {if (n) printf "mean data wait %.1f %% of %d batches\n", s / n, n}'

# A finished run's best epoch; a run the watchdog stopped, its last step (later than any epoch end it reached).
model=$root/run/best/model.pt
grep -q "^Done:" "$r/train.log" && [ -f $model ] || model=$root/run/last/model.pt
echo "model: $model"
if [ -z "$continuing" ]; then
  elapsed "evaluation"
  ms eval --model $model --heads 4 --data $data/body-test --device gpu --batch 64 --json "$r/eval-test.json" | tail -8
  ms eval --model $model --heads 4 --data $data/body-test --device gpu --batch 64 --occluded 2 \
    --json "$r/eval-occluded.json" | tail -8
fi
cp $root/run/best/best.json $root/run/last/trainer-state.json "$r/" 2>/dev/null
# The float32 checkpoint comes back in 15 MiB parts (a lent machine returns files of at most 16 MiB); here:
# cat model.part-* > model.pt, then `metroscope export import --checkpoint model.pt --half ...` makes the bundle.
split -b 15M $model "$out/model.part-"
tar czf "$out/results.tgz" -C "$r" .
elapsed "done"
