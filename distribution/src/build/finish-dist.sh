#!/bin/sh
# Runs after the launchers and libraries are in place: trains each tool's class-data-sharing
# archive with a representative start (--help) and writes the shell completion scripts.
set -eu
dist=$1
mkdir -p "$dist/completion"
# dep-ci's archive is trained on real work instead: a cold `graph` on a tiny TypeScript + Python
# fixture loads the scanner, tree-sitter, resolvers, caches and report classes that every analysis
# needs (--help alone leaves them to be loaded from the jars on each run).
depci_fixture=$(mktemp -d "${TMPDIR:-/tmp}/dep-ci-cds.XXXXXX")
trap 'rm -rf "$depci_fixture"' EXIT INT TERM
mkdir -p "$depci_fixture/src/pkg"
printf '%s\n' 'import { b } from "./b";' 'import type { C } from "./c.js";' 'export * from "./b";' \
  'const d = require("./d.cjs");' 'export const a = () => import("./c");' >"$depci_fixture/src/a.ts"
printf '%s\n' 'export const b = 1;' >"$depci_fixture/src/b.tsx"
printf '%s\n' 'export interface C { x: number }' >"$depci_fixture/src/c.ts"
printf '%s\n' 'module.exports = {};' >"$depci_fixture/src/d.cjs"
printf '%s\n' 'from . import mod' >"$depci_fixture/src/pkg/__init__.py"
printf '%s\n' 'import os' 'from pkg import mod' >"$depci_fixture/src/pkg/mod.py"
(cd "$depci_fixture" && "$dist/bin/dep-ci" graph >/dev/null)
rm -rf "$depci_fixture"
for tool in dep-ci livepatch livepatch-agent quantum; do
  "$dist/bin/$tool" --help >/dev/null
  "$dist/bin/$tool" completion >"$dist/completion/$tool.bash"
done
