#!/usr/bin/env bash
# The live-view targets on a lent GPU machine: Metroscope's window on an X display whose OpenGL is the GPU's, the demo
# model on CUDA. After src/bench/gpu/prepare-display.sh here, and there after run.sh's setup (SETUP_ONLY=1: the Java
# runtime, the application and the CUDA JNI under /tmp/metroscope-gpu):
#
#   bash src/bench/gpu/display.sh unpack              # once with .gpu-x11-1 carried, once with .gpu-x11-2
#   bash src/bench/gpu/display.sh bench OUT MODEL     # e.g. MODEL=.init/body-demo (see BENCHMARKS.md, "On a GPU")
#
# bench: starts the carried Xvfb (its own GLX is Mesa's software one, which it needs to offer GLX at all), points
# glvnd's GLX clients at NVIDIA's driver (__GLX_VENDOR_LIBRARY_NAME=nvidia; GLX_VENDOR=mesa for software), and runs
# `bench ui --model MODEL --device gpu` with Prism's report of its OpenGL renderer. OUT gets display.txt.
# FRAMES (default 200) and DEVICE (default gpu) change the bench; BENCH_SECONDS (default 240) bounds it.
set -uo pipefail
cd "$(dirname "$0")/../../.."
. src/bench/gpu/common.sh; x=$root/x11; lib=$x/usr/lib/x86_64-linux-gnu

case "${1:-}" in
unpack)
  mkdir -p "$x"
  for part in .gpu-x11-1 .gpu-x11-2; do
    if [ -f $part/x11.tar.xz ] && [ ! -f "$x/.$part" ]; then
      tar xJf $part/x11.tar.xz -C "$x" && touch "$x/.$part" && echo "unpacked $part"
    fi
  done
  exit 0;;
bench) ;;
*) echo "usage: $0 unpack | bench OUT_DIR MODEL" >&2; exit 2;;
esac

out=${2:?usage: $0 bench OUT_DIR MODEL}; model=${3:?usage: $0 bench OUT_DIR MODEL}; mkdir -p "$out"
exec > >(tee "$out/display.txt") 2>&1
for part in .gpu-x11-1 .gpu-x11-2; do
  [ -f "$x/.$part" ] || { echo "$part not unpacked: run '$0 unpack' with it carried"; exit 1; }
done
[ -x $root/jre/bin/java ] || { echo "no runtime in $root: run run.sh with SETUP_ONLY=1 first"; exit 1; }

export LD_LIBRARY_PATH=$lib:$x/lib/x86_64-linux-gnu:$root/lib:${LD_LIBRARY_PATH:-}
export LIBGL_DRIVERS_PATH=$lib/dri XDG_DATA_DIRS=$x/usr/share FONTCONFIG_FILE=$x/fonts.conf
cat > "$x/fonts.conf" <<EOF
<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><dir>$x/usr/share/fonts</dir><cachedir>$x/fontconfig-cache</cachedir></fontconfig>
EOF
# The server runs xkbcomp by its compiled-in path to build the keyboard map; nothing else goes outside $root.
[ -e /usr/bin/xkbcomp ] || ln -s "$x/usr/bin/xkbcomp" /usr/bin/xkbcomp
"$x/usr/bin/Xvfb" :77 -screen 0 1600x1000x24 -xkbdir "$x/usr/share/X11/xkb" -nolisten tcp +extension GLX \
  > "$out/xvfb.log" 2>&1 &
xvfb=$!; trap 'kill $xvfb 2>/dev/null' EXIT
for _ in $(seq 50); do [ -S /tmp/.X11-unix/X77 ] && break; sleep 0.1; done
export DISPLAY=:77
vendor=${GLX_VENDOR:-nvidia}
if [ "$vendor" = nvidia ]; then
  glx=$(find /usr/local/nvidia /usr/lib /usr/lib64 -name 'libGLX_nvidia.so.0' 2>/dev/null | head -1)
  if [ -n "$glx" ]; then
    echo "NVIDIA GLX: $glx"; export LD_LIBRARY_PATH=$(dirname "$glx"):$LD_LIBRARY_PATH
  else
    echo "NVIDIA GLX: not found; Mesa's software GLX instead (the figures are then not the GPU display's)"; vendor=mesa
  fi
fi
export __GLX_VENDOR_LIBRARY_NAME=$vendor
nproc; nvidia-smi -L 2>/dev/null
timeout "${BENCH_SECONDS:-240}" "$root/jre/bin/java" -Xmx16g -Dprism.order=es2 -Dprism.forceGPU=true \
  -Dprism.verbose=true -cp "$root/app" io.metroscope.Main \
  bench ui --frames "${FRAMES:-200}" --model "$model" --device "${DEVICE:-gpu}" 2>&1 \
  | grep -v "DEBUG\|createStockShader\|NNPACK"
echo "bench exit ${PIPESTATUS[0]}"
