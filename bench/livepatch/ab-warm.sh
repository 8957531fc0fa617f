#!/usr/bin/env bash
# Interleaved A/B of a first `livepatch sync` of the benchmark tree (2,000 files + 20 MB) by two
# packaged CLIs into one warm agent: the agent (DIST_B's) first takes two full syncs, then each
# round syncs the whole tree with A and with B, each into a new empty --dest, alternating which
# goes first. Isolates the CLI's side of a first sync from the agent's JIT warm-up, which
# bench/livepatch/ab-initial.sh (a fresh agent per sync) includes. Prints, per variant, the
# median and range of wall time, the median CPU time of the CLI (user+sys) and of the agent during
# the sync, and the median of the per-round differences.
#
# Usage: bench/livepatch/ab-warm.sh DIST_A DIST_B [ROUNDS]   (DIST: a dist/ folder; 6 rounds)
# Env:   BENCH_FILES (2000); BENCH_KEEP=1 keeps the work directory; COMPRESSION_A /
#        COMPRESSION_B (auto, zstd, lz4: LIVEPATCH_SYNC_COMPRESSION for each variant's CLI, to
#        compare codecs on one dist; a CLI older than that setting ignores it).
# The agent's root grows by the tree's size (~230 MB) per sync and is deleted at the end: on an
# ext4 without a journal, wait a few minutes before the next benchmark (see docs/benchmarks.md).
ROUNDS=${3:-6}
# shellcheck source=ab-common.sh
. "$(dirname "$0")/ab-common.sh" "$1" "$2" livepatch-ab-warm

export HOME=$WORK/home XDG_CACHE_HOME=$WORK/home/cache
mkdir -p "$HOME" "$WORK/root"

"$DIST_B/bin/livepatch-agent" --root "$WORK/root" --listen 127.0.0.1:0 --certs "$WORK/certs" \
  >"$WORK/agent.out" 2>&1 &
AGENT_PID=$!
AGENT_PIDS+=("$AGENT_PID")
for _ in $(seq 1 300); do grep -q "listening on" "$WORK/agent.out" && break; sleep 0.1; done
ADDR=$(grep -o '127.0.0.1:[0-9]*' "$WORK/agent.out" | head -1)
for warm in warm-1 warm-2; do
  "$DIST_B/bin/livepatch" sync "$WORK/src" --agent "$ADDR" --certs "$WORK/certs" --dest "$warm" \
    >/dev/null
done

run_once() { # variant dist dest -> "variant wall_ms cli_cpu_ms=N agent_cpu_ms=N"
  local start end a0 a1 compression=COMPRESSION_$1
  a0=$(cpu_ticks "$AGENT_PID")
  start=$(date +%s%3N)
  LIVEPATCH_SYNC_COMPRESSION=${!compression:-auto} /usr/bin/time -f "%U %S" -o "$WORK/time" \
    "$2/bin/livepatch" sync "$WORK/src" --agent "$ADDR" --certs "$WORK/certs" --dest "$3" >/dev/null
  end=$(date +%s%3N)
  a1=$(cpu_ticks "$AGENT_PID")
  diff -r "$WORK/src" "$WORK/root/$3" >/dev/null || { echo "variant $1: result differs" >&2; exit 1; }
  echo "$1 $((end - start)) cli_cpu_ms=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$WORK/time")" \
    "agent_cpu_ms=$(((a1 - a0) * 1000 / $(getconf CLK_TCK)))"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  if (( round % 2 )); then
    run_once A "$DIST_A" "a$round"
    run_once B "$DIST_B" "b$round"
  else
    run_once B "$DIST_B" "b$round"
    run_once A "$DIST_A" "a$round"
  fi
done >"$WORK/runs"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$ROOT/bench/ab-summary.py" "$WORK/runs" "$DIST_A ${COMPRESSION_A:-}" \
  "$DIST_B ${COMPRESSION_B:-}"
