/**
 * `neolight migrate-store`: a file store moves into PostgreSQL with every document and every
 * ledger row equal, the output says what moved, a second run moves nothing, and bad flags are
 * refused naming the flag.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SETTINGS } from '../../src/config/settings.js';
import { atlasBrain, CONTRACTS, pnlHistory, smartTraderState } from '../../src/contracts/index.js';
import { openFileStore } from '../../src/store/file-store.js';
import { openPgStore } from '../../src/store/pg/pg-store.js';
import { loadTraderState } from '../../src/trading/book-store.js';
import { freshStoreUrl, PG_ABSENT } from './pg-helpers.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const cli = join(ROOT, 'dist', 'cli', 'main.js');
const settingNames = new Set<string>(SETTINGS.map((s) => s.env));
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !settingNames.has(k)));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'migrate-store', ...args], { cwd: ROOT, env, encoding: 'utf8' });
const report = z.object({
  from: z.string(),
  to: z.string(),
  schema: z.string(),
  documents: z.array(z.object({ path: z.string(), status: z.enum(['moved', 'unchanged']) })),
  ledgers: z.array(z.object({ path: z.string(), rows: z.number(), moved: z.number() })),
  skipped: z.array(z.object({ path: z.string(), why: z.string() })),
});

const homes: string[] = [];
afterEach(() => homes.splice(0).forEach((h) => rmSync(h, { recursive: true, force: true })));
const tempHome = (): string => {
  const h = mkdtempSync(join(tmpdir(), 'nl-migrate-'));
  homes.push(h);
  return h;
};

/** A data directory with documents and ledgers of several agents, as a mesh leaves one. */
function populated(): string {
  const home = tempHome();
  const files = openFileStore(home);
  const book = loadTraderState(files, 'smart_trader', Date.parse('2026-03-04T15:00:00Z'), 12_345.67, 'sim'); // writes the opening cash row
  files.write(smartTraderState, book.state);
  files.write(atlasBrain, { risk_scaler: 0.85, confidence: 0.42, updated_at: '2026-03-04T15:00:00.000Z', regime: 'normal', reasons: ['volatility 0.18, "elevated"', 'drawdown 3 %'] });
  files.ledger(pnlHistory).append(
    Array.from({ length: 1234 }, (_, i) => ({
      key: `fill-${i}`,
      row: { ts: new Date(Date.UTC(2026, 2, 4, 15, 0, i)).toISOString(), agent: 'smart_trader', mode: 'sim' as const, symbol: i % 2 ? 'SPY' : 'BTC-USD', side: i % 3 ? ('buy' as const) : ('sell' as const), qty: 0.001 * (i + 1), price: 100 + i / 7, fee: 0.013 * i, notional: 0.1 * i, realized_pnl: i % 3 ? 0 : -1.5 + i / 100, order_id: `o-${i}`, reason: 'rebalance, "drift" 2 %' },
    })),
  );
  writeFileSync(join(home, 'state', 'notes.txt'), 'a file no contract names');
  return home;
}

describe.skipIf(PG_ABSENT !== undefined)('neolight migrate-store', () => {
  it('moves every document and ledger row, equal to the source, and prints what moved; a second run moves nothing', () => {
    const home = populated();
    const url = freshStoreUrl();
    const first = run('--from', home, '--to', url, '--json');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const r = report.parse(JSON.parse(first.stdout));
    expect(r.documents.map((d) => d.path).sort()).toEqual([atlasBrain.path, 'state/smart_trader_state.json'].sort());
    expect(r.documents.every((d) => d.status === 'moved')).toBe(true);
    expect(r.ledgers).toEqual(expect.arrayContaining([{ path: 'state/pnl_history.csv', rows: 1234, moved: 1234 }, { path: 'state/cash_movements.csv', rows: 1, moved: 1 }]));
    expect(r.skipped).toContainEqual({ path: 'state/notes.txt', why: 'no state contract names this file' });

    // Independently of the command: every contract, read from both stores, is equal.
    const files = openFileStore(home);
    const pg = openPgStore(url, tempHome());
    try {
      let compared = 0;
      for (const c of CONTRACTS) {
        if (c.kind === 'document') {
          if (c.path.startsWith('runtime/.')) continue;
          expect(pg.get(c), c.path).toEqual(files.exists(c) ? files.get(c) : undefined);
        } else {
          const source = files.exists(c) ? files.ledger(c).readAll() : [];
          expect(pg.ledger(c).readAll(), c.path).toEqual(source);
          compared += source.length;
        }
      }
      expect(compared).toBe(1235);
    } finally {
      pg.close();
    }

    const second = run('--from', home, '--to', url);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('documents: 0 moved, 2 already there and equal');
    expect(second.stdout).toMatch(/1234 rows \(0 moved\) {2}state\/pnl_history\.csv/);
  });

  it('refuses to overwrite a different document already in the target', () => {
    const home = populated();
    const url = freshStoreUrl();
    const pg = openPgStore(url, tempHome());
    pg.write(atlasBrain, { risk_scaler: 1.1, confidence: 0.3, updated_at: '2026-01-01T00:00:00.000Z' });
    pg.close();
    const r = run('--from', home, '--to', url);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the target already holds a different runtime/atlas_brain.json');
  });
});

describe('neolight migrate-store flags', () => {
  it('names the flag, the value and what is accepted (exit 2)', () => {
    const missing = run('--from', join(tmpdir(), 'nl-no-such-dir'), '--to', 'postgres://postgres@127.0.0.1/test');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--from "');
    expect(missing.stderr).toContain('expected an existing data directory');
    const notPg = run('--from', populated(), '--to', 'mysql://root@127.0.0.1/test');
    expect(notPg.status).toBe(2);
    expect(notPg.stderr).toContain('--to is not accepted: expected a postgres://');
    const badSchema = run('--from', populated(), '--to', 'postgres://postgres@127.0.0.1/test?schema=Bad-Name');
    expect(badSchema.status).toBe(2);
    expect(badSchema.stderr).toContain('--to: schema "Bad-Name" is not accepted');
  });

  it('has --help naming both flags and --json', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    for (const flag of ['--from <dir>', '--to <url>', '--json']) expect(help.stdout).toContain(flag);
  });
});
