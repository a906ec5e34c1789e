#!/usr/bin/env node
/**
 * Build step after tsc: zod (95 ESM files, most of them locales) is bundled into one file,
 * dist/vendor/zod.js, and the compiled modules import that file instead of the package. Every
 * process loads zod (the configuration is validated with it), and one file loads in about half the
 * time (~30 ms against ~65 ms here) and holds ~6 MB less RSS than 95: a faster start for each
 * command and less memory for each process of the mesh. The sources and the tests import `zod`
 * as usual; the bundle is the same code.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
const target = join(dist, 'vendor', 'zod.js');

await build({
  input: fileURLToPath(new URL('./vendor-zod-entry.mjs', import.meta.url)),
  platform: 'node',
  logLevel: 'warn',
  output: { file: target, format: 'esm' },
});

/** Every .js file under `dir` (the vendor folder is the bundle itself). */
function* modules(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (p !== dirname(target)) yield* modules(p);
    } else if (e.name.endsWith('.js')) yield p;
  }
}

let rewritten = 0;
for (const file of modules(dist)) {
  const text = readFileSync(file, 'utf8');
  if (!text.includes('zod')) continue;
  const path = relative(dirname(file), target);
  const next = text.replace(/(\bfrom\s*)(['"])zod\2/g, `$1'${path.startsWith('.') ? path : `./${path}`}'`);
  if (next !== text) {
    writeFileSync(file, next);
    rewritten++;
  }
}
if (rewritten === 0) throw new Error('vendor.mjs: no compiled module imports zod; is dist/ built?');
