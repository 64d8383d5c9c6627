#!/usr/bin/env bash
# Lets Metroscope run on an NVIDIA GPU through the CUDA build of libtorch inside this machine's PyTorch.
#
#   git clone --branch v0.36.0 --depth 1 https://github.com/deepjavalibrary/djl /tmp/djl
#   bash installer/cuda-natives.sh /tmp/djl [path/to/metroscope.jar]
#
# The jar bundles libtorch's CPU build only (DJL publishes no CUDA natives for its libtorch 2.7.1 on Maven Central).
# This script compiles DJL's JNI layer (libdjl_torch.so, from the DJL checkout; its version must be the bundled
# pytorch-engine's, 0.36.0) against the libtorch of `python3 -c 'import torch'` (PYTHON=... picks another), installs
# it in Metroscope's DJL cache and writes ~/.config/metroscope/libtorch.properties, which Metroscope reads at start.
# Delete that file to go back to the bundled CPU natives. Needs an NVIDIA driver, a CUDA build of PyTorch (checked
# with 2.11.0+cu130 on an H100), g++ and a JDK (javac). Takes about half a minute on 16 cores.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
djl="${1:?usage: $0 DJL_CHECKOUT [METROSCOPE_JAR]}"
jar="${2:-$here/target/metroscope.jar}"
py="${PYTHON:-python3}"
src="$djl/engines/pytorch/pytorch-native/src/main/native"
[ -d "$src" ] || { echo "$djl is not a DJL checkout (no $src)" >&2; exit 1; }
[ -e "$jar" ] || { echo "no Metroscope jar at $jar (build it: mvn package -DskipTests, or pass its path)" >&2; exit 1; }
# JNI_HEADERS: a folder with DJL's generated JNI header, jni.h and jni_md.h, for machines without a JDK
# (src/bench/gpu/prepare.sh makes one); the jar may then be an unpacked jar folder.
[ -n "${JNI_HEADERS:-}" ] || command -v javac >/dev/null \
  || { echo "javac not found: install a JDK 17+ (openjdk-17-jdk) or put it on PATH" >&2; exit 1; }
command -v g++ >/dev/null || { echo "g++ not found: install it (apt install g++)" >&2; exit 1; }
if [ -d "$jar" ]; then props=$(cat "$jar/jnilib/pytorch.properties"); else props=$(unzip -p "$jar" jnilib/pytorch.properties); fi
djl_version=$(sed -n 's/^jni_version=[^-]*-//p' <<< "$props")

read -r torch_dir torch_version cuda abi < <("$py" -c 'import torch, os
print(os.path.dirname(torch.__file__), torch.__version__.split("+")[0], torch.version.cuda or "none",
      int(torch._C._GLIBCXX_USE_CXX11_ABI))') || { echo "$py cannot import torch: install PyTorch or set PYTHON" >&2; exit 1; }
flavor=$([ "$cuda" = none ] && echo cpu || echo "cu${cuda/./}")
if [ "$flavor" = cpu ]; then echo "warning: $py's PyTorch $torch_version is a CPU build: no GPU will be visible" >&2; fi
echo "PyTorch $torch_version ($flavor) at $torch_dir; DJL $djl_version"

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
if [ -n "${JNI_HEADERS:-}" ]; then
  jni_includes="-I$JNI_HEADERS"
else
  javac -cp "$jar" -h "$work/include" -d "$work/classes" \
    "$djl/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java"
  java_home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  jni_includes="-I$work/include -I$java_home/include -I$java_home/include/linux"
fi
defs=""; case $torch_version in 1.13*|2.0.*|2.1.*) defs=-DV1_13_X ;; esac
cuda_flags=""
for d in "${CUDA_HOME:-/usr/local/cuda}/include" $("$py" -c 'import nvidia.cuda_runtime, os
print(os.path.join(list(nvidia.cuda_runtime.__path__)[0], "include"))' 2>/dev/null); do
  [ -f "$d/cuda_runtime_api.h" ] && [ -f "$torch_dir/lib/libtorch_cuda.so" ] && cuda_flags="-DUSE_CUDA -I$d" && break
done
flags="-O2 -fPIC -std=c++17 -w -D_GLIBCXX_USE_CXX11_ABI=$abi $defs -I$torch_dir/include
  -I$torch_dir/include/torch/csrc/api/include -I$djl/api/src/main/native $jni_includes"
mkdir -p "$work/obj"
for f in "$src"/*.cc; do
  o="$work/obj/$(basename "$f" .cc).o"
  # DJL's CUDA extras (stream guard, cache release) need CUDA's headers; without them the file builds without.
  ( [ -n "$cuda_flags" ] && g++ $flags $cuda_flags -c "$f" -o "$o" 2>/dev/null ) || g++ $flags -c "$f" -o "$o" &
done
wait
libs="-lc10 -ltorch -ltorch_cpu"
if [ -f "$torch_dir/lib/libtorch_cuda.so" ]; then libs="$libs -ltorch_cuda -lc10_cuda"; fi
g++ -shared "$work"/obj/*.o -L"$torch_dir/lib" -Wl,--no-as-needed $libs -Wl,-rpath,'$ORIGIN' -o "$work/libdjl_torch.so"

cache="${XDG_CACHE_HOME:-$HOME/.cache}/metroscope/djl/pytorch/$torch_version-$flavor-linux-x86_64"
config="${XDG_CONFIG_HOME:-$HOME/.config}/metroscope"
mkdir -p "$cache" "$config"
install -m 755 "$work/libdjl_torch.so" "$cache/$djl_version-libdjl_torch.so"
# DJL counts GPUs through CUDA's runtime (JNA): the wheel's copy, or the system's.
cudart=$(find "$(dirname "$torch_dir")/nvidia" "$torch_dir/lib" /usr/local/cuda*/lib64 -name 'libcudart.so*' 2>/dev/null | head -1 || true)
{
  echo "# Written by installer/cuda-natives.sh on $(date -u +%F); delete to use the bundled CPU natives."
  echo "PYTORCH_LIBRARY_PATH=$torch_dir/lib"
  echo "PYTORCH_VERSION=$torch_version"
  echo "PYTORCH_FLAVOR=$flavor"
  if [ -n "$cudart" ]; then echo "jna.library.path=$(dirname "$cudart")"; fi
} > "$config/libtorch.properties"
echo "Installed $cache/$djl_version-libdjl_torch.so and $config/libtorch.properties"
if [ -f "$jar" ] && command -v java >/dev/null; then java -jar "$jar" devices; fi
