/**
 * Two processes race on one ledger through PostgreSQL: each appends its own keys and tries the
 * same shared keys. Every row lands once, seq is gapless, and each shared key was written by
 * exactly one of them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pnlHistory } from '../../src/contracts/index.js';
import { openPgStore } from '../../src/store/pg/pg-store.js';
import { freshStoreUrl, PG_ABSENT } from './pg-helpers.js';

const APPENDER = resolve(import.meta.dirname, '..', 'fixtures', 'store', 'pg-appender.mjs');
const ROWS = 300;

function run(args: string[]): { ready: Promise<void>; done: Promise<string> } {
  const child = spawn(process.execPath, [APPENDER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (onReady = r));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('ready\n')) onReady();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<string>((res, rej) => child.on('exit', (code) => (code === 0 ? res(out) : rej(new Error(`appender ${args[2]} exited ${code}: ${err}`)))));
  return { ready, done };
}

describe.skipIf(PG_ABSENT !== undefined)('PostgreSQL ledger race', () => {
  it(`two processes × ${ROWS} own + ${ROWS} shared keys: no gap, no duplicate`, async () => {
    const url = freshStoreUrl();
    const home = mkdtempSync(join(tmpdir(), 'nl-pgrace-'));
    try {
      const go = join(home, 'go');
      const a = run([url, join(home, 'a'), 'alpha', String(ROWS), go]);
      const b = run([url, join(home, 'b'), 'beta', String(ROWS), go]);
      await Promise.all([a.ready, b.ready]);
      writeFileSync(go, '');
      const outs = await Promise.all([a.done, b.done]);
      const took = outs.map((o) => Number(o.match(/done (\d+)/)?.[1]));
      console.log(`appenders took ${took.join(' and ')} ms for ${2 * ROWS} append calls each (${((took[0]! + took[1]!) / (4 * ROWS)).toFixed(2)} ms per append)`);
      const sharedWon = outs.map((o) => Number(o.match(/shared (\d+)/)?.[1]));

      const store = openPgStore(url, home);
      try {
        const rows = store.ledger(pnlHistory).readAll();
        expect(rows).toHaveLength(3 * ROWS);
        expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 3 * ROWS }, (_, i) => i + 1));
        expect(new Set(rows.map((r) => r.key)).size).toBe(3 * ROWS);
        for (const name of ['alpha', 'beta']) {
          expect(rows.filter((r) => r.key.startsWith(`${name}-`)).map((r) => r.key)).toEqual(Array.from({ length: ROWS }, (_, i) => `${name}-${i}`));
        }
        // Each shared key was written by exactly one appender, and both report it so.
        expect(sharedWon[0]! + sharedWon[1]!).toBe(ROWS);
        expect(rows.filter((r) => r.key.startsWith('shared-'))).toHaveLength(ROWS);
        // The appenders really interleaved (otherwise this would not test the race).
        const switches = rows.filter((r, i) => i > 0 && r.agent !== rows[i - 1]?.agent).length;
        expect(switches).toBeGreaterThan(1);
      } finally {
        store.close();
      }
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
