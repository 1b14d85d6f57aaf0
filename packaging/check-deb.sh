#!/usr/bin/env bash
# Builds the .deb from a configured build directory (default build/dev), installs it on this
# machine with apt (so its dependencies resolve), and runs the installed program headless.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/dev}
desktop-file-validate resources/desktop/org.repscope.RepScope.desktop
appstreamcli validate --no-net --pedantic resources/desktop/org.repscope.RepScope.metainfo.xml
rm -f "$build"/repscope_*.deb
(cd "$build" && cpack -G DEB)
deb=$(ls "$build"/repscope_*.deb)
dpkg-deb --info "$deb" | grep -E 'Package|Version|Depends'
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "./$deb"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/repscope --version
env -u DISPLAY /usr/bin/repscope demo --out "$tmp/demo.h5"
env -u DISPLAY /usr/bin/repscope info "$tmp/demo.h5"
# The desktop package neither ships repscope-mpi nor links MPI itself (README, "On a cluster").
# Only the program's own NEEDED entries count: Debian's VTK 9 is built with MPI, so libmpi is
# always among ldd's indirect libraries.
dpkg-deb -c "$deb" > "$tmp/contents"
objdump -p /usr/bin/repscope | awk '$1 == "NEEDED" {print $2}' > "$tmp/libraries"
if grep -q 'repscope-mpi' "$tmp/contents"; then echo "check-deb: repscope-mpi in $deb"; exit 1; fi
if grep -q 'libmpi' "$tmp/libraries"; then echo "check-deb: /usr/bin/repscope links MPI directly"; exit 1; fi
test -f /usr/share/applications/org.repscope.RepScope.desktop
test -f /usr/share/icons/hicolor/scalable/apps/org.repscope.RepScope.svg
echo "check-deb: $deb installs and runs"
