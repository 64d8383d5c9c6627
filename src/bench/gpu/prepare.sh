#!/usr/bin/env bash
# Packs into .gpu/ (git-ignored) what a lent GPU machine needs to run Metroscope's GPU checks: such a machine has a
# CUDA PyTorch in python3, g++ and CUDA's headers, but no Java and no network. Run here after `mvn package`:
#
#   bash src/bench/gpu/prepare.sh DJL_CHECKOUT MESHTRANSFORMER_CHECKOUT
#
# DJL_CHECKOUT: deepjavalibrary/djl at v0.36.0; MESHTRANSFORMER_CHECKOUT: microsoft/MeshTransformer (only its `metro`
# Python package travels, without the licensed data). Then, on the machine, with .gpu carried:
#
#   bash src/bench/gpu/run.sh OUT_DIR [SECONDS]          (see src/bench/BENCHMARKS.md, "On a GPU")
#
# .gpu/ is ~44 MB; with the 29 MB body demo weights in the tree the transfer passes the 64 MiB limit: move
# assets/models/body-demo aside for the call (run.sh does not use it) and `git checkout assets` after. To continue
# the body demo model on the GPU, see run.sh's INIT (two calls: the first sets up, the second trains).
set -euo pipefail
cd "$(dirname "$0")/../../.."
djl="${1:?usage: $0 DJL_CHECKOUT MESHTRANSFORMER_CHECKOUT}"
mt="${2:?usage: $0 DJL_CHECKOUT MESHTRANSFORMER_CHECKOUT}"
[ -f target/metroscope.jar ] || { echo "build first: mvn package -DskipTests" >&2; exit 1; }
grep -qx '/.gpu/' .git/info/exclude 2>/dev/null || echo '/.gpu/' >> .git/info/exclude
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
rm -rf .gpu && mkdir -p .gpu/djl/engines/pytorch/pytorch-native/src/main .gpu/jni .gpu/mt/metro/modeling/data

# A Java runtime with the modules the command line needs.
. src/bench/gpu/common.sh
jlink --add-modules "$jre_modules" --strip-debug --no-header-files --no-man-pages --output "$work/jre"
tar cf - -C "$work" jre | xz -T0 -6 > .gpu/jre.tar.xz

# The application without what the machine brings or the checks do not use: the CPU libtorch, FFmpeg, the demo
# weights (in the tree), other platforms' natives.
mkdir "$work/app" && (cd "$work/app" && unzip -q "$OLDPWD/target/metroscope.jar")
(cd "$work/app" && rm -rf pytorch/cpu/linux-x86_64/*.so* org/bytedeco/ffmpeg/linux-x86_64 jnilib/*/*/*djl_torch* \
  io/metroscope/assets/models/*/weights.bin nu/pattern/opencv/osx nu/pattern/opencv/windows \
  nu/pattern/opencv/linux/ARMv* nu/pattern/opencv/linux/x86_32 com/sun/jna/{aix,sunos,win,darwin,freebsd,openbsd}* \
  org/sqlite/native/{Windows,Mac,FreeBSD,Linux-Android,Linux-Musl})
tar cf - -C "$work/app" . | xz -T0 -9 > .gpu/app.tar.xz

# DJL's JNI sources, its generated header and the JDK's jni.h (installer/cuda-natives.sh with JNI_HEADERS).
mkdir -p .gpu/djl/api/src/main && cp -r "$djl/api/src/main/native" .gpu/djl/api/src/main/
cp -r "$djl/engines/pytorch/pytorch-native/src/main/native" .gpu/djl/engines/pytorch/pytorch-native/src/main/
javac -cp target/metroscope.jar -h .gpu/jni -d "$work/classes" \
  "$djl/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java"
jdk=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
cp "$jdk/include/jni.h" "$jdk/include/linux/jni_md.h" .gpu/jni/

# The official modules for the side-by-side timings (no licensed data: the harness stubs SMPL/MANO).
(cd "$mt" && tar cf - --exclude=__pycache__ --exclude='metro/modeling/data/*' metro) | tar xf - -C .gpu/mt
cp "$mt/metro/modeling/data/config.py" .gpu/mt/metro/modeling/data/
du -sh .gpu
