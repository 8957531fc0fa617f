#!/bin/sh
# Runs after the launchers and libraries are in place: trains each tool's class-data-sharing
# archive with a representative start (--help) and writes the shell completion scripts.
set -eu
dist=$1
mkdir -p "$dist/completion"
for tool in dep-ci livepatch livepatch-agent quantum; do
  "$dist/bin/$tool" --help >/dev/null
  "$dist/bin/$tool" completion >"$dist/completion/$tool.bash"
done
