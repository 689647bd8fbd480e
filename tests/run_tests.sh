#!/bin/sh
# run_tests.sh -- every hlnn test; the last line is
# "N passed, N failed, N skipped".
#
# Each suite runs in its own process (C test binaries, one octave-cli per
# .m file) so that a crash is counted as a failure instead of ending the
# run.  Logs go to tests/logs/.  Arguments: the C test programs.
# Environment: OCTAVE, MAKEINFO, srcdir, builddir, PKG_TARBALL, HLNN_TEST_SCOPE
# (all | c), HLNN_TEST_FILTER (only .m tests whose name matches).
set -u
OCTAVE=${OCTAVE:-octave-cli}
srcdir=${srcdir:-.}
builddir=${builddir:-.}
scope=${HLNN_TEST_SCOPE:-all}
filter=${HLNN_TEST_FILTER:-}
logs="$builddir/tests/logs"
mkdir -p "$logs"
passed=0
failed=0
skipped=0

# add "p f [s]" from the last "N passed, N failed[, N skipped]" line of log
# $1, or count a crash (rc $2 non-zero and no summary) as one failure.  A
# skipped test is neither a pass nor a failure; the log's first "SKIP:"
# line says why.
tally () {
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
  s=0
  if [ -z "$line" ]; then
    p=0; f=1
  else
    p=$(echo "$line" | sed 's/ passed.*//')
    f=$(echo "$line" | sed 's/.*passed, \([0-9]*\) failed.*/\1/')
    case "$line" in
      *skipped*) s=$(echo "$line" | sed 's/.*failed, \([0-9]*\) skipped.*/\1/') ;;
    esac
    if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  skipped=$((skipped + s))
  note=
  [ -z "$line" ] && note=" (crashed or timed out, rc $2; see $1)"
  if [ "$s" -gt 0 ]; then
    note=", $s skipped$(grep -m 1 '^SKIP:' "$1" | sed 's/^SKIP:/ --/')"
  fi
  printf '%-8s %-40s %4d passed, %d failed%s\n' "$3" "$4" "$p" "$f" "$note"
}

# static check: the .m API uses only syntax MATLAB accepts
case matlab_syntax in *"$filter"*)
  log="$logs/matlab_syntax_selftest.log"
  perl "$srcdir/tests/check_matlab_syntax.pl" --selftest \
    "$srcdir/tests/matlab_syntax" > "$log" 2>&1
  tally "$log" $? Syntax "checker self-test (fixtures)"
  log="$logs/matlab_syntax.log"
  perl "$srcdir/tests/check_matlab_syntax.pl" "$srcdir"/mfiles/*.m \
    "$srcdir"/mfiles/private/*.m > "$log" 2>&1
  rc=$?
  tally "$log" $rc Syntax "mfiles: MATLAB-compatible syntax"
  [ $rc -eq 0 ] || grep -v -E '^(PASS|[0-9]+ passed)' "$log"
  ;;
esac

# the manual builds cleanly and documents every INDEX function
case manual in *"$filter"*)
  log="$logs/manual.log"
  MAKEINFO="${MAKEINFO:-makeinfo}" timeout 300 sh "$srcdir/tests/check_manual.sh" \
    "$srcdir" > "$log" 2>&1
  rc=$?
  tally "$log" $rc Manual "doc/hlnn.texi builds; INDEX documented"
  [ $rc -eq 0 ] || grep '^FAIL' "$log"
  ;;
esac

for t in "$@"; do
  name=$(basename "$t")
  log="$logs/$name.log"
  timeout 1200 "$builddir/$t" > "$log" 2>&1
  tally "$log" $? C "$name"
  # On an AVX-512 CPU, gemm.c's default route depends on whether OpenBLAS
  # runs its AVX-512 kernels (src/core/gemm.h): the other case too, with
  # OpenBLAS told to run them where the CPU has what they use (OpenBLAS
  # ignores the variable unless it was built for several CPUs, as
  # Debian's is; the log's route line says which kernels ran)
  flags=$(grep -m 1 '^flags' /proc/cpuinfo 2>/dev/null)
  if [ "$name" = test_gemm ] && echo "$flags" | grep -qw avx512f \
     && echo "$flags" | grep -qw avx512bw && echo "$flags" | grep -qw avx512vl \
     && echo "$flags" | grep -qw avx512dq
  then
    log="$logs/${name}_skylakex.log"
    OPENBLAS_CORETYPE=SkylakeX timeout 1200 "$builddir/$t" > "$log" 2>&1
    tally "$log" $? C "$name (OPENBLAS_CORETYPE=SkylakeX)"
  fi
done

if [ "$scope" = all ]; then
  mexdir=$(cd "$builddir/mex" && pwd)
  mdir=$(cd "$srcdir/mfiles" && pwd)
  tdir=$(cd "$srcdir/tests/octave" && pwd)
  for f in "$mdir"/*.m "$tdir"/test_*.m; do
    [ -e "$f" ] || continue
    name=$(basename "$f" .m)
    case "$name" in *"$filter"*) ;; *) continue ;; esac
    log="$logs/$name.log"
    timeout 1800 "$OCTAVE" -q --no-window-system --path "$mdir" --path "$mexdir" \
      --path "$tdir" --eval "hlnn_run_test_file ('$f', '$log.detail')" \
      > "$log" 2>&1
    rc=$?
    # octave 7 on Debian prints this at exit after --eval, harmlessly
    grep -v 'ignoring const execution_exception' "$log" > "$log.tmp"; mv "$log.tmp" "$log"
    tally "$log" $rc Octave "$name"
  done
  if [ -n "${PKG_TARBALL:-}" ] && [ -z "$filter" ]; then
    log="$logs/install.log"
    timeout 1200 sh "$srcdir/tests/install_test.sh" "$builddir/$PKG_TARBALL" > "$log" 2>&1
    tally "$log" $? Install "pkg install/load/uninstall"
  fi
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
