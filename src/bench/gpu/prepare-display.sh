#!/usr/bin/env bash
# Packs an X display for a lent GPU machine (which has no X server, no GTK and no network) into the git-ignored
# .gpu-x11-1/ (Mesa's LLVM, Z3 and ICU's data: the three largest libraries) and .gpu-x11-2/ (the rest), each an
# xz tarball small enough to travel with a call. Needs apt-get (Debian 12). Then, there, after run.sh's setup:
#
#   bash src/bench/gpu/display.sh unpack            # with .gpu-x11-1, then .gpu-x11-2 carried: adds that part
#   bash src/bench/gpu/display.sh bench OUT MODEL   # Xvfb, JavaFX on the GPU through GLX, `bench ui --model`
#
# `prepare-display.sh check ROOT` runs display.sh in ROOT, a minimal Debian (debootstrap --variant=minbase bookworm
# ROOT), with only the packed files, a Java runtime and the application added, on Mesa's software GLX and the CPU:
# it proves the files are complete (run as root; it bind-mounts /proc, /sys and /dev into ROOT).
set -euo pipefail
cd "$(dirname "$0")/../../.."
lib=usr/lib/x86_64-linux-gnu
big=("$lib/libLLVM-15.so.1" "$lib/libz3.so.4" "$lib/libicudata.so.72" "$lib/libicudata.so.72.1")

if [ "${1:-}" = check ]; then
  chroot_dir=${2:?usage: $0 check ROOT}
  [ -f target/metroscope.jar ] || { echo "build first: mvn package -DskipTests" >&2; exit 1; }
  . src/bench/gpu/common.sh
  gpu=$chroot_dir$root
  rm -rf "$gpu" && mkdir -p "$gpu/app" "$chroot_dir/repo"
  jlink --add-modules "$jre_modules" --strip-debug --no-header-files --no-man-pages --output "$gpu/jre"
  (cd "$gpu/app" && unzip -q "$OLDPWD/target/metroscope.jar")
  git ls-files -z -co --exclude-standard | tar cf - --null -T - | tar xf - -C "$chroot_dir/repo"
  cp -r .gpu-x11-1 .gpu-x11-2 "$chroot_dir/repo/"
  # A minimal Debian has no xz; the lent machines have it (run.sh unpacks .gpu's tarballs with it).
  command -v xz >/dev/null && cp "$(command -v xz)" "$chroot_dir/usr/local/bin/"
  for d in proc sys dev dev/shm; do mountpoint -q "$chroot_dir/$d" || mount --bind "/$d" "$chroot_dir/$d"; done
  chroot "$chroot_dir" bash -c 'cd /repo && bash src/bench/gpu/display.sh unpack'
  chroot "$chroot_dir" bash -c 'cd /repo && GLX_VENDOR=mesa DEVICE=cpu FRAMES=30 \
    bash src/bench/gpu/display.sh bench /tmp/display-check assets/models/body-demo'
  exit 0
fi

grep -qx '/.gpu-x11-\*/' .gitignore || { echo "expected /.gpu-x11-*/ in .gitignore" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/debs" "$work/x11"
(cd "$work/debs" && apt-get download $(grep -v '^#' "$OLDPWD/src/bench/gpu/display-packages.txt") >/dev/null)
for f in "$work"/debs/*.deb; do dpkg -x "$f" "$work/x11"; done
rm -rf "$work"/x11/usr/share/{doc,locale,man,bug,lintian}
# Mesa's drivers are one file hard-linked under every driver's name; the X server's GLX needs the software one.
find "$work/x11/$lib/dri" -name '*_dri.so' ! -name swrast_dri.so -delete
rm -rf .gpu-x11-1 .gpu-x11-2 && mkdir .gpu-x11-1 .gpu-x11-2
(cd "$work/x11" && tar cf - "${big[@]}" | xz -T0 -9 > "$OLDPWD/.gpu-x11-1/x11.tar.xz")
excludes=(); for f in "${big[@]}"; do excludes+=(--exclude "./$f"); done
(cd "$work/x11" && tar cf - "${excludes[@]}" . | xz -T0 -9 > "$OLDPWD/.gpu-x11-2/x11.tar.xz")
du -sh .gpu-x11-1 .gpu-x11-2
