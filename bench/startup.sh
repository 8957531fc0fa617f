#!/usr/bin/env bash
# Start-up time of a packaged tool: median wall time of N runs of `dist/bin/<tool> ARGS...`
# (default `--version`), with the class-data-sharing archive and without it (VT_CDS=off).
#   usage: bench/startup.sh [TOOL] [RUNS] [ARGS...]   (after ./mvnw -q -DskipTests package)
#   e.g.   bench/startup.sh quantum 10 simulate --prs 3
set -euo pipefail
cd "$(dirname "$0")/.."
tool=${1:-dep-ci}
runs=${2:-10}
shift $(($# > 2 ? 2 : $#))
[[ $# -gt 0 ]] || set -- --version
launcher=dist/bin/$tool
[[ -x $launcher ]] || { echo "startup.sh: $launcher missing; run ./mvnw -q -DskipTests package" >&2; exit 2; }

median_ms() {  # runs the command $runs times, prints the median wall time in ms
  local times=() start end
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
}

"$launcher" "$@" >/dev/null 2>&1   # makes sure the archive exists
with=$(median_ms "$launcher" "$@")
without=$(VT_CDS=off median_ms "$launcher" "$@")
plain=$(median_ms java -Xshare:auto -version)
echo "java: $(java -version 2>&1 | head -1)"
printf '%-40s %8s\n' "command (median of $runs)" "ms"
printf '%-40s %8s\n' "$launcher $* (CDS archive)" "$with"
printf '%-40s %8s\n' "$launcher $* (VT_CDS=off)" "$without"
printf '%-40s %8s\n' "java -version (JVM floor)" "$plain"
awk -v a="$with" -v b="$without" 'BEGIN { printf "archive speed-up: %.2fx\n", b / a }'
