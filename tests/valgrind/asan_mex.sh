#!/bin/sh
# asan_mex.sh -- the MEX session of check-valgrind (mex_session.m: success
# paths and every fuzz case) with gateways built under AddressSanitizer
# and UBSan, loaded into an ordinary octave-cli through LD_PRELOAD.
#
# Run from a build tree configured with --enable-asan after `make` (which
# builds src/core/libhlnn.a with the sanitizers):
#   ./configure --enable-asan && make && sh tests/valgrind/asan_mex.sh
# Octave itself is not instrumented, so leak detection is off; huge
# requested allocations must come back NULL (allocator_may_return_null),
# as the gateways handle that.  Prints "N passed, N failed".
set -u
srcdir=$(cd "${srcdir:-.}" && pwd)
builddir=$(cd "${builddir:-.}" && pwd)
OCTAVE=${OCTAVE:-octave-cli}
lib="$builddir/src/core/libhlnn.a"
nm "$lib" 2>/dev/null | grep -q __asan || {
  echo "$lib is not built with --enable-asan"; echo "0 passed, 1 failed"; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
san="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined -g -O1"
inc="-I$srcdir/src/core -I$srcdir/src/mex $(pkg-config --cflags gsl)"
for f in hlnn_mex_model hlnn_mex_objective; do
  CFLAGS="$san -std=c99 -fPIC" mkoctfile --mex -c $inc -o "$out/$f.o" "$srcdir/src/mex/$f.c" || exit 1
done
for g in "$srcdir"/src/mex/*_mex.c; do
  n=$(basename "$g" .c)
  (cd "$out" && CFLAGS="$san -std=c99 -fPIC" LDFLAGS="-shared -fsanitize=address,undefined" \
    mkoctfile --mex $inc -o "$out/$n.mex" "$g" "$out/hlnn_mex_model.o" \
    "$out/hlnn_mex_objective.o" "$lib" $(pkg-config --libs gsl | sed 's/-lgslcblas//') \
    -lopenblas -lm) || exit 1
done
log="$builddir/tests/logs/asan-mex-session.log"
mkdir -p "$(dirname "$log")"
LD_PRELOAD="$(gcc -print-file-name=libasan.so):$(gcc -print-file-name=libubsan.so)" \
ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
  "$OCTAVE" -q --no-window-system --norc --path "$srcdir/mfiles" --path "$out" \
  --path "$srcdir/tests/octave" "$srcdir/tests/valgrind/mex_session.m" > "$log" 2>&1
rc=$?
grep '^mex session' "$log"
if [ $rc -eq 0 ] && ! grep -q 'ERROR: AddressSanitizer\|runtime error' "$log"; then
  echo "PASS: MEX session under ASan + UBSan, no report (log $log)"; echo "1 passed, 0 failed"
else
  echo "FAIL: MEX session under ASan + UBSan (rc $rc, see $log)"; echo "0 passed, 1 failed"; exit 1
fi
