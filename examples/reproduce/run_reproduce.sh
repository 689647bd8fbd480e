#!/bin/sh
# run_reproduce.sh -- `make reproduce`: every task of examples/reproduce as
# its own octave-cli, REPRO_JOBS of them at a time (default 1), each
# task's output in $HLNN_REPRO_OUT/<task>.log and on the terminal when the
# task ends; then doc/results.md from the saved results (README.md).
# `run_reproduce.sh --task NAME` runs one task (what the loop calls).
set -u
OCTAVE=${OCTAVE:-octave-cli}
here=$(cd "$(dirname "$0")" && pwd)
HLNN_MEX=${HLNN_MEX:-$here/../../mex}
HLNN_REPRO_OUT=${HLNN_REPRO_OUT:-$here/../../doc/reproduce}
export HLNN_REPRO_OUT
mkdir -p "$HLNN_REPRO_OUT"
if [ "${1:-}" = "--task" ]; then
  t=$2
  log="$HLNN_REPRO_OUT/$t.log"
  echo "--- start $t ($(date +%T))"
  # HLNN_REPRO_PATH: directories (colon-separated) searched before the
  # tree's own, e.g. a branch's build of an API not yet on this one
  "$OCTAVE" -q --no-window-system ${HLNN_REPRO_PATH:+--path "$HLNN_REPRO_PATH"} \
    --path "$here/../../mfiles" --path "$HLNN_MEX" \
    --path "$here" --eval "graphics_toolkit ('gnuplot'); reproduce_$t" \
    > "$log" 2>&1 || echo "*** $t FAILED"
  # octave 7 on Debian prints this at exit after --eval, harmlessly
  grep -v -e 'ignoring const execution_exception' -e gnuplot -e '^$' "$log"
  echo "--- end $t ($(date +%T))"
  exit 0
fi
tasks=${REPRO_TASKS:-"spring two_body pendulum three_body real_pendulum double_pendulum"}
start=$(date +%s)
for t in $tasks; do echo "$t"; done | xargs -P "${REPRO_JOBS:-1}" -I{} "$0" --task {}
end=$(date +%s)
"$OCTAVE" -q --no-window-system --path "$here/../../mfiles" --path "$here" \
  --eval "reproduce_results ($((end - start)), '${REPRO_COMMAND:-make reproduce}')" 2>&1 \
  | grep -v 'ignoring const execution_exception'
