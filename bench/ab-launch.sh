#!/usr/bin/env bash
# Interleaved A/B of one packaged command: two distributions (say a build of main and one of a
# branch), or one distribution with two sets of JVM options. Each round runs A and B back to back,
# alternating which goes first; prints per variant the median and range of wall time and the median
# CPU time (user+sys), and the median of the per-round differences (bench/ab-summary.py).
#
# Usage: bench/ab-launch.sh DIST_A DIST_B ROUNDS TOOL [ARGS...]   (DIST: a dist/ folder)
#   e.g. bench/ab-launch.sh /tmp/base/dist dist 15 dep-ci --version
#        OPTS_A=-XX:CICompilerCount=2 bench/ab-launch.sh dist dist 15 quantum simulate --prs 3
# Env:   OPTS_A / OPTS_B  extra JVM options for each variant (VT_JAVA_OPTS).
# Each dist runs in place, so the class-data-sharing archive it was packaged with is measured.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIST_A=$(cd "$1" && pwd)
DIST_B=$(cd "$2" && pwd)
ROUNDS=$3
TOOL=$4
shift 4
WORK=$(mktemp -d /tmp/ab-launch.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

run_once() { # variant dist opts args... -> "variant wall_ms cpu_ms=N"
  local variant=$1 dist=$2 opts=$3 start end
  shift 3
  start=$(date +%s%N)
  VT_JAVA_OPTS="$opts" /usr/bin/time -f "%U %S" -o "$WORK/time" "$dist/bin/$TOOL" "$@" \
    >/dev/null 2>&1 || { echo "variant $variant failed: $dist/bin/$TOOL $*" >&2; exit 1; }
  end=$(date +%s%N)
  echo "$variant $(((end - start) / 1000000))" \
    "cpu_ms=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$WORK/time")"
}

"$DIST_A/bin/$TOOL" "$@" >/dev/null 2>&1 # archives trained, caches warm
"$DIST_B/bin/$TOOL" "$@" >/dev/null 2>&1
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  if (( round % 2 )); then
    run_once A "$DIST_A" "${OPTS_A:-}" "$@"; run_once B "$DIST_B" "${OPTS_B:-}" "$@"
  else
    run_once B "$DIST_B" "${OPTS_B:-}" "$@"; run_once A "$DIST_A" "${OPTS_A:-}" "$@"
  fi
done >"$WORK/runs"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$ROOT/bench/ab-summary.py" "$WORK/runs" "$DIST_A ${OPTS_A:-}" "$DIST_B ${OPTS_B:-}"
