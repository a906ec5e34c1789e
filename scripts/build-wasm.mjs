#!/usr/bin/env node
/**
 * Compiles the AssemblyScript under wasm/ to WebAssembly and writes each module's bytes, base64,
 * into a TypeScript module under src/ (wasm/csv-scan.ts → src/market/csv-scan-wasm.ts), so tsc
 * carries it into dist/ and the tests load the same bytes as the CLI. The generated file is
 * committed: `npm install` needs no compiler run, and test/market/csv-scan-wasm.test.ts fails when
 * it no longer matches its source. Usage: node scripts/build-wasm.mjs [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const root = fileURLToPath(new URL('..', import.meta.url));
const MODULES = [{ source: 'wasm/csv-scan.ts', target: 'src/market/csv-scan-wasm.ts', name: 'CSV_SCAN_WASM' }];

/** The module's bytes: -O3, no runtime (the module allocates nothing; its host lays out memory). */
export async function compile(source) {
  let wasm;
  const stderr = [];
  const { error } = await asc.main([source, '-O3', '--runtime', 'stub', '--noAssert', '--outFile', 'out.wasm'], {
    readFile: (name, dir) => {
      try {
        return readFileSync(`${dir}/${name}`, 'utf8');
      } catch {
        return null;
      }
    },
    writeFile: (name, bytes) => {
      if (name.endsWith('.wasm')) wasm = Buffer.from(bytes);
    },
    listFiles: () => [],
    stderr: { write: (s) => stderr.push(String(s)) },
    baseDir: root,
  });
  if (error) throw new Error(`${source}: ${error.message}\n${stderr.join('')}`);
  return wasm;
}

export function moduleText(m, wasm) {
  return [
    `/** ${m.source} compiled by scripts/build-wasm.mjs: generated, do not edit (run \`node scripts/build-wasm.mjs\`). */`,
    `export const ${m.name} = '${wasm.toString('base64')}';`,
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const m of MODULES) {
    const text = moduleText(m, await compile(m.source));
    const path = `${root}/${m.target}`;
    let old = null;
    try {
      old = readFileSync(path, 'utf8');
    } catch {
      // Not generated yet.
    }
    if (old === text) continue;
    if (check) {
      console.error(`${m.target} does not match ${m.source}: run node scripts/build-wasm.mjs`);
      stale++;
    } else {
      writeFileSync(path, text);
      console.log(`wrote ${m.target}`);
    }
  }
  process.exit(stale ? 1 : 0);
}
