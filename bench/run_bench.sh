#!/bin/sh
# run_bench.sh -- hlnn vs PyTorch, same work, same run (make bench).
# Writes bench/results/results.jsonl, results.csv and the table on stdout;
# with --doc also doc/performance.md.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
OCTAVE=${OCTAVE:-octave-cli}
PY=/usr/bin/python3
out="$here/results"
mkdir -p "$out/cases"
: > "$out/results.jsonl"
# Two rounds, alternating the sides: the machines here drift by 20-40 %
# over minutes, so each case's time is the best of its two measurements
# on each side (report.py takes the minimum), and a slow phase of the
# machine does not fall on one side only.
have_torch=no
if $PY -c 'import torch, scipy' 2>/dev/null; then
  have_torch=yes
else
  echo "PyTorch (python3-torch, python3-scipy) not installed: hlnn side only"
fi
for round in 1 2; do
  echo "hlnn side, round $round of 2..."
  "$OCTAVE" -q --no-window-system --path "$top/mfiles" --path "${HLNN_MEX:-$top/mex}" \
    --path "$here" --eval "bench_hlnn ('$out/cases', [1 2])" > "$out/hlnn.log" 2>&1
  grep '^{' "$out/hlnn.log" >> "$out/results.jsonl"
  # octave 7 on Debian prints this at exit after --eval, harmlessly
  if grep '^error' "$out/hlnn.log" | grep -qv 'ignoring const execution_exception' \
     || ! grep -q '^{' "$out/hlnn.log"; then
    echo "run_bench.sh: the hlnn side failed (bench/results/hlnn.log):" >&2
    grep -v '^{' "$out/hlnn.log" | tail -20 >&2
    exit 1
  fi
  if [ $have_torch = yes ]; then
    echo "PyTorch side, round $round of 2..."
    $PY "$here/bench_torch.py" "$out/cases" 1 2 >> "$out/results.jsonl"
  fi
done
$PY "$here/report.py" "$out/results.jsonl" "$out/results.csv" "$@"
