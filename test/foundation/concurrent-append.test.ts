/** Two processes append 1,000 rows each to one ledger at once: 2,000 rows, gapless seq, no torn line. */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pnlHistory } from '../../src/contracts/index.js';
import { openFileStore, openLedger } from '../../src/store/index.js';
import { ROOT, tempHome } from './helpers.js';

const APPENDER = join(ROOT, 'test', 'fixtures', 'foundation', 'appender.mjs');
const ROWS = 1000;

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
  const done = new Promise<string>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`appender ${args[1]} exited ${code}: ${err}`)))),
  );
  return { ready, done };
}

describe('concurrent appenders', () => {
  it(`two processes × ${ROWS} rows: every row once, gapless seq, whole lines`, async () => {
    const home = tempHome();
    const start = join(home, 'go');
    const a = run([home, 'alpha', String(ROWS), start]);
    const b = run([home, 'beta', String(ROWS), start]);
    await Promise.all([a.ready, b.ready]);
    writeFileSync(start, '');
    const [outA, outB] = await Promise.all([a.done, b.done]);
    console.log(`appenders took ${outA.match(/done (\d+)/)?.[1]} ms and ${outB.match(/done (\d+)/)?.[1]} ms for ${ROWS} rows each`);

    const ledger = openFileStore(home).ledger(pnlHistory);
    const rows = ledger.readAll();
    expect(rows).toHaveLength(2 * ROWS);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 2 * ROWS }, (_, i) => i + 1));
    for (const name of ['alpha', 'beta']) {
      const mine = rows.filter((r) => r.agent === name).map((r) => r.key);
      expect(mine).toEqual(Array.from({ length: ROWS }, (_, i) => `${name}-${i}`));
    }
    const lines = readFileSync(ledger.path, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(2 * ROWS + 1);
    // both appenders really interleaved (otherwise this test would not test the lock)
    const switches = rows.filter((r, i) => i > 0 && r.agent !== rows[i - 1]?.agent).length;
    expect(switches).toBeGreaterThan(1);
    expect(openLedger(pnlHistory, ledger.path).count()).toBe(2 * ROWS);
  });
});
