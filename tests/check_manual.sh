#!/bin/sh
# check_manual.sh -- the manual builds from the current sources without
# any makeinfo error or warning, in Info and HTML, and every public
# function of INDEX has a reference entry (its @deftypefn line and a
# function-index entry).  Builds into a scratch directory, so the check
# does not depend on a stale doc/.  Ends with "N passed, N failed[, N
# skipped]" for tests/run_tests.sh.
#
# usage: sh check_manual.sh SRCDIR   (environment: MAKEINFO)
set -u
srcdir=${1:-.}
MAKEINFO=${MAKEINFO:-makeinfo}
passed=0
failed=0
check () {   # check NAME OK [DETAIL]
  if [ "$2" = 0 ]; then
    echo "PASS: $1"; passed=$((passed + 1))
  else
    echo "FAIL: $1${3:+ -- $3}"; failed=$((failed + 1))
  fi
}
if ! $MAKEINFO --version >/dev/null 2>&1; then
  echo "SKIP: makeinfo not found, the manual is not built"
  echo "0 passed, 0 failed, 1 skipped"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# the generator refuses an INDEX function without a docstring
printf 'x >> y\nCat\n hlnn_no_such_function\n' > "$tmp/INDEX"
perl "$srcdir/doc/mkfuncdoc.pl" "$tmp/INDEX" "$srcdir/mfiles" > /dev/null 2> "$tmp/err"
rc=$?
check "mkfuncdoc.pl rejects an INDEX entry without a docstring (rc $rc)" \
  $([ $rc -ne 0 ] && grep -q 'hlnn_no_such_function' "$tmp/err"; echo $?)

# generate as make does, then build
echo "@set VERSION check" > "$tmp/version.texi"
perl "$srcdir/doc/mkfuncdoc.pl" "$srcdir/INDEX" "$srcdir/mfiles" > "$tmp/functions.texi"
check "function reference generated from INDEX and the docstrings" $?
sh "$srcdir/doc/mkmdinclude.sh" "$srcdir/doc/results.md" 'make reproduce' > "$tmp/results.texi" &&
  sh "$srcdir/doc/mkmdinclude.sh" "$srcdir/doc/performance.md" 'make bench' > "$tmp/performance.texi"
check "results chapters generated" $?
# a copy beside the fresh fragments: makeinfo looks in the directory of
# its input first, where an in-tree build keeps the previous ones
cp "$srcdir/doc/hlnn.texi" "$tmp/hlnn.texi"
for fmt in info html plaintext; do
  case $fmt in
    info) out="$tmp/hlnn.info"; flag= ;;
    html) out="$tmp/html"; flag=--html ;;
    plaintext) out="$tmp/hlnn.txt"; flag=--plaintext ;;
  esac
  $MAKEINFO $flag -o "$out" "$tmp/hlnn.texi" \
    > "$tmp/$fmt.log" 2>&1
  rc=$?
  n=$(wc -l < "$tmp/$fmt.log")
  check "makeinfo $fmt: rc $rc, $n lines of errors or warnings" \
    $([ $rc -eq 0 ] && [ "$n" -eq 0 ]; echo $?) "$(head -n 5 "$tmp/$fmt.log")"
done
[ -e "$tmp/html/index.html" ]
check "HTML manual has index.html ($(ls "$tmp/html" 2>/dev/null | wc -l) pages)" $?

# every public function: a definition line in the text and an index entry
fns=$(sed -n 's/^ \{1,\}\([A-Za-z_][A-Za-z0-9_]*\) *$/\1/p' "$srcdir/INDEX")
nf=0
missing=
for fn in $fns; do
  nf=$((nf + 1))
  if ! grep -q -E "^ -- hlnn: (.* )?$fn( |\\(|$)" "$tmp/hlnn.txt" 2>/dev/null ||
     ! grep -a -q "^\\* $fn:" "$tmp/hlnn.info" 2>/dev/null; then
    missing="$missing $fn"
  fi
done
check "all $nf INDEX functions have a reference entry and an index entry" \
  $([ -z "$missing" ] && [ "$nf" -gt 0 ]; echo $?) "missing:$missing"
lines=$(cat "$tmp/hlnn.txt" 2>/dev/null | wc -l)
echo "manual: $lines lines of plain text, $nf functions in the reference"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
