#!/bin/sh
# bootstrap.sh -- set up a fresh Debian machine for hlnn: install the system
# packages that are missing (needs root or sudo), build, run the demos.
set -eu
cd "$(dirname "$0")"
# fonts-freefont-otf (Octave's text renderer fails without FreeSans) and
# ghostscript (PNG output on the gnuplot toolkit) for the figures;
# octave-parallel for parallel ensembles and sweeps.  apt-get's
# --no-install-recommends leaves all three out.
pkgs="octave liboctave-dev libgsl-dev libopenblas-dev autoconf automake libtool \
pkg-config gnuplot-nox texinfo make gcc fonts-freefont-otf ghostscript \
octave-parallel"
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing="$missing $p"
done
if [ -n "$missing" ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $missing
fi
autoreconf -fi
./configure
make -j"$(nproc)"
make demo
