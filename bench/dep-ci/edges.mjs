// Compares dep-ci's relative-import edges with dependency-cruiser's and counts madge's edges.
// usage: node edges.mjs summary DEPCI.json DEPCRUISE.json MADGE.json DIFF_OUT
//        node edges.mjs count DEPCI.json        (files and edges of a dep-ci graph)
import { readFileSync, writeFileSync } from 'node:fs';

const read = (file) => JSON.parse(readFileSync(file, 'utf8'));
const isRelative = (s) => s === '.' || s === '..' || s.startsWith('./') || s.startsWith('../');

const [mode, ...args] = process.argv.slice(2);
if (mode === 'count') {
  const g = read(args[0]);
  console.log(`${g.files.length} ${new Set(g.edges.map((e) => `${e.from}\t${e.to}`)).size}`);
  process.exit(0);
}

const [depciFile, cruiseFile, madgeFile, diffOut] = args;
const depci = read(depciFile);
const cruise = read(cruiseFile);
const madge = read(madgeFile);

// Only files both tools analysed count, so a file type one of them skips is not a "difference".
const cruiseSources = new Set(cruise.modules.filter((m) => !m.coreModule && !m.couldNotResolve).map((m) => m.source));
const depciSources = new Set(depci.files.filter((f) => f.language !== 'other').map((f) => f.path));
const both = (p) => cruiseSources.has(p) && depciSources.has(p);

const ours = new Set();
for (const e of depci.edges) {
  if (isRelative(e.specifier) && both(e.from)) ours.add(`${e.from}\t${e.to}`);
}
const theirs = new Set();
for (const m of cruise.modules) {
  if (!both(m.source)) continue;
  for (const d of m.dependencies) {
    if (d.couldNotResolve || d.coreModule || !isRelative(d.module)) continue;
    theirs.add(`${m.source}\t${d.resolved}`);
  }
}
const common = [...ours].filter((x) => theirs.has(x));
const onlyOurs = [...ours].filter((x) => !theirs.has(x)).sort();
const onlyTheirs = [...theirs].filter((x) => !ours.has(x)).sort();
const madgeEdges = Object.values(madge).reduce((n, deps) => n + deps.length, 0);
writeFileSync(
  diffOut,
  ['# only dep-ci', ...onlyOurs, '', '# only dependency-cruiser', ...onlyTheirs, ''].join('\n'),
);
const pct = (a, b) => (b === 0 ? 'n/a' : ((100 * a) / b).toFixed(2) + '%');
console.log(
  [
    depci.files.length,
    new Set(depci.edges.map((e) => `${e.from}\t${e.to}`)).size,
    cruise.modules.length,
    cruise.summary.totalDependenciesCruised,
    Object.keys(madge).length,
    madgeEdges,
    ours.size,
    theirs.size,
    pct(common.length, ours.size),
    pct(common.length, theirs.size),
    onlyOurs.length,
    onlyTheirs.length,
  ].join(' '),
);
