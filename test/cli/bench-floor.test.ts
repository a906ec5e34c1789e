/**
 * The bench's floor (src/cli/bench-floor.ts) prints exactly the bytes it is asked for, as JSON rows
 * made from the file's bars, and refuses arguments it cannot use; its time is the bench's to measure.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = resolve(import.meta.dirname, '../../dist/cli/bench-floor.js');

function csv(bars: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'neolight-floor-'));
  const file = join(dir, 'daily.csv');
  const rows = Array.from({ length: bars }, (_, i) => {
    const c = 100 + 10 * Math.sin(i / 7);
    return `${86_400 * (i + 1)},${c.toFixed(2)},${(c + 1).toFixed(2)},${(c - 1).toFixed(2)},${c.toFixed(2)},1000`;
  });
  writeFileSync(file, `date,open,high,low,close,volume\n${rows.join('\n')}\n`);
  return file;
}

describe('bench floor', () => {
  it('prints exactly the bytes asked for, rows of the file bars, cycling when it runs out', () => {
    const file = csv(100);
    for (const bytes of [0, 1, 57, 100_000]) {
      const r = spawnSync(process.execPath, [script, file, String(bytes)]);
      expect(r.status, r.stderr.toString()).toBe(0);
      expect(r.stdout.length).toBe(bytes);
    }
    const text = spawnSync(process.execPath, [script, file, '100000']).stdout.toString();
    // The first row is the first bar's time in ms; the rows cycle through the 100 bars.
    expect(text.startsWith('    {\n      "ts": 86400000,\n      "equity_cents": 1000000\n    },\n')).toBe(true);
    expect(text.split('"ts": 86400000,').length - 1).toBeGreaterThan(1);
  });

  it('refuses a missing file name or a byte count that is not a number', () => {
    for (const args of [[], [csv(40), 'many']]) {
      const r = spawnSync(process.execPath, [script, ...args]);
      expect(r.status).toBe(2);
      expect(r.stderr.toString()).toContain('usage: bench-floor FILE.csv BYTES');
    }
  });
});
