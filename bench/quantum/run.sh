#!/usr/bin/env bash
# Quantum Merge benchmarks: the simulator table of docs/benchmarks.md, then scheduler decision
# latency and Redis round trips per transition. Uses REDIS_URL when set, else an embedded
# redis-server. Run from anywhere; builds quantum-merge's test classes if needed.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

./mvnw -q -pl quantum-merge test-compile -Dspotless.check.skip
./mvnw -q -pl quantum-merge dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$root/quantum-merge/target/quantum-bench.cp"
cp="quantum-merge/target/test-classes:quantum-merge/target/classes:$(cat quantum-merge/target/quantum-bench.cp)"

echo "== simulator: 500 PRs, build 10m±20%, p_fail 0.1, 8 executors =="
for seed in 1 2 3 4 5; do
  echo "-- seed $seed"
  java -cp "$cp" dev.velocitytrinity.quantum.cli.QuantumCli simulate --prs 500 --arrival-rate 0 \
    --build-time '10m±20%' --p-fail 0.1 --executors 8 --depth 8 --batch-size 4 --seed "$seed"
done

echo "== scheduler decision latency and Redis round trips per transition =="
java -cp "$cp" dev.velocitytrinity.quantum.bench.SchedulerBench "${1:-20000}"
