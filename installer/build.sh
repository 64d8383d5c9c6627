#!/usr/bin/env bash
# Builds the Metroscope desktop package with jpackage.
#   bash installer/build.sh            -> target/installer/Metroscope/ (app-image; run bin/Metroscope)
#   bash installer/build.sh deb        -> target/installer/metroscope_<version>_amd64.deb
# Needs a full JDK 17+ (jpackage), and for .deb: fakeroot and dpkg-deb (binutils).
set -euo pipefail
cd "$(dirname "$0")/.."

type="${1:-app-image}"
case "$type" in app-image|deb) ;; *) echo "usage: $0 [app-image|deb]" >&2; exit 2 ;; esac

jpackage_bin="${JAVA_HOME:+$JAVA_HOME/bin/}jpackage"
command -v "$jpackage_bin" >/dev/null || { echo "jpackage not found: install a full JDK 17+ (openjdk-17-jdk) or set JAVA_HOME" >&2; exit 1; }

[ -f target/metroscope.jar ] || mvn -B -q package -DskipTests

# jpackage wants a plain numeric version: 0.1.0-SNAPSHOT -> 0.1.0.
version=$(unzip -p target/metroscope.jar io/metroscope/version.properties | sed -n 's/^metroscope=//p' | sed 's/-.*//')
jdk_major=$("${jpackage_bin%jpackage}java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')

input=target/jpackage-input
rm -rf "$input" target/installer/Metroscope
mkdir -p "$input" target/installer
cp target/metroscope.jar "$input/"

# The launcher's JVM options (installer/jvm-options.txt, one per line); JDK 24+ also needs native access.
java_options=()
while IFS= read -r opt; do
  [[ -z "$opt" || "$opt" == \#* ]] && continue
  java_options+=(--java-options "$opt")
done < installer/jvm-options.txt
if [ "${jdk_major:-17}" -ge 24 ]; then
  java_options+=(--java-options "--enable-native-access=ALL-UNNAMED")
fi

modules=$(grep -v '^#' installer/modules.txt | tr -s '\n' ',' | sed 's/,$//')

args=(
  --type "$type"
  --name Metroscope
  --app-version "$version"
  --vendor "Metroscope"
  --description "3D human and hand mesh reconstruction with METRO"
  --input "$input"
  --main-jar metroscope.jar
  --main-class io.metroscope.Main
  --add-modules "$modules"
  # jpackage's default also strips bin/java, which start-up needs to check the CPU's convolutions in a child JVM
  # (platform.CpuKernelGuard).
  --jlink-options "--strip-debug --no-man-pages --no-header-files"
  --icon assets/icons/metroscope.png
  --dest target/installer
  "${java_options[@]}"
)
if [ "$type" = deb ]; then
  args+=(
    --linux-package-name metroscope
    --linux-app-category graphics
    --linux-menu-group "Graphics;Science"
    --linux-shortcut
    --linux-package-deps "$(grep -v '^#' installer/deb-depends.txt | tr -s '\n' ',' | sed 's/,$//; s/,/, /g')"
  )
fi

echo "jpackage $type, Metroscope $version, JDK $jdk_major"
"$jpackage_bin" "${args[@]}"
ls -la target/installer
