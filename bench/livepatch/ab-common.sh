# Sourced by bench/livepatch/ab-*.sh with DIST_A DIST_B and a name for the work folder: sets
# ROOT, DIST_A, DIST_B and WORK, makes the benchmark tree ($WORK/src, BENCH_FILES files, 2000 by
# default; BENCH_SHAPE=small for many small ones, see make-tree.py) and certificates
# ($WORK/certs), and on exit stops the agents in AGENT_PIDS and removes WORK (BENCH_KEEP=1 keeps
# it).
set -euo pipefail
[[ -n "${1:-}" && -n "${2:-}" ]] || { echo "usage: $0 DIST_A DIST_B [ROUNDS]" >&2; exit 2; }
# Every sync here is a JVM of its own, as a CI job runs it: CI=true keeps a sync from leaving a
# livepatch daemon for the next (bench/livepatch/compare.sh measures the daemon), and no sync
# looks in the user's runtime folder for one.
export CI=true
unset XDG_RUNTIME_DIR

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DIST_A=$(cd "$1" && pwd)
DIST_B=$(cd "$2" && pwd)
WORK=$(mktemp -d "/tmp/$3.XXXXXX")
AGENT_PIDS=()

cleanup() {
  for pid in "${AGENT_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [[ "${BENCH_KEEP:-0}" == 1 ]] || rm -rf "$WORK"
}
trap cleanup EXIT

python3 "$ROOT/bench/livepatch/make-tree.py" "$WORK/src" "${BENCH_FILES:-2000}"
(cd "$WORK" && VT_CDS=off "$DIST_A/bin/livepatch" certs init --dir certs >/dev/null)

# CPU time (user+sys, clock ticks) a process has used so far.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
