#!/bin/sh
# run_demos.sh -- the headline examples of `make demo`, headless; figures
# go to examples/figures/.  The examples are listed in demos.list; the
# script fails if any of them fails.
set -u
OCTAVE=${OCTAVE:-octave-cli}
here=$(pwd)
mkdir -p figures
status=0
out=$(mktemp)
while read -r ex; do
  case "$ex" in ''|'#'*) continue ;; esac
  echo "=== $ex"
  "$OCTAVE" -q --no-window-system --path "$here/../mfiles" --path "$HLNN_MEX" \
    --eval "graphics_toolkit ('gnuplot'); run ('$here/$ex');" > "$out" 2>&1 \
    || { status=1; echo "*** $ex FAILED"; }
  # octave 7 on Debian prints this at exit after --eval, harmlessly
  grep -v 'ignoring const execution_exception' "$out"
done < demos.list
rm -f "$out"
exit $status
