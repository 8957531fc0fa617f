#!/usr/bin/env bash
# Generates the synthetic TypeScript repository used to measure dep-ci at scale.
#   usage: bench/dep-ci/gen-synthetic.sh OUT_DIR [FILES]   (default 10000 module files)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[[ $# -ge 1 ]] || { echo "usage: $0 OUT_DIR [FILES]" >&2; exit 2; }
exec node "$here/gen-synthetic.mjs" "$1" "${2:-10000}"
