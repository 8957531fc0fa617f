#!/usr/bin/env bash
# Interleaved A/B of `livepatch sync` after a 1-line edit, for two packaged distributions (say a
# build of main and one of a branch) on a machine shared with other work: each round edits one
# line of one file, then runs A and B against their own agents, alternating which goes first.
# Prints, per variant, the median and range of wall time and of CPU time (user+sys of the CLI,
# from /usr/bin/time), the median of the per-round differences, and the load average before and
# after.
#
# Usage: bench/livepatch/ab-edit.sh DIST_A DIST_B [ROUNDS]   (DIST: a dist/ folder; 10 rounds)
# Each dist runs in place, so the class-data-sharing archive it was packaged with is measured.
# Env: BENCH_FILES (2000); BENCH_KEEP=1 keeps the work directory; CLI_OPTS_A / CLI_OPTS_B extra
#      JVM options for each variant's CLI (VT_JAVA_OPTS), to compare two settings of one dist.
ROUNDS=${3:-10}
# shellcheck source=ab-common.sh
. "$(dirname "$0")/ab-common.sh" "$1" "$2" livepatch-ab

start_agent() { # variant dist
  mkdir -p "$WORK/$1/root" "$WORK/$1/home"
  # The agent's launcher execs java (it never trains an archive as its child), so the cleanup's
  # kill reaches the JVM.
  "$2/bin/livepatch-agent" --root "$WORK/$1/root" --listen 127.0.0.1:0 \
    --certs "$WORK/certs" >"$WORK/$1/agent.out" 2>&1 &
  AGENT_PIDS+=($!)
  for _ in $(seq 1 300); do grep -q "listening on" "$WORK/$1/agent.out" && break; sleep 0.1; done
  grep -o '127.0.0.1:[0-9]*' "$WORK/$1/agent.out" | head -1 >"$WORK/$1/addr"
}

sync_once() { # variant dist -> "variant wall_ms cpu_ms=N"
  local start end opts_var=CLI_OPTS_$1
  start=$(date +%s%3N)
  VT_JAVA_OPTS=${!opts_var:-} HOME=$WORK/$1/home XDG_CACHE_HOME=$WORK/$1/home/cache \
    /usr/bin/time -f "%U %S" \
    -o "$WORK/$1/time" "$2/bin/livepatch" sync "$WORK/src" --agent "$(cat "$WORK/$1/addr")" \
    --certs "$WORK/certs" --delete >/dev/null
  end=$(date +%s%3N)
  echo "$1 $((end - start)) cpu_ms=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$WORK/$1/time")"
}

start_agent A "$DIST_A"
start_agent B "$DIST_B"
sync_once A "$DIST_A" >/dev/null # initial syncs, not measured
sync_once B "$DIST_B" >/dev/null

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  python3 - "$WORK/src/pkg00/file0000.txt" "$round" <<'PY'
import sys
path, round_ = sys.argv[1], sys.argv[2]
lines = open(path, "rb").read().split(b"\n")
lines[len(lines) // 2] = b"edited line for the benchmark, round " + round_.encode()
open(path, "wb").write(b"\n".join(lines))
PY
  if (( round % 2 )); then
    sync_once A "$DIST_A"; sync_once B "$DIST_B"
  else
    sync_once B "$DIST_B"; sync_once A "$DIST_A"
  fi
done >"$WORK/runs"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$ROOT/bench/ab-summary.py" "$WORK/runs" "$DIST_A ${CLI_OPTS_A:-}" "$DIST_B ${CLI_OPTS_B:-}"
