/**
 * The simulator is a pure function of (seed, symbol, time): two fresh Node processes (running the
 * compiled code, no vitest) compute bit-identical quotes and bars, equal to this process's; other
 * seeds give other markets.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateBars, simulatedQuote } from '../../src/market/simulator.js';

const root = resolve(import.meta.dirname, '../..');
let out = '';
const TIMES = [Date.UTC(2025, 0, 6, 15, 7), Date.UTC(2026, 5, 1, 13, 31), Date.UTC(1999, 11, 31, 23, 59), Date.UTC(2031, 2, 9, 4)];
const SYMS = ['BTC-USD', 'SPY', 'GBPUSD', 'SLV'];

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'nl-market-'));
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '--outDir', out, '--rootDir', join(root, 'src'), '--module', 'NodeNext', '--moduleResolution', 'NodeNext',
    '--target', 'ES2022', '--skipLibCheck', '--types', 'node', join(root, 'src/market/simulator.ts')], { stdio: 'pipe' });
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

function inChild(seed: number): unknown {
  const script = `
    const { simulatedQuote, simulateBars } = await import(${JSON.stringify(join(out, 'market/simulator.js'))});
    const quotes = [];
    for (const s of ${JSON.stringify(SYMS)}) for (const t of ${JSON.stringify(TIMES)}) quotes.push(simulatedQuote(${seed}, s, t));
    const b = simulateBars(${seed}, ['ETH-USD'], ${Date.UTC(2025, 2, 1)}, 3600000, 48).symbols['ETH-USD'];
    console.log(JSON.stringify({ quotes, close: Array.from(b.close), high: Array.from(b.high), volume: Array.from(b.volume) }));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

function here(seed: number): unknown {
  const quotes = SYMS.flatMap((s) => TIMES.map((t) => simulatedQuote(seed, s, t)));
  const b = simulateBars(seed, ['ETH-USD'], Date.UTC(2025, 2, 1), 3_600_000, 48).symbols['ETH-USD'];
  return JSON.parse(JSON.stringify({ quotes, close: Array.from(b?.close ?? []), high: Array.from(b?.high ?? []), volume: Array.from(b?.volume ?? []) }));
}

describe('determinism across processes', () => {
  it('two separate processes and this one compute identical quotes and bars for one seed', () => {
    const a = inChild(42);
    const b = inChild(42);
    expect(a).toEqual(b);
    expect(here(42)).toEqual(a);
  });

  it('different seeds give different markets', () => {
    const q1 = SYMS.map((s) => simulatedQuote(1, s, TIMES[0] ?? 0).last);
    const q2 = SYMS.map((s) => simulatedQuote(2, s, TIMES[0] ?? 0).last);
    q1.forEach((p, i) => expect(p).not.toBe(q2[i]));
    // ...but every seed pins the same anchor prices at 2025-01-01 00:00 UTC.
    expect(simulatedQuote(1, 'SPY', Date.UTC(2025, 0, 1)).last).toBeCloseTo(simulatedQuote(2, 'SPY', Date.UTC(2025, 0, 1)).last, 8);
  });
});
