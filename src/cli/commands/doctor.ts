/** `neolight doctor`: the resolved config (secrets redacted), the data dir, integrations, the ventures' marketplaces, and checks. */
import { summaryOf } from './index.js';
import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { isSimulatedMode } from '../../contracts/contract.js';
import { integrations, loadConfig, redactConfig, type Config } from '../../config/config.js';
import { describeError } from '../../core/errors.js';
import { ventureMarketplaces } from '../../ventures/connectors.js';
import { openPgStore } from '../../store/pg/pg-store.js';
import { parseStoreUrl } from '../../store/pg/store-url.js';
import { betfairCheck } from '../../ventures/sports/betfair/setup.js';
import { action, printJson } from '../run.js';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description(summaryOf('doctor'))
    .option('--home <dir>', 'data directory (NEOLIGHT_HOME)')
    .option('--json', 'print one JSON document')
    .action(
      action((opts: { home?: string; json?: boolean }) => {
        const config = loadConfig({ home: opts.home });
        const store = storeReport(config);
        const marketplaces = ventureMarketplaces(config);
        const checks: Check[] = [dataDirWritable(config.home), store.check, nodeVersion(), betfairCheck(config), ...marketplaces.filter((m) => !m.ok).map((m) => ({ name: `${m.agent} marketplace`, ok: false, detail: m.detail }))];
        const report = {
          ok: checks.every((c) => c.ok),
          home: config.home,
          mode: config.mode,
          store: store.store,
          config: redactConfig(config),
          integrations: integrations(config),
          venture_marketplaces: marketplaces,
          checks,
        };
        if (opts.json) printJson(report);
        else {
          const out: string[] = [];
          out.push(`NeoLight doctor — data dir ${config.home} (mode ${config.mode}${isSimulatedMode(config.mode) ? ', SIMULATED venues' : ''})`);
          out.push(`Store: ${store.store.kind} at ${store.store.location}`, '');
          out.push('Checks:');
          for (const c of checks) out.push(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
          out.push('', 'Integrations:');
          for (const i of report.integrations) out.push(`  ${i.active ? 'active  ' : 'inactive'} ${i.name}${i.active ? '' : ` (set ${i.missing.join(', ')})`}`);
          out.push('', 'Venture marketplaces:');
          for (const m of marketplaces) out.push(`  ${m.agent.padEnd(18)} ${m.marketplace.padEnd(24)} ${m.detail}`);
          out.push('', 'Configuration (secrets redacted):');
          for (const [k, v] of Object.entries(report.config)) if (k !== 'sections') out.push(`  ${k.padEnd(26)} ${v === null ? '-' : String(v)}`);
          process.stdout.write(`${out.join('\n')}\n`);
        }
        if (!report.ok) process.exitCode = 1;
      }),
    );
}

function dataDirWritable(home: string): Check {
  try {
    for (const d of ['state', 'runtime', 'logs']) mkdirSync(join(home, d), { recursive: true });
    accessSync(home, constants.W_OK);
    const probe = join(home, 'runtime', `.doctor-${process.pid}`);
    writeFileSync(probe, 'ok');
    rmSync(probe);
    return { name: 'data directory writable', ok: true, detail: home };
  } catch (err) {
    return { name: 'data directory writable', ok: false, detail: `${home}: ${(err as Error).message}` };
  }
}

interface StoreReport {
  kind: 'file' | 'postgres';
  /** The data directory, or the PostgreSQL URL without its password. */
  location: string;
  server_version?: string;
  /** Ledgers in the store, with their last seq (PostgreSQL). */
  ledgers?: { ledger: string; lastSeq: number }[];
}

/** Which store NEOLIGHT_STORE selects, and for PostgreSQL whether it opens (connects and migrates). */
function storeReport(config: Config): { store: StoreReport; check: Check } {
  if (!config.store) return { store: { kind: 'file', location: config.home }, check: { name: 'store', ok: true, detail: `file store under ${config.home}` } };
  try {
    const pg = openPgStore(config.store, config.home);
    try {
      const d = pg.describe;
      const ledgers = pg.ledgers();
      return {
        store: { kind: 'postgres', location: d.url, server_version: d.serverVersion, ledgers },
        check: { name: 'store', ok: true, detail: `PostgreSQL ${d.serverVersion} at ${d.url}, schema ${d.schema}${d.migrationsApplied.length ? `, migrations ${d.migrationsApplied.join(', ')} applied now` : ''}, ${ledgers.length} ledgers` },
      };
    } finally {
      pg.close();
    }
  } catch (err) {
    let location = '(not a valid URL)';
    try {
      location = parseStoreUrl(config.store).display;
    } catch {
      // the check's detail says what is wrong with it
    }
    return { store: { kind: 'postgres', location }, check: { name: 'store', ok: false, detail: describeError(err) } };
  }
}

function nodeVersion(): Check {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const ok = major > 20 || (major === 20 && minor >= 19);
  return { name: 'Node.js version', ok, detail: `${process.versions.node}${ok ? '' : ' (need 20.19 or newer)'}` };
}
