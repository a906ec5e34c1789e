/**
 * Backup and restore: a snapshot of a data directory restores byte-for-byte with checksums
 * verified; a damaged or path-traversing backup is refused before anything is written; a
 * non-empty target is refused; a document is never copied with a fill seq past its ledger.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backup, readManifest, restore } from '../../src/cli/backup/snapshot.js';
import { pnlHistory, smartTraderState } from '../../src/contracts/index.js';
import { NeoLightError } from '../../src/core/errors.js';
import { writeDocument } from '../../src/store/documents.js';
import { openLedger } from '../../src/store/ledger.js';
import { checkHome } from '../../src/drill/home-checks.js';
import { plantDocuments, PLANTED_CASH_CENTS } from '../../src/drill/fixtures.js';

const cli = resolve(import.meta.dirname, '../../dist/cli/main.js');
const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'nl-backup-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A data dir with a trader book and the fills it was built from (fees != 0). */
function sampleHome(): string {
  const home = tmp();
  plantDocuments(home);
  const l = openLedger(pnlHistory, join(home, pnlHistory.path));
  const fill = (i: number, side: 'buy' | 'sell', qty: number, price: number, fee: number) => ({
    key: `k${i}`,
    row: { ts: `2026-01-0${i}T15:00:00.000Z`, agent: 'smart_trader', mode: 'sim' as const, symbol: 'SPY', side, qty, price, fee, notional: qty * price, realized_pnl: 0, order_id: `o${i}`, reason: 'test' },
  });
  l.append([fill(1, 'buy', 10, 500.125, 1.25), fill(2, 'sell', 4, 510.5, 0.75)]);
  // Cash by hand: 1,234,567.89 - 5001.25 - 1.25 + 2042.00 - 0.75 = 1,231,606.64
  const doc = JSON.parse(readFileSync(join(home, smartTraderState.path), 'utf8'));
  writeDocument(smartTraderState, join(home, smartTraderState.path), { ...doc, cash_cents: 123_160_664, positions: { SPY: { qty: 6, avg_price: 500.125, last_price: 510.5, market_value: 3063 } }, last_fill_seq: 2 });
  writeFileSync(join(home, 'neolight.config.json'), JSON.stringify({ NEOLIGHT_STARTING_EQUITY: PLANTED_CASH_CENTS / 100 }));
  mkdirSync(join(home, 'runtime', 'agents'), { recursive: true });
  writeFileSync(join(home, 'runtime', 'agents', 'smart_trader.json'), '{}'); // a pid file of the old run: not backed up
  writeFileSync(join(home, 'runtime', '.guardian.lock'), '{}');
  return home;
}

describe('backup and restore', () => {
  it('round-trips every state file with its checksum and the book still equals its fills', () => {
    const home = sampleHome();
    const dir = join(tmp(), 'b');
    const b = backup(home, dir);
    expect(b.ledgers[pnlHistory.path]).toBe(2);
    const m = readManifest(dir);
    const paths = m.files.map((f) => f.path);
    expect(paths).toContain(smartTraderState.path);
    expect(paths).toContain(pnlHistory.path);
    expect(paths).toContain('neolight.config.json');
    expect(paths).not.toContain('runtime/.guardian.lock');
    expect(paths.some((p) => p.startsWith('runtime/agents/'))).toBe(false);
    const target = join(tmp(), 'restored');
    restore(dir, target);
    for (const p of paths) expect(readFileSync(join(target, p))).toEqual(readFileSync(join(home, p)));
    expect(checkHome(target, PLANTED_CASH_CENTS / 100).findings).toEqual([]);
  });

  it('refuses a backup whose file does not match the manifest, writing nothing', () => {
    const dir = join(tmp(), 'b');
    backup(sampleHome(), dir);
    writeFileSync(join(dir, pnlHistory.path), readFileSync(join(dir, pnlHistory.path), 'utf8').replace('500.125', '400.125'));
    const target = join(tmp(), 'restored');
    expect(() => restore(dir, target)).toThrow(/sha256 differs/);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a manifest naming a path outside the backup', () => {
    const dir = join(tmp(), 'b');
    backup(sampleHome(), dir);
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    m.files[0].path = '../../etc/evil';
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
    expect(() => restore(dir, join(tmp(), 'r'))).toThrow(/not a plain relative path/);
  });

  it('refuses a non-empty target and a non-empty backup directory', () => {
    const home = sampleHome();
    const dir = join(tmp(), 'b');
    backup(home, dir);
    expect(() => backup(home, dir)).toThrow(NeoLightError);
    expect(() => restore(dir, home)).toThrow(/not empty/);
  });

  it('never copies a document that refers past the copied ledger', () => {
    const home = sampleHome();
    const doc = JSON.parse(readFileSync(join(home, smartTraderState.path), 'utf8'));
    writeDocument(smartTraderState, join(home, smartTraderState.path), { ...doc, last_fill_seq: 3 });
    expect(() => backup(home, join(tmp(), 'b'))).toThrow(/refers to fill seq 3/);
  });

  it('the commands: backup --json, restore --json, and exit 2 for a non-empty --home', () => {
    const home = sampleHome();
    const dir = join(tmp(), 'b');
    const b = spawnSync(process.execPath, [cli, 'backup', dir, '--home', home, '--json'], { encoding: 'utf8' });
    expect(b.status, b.stderr).toBe(0);
    expect(JSON.parse(b.stdout)).toMatchObject({ files: expect.any(Number), ledgers: { [pnlHistory.path]: 2 } });
    const bad = spawnSync(process.execPath, [cli, 'restore', dir, '--home', home], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--home');
    const target = join(tmp(), 'r');
    const r = spawnSync(process.execPath, [cli, 'restore', dir, '--home', target, '--json'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ home: target });
  });
});
