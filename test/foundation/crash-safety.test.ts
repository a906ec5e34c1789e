/**
 * Crash safety: a child rewrites a document and appends to a ledger in a tight loop and is killed
 * with SIGKILL at random moments, 50 times. After every kill the document parses, the ledger opens
 * with a gapless seq and no duplicate key, and it keeps growing across kills.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { atlasBrain, pnlHistory } from '../../src/contracts/index.js';
import { openFileStore, openLedger } from '../../src/store/index.js';
import { ROOT, tempHome } from './helpers.js';

const WRITER = join(ROOT, 'test', 'fixtures', 'foundation', 'crash-writer.mjs');
const KILLS = 50;

// A writer left running by a timed-out test would write forever: kill whatever is still alive.
const writers = new Set<ReturnType<typeof spawn>>();
afterAll(() => {
  for (const w of writers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
});

/** Start the writer, let it run for `runMs` after its first append, then SIGKILL it. */
async function runAndKill(home: string, runMs: number): Promise<void> {
  const child = spawn(process.execPath, [WRITER, home], { stdio: ['ignore', 'pipe', 'pipe'] });
  writers.add(child);
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  await Promise.race([
    new Promise<void>((r) => child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && r())),
    exited.then(({ code }) => {
      throw new Error(`writer exited ${code} before it was ready: ${err}`);
    }),
  ]);
  await new Promise((r) => setTimeout(r, runMs));
  child.kill('SIGKILL');
  const { signal } = await exited;
  expect(signal, `writer died on its own: ${err}`).toBe('SIGKILL');
}

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs mid-write`, async () => {
    const home = tempHome();
    let previous = 0;
    let grew = 0;
    for (let i = 0; i < KILLS; i++) {
      await runAndKill(home, Math.floor(Math.random() * 40));

      const store = openFileStore(home);
      const doc = store.read(atlasBrain);
      expect(doc.ok, doc.ok ? '' : doc.error.message).toBe(true);
      expect(doc.value?.reasons?.[0]).toMatch(/^write \d+$/);

      const rows = openLedger(pnlHistory, store.pathOf(pnlHistory.path)).readAll();
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: rows.length }, (_, k) => k + 1));
      expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
      // keys are k-1, k-2, ... in order: the re-appended keys after each restart were no-ops
      expect(rows.every((r, k) => r.key === `k-${k + 1}`)).toBe(true);
      expect(rows.length).toBeGreaterThanOrEqual(previous);
      if (rows.length > previous) grew++;
      previous = rows.length;
      // temp files of killed writers are cleaned when the store opens
      expect(readdirSync(store.pathOf('runtime')).filter((n) => n.includes('.tmp-'))).toEqual([]);
    }
    console.log(`${KILLS} kills, ${previous} rows, the ledger grew after ${grew} of them`);
    expect(grew).toBeGreaterThan(KILLS / 2);
  });
});
