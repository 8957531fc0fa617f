#!/bin/sh
# Runs after the launchers and libraries are in place: trains each tool's class-data-sharing
# archive on representative work (a launcher records its archive on its first run) and writes the
# shell completion scripts.
set -eu
dist=$1
java_home=${2:-${JAVA_HOME:-}}
jar_cmd=jar
[ -n "$java_home" ] && [ -x "$java_home/bin/jar" ] && jar_cmd=$java_home/bin/jar
mkdir -p "$dist/completion"

# Netty looks for its BoringSSL binding on java.library.path before copying it (3 MB) out of its
# jar into a temporary file on every start: unpack the bindings once, next to dep-ci's native
# runtime; the launcher points java.library.path there.
mkdir -p "$dist/lib/native"
for jar in "$dist"/lib/netty-tcnative-boringssl-static-*-*.jar; do
  [ -f "$jar" ] || continue
  unpack=$(mktemp -d "${TMPDIR:-/tmp}/tcnative.XXXXXX")
  (cd "$unpack" && "$jar_cmd" xf "$jar" META-INF/native)
  cp "$unpack"/META-INF/native/* "$dist/lib/native/"
  rm -rf "$unpack"
done
# zstd-jni and lz4-java likewise copy their libraries to a temporary file on every start (zstd's
# is ~1 MB), unless java.library.path has them; a container with a read-only or noexec /tmp cannot
# load them that way at all. Unpack the ones for this machine (a distribution copied to another
# platform falls back to the libraries' own copies).
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64 | Linux-amd64) native_platform=linux/amd64 ;;
  Linux-aarch64 | Linux-arm64) native_platform=linux/aarch64 ;;
  Darwin-x86_64) native_platform=darwin/x86_64 ;;
  Darwin-arm64) native_platform=darwin/aarch64 ;;
  *) native_platform= ;;
esac
unpack_native() { # jar folder-inside-the-jar
  [ -f "$1" ] && [ -n "$native_platform" ] || return 0
  unpack=$(mktemp -d "${TMPDIR:-/tmp}/native.XXXXXX")
  (cd "$unpack" && "$jar_cmd" xf "$1" "$2")
  cp "$unpack/$2"/* "$dist/lib/native/" 2>/dev/null || true
  rm -rf "$unpack"
}
for jar in "$dist"/lib/zstd-jni-*.jar; do unpack_native "$jar" "$native_platform"; done
for jar in "$dist"/lib/lz4-java-*.jar; do unpack_native "$jar" "net/jpountz/util/$native_platform"; done
# picocli is compiled for Java 5, and class-data sharing cannot archive class files that old: every
# run of every tool loaded and verified its ~170 classes from the jar (~35 ms of each start).
# Compile the same release from its sources jar for Java 17 and put it in the jar's place; if
# anything fails, the jar stays as Maven Central ships it. String concatenation is compiled to
# StringBuilder calls, as in our own modules (see the parent pom), so it spins no method handles.
picocli_sources=${3:-}
picocli_jar=$(ls "$dist"/lib/picocli-[0-9]*.jar 2>/dev/null | head -1)
if [ -n "$picocli_sources" ] && [ -f "$picocli_sources" ] && [ -n "$picocli_jar" ] \
  && [ -n "$java_home" ] && [ -x "$java_home/bin/javac" ]; then
  pc=$(mktemp -d "${TMPDIR:-/tmp}/picocli.XXXXXX")
  mkdir -p "$pc/src" "$pc/classes" "$pc/manifest"
  if (cd "$pc/src" && "$jar_cmd" xf "$picocli_sources") \
    && "$java_home/bin/javac" --release 17 -XDstringConcat=inline -nowarn -encoding UTF-8 \
      -d "$pc/classes" \
      $(find "$pc/src" -name '*.java' ! -name module-info.java) \
    && (cd "$pc/manifest" && "$jar_cmd" xf "$picocli_jar" META-INF/MANIFEST.MF) \
    && "$jar_cmd" cfm "$pc/picocli.jar" "$pc/manifest/META-INF/MANIFEST.MF" -C "$pc/classes" .; then
    mv -f "$pc/picocli.jar" "$picocli_jar"
  else
    echo "finish-dist: could not recompile picocli for Java 17; keeping the Java 5 jar" >&2
  fi
  rm -rf "$pc"
fi

# dep-ci's archive is trained on real work instead: a cold `graph` on a tiny TypeScript + Python
# fixture loads the scanner, tree-sitter, resolvers, caches and report classes that every analysis
# needs (--help alone leaves them to be loaded from the jars on each run).
depci_fixture=$(mktemp -d "${TMPDIR:-/tmp}/dep-ci-cds.XXXXXX")
mkdir -p "$depci_fixture/src/pkg"
printf '%s\n' 'import { b } from "./b";' 'import type { C } from "./c.js";' 'export * from "./b";' \
  'const d = require("./d.cjs");' 'export const a = () => import("./c");' >"$depci_fixture/src/a.ts"
printf '%s\n' 'export const b = 1;' >"$depci_fixture/src/b.tsx"
printf '%s\n' 'export interface C { x: number }' >"$depci_fixture/src/c.ts"
printf '%s\n' 'module.exports = {};' >"$depci_fixture/src/d.cjs"
printf '%s\n' 'from . import mod' >"$depci_fixture/src/pkg/__init__.py"
printf '%s\n' 'import os' 'from pkg import mod' >"$depci_fixture/src/pkg/mod.py"
(cd "$depci_fixture" && "$dist/bin/dep-ci" graph >/dev/null)

# livepatch's archive and the agent's are trained on a real sync (TLS, gRPC, delta engine) between
# a throwaway agent and the CLI on loopback; an archive trained on --help alone leaves ~4,000
# classes to load from the jars on every sync. The agent records an archive only when told to
# (VT_CDS=train), and only as it exits: its launcher then runs it as a child, which is stopped with
# SIGTERM so that the launcher can put the archive in place.
lp=$(mktemp -d "${TMPDIR:-/tmp}/livepatch-cds.XXXXXX")
agent_pid=
stop_agent() {
  if [ -n "$agent_pid" ]; then
    pkill -TERM -P "$agent_pid" 2>/dev/null || kill "$agent_pid" 2>/dev/null || true
    wait "$agent_pid" 2>/dev/null || true
    agent_pid=
  fi
}
cleanup() {
  stop_agent
  rm -rf "$depci_fixture" "$lp"
}
trap cleanup EXIT INT TERM
VT_CDS=off "$dist/bin/livepatch" certs init --dir "$lp/certs" >/dev/null
mkdir -p "$lp/src/sub" "$lp/app/sub"
printf 'hello\n' >"$lp/src/a.txt"
seq 1 12000 >"$lp/src/sub/big.txt"
# The agent's copy of big.txt differs by one line, so the first sync (the run that records the
# archive) also loads the signature, delta-encoding and zstd classes of a 1-line edit.
sed 's/^6000$/six thousand/' "$lp/src/sub/big.txt" >"$lp/app/sub/big.txt"
# Created first: the background job opens it in its own process, possibly after the loop below
# first reads it (and a failed read would end this script under set -e).
: >"$lp/agent.out"
VT_CDS=train "$dist/bin/livepatch-agent" --root "$lp/app" --listen 127.0.0.1:0 --certs "$lp/certs" \
  >"$lp/agent.out" 2>&1 &
agent_pid=$!
port=
tries=0
while [ -z "$port" ] && [ $tries -lt 300 ]; do
  port=$(sed -n 's/^livepatch-agent: listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$lp/agent.out")
  [ -n "$port" ] || { kill -0 "$agent_pid" 2>/dev/null || break; sleep 0.1; }
  tries=$((tries + 1))
done
if [ -n "$port" ]; then
  # The syncs look for a daemon in an empty private folder (so the archive holds the classes of
  # that look-up too) and, as CI runs do, start none.
  mkdir -p "$lp/run" && mkdir -m 700 "$lp/run/velocity-trinity"
  XDG_RUNTIME_DIR=$lp/run CI=true \
    "$dist/bin/livepatch" sync "$lp/src" --agent "127.0.0.1:$port" --certs "$lp/certs" >/dev/null
  printf 'changed\n' >"$lp/src/a.txt"
  XDG_RUNTIME_DIR=$lp/run CI=true \
    "$dist/bin/livepatch" sync "$lp/src" --agent "127.0.0.1:$port" --certs "$lp/certs" >/dev/null
  stop_agent
else
  echo "finish-dist: the training agent did not start; livepatch's archives are trained on --help" >&2
  cat "$lp/agent.out" >&2
  stop_agent
  VT_CDS=train "$dist/bin/livepatch-agent" --help >/dev/null
fi
cleanup

# quantum's archive: the simulator (planner, embedded Redis store, report) is its usual first run.
"$dist/bin/quantum" simulate --prs 3 >/dev/null

for tool in dep-ci livepatch livepatch-agent quantum; do
  "$dist/bin/$tool" --help >/dev/null
  "$dist/bin/$tool" completion >"$dist/completion/$tool.bash"
done
