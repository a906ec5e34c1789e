/**
 * Downloading into the freqtrade layout against fake servers on 127.0.0.1: ccxt pagination by
 * `since`, a 429 whose Retry-After is honoured, a run killed mid-way and resumed without
 * duplicates or holes, a bad page that leaves the previous file byte-for-byte intact, and Yahoo.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ccxtSource, retryAfterMs } from '../../src/market/data/download/ccxt-source.js';
import { downloadHistory } from '../../src/market/data/download/download.js';
import { yahooSource } from '../../src/market/data/download/source.js';
import { loadHistoryFile } from '../../src/market/data/history-file.js';
import { startFakeKraken, startFakeYahoo, type FakeBar } from './fake-sources.js';

const H = 3_600_000;
const T0 = Date.UTC(2025, 0, 1);
/** The exchange's hourly series: bar i opens at 100 + i. */
const hourly = (n: number): FakeBar[] =>
  Array.from({ length: n }, (_, i) => ({ ts: T0 + i * H, open: 100 + i, high: 102 + i, low: 99 + i, close: 101 + i, volume: 10 + i }));

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const noWait = { sleep: async () => {}, rateLimitMs: 1 };

describe('download from a ccxt exchange', () => {
  it('pages through the range by since and writes every bar once, in order', async () => {
    const kraken = await startFakeKraken({ bars: () => hourly(30), pageSize: 4 });
    closers.push(() => kraken.close());
    const datadir = mkdtempSync(join(tmpdir(), 'nl-dl-'));
    const source = ccxtSource({ exchange: 'kraken', baseUrl: kraken.baseUrl, ...noWait });
    const r = await downloadHistory({ source, datadir, symbol: 'BTC/USD', pair: 'BTC/USD', timeframe: '1h', fromMs: T0 + 2 * H, toMs: T0 + 12 * H, format: 'csv' });
    expect(r).toMatchObject({ path: join(datadir, 'kraken', 'BTC_USD-1h.csv'), existing: 0, added: 10, bars: 10, first: T0 + 2 * H, last: T0 + 11 * H });
    // 10 bars at 4 a page: 3 pages; each page asks from one hour after the last bar (Kraken's since is one bar earlier, in seconds).
    expect(kraken.ohlcSince).toEqual([T0 + 1 * H, T0 + 5 * H, T0 + 9 * H].map((t) => t / 1000));
    const h = await loadHistoryFile(r.path, { symbol: 'BTC/USD' });
    expect([...h.ts]).toEqual(Array.from({ length: 10 }, (_, i) => T0 + (i + 2) * H));
    expect([...h.open]).toEqual(Array.from({ length: 10 }, (_, i) => 102 + i));
    expect([...h.volume]).toEqual(Array.from({ length: 10 }, (_, i) => 12 + i));
  });

  it('waits for the Retry-After of a 429, then goes on', async () => {
    const kraken = await startFakeKraken({ bars: () => hourly(30), pageSize: 4, fault: (n) => (n === 2 ? { kind: '429', retryAfter: '7' } : null) });
    closers.push(() => kraken.close());
    const waits: number[] = [];
    const source = ccxtSource({ exchange: 'kraken', baseUrl: kraken.baseUrl, rateLimitMs: 1, sleep: async (ms) => void waits.push(ms) });
    const r = await downloadHistory({ source, datadir: mkdtempSync(join(tmpdir(), 'nl-dl-')), symbol: 'BTC/USD', pair: 'BTC/USD', timeframe: '1h', fromMs: T0, toMs: T0 + 8 * H, format: 'json' });
    expect(waits).toEqual([7000]);
    // The refused page is asked again with the same since.
    expect(kraken.ohlcSince.slice(0, 3)).toEqual([(T0 - H) / 1000, (T0 + 3 * H) / 1000, (T0 + 3 * H) / 1000]);
    expect(r.bars).toBe(8);
    const doc = JSON.parse(readFileSync(r.path, 'utf8')) as number[][];
    expect(doc.map((row) => row[0])).toEqual(Array.from({ length: 8 }, (_, i) => T0 + i * H));
    expect(doc[0]).toEqual([T0, 100, 102, 99, 101, 10]);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Wed, 01 Jan 2025 00:00:10 GMT', Date.UTC(2025, 0, 1))).toBe(10_000);
    expect(retryAfterMs(undefined)).toBeUndefined();
  });

  it('gives up on a rate limit that never lifts, naming the exchange and the page', async () => {
    const kraken = await startFakeKraken({ bars: () => hourly(30), pageSize: 4, fault: () => ({ kind: '429', retryAfter: '1' }) });
    closers.push(() => kraken.close());
    const source = ccxtSource({ exchange: 'kraken', baseUrl: kraken.baseUrl, ...noWait });
    await expect(downloadHistory({ source, datadir: mkdtempSync(join(tmpdir(), 'nl-dl-')), symbol: 'BTC/USD', pair: 'BTC/USD', timeframe: '1h', fromMs: T0, toMs: T0 + 8 * H, format: 'csv' }))
      .rejects.toThrow(/kraken: OHLCV BTC\/USD 1h since 2025-01-01T00:00:00.000Z failed after 6 attempts/);
  });

  it('resumes a run that died mid-way: keeps the saved pages, asks only for the rest, no duplicates, no holes', async () => {
    const datadir = mkdtempSync(join(tmpdir(), 'nl-dl-'));
    const broken = await startFakeKraken({ bars: () => hourly(30), pageSize: 4, fault: (n) => (n === 3 ? { kind: '500' } : null) });
    closers.push(() => broken.close());
    const req = { datadir, symbol: 'BTC/USD', pair: 'BTC/USD', timeframe: '1h' as const, fromMs: T0, toMs: T0 + 20 * H, format: 'csv' as const };
    await expect(downloadHistory({ ...req, source: ccxtSource({ exchange: 'kraken', baseUrl: broken.baseUrl, ...noWait }) })).rejects.toMatchObject({ code: 'NL_ERR_UPSTREAM' });
    const path = join(datadir, 'kraken', 'BTC_USD-1h.csv');
    const saved = await loadHistoryFile(path, { symbol: 'BTC/USD' });
    expect([...saved.ts]).toEqual(Array.from({ length: 8 }, (_, i) => T0 + i * H));
    expect(readdirSync(join(datadir, 'kraken'))).toEqual(['BTC_USD-1h.csv']);

    // A temp file of a writer killed before its rename (its pid is gone) is litter the next run clears.
    writeFileSync(join(datadir, 'kraken', '.BTC_USD-1h.csv.tmp-999999999-0badf00d'), 'date,open\n2025');
    const healthy = await startFakeKraken({ bars: () => hourly(30), pageSize: 4 });
    closers.push(() => healthy.close());
    const r = await downloadHistory({ ...req, source: ccxtSource({ exchange: 'kraken', baseUrl: healthy.baseUrl, ...noWait }) });
    expect(r).toMatchObject({ existing: 8, added: 12, bars: 20 });
    expect(healthy.ohlcSince[0]).toBe((T0 + 7 * H) / 1000);
    const all = await loadHistoryFile(path, { symbol: 'BTC/USD' });
    expect([...all.ts]).toEqual(Array.from({ length: 20 }, (_, i) => T0 + i * H));
    expect([...all.close]).toEqual(Array.from({ length: 20 }, (_, i) => 101 + i));
    expect(readdirSync(join(datadir, 'kraken'))).toEqual(['BTC_USD-1h.csv']);

    // A third run with a later --to fetches only the hours after the file's last bar.
    const r3 = await downloadHistory({ ...req, toMs: T0 + 22 * H, source: ccxtSource({ exchange: 'kraken', baseUrl: healthy.baseUrl, ...noWait }) });
    expect(r3).toMatchObject({ existing: 20, added: 2, bars: 22 });
  });

  it('prepends history before the first bar without leaving a hole', async () => {
    const kraken = await startFakeKraken({ bars: () => hourly(30), pageSize: 3 });
    closers.push(() => kraken.close());
    const datadir = mkdtempSync(join(tmpdir(), 'nl-dl-'));
    const base = { datadir, symbol: 'BTC/USD', pair: 'BTC/USD', timeframe: '1h' as const, format: 'json' as const };
    await downloadHistory({ ...base, fromMs: T0 + 10 * H, toMs: T0 + 15 * H, source: ccxtSource({ exchange: 'kraken', baseUrl: kraken.baseUrl, ...noWait }) });
    const r = await downloadHistory({ ...base, fromMs: T0 + 2 * H, toMs: T0 + 15 * H, source: ccxtSource({ exchange: 'kraken', baseUrl: kraken.baseUrl, ...noWait }) });
    expect(r).toMatchObject({ existing: 5, added: 8, bars: 13, first: T0 + 2 * H, last: T0 + 14 * H });
    const h = await loadHistoryFile(r.path, { symbol: 'BTC/USD' });
    expect([...h.ts]).toEqual(Array.from({ length: 13 }, (_, i) => T0 + (i + 2) * H));
  });

  it('refuses a bad bar from the exchange and leaves the previous file byte-for-byte intact', async () => {
    const good = await startFakeKraken({ bars: () => hourly(30), pageSize: 4 });
    closers.push(() => good.close());
    const datadir = mkdtempSync(join(tmpdir(), 'nl-dl-'));
    const req = { datadir, symbol: 'BTC/USD', pair: 'BTC/USD', timeframe: '1h' as const, fromMs: T0, format: 'csv' as const };
    const first = await downloadHistory({ ...req, toMs: T0 + 4 * H, source: ccxtSource({ exchange: 'kraken', baseUrl: good.baseUrl, ...noWait }) });
    const before = readFileSync(first.path);
    const corrupt = hourly(30).map((b, i) => (i === 5 ? { ...b, high: b.low - 1 } : b));
    const bad = await startFakeKraken({ bars: () => corrupt, pageSize: 4 });
    closers.push(() => bad.close());
    await expect(downloadHistory({ ...req, toMs: T0 + 10 * H, source: ccxtSource({ exchange: 'kraken', baseUrl: bad.baseUrl, ...noWait }) }))
      .rejects.toThrow(/kraken BTC\/USD 1h \(download into .*BTC_USD-1h\.csv\) row 6, column high: high 103 is below low 104/);
    expect(readFileSync(first.path).equals(before)).toBe(true);
    expect(readdirSync(join(datadir, 'kraken'))).toEqual(['BTC_USD-1h.csv']);
  });

  it('names an exchange ccxt does not know', async () => {
    const source = ccxtSource({ exchange: 'nosuchex', ...noWait });
    await expect(downloadHistory({ source, datadir: mkdtempSync(join(tmpdir(), 'nl-dl-')), symbol: 'BTC/USD', pair: 'BTC/USD', timeframe: '1h', fromMs: T0, toMs: T0 + H, format: 'csv' }))
      .rejects.toMatchObject({ code: 'NL_ERR_BAD_FLAG', message: expect.stringMatching(/--exchange "nosuchex" is not accepted/) });
  });
});

describe('download from Yahoo', () => {
  it('writes daily ETF bars and appends only the new days on the next run', async () => {
    const days = ['2024-07-01', '2024-07-02', '2024-07-03', '2024-07-05', '2024-07-08', '2024-07-09'];
    const open = (d: string) => Date.parse(`${d}T13:30:00Z`); // 9:30 New York (EDT)
    const bars = days.map((d, i) => ({ ts: open(d), open: 540 + i, high: 545 + i, low: 538 + i, close: 542 + i, volume: 1e6 + i }));
    const yahoo = await startFakeYahoo({ SPY: bars });
    closers.push(() => yahoo.close());
    const datadir = mkdtempSync(join(tmpdir(), 'nl-dl-'));
    const req = { source: yahooSource({ baseUrl: yahoo.baseUrl }), datadir, symbol: 'SPY', pair: 'SPY', timeframe: '1d' as const, fromMs: Date.UTC(2024, 6, 1), format: 'csv' as const };
    const r1 = await downloadHistory({ ...req, toMs: Date.UTC(2024, 6, 4) });
    expect(r1).toMatchObject({ path: join(datadir, 'yahoo', 'SPY-1d.csv'), added: 3, bars: 3 });
    const r2 = await downloadHistory({ ...req, toMs: Date.UTC(2024, 6, 10) });
    expect(r2).toMatchObject({ existing: 3, added: 3, bars: 6 });
    const h = await loadHistoryFile(r2.path, { symbol: 'SPY' });
    expect([...h.ts]).toEqual(days.map(open));
    expect([...h.close]).toEqual([542, 543, 544, 545, 546, 547]);
    expect(existsSync(join(datadir, 'yahoo'))).toBe(true);
  });
});
