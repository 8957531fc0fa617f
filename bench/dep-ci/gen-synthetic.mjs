// Writes a deterministic synthetic TypeScript repository: N files in feature folders, each
// importing a few earlier files (relative, index, .js-suffixed, type-only, re-export, dynamic).
// usage: node gen-synthetic.mjs OUT_DIR [FILES]
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';

const out = process.argv[2];
const files = Number(process.argv[3] ?? 10000);
if (!out || !Number.isInteger(files) || files < 10) {
  console.error('usage: node gen-synthetic.mjs OUT_DIR [FILES>=10]');
  process.exit(2);
}
rmSync(out, { recursive: true, force: true });
let seed = 42;
const rand = (n) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const perFolder = 50;
const pathOf = (i) => `src/feature${Math.floor(i / perFolder)}/module${i}.ts`;
const spec = (from, to) => {
  let r = relative(dirname(from), to).replace(/\.ts$/, '');
  return r.startsWith('.') ? r : './' + r;
};
for (let i = 0; i < files; i++) {
  const path = pathOf(i);
  const lines = [];
  const imports = i === 0 ? 0 : 1 + rand(5);
  for (let k = 0; k < imports; k++) {
    const target = pathOf(rand(i));
    const s = spec(path, target);
    const style = rand(10);
    if (style < 5) lines.push(`import { value${k} } from '${s}';`);
    else if (style < 7) lines.push(`import type { Shape } from '${s}.js';`);
    else if (style < 8) lines.push(`export { value as reexport${k} } from '${s}';`);
    else if (style < 9) lines.push(`const lazy${k} = () => import('${s}');`);
    else lines.push(`import * as ns${k} from '${s}';`);
  }
  lines.push(`import { z } from 'zod';`);
  lines.push(`export interface Shape { id: number; name: string }`);
  lines.push(`export const value = ${i};`);
  for (let k = 0; k < imports; k++) lines.push(`export const value${k} = ${k};`);
  lines.push(`export function compute${i}(input: Shape): number {\n  return input.id * ${i} + value;\n}`);
  mkdirSync(join(out, dirname(path)), { recursive: true });
  writeFileSync(join(out, path), lines.join('\n') + '\n');
}
const folders = Math.ceil(files / perFolder);
for (let f = 0; f < folders; f++) {
  const first = f * perFolder;
  const exports = [];
  for (let i = first; i < Math.min(files, first + perFolder); i++) exports.push(`export * from './module${i}';`);
  writeFileSync(join(out, `src/feature${f}/index.ts`), exports.join('\n') + '\n');
}
writeFileSync(join(out, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext' } }, null, 2));
console.log(`${files + folders} files in ${out}`);
