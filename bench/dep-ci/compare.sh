#!/usr/bin/env bash
# dep-ci against dependency-cruiser (with typescript beside it) and madge, in one run, on the
# shared corpora and a synthetic 10,000-file repository. Prints per corpus: files, edges, agreement
# with dependency-cruiser on relative imports, cold/warm wall times and the ratios to each peer.
# The timed dep-ci command is `dep-ci graph` (the whole graph, one edge per line); cold deletes
# .dep-ci/ first, warm reruns on the unchanged tree. Peers are timed producing their JSON.
#
#   usage: bench/dep-ci/compare.sh            (after ./mvnw -q -DskipTests package)
#   env:   DEP_CI=path/to/dep-ci launcher (default dist/bin/dep-ci), REPS=3 (runs per timing,
#          median kept), VT_SHARED (default ../shared beside the repository),
#          BENCH_SYNTHETIC_PEERS=0 to skip the peers on the synthetic repository.
# Peers and corpora are cached outside the repository under ${XDG_CACHE_HOME:-~/.cache}.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
shared=${VT_SHARED:-$repo/../shared}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/velocity-bench
dep_ci=${DEP_CI:-$repo/dist/bin/dep-ci}
reps=${REPS:-3}
here=$repo/bench/dep-ci

die() { echo "compare.sh: error: $*" >&2; exit "${2:-3}"; }
[[ -x $dep_ci ]] || die "$dep_ci is missing: run ./mvnw -q -DskipTests package first, or set DEP_CI"
command -v node >/dev/null || die "node is needed for the peers (dependency-cruiser, madge)"
[[ -f $shared/corpora/fetch.sh ]] || die "no $shared/corpora/fetch.sh: set VT_SHARED"

# Peers, pinned: dependency-cruiser 17.4.x is the newest that runs on Node 20.
tools=$cache/node-tools
if [[ ! -x $tools/node_modules/.bin/depcruise || ! -x $tools/node_modules/.bin/madge ]]; then
  mkdir -p "$tools"
  [[ -f $tools/package.json ]] || echo '{"name":"velocity-bench-tools","private":true}' >"$tools/package.json"
  (cd "$tools" && npm install --no-audit --no-fund --silent \
    dependency-cruiser@17.4.3 typescript@5.9.3 madge@8.0.0)
fi
depcruise=$tools/node_modules/.bin/depcruise
madge=$tools/node_modules/.bin/madge

work=$cache/results
mkdir -p "$work"

timing=$(mktemp)
trap 'rm -f "$timing"' EXIT
# "WALL_MS CPU_MS" of one command (output discarded). CPU time (user + system, children
# included) is reported beside wall time because the machine is shared: wall time swings with
# other people's load, CPU time much less.
measure() {
  /usr/bin/time -f '%e %U %S' -o "$timing" "$@" >/dev/null 2>&1 || true
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' "$timing"
}
# The run with the median wall time out of REPS; "prep" is evaluated before each run.
timed() {
  local prep=$1; shift
  for _ in $(seq "$reps"); do
    eval "$prep"
    measure "$@"
  done | sort -n | awk '{ row[NR] = $0 } END { print row[int((NR + 1) / 2)] }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.1fx", a / b }'; }
rss_kb() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }

# Commands as arrays (not functions) so /usr/bin/time can run them.
cruise=("$depcruise" --no-config --ts-pre-compilation-deps --output-type json
  --exclude '(^|/)(node_modules|\.dep-ci)/' .)
madge_run=("$madge" --json --extensions ts,tsx,mts,cts,js,jsx,mjs,cjs .)
# dep-ci parsing with the tree-sitter runtime the binding ships instead of the -O2 build.
binding=(env "VT_JAVA_OPTS=${VT_JAVA_OPTS:-} -Ddepci.tree-sitter.runtime=binding" "$dep_ci")

# Prime the launcher's class-data-sharing archive so no timed run pays for recording it.
"$dep_ci" --version >/dev/null

printf '%s\n' "dep-ci $("$dep_ci" --version 2>/dev/null | head -1), dependency-cruiser $("$depcruise" --version), madge $("$madge" --version), node $(node --version), $(nproc) cores, load $(cut -d ' ' -f 1-3 /proc/loadavg)"
# The floor under every dep-ci time: JVM start, picocli and the shared CLI runner, no analysis.
read -r version_wall version_cpu < <(timed ':' "$dep_ci" --version)
printf 'dep-ci --version: %s ms wall, %s ms cpu (median of %s)\n' "$version_wall" "$version_cpu" "$reps"
echo 'times in ms as wall/cpu; ratios are peer wall / dep-ci cold wall (cpu ratio in brackets);'
echo 'cold_binding: dep-ci cold with the binding'"'"'s own (unoptimised) tree-sitter runtime'
row() { printf '%-14s %6s %6s %6s %8s %8s %12s %11s %13s %12s %12s %13s %13s %6s\n' "$@"; }
row corpus files edges rel precision recall depci_cold depci_warm cold_binding cruise madge cruise/cold madge/cold rss_MB

compare_ts() {
  local name=$1 dir=$2 out=$work/$1
  (
    cd "$dir"
    "$dep_ci" graph --as json --no-cache >"$out.depci.json"
    "${cruise[@]}" >"$out.cruise.json"
    "${madge_run[@]}" >"$out.madge.json"
    local cw cc ww wc bw bc rw rc mw mc rss files edges ours precision recall
    read -r cw cc < <(timed 'rm -rf .dep-ci' "$dep_ci" graph)
    read -r ww wc < <(timed ':' "$dep_ci" graph)
    read -r bw bc < <(timed 'rm -rf .dep-ci' "${binding[@]}" graph)
    read -r rw rc < <(timed ':' "${cruise[@]}")
    read -r mw mc < <(timed ':' "${madge_run[@]}")
    rm -rf .dep-ci
    rss=$(rss_kb "$dep_ci" graph)
    read -r files edges _ _ _ _ ours _ precision recall _ _ < <(node "$here/edges.mjs" summary \
      "$out.depci.json" "$out.cruise.json" "$out.madge.json" "$out.diff.txt")
    row "$name" "$files" "$edges" "$ours" "$precision" "$recall" "$cw/$cc" "$ww/$wc" "$bw/$bc" "$rw/$rc" \
      "$mw/$mc" "$(ratio "$rw" "$cw") ($(ratio "$rc" "$cc"))" "$(ratio "$mw" "$cw") ($(ratio "$mc" "$cc"))" \
      $((rss / 1024))
  )
}

compare_py() {
  local name=$1 dir=$2 out=$work/$1
  (
    cd "$dir"
    "$dep_ci" graph --as json --no-cache >"$out.depci.json"
    local cw cc ww wc bw bc rss files edges
    read -r cw cc < <(timed 'rm -rf .dep-ci' "$dep_ci" graph)
    read -r ww wc < <(timed ':' "$dep_ci" graph)
    read -r bw bc < <(timed 'rm -rf .dep-ci' "${binding[@]}" graph)
    rm -rf .dep-ci
    rss=$(rss_kb "$dep_ci" graph)
    read -r files edges < <(node "$here/edges.mjs" count "$out.depci.json")
    row "$name" "$files" "$edges" - - - "$cw/$cc" "$ww/$wc" "$bw/$bc" - - - - $((rss / 1024))
  )
}

while IFS=$'\t' read -r spec path; do
  case $spec in
    python3-django)
      # Analyse from dist-packages so `import django.x` resolves against the source root.
      compare_py django "$(dirname "$(find "$path" -type d -path '*dist-packages/django' | head -1)")" ;;
    *) compare_ts "${spec%@*}" "$path" ;;
  esac
done < <(bash "$shared/corpora/fetch.sh")

synthetic=$cache/synthetic-10k
[[ -f $synthetic/src/feature199/module9999.ts ]] || bash "$here/gen-synthetic.sh" "$synthetic" 10000 >/dev/null
if [[ ${BENCH_SYNTHETIC_PEERS:-1} == 1 ]]; then
  compare_ts synthetic-10k "$synthetic"
else
  compare_py synthetic-10k "$synthetic"
fi
echo "edge differences per corpus: $work/<corpus>.diff.txt; load at the end $(cut -d ' ' -f 1-3 /proc/loadavg)"
