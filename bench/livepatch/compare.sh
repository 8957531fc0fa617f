#!/usr/bin/env bash
# Compares `livepatch sync` with `rsync -a --no-whole-file` through an rsync daemon, both on
# loopback, on the scenarios of issue 4. Prints bytes (sent+received, as each tool reports its own
# payload) and wall time per scenario, with ratios, as a Markdown table.
#
# Usage: bench/livepatch/compare.sh            (after ./mvnw -q -DskipTests install or package)
# Env:   LIVEPATCH / LIVEPATCH_AGENT  commands to run (default: java on the installed module jars
#        with a class-data-sharing archive trained by a dry run); BENCH_DIST=1 uses dist/bin/*
#        instead; BENCH_FILES (2000); BENCH_KEEP=1 keeps the work directory;
#        BENCH_REPEAT (5) runs of each quick scenario (1-line edit, no change), median reported;
#        BENCH_RETRAIN_CDS=1 deletes a packaged launcher's livepatch class-data-sharing archive (the
#        package step trains it with --help only) so the dry run below retrains it on a sync.
# With BENCH_DIST=1 the CLI runs as a developer's shell runs it: the first sync starts the
# livepatch daemon and later syncs are served by it; the quick scenarios are also timed with
# --no-daemon (a JVM of their own each), in the same rounds, as extra rows.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FILES=${BENCH_FILES:-2000}
WORK=$(mktemp -d /tmp/livepatch-bench.XXXXXX)
AGENT_PID=""
AGENT2_PID=""
RSYNCD_PID=""
DAEMON=0

cleanup() {
  [[ "$DAEMON" == 1 ]] && $LIVEPATCH daemon stop >/dev/null 2>&1 || true
  [[ -n "$AGENT_PID" ]] && kill "$AGENT_PID" 2>/dev/null || true
  [[ -n "$AGENT2_PID" ]] && kill "$AGENT2_PID" 2>/dev/null || true
  [[ -n "$RSYNCD_PID" ]] && kill "$RSYNCD_PID" 2>/dev/null || true
  [[ "${BENCH_KEEP:-0}" == 1 ]] || rm -rf "$WORK"
}
trap cleanup EXIT

if ! command -v rsync >/dev/null; then
  echo "installing rsync..." >&2
  (apt-get update -qq && apt-get install -y -qq rsync) >&2
fi

launcher() { # module main-class jvm-flags -> command line, with a class-data-sharing archive
  local module=$1 main=$2 flags=$3 cp
  cp=$(mktemp "$WORK/cp.XXXX")
  (cd "$ROOT" && ./mvnw -q -pl "$module" dependency:build-classpath -Dmdep.outputFile="$cp") >&2
  echo "java $flags -XX:SharedArchiveFile=$WORK/$module.jsa -Xshare:auto -cp $ROOT/$module/target/$module-0.1.0-SNAPSHOT.jar:$(cat "$cp") $main"
}
# The module jars as last installed (default), or the packaged launchers with BENCH_DIST=1.
if [[ -z "${LIVEPATCH:-}" ]]; then
  if [[ "${BENCH_DIST:-0}" == 1 ]]; then LIVEPATCH="$ROOT/dist/bin/livepatch"
  else LIVEPATCH=$(launcher livepatch-cli dev.velocitytrinity.livepatch.cli.LivePatchCli \
    "-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC"); fi
fi
if [[ -z "${LIVEPATCH_AGENT:-}" ]]; then
  if [[ "$LIVEPATCH" == "$ROOT/dist/bin/livepatch" ]]; then LIVEPATCH_AGENT="$ROOT/dist/bin/livepatch-agent"
  else LIVEPATCH_AGENT=$(launcher livepatch-agent dev.velocitytrinity.livepatch.agent.cli.LivePatchAgentCli \
    "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"); fi
fi
echo "livepatch: $LIVEPATCH" | cut -c1-160 >&2
# The packaged launcher has the daemon; java on the module jars does not (no vt.home).
[[ "$LIVEPATCH" == */dist/bin/livepatch ]] && DAEMON=1

SRC=$WORK/src LP_DST=$WORK/lp-root RS_DST=$WORK/rsync-root
LP_DST2=$WORK/lp-root2 RS_DST2=$WORK/rsync-root2 RS_DST3=$WORK/rsync-root3
mkdir -p "$SRC" "$LP_DST" "$RS_DST" "$LP_DST2" "$RS_DST2" "$RS_DST3"
export HOME=$WORK/home XDG_CACHE_HOME=$WORK/cache
# A developer's shell: not CI (so a sync leaves a daemon), and this run's own daemon folder
# (under XDG_CACHE_HOME) rather than the user's runtime folder.
export CI=false
unset XDG_RUNTIME_DIR
mkdir -p "$HOME"

echo "generating $FILES files (1-200 KB, text-like) + one 20 MB file..." >&2
python3 "$ROOT/bench/livepatch/make-tree.py" "$SRC" "$FILES"

# livepatch agent on loopback with fresh certificates
# VT_CDS=off: the packaged launcher trains its class-data-sharing archive on its first run, and
# that should be a sync (below), not this.
(cd "$WORK" && VT_CDS=off $LIVEPATCH certs init --dir certs >/dev/null)
# The agent's launcher execs java (a server never trains an archive as the launcher's child), so
# $AGENT_PID is the JVM itself and the cleanup's kill reaches it.
$LIVEPATCH_AGENT --root "$LP_DST" --listen 127.0.0.1:0 --certs "$WORK/certs" >"$WORK/agent.out" 2>"$WORK/agent.err" &
AGENT_PID=$!
for _ in $(seq 1 300); do grep -q "listening on" "$WORK/agent.out" 2>/dev/null && break; sleep 0.1; done
LP_PORT=$(grep -o '127.0.0.1:[0-9]*' "$WORK/agent.out" | head -1 | cut -d: -f2)
[[ -n "$LP_PORT" ]] || { echo "agent did not start:" >&2; cat "$WORK/agent.err" >&2; exit 1; }

# rsync daemon on loopback
RS_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$WORK/rsyncd.conf" <<CONF
pid file = $WORK/rsyncd.pid
use chroot = no
[dst]
  path = $RS_DST
  read only = false
  uid = $(id -u)
  gid = $(id -g)
[dst3]
  path = $RS_DST3
  read only = false
  uid = $(id -u)
  gid = $(id -g)
[dst2]
  path = $RS_DST2
  read only = false
  uid = $(id -u)
  gid = $(id -g)
CONF
rsync --daemon --no-detach --address=127.0.0.1 --port="$RS_PORT" --config="$WORK/rsyncd.conf" &
RSYNCD_PID=$!
for _ in $(seq 1 100); do (echo >/dev/tcp/127.0.0.1/"$RS_PORT") 2>/dev/null && break; sleep 0.1; done

# Train the CLI's class-data-sharing archive with a dry run (changes nothing); the packaged
# launcher trains its own on first use.
TRAIN=$LIVEPATCH
[[ "$LIVEPATCH" == java* ]] && TRAIN=${LIVEPATCH/-XX:SharedArchiveFile=/-XX:ArchiveClassesAtExit=}
if [[ "${BENCH_RETRAIN_CDS:-0}" == 1 && "$LIVEPATCH" != java* ]]; then
  rm -rf "$(dirname "$LIVEPATCH")"/../lib/cds/livepatch
fi
$TRAIN sync "$SRC" --agent "127.0.0.1:$LP_PORT" --certs "$WORK/certs" --dry-run --no-daemon >/dev/null 2>"$WORK/cds.log" || true

now_ms() { date +%s%3N; }

run_livepatch() { # [extra sync flags...]
  local start end out
  start=$(now_ms)
  out=$($LIVEPATCH sync "$SRC" --agent "127.0.0.1:$LP_PORT" --certs "$WORK/certs" --delete "$@")
  end=$(now_ms)
  LP_MS=$((end - start))
  LP_BYTES=$(sed -n 's/.*sent \([0-9]*\) bytes, received \([0-9]*\) bytes.*/\1 \2/p' <<<"$out" | awk '{print $1+$2}')
  diff -r -x .livepatch-agent "$SRC" "$LP_DST" >/dev/null || { echo "livepatch result differs" >&2; exit 1; }
}

await_daemon() { # the first sync starts the daemon in the background; a second later it listens
  [[ "$DAEMON" == 1 ]] || return 0
  for _ in $(seq 1 100); do $LIVEPATCH daemon status >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "the livepatch daemon did not start" >&2; exit 1
}

rsync_bytes() { # rsync --stats output -> bytes sent plus received
  local sent recv
  sent=$(sed -n 's/^Total bytes sent: \([0-9,]*\).*/\1/p' <<<"$1" | tr -d ,)
  recv=$(sed -n 's/^Total bytes received: \([0-9,]*\).*/\1/p' <<<"$1" | tr -d ,)
  echo $((sent + recv))
}

run_rsync_into() { # rsyncd-module destination-folder [extra rsync flags...]
  local module=$1 dest=$2 start out
  shift 2
  start=$(now_ms)
  out=$(rsync -a --no-whole-file "$@" --stats "$SRC/" "rsync://127.0.0.1:$RS_PORT/$module/")
  RS_MS=$(( $(now_ms) - start ))
  RS_BYTES=$(rsync_bytes "$out")
  diff -r "$SRC" "$dest" >/dev/null || { echo "rsync result differs ($module)" >&2; exit 1; }
}

run_rsync() { run_rsync_into dst "$RS_DST" --delete; }

# Reference: the same JVM doing nothing but start, parse and print (no TLS, no sync).
start=$(now_ms); $LIVEPATCH --version >/dev/null; VERSION_MS=$(( $(now_ms) - start ))

ROWS=()
add_row() { # name: appends the last LP_*/RS_* figures as a table row
  ROWS+=("$(awk -v n="$1" -v lb="$LP_BYTES" -v rb="$RS_BYTES" -v lm="$LP_MS" -v rm="$RS_MS" \
    'BEGIN { printf "| %s | %d | %d | %.3f | %d | %d | %.2f |", n, lb, rb, (rb ? lb / rb : 0), lm, rm, (rm ? lm / rm : 0) }')")
  echo "${ROWS[-1]}" >&2
}

scenario() { # name; runs both tools alternately (order flips each scenario)
  if (( ${#ROWS[@]} % 2 == 0 )); then run_livepatch; run_rsync; else run_rsync; run_livepatch; fi
  add_row "$1"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)) }'; }

# The quick scenarios are over in a few hundred milliseconds, where one run on a shared machine can
# be off by tens of them: each runs BENCH_REPEAT times (5), alternating which tool goes first, and
# the row shows the median times (bytes are the same every time).
REPEAT=${BENCH_REPEAT:-5}
FIRST_SERVED_MS=""
repeated_scenario() { # name prepare-function
  local lp=() rs=() cold=() r
  for r in $(seq 1 "$REPEAT"); do
    "$2" "$r"
    if (( r % 2 )); then run_livepatch; run_rsync; else run_rsync; run_livepatch; fi
    [[ -n "$FIRST_SERVED_MS" ]] || FIRST_SERVED_MS=$LP_MS
    lp+=("$LP_MS"); rs+=("$RS_MS")
    if [[ "$DAEMON" == 1 ]]; then
      "$2" "$r-cold"
      run_livepatch --no-daemon
      cold+=("$LP_MS")
    fi
  done
  echo "$1: livepatch ${lp[*]} ms; rsync ${rs[*]} ms${cold:+; --no-daemon ${cold[*]} ms}" >&2
  LP_MS=$(printf '%s\n' "${lp[@]}" | median)
  RS_MS=$(printf '%s\n' "${rs[@]}" | median)
  add_row "$1 (median of $REPEAT)"
  if [[ "$DAEMON" == 1 ]]; then
    LP_MS=$(printf '%s\n' "${cold[@]}" | median)
    add_row "$1, without the daemon (--no-daemon, median of $REPEAT)"
  fi
}

edit_line() { # file [text]: replace one line in the middle
  python3 - "$1" "${2:-edited line for the benchmark}" <<'PY'
import sys
p = sys.argv[1]
data = open(p, "rb").read().split(b"\n")
data[len(data) // 2] = sys.argv[2].encode()
open(p, "wb").write(b"\n".join(data))
PY
}
edit_first_file() { edit_line "$SRC/pkg00/file0000.txt" "edited line for the benchmark, round $1"; }
no_edit() { :; }

scenario "full initial sync"
# For context, not a target: the same first sync by rsync with --fsync, which flushes each file to
# disk as livepatch's agent does before it renames a change set into place (plain rsync leaves
# the data in the page cache). Compared with the livepatch run above.
run_rsync_into dst3 "$RS_DST3" --fsync
add_row "full initial sync, against rsync --fsync (durable on disk, as livepatch's apply; context only)"
await_daemon
repeated_scenario "1-line edit in 1 file" edit_first_file
for i in $(seq 1 10); do
  f=$(printf "%s/pkg%02d/file%04d.txt" "$SRC" $((i % 40)) "$i")
  if [[ -f "$f" ]]; then edit_line "$f"; fi
done
python3 - "$SRC/big.bin" <<'PY'
import os, sys
p = sys.argv[1]
data = open(p, "rb").read()
mid = len(data) // 2
data = data[:mid] + os.urandom(50).hex().encode() + data[mid:] + os.urandom(512).hex().encode()
open(p, "wb").write(data)
PY
scenario "1-line edit in 10 files + 1 KB appended to and 100 B inserted in the 20 MB file"
repeated_scenario "no change" no_edit
for i in $(seq 100 149); do
  f=$(printf "%s/pkg%02d/file%04d.txt" "$SRC" $((i % 40)) "$i")
  if [[ -f "$f" ]]; then mv "$f" "${f%.txt}.renamed.txt"; fi
done
scenario "rename of 50 files"
for i in $(seq 200 299); do rm -f "$(printf "%s/pkg%02d/file%04d.txt" "$SRC" $((i % 40)) "$i")"; done
scenario "deletion of 100 files"

# A first sync into a new, empty agent (a restarted container), with the daemon already warm.
if [[ "$DAEMON" == 1 ]]; then
  $LIVEPATCH_AGENT --root "$LP_DST2" --listen 127.0.0.1:0 --certs "$WORK/certs" >"$WORK/agent2.out" 2>&1 &
  AGENT2_PID=$!
  for _ in $(seq 1 300); do grep -q "listening on" "$WORK/agent2.out" 2>/dev/null && break; sleep 0.1; done
  LP2_PORT=$(grep -o '127.0.0.1:[0-9]*' "$WORK/agent2.out" | head -1 | cut -d: -f2)
  start=$(now_ms)
  out=$($LIVEPATCH sync "$SRC" --agent "127.0.0.1:$LP2_PORT" --certs "$WORK/certs" --delete)
  LP_MS=$(( $(now_ms) - start ))
  LP_BYTES=$(sed -n 's/.*sent \([0-9]*\) bytes, received \([0-9]*\) bytes.*/\1 \2/p' <<<"$out" | awk '{print $1+$2}')
  diff -r -x .livepatch-agent "$SRC" "$LP_DST2" >/dev/null || { echo "livepatch result differs" >&2; exit 1; }
  run_rsync_into dst2 "$RS_DST2" --delete
  add_row "full initial sync into a second, empty agent, served by the warm daemon"
fi

echo
echo "Host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1);"
echo "$(rsync --version | head -1). \`livepatch --version\` alone took $VERSION_MS ms."
[[ "$DAEMON" == 1 ]] && echo "The first sync served by the newly started daemon took $FIRST_SERVED_MS ms (one of the first quick row's runs)."
echo
echo "| scenario | livepatch bytes | rsync bytes | bytes ratio | livepatch ms | rsync ms | time ratio |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${ROWS[@]}"
