#!/bin/sh
# run_valgrind.sh -- `make check-valgrind`: the C unit tests, then a short
# MEX session in octave-cli, under valgrind memcheck.  A run passes with 0
# errors and 0 bytes definitely lost (leaks of kind "definite" count as
# errors); Octave's own start-up leaks are suppressed by octave.supp.
# Arguments: the C test programs.  Environment: VALGRIND, OCTAVE, srcdir,
# builddir.  Logs go to tests/logs/valgrind-*.log; the last line is
# "N passed, N failed".
set -u
VALGRIND=${VALGRIND:-valgrind}
OCTAVE=${OCTAVE:-octave-cli}
srcdir=${srcdir:-.}
builddir=${builddir:-.}
logs="$builddir/tests/logs"
mkdir -p "$logs"
# one BLAS thread: same arithmetic, less valgrind time
OPENBLAS_NUM_THREADS=1
export OPENBLAS_NUM_THREADS
vg="$VALGRIND --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite --num-callers=30 --error-exitcode=99"
passed=0
failed=0

# report "<what>: N errors, N bytes definitely lost" from log $1 (rc $2)
verdict () {
  errs=$(sed -n 's/.*ERROR SUMMARY: \([0-9,]*\) errors.*/\1/p' "$1" | tail -n 1 | tr -d ,)
  lost=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$1" | tail -n 1 | tr -d ,)
  [ -z "$lost" ] && grep -q 'All heap blocks were freed\|no leaks are possible' "$1" && lost=0
  if [ "$2" -eq 0 ] && [ "${errs:-x}" = 0 ] && [ "${lost:-0}" = 0 ]; then
    passed=$((passed + 1)); v=PASS
  else
    failed=$((failed + 1)); v=FAIL
  fi
  printf '%s: valgrind %-28s %s errors, %s bytes definitely lost (rc %s; %s)\n' \
    "$v" "$3" "${errs:-?}" "${lost:-?}" "$2" "$1"
}

for t in "$@"; do
  name=$(basename "$t")
  log="$logs/valgrind-$name.log"
  $vg "$builddir/$t" > "$log" 2>&1
  verdict "$log" $? "$name"
done

mexdir=$(cd "$builddir/mex" && pwd)
log="$logs/valgrind-mex-session.log"
$vg --suppressions="$srcdir/tests/valgrind/octave.supp" \
  "$OCTAVE" -q --no-window-system --norc --path "$srcdir/mfiles" --path "$mexdir" \
  --path "$srcdir/tests/octave" "$srcdir/tests/valgrind/mex_session.m" > "$log" 2>&1
verdict "$log" $? "MEX session (octave-cli)"
grep '^mex session' "$log"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
