#!/usr/bin/env bash
# Interleaved A/B of a first `livepatch sync` of the benchmark tree (2,000 files + 20 MB) into a
# fresh agent, for two packaged distributions or two sets of JVM options. Each round starts a new
# agent per variant on an empty root, warms it with one --dry-run (as compare.sh does), then times
# the initial sync, alternating which variant goes first. Prints, per variant, the median and range
# of wall time, and the median CPU time of the CLI (user+sys) and of the agent during the sync.
#
# Usage: bench/livepatch/ab-initial.sh DIST_A DIST_B [ROUNDS]   (DIST: a dist/ folder; 4 rounds)
# Env:   AGENT_OPTS_A / AGENT_OPTS_B  extra JVM options for each variant's agent (VT_JAVA_OPTS);
#        CLI_OPTS_A / CLI_OPTS_B for each variant's CLI; BENCH_FILES (2000); BENCH_KEEP=1;
#        BENCH_SHAPE=small for many small files instead (see make-tree.py).
# Agent roots are moved aside rather than deleted between rounds: on an ext4 without a journal,
# files created right after many deletions in the same block group take much longer to allocate.
ROUNDS=${3:-4}
# shellcheck source=ab-common.sh
. "$(dirname "$0")/ab-common.sh" "$1" "$2" livepatch-ab-initial

run_once() { # variant dist agent-opts cli-opts -> "variant wall_ms cli_cpu_ms=N agent_cpu_ms=N"
  local dir=$WORK/$1/$(date +%s%N) addr start end a0 a1
  mkdir -p "$dir/root" "$dir/home"
  # The agent's launcher execs java (it never trains an archive as its child), so $AGENT_PID is
  # the JVM itself.
  VT_JAVA_OPTS="$3" "$2/bin/livepatch-agent" --root "$dir/root" \
    --listen 127.0.0.1:0 --certs "$WORK/certs" >"$dir/agent.out" 2>&1 &
  AGENT_PID=$!
  AGENT_PIDS+=("$AGENT_PID")
  for _ in $(seq 1 300); do grep -q "listening on" "$dir/agent.out" && break; sleep 0.1; done
  addr=$(grep -o '127.0.0.1:[0-9]*' "$dir/agent.out" | head -1)
  export HOME=$dir/home XDG_CACHE_HOME=$dir/home/cache
  VT_JAVA_OPTS="$4" "$2/bin/livepatch" sync "$WORK/src" --agent "$addr" --certs "$WORK/certs" \
    --dry-run >/dev/null
  a0=$(cpu_ticks "$AGENT_PID")
  start=$(date +%s%3N)
  VT_JAVA_OPTS="$4" /usr/bin/time -f "%U %S" -o "$dir/time" "$2/bin/livepatch" sync "$WORK/src" \
    --agent "$addr" --certs "$WORK/certs" >/dev/null
  end=$(date +%s%3N)
  a1=$(cpu_ticks "$AGENT_PID")
  diff -r -x .livepatch-agent "$WORK/src" "$dir/root" >/dev/null \
    || { echo "variant $1: result differs" >&2; exit 1; }
  kill "$AGENT_PID"; wait "$AGENT_PID" 2>/dev/null || true
  echo "$1 $((end - start)) cli_cpu_ms=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$dir/time")" \
    "agent_cpu_ms=$(((a1 - a0) * 1000 / $(getconf CLK_TCK)))"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  if (( round % 2 )); then
    run_once A "$DIST_A" "${AGENT_OPTS_A:-}" "${CLI_OPTS_A:-}"
    run_once B "$DIST_B" "${AGENT_OPTS_B:-}" "${CLI_OPTS_B:-}"
  else
    run_once B "$DIST_B" "${AGENT_OPTS_B:-}" "${CLI_OPTS_B:-}"
    run_once A "$DIST_A" "${AGENT_OPTS_A:-}" "${CLI_OPTS_A:-}"
  fi
done >"$WORK/runs"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$ROOT/bench/ab-summary.py" "$WORK/runs" "$DIST_A ${AGENT_OPTS_A:-} ${CLI_OPTS_A:-}" \
  "$DIST_B ${AGENT_OPTS_B:-} ${CLI_OPTS_B:-}"
