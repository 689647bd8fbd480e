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
# glibc's malloc hands tensors above its mmap threshold back to the
# kernel when they are freed, so that PyTorch, which allocates its
# intermediates anew every step, takes page faults on them every step.
# On session 11's machine (a virtual machine, AMD Zen 5) that cost
# PyTorch's spring HNN step 29-38 ms against 10-12 ms with the threshold
# at its largest (perf: 37 % of its samples in the kernel; perf stat:
# 275k page faults in one run of the case, 44k), and its sweep step at
# N = 1e5, width 128, whose tensors are larger than any threshold, 5.4 s
# against 0.62 s with no mmap at all.  Both sides run without mmap and
# keep freed memory; hlnn allocates nothing in its step loop.
export MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=4294967296 \
  MALLOC_TOP_PAD_=268435456
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
