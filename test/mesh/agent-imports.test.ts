/**
 * Memory of the mesh: each agent process loads only the modules its own work needs. Every agent of
 * the catalogue runs one tick as the guardian starts it (`neolight agent NAME --once`, simulated
 * mode) under a module-load probe, and the test checks what it loaded: its own definition module
 * and no other agent's, no HTTP server, exchange, quote, Telegram, database or Parquet library, and
 * the trading and venue modules only in the SmartTrader. Not timed: memory is measured by the bench.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { agentNames } from '../../src/mesh/registry.js';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli/main.js');
const work = mkdtempSync(join(tmpdir(), 'neolight-imports-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// ESM loads pass the load hook (run off-thread, so it writes to a file); CommonJS requires pass Module._load.
const hooks = join(work, 'hooks.mjs');
writeFileSync(hooks, `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  const r = await next(url, context);
  appendFileSync(process.env.PROBE_OUT, url + '\\n');
  return r;
}
`);
const probe = join(work, 'probe.mjs');
writeFileSync(probe, `import { register, createRequire } from 'node:module';
import { appendFileSync } from 'node:fs';
register(${JSON.stringify(pathToFileURL(hooks).href)});
const Module = createRequire(import.meta.url)('node:module');
const load = Module._load;
Module._load = function (request, parent, ...rest) {
  const r = load.call(this, request, parent, ...rest);
  try { appendFileSync(process.env.PROBE_OUT, 'cjs:' + Module._resolveFilename(request, parent) + '\\n'); } catch {}
  return r;
};
`);

/** Agent name → its definition module under dist/, read from the catalogue's loaders. */
function catalogue(): Map<string, string> {
  const src = readFileSync(join(root, 'src/mesh/registry.ts'), 'utf8');
  const out = new Map<string, string>();
  for (const m of src.matchAll(/name: '([a-z_]+)',(?: host: '[a-z]+',)? load: async \(\) => \(await import\('\.\.\/([^']+)'\)\)/g)) out.set(m[1]!, `dist/${m[2]!}`);
  return out;
}

function loadedModules(agent: string): string[] {
  const out = join(work, `${agent}.modules`);
  const home = mkdtempSync(join(work, `${agent}-`));
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(probe).href, cli, 'agent', agent, '--once', '--home', home], {
    env: { ...process.env, PROBE_OUT: out, NEOLIGHT_MODE: 'sim', NEOLIGHT_LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.status, `${agent}: ${r.stderr}`).toBe(0);
  return [...new Set(readFileSync(out, 'utf8').split('\n').filter(Boolean))];
}

const FORBIDDEN = ['ccxt', 'fastify', '@fastify', 'yahoo-finance2', 'grammy', 'pg', 'kysely', 'hyparquet', 'prom-client'];
const pkgOf = (m: string): string | undefined => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(m)?.[1];

describe('agent processes', () => {
  const agents = catalogue();

  it('reads every entry of the catalogue', () => {
    expect([...agents.keys()]).toEqual(agentNames());
  });

  for (const [agent, own] of agents) {
    it(`${agent} loads its own module and nothing it does not use`, () => {
      const mods = loadedModules(agent);
      const packages = new Set(mods.map(pkgOf).filter((p) => p !== undefined));
      // The probe works: every agent validates its documents with zod, the build's bundle of it
      // (scripts/vendor.mjs), never the package's 95 files beside it.
      expect(mods.some((m) => m.endsWith('/dist/vendor/zod.js')), `${agent} loaded: ${[...packages].join(', ')}`).toBe(true);
      expect(packages.has('zod')).toBe(false);
      expect([...packages].filter((p) => FORBIDDEN.some((f) => p === f || p.startsWith(`${f}/`)))).toEqual([]);
      const agentModules = [...agents.values()].filter((file) => mods.some((m) => m.endsWith(`/${file}`)));
      expect(agentModules).toEqual([own]);
      const trading = mods.filter((m) => m.includes('/dist/trading/') || m.includes('/dist/market/feeds/'));
      if (agent !== 'smart_trader') expect(trading).toEqual([]);
      else expect(trading.filter((m) => m.includes('/venues/') || m.includes('/feeds/'))).toEqual([]);
    });
  }
});
