/** CSV history: the common layouts load; bad files fail with NL_ERR_DATA naming the line. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvMarketData, loadCsvHistory, parseCsvHistory } from '../../src/market/csv-history.js';

const YAHOO = `Date,Open,High,Low,Close,Adj Close,Volume
2024-01-02,472.16,473.67,470.49,472.65,465.00,123623700
2024-01-03,470.43,471.19,468.17,468.79,461.20,103585900
2024-01-04,468.30,470.96,467.05,467.28,459.71,84232200
`;
const CCXT = `timestamp,open,high,low,close,volume
1704067200000,42283.58,42554.57,42261.02,42475.23,1271.68
1704070800000,42475.23,42775.00,42431.65,42613.56,1196.37
1704074400000,42613.57,42638.93,42500.00,42581.10,685.89
`;

function dataErr(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect((err as { code?: string }).code).toBe('NL_ERR_DATA');
    return String((err as Error).message);
  }
  throw new Error('expected NL_ERR_DATA');
}

describe('CSV layouts', () => {
  it('loads a Yahoo export (dates as UTC midnight)', () => {
    const h = parseCsvHistory(YAHOO, { symbol: 'SPY' });
    expect(Array.from(h.ts)).toEqual([Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3), Date.UTC(2024, 0, 4)]);
    expect(h.close[1]).toBe(468.79);
    expect(h.volume[2]).toBe(84232200);
    const adj = parseCsvHistory(YAHOO, { symbol: 'SPY', adjusted: true });
    expect(adj.close[0]).toBeCloseTo(465.0, 10);
    expect(adj.open[0]).toBeCloseTo(472.16 * (465 / 472.65), 10);
  });

  it('reads an eight-digit YYYYMMDD as that day, not as 1970 unix seconds', () => {
    const h = parseCsvHistory('date,open,high,low,close,volume\n20100104,10,11,9,10.5,100\n20100105,10.5,11,10,10.8,100\n', { symbol: 'X' });
    expect(Array.from(h.ts)).toEqual([Date.UTC(2010, 0, 4), Date.UTC(2010, 0, 5)]);
    // Not a calendar day: still a number of seconds (here 1970), never a silent wrong date.
    const secs = parseCsvHistory('timestamp,open,high,low,close,volume\n20101399,10,11,9,10.5,100\n20101400,10.5,11,10,10.8,100\n', { symbol: 'X' });
    expect(secs.ts[0]).toBe(20101399 * 1000);
  });

  it('loads ccxt/freqtrade ms timestamps, upper case, seconds, semicolons and a headerless file alike', () => {
    const a = parseCsvHistory(CCXT, { symbol: 'BTC-USD' });
    const upper = parseCsvHistory(CCXT.replace('timestamp,open,high,low,close,volume', 'TIMESTAMP,OPEN,HIGH,LOW,CLOSE,VOLUME'), { symbol: 'BTC-USD' });
    const seconds = parseCsvHistory(CCXT.replace(/(\d{10})000,/g, '$1,'), { symbol: 'BTC-USD' });
    const semi = parseCsvHistory(CCXT.replace(/,/g, ';'), { symbol: 'BTC-USD' });
    const headerless = parseCsvHistory(CCXT.split('\n').slice(1).join('\n'), { symbol: 'BTC-USD' });
    for (const h of [upper, seconds, semi, headerless]) {
      expect(Array.from(h.ts)).toEqual(Array.from(a.ts));
      expect(Array.from(h.close)).toEqual(Array.from(a.close));
    }
    expect(a.ts[0]).toBe(Date.UTC(2024, 0, 1));
  });

  it('reads ISO date-times, with and without a zone', () => {
    const h = parseCsvHistory('datetime,open,high,low,close\n2024-03-01 14:30:00,1,2,0.5,1.5\n2024-03-01T15:30:00-05:00,1,2,0.5,1.5\n', { symbol: 'X' });
    expect(Array.from(h.ts)).toEqual([Date.UTC(2024, 2, 1, 14, 30), Date.UTC(2024, 2, 1, 20, 30)]);
    expect(h.volume[0]).toBe(0);
  });
});

describe('CSV errors name the line', () => {
  it('malformed row', () => {
    expect(dataErr(() => parseCsvHistory(YAHOO.replace('468.17', 'abc'), { symbol: 'SPY', source: 'spy.csv' }))).toMatch(/^spy\.csv line 3 column 4 \(low\): malformed low "abc"/);
    expect(dataErr(() => parseCsvHistory(YAHOO.replace('2024-01-04,468.30,', '2024-01-04,'), { symbol: 'SPY' }))).toMatch(/line 4: malformed row .* 6 fields, expected 7/);
    expect(dataErr(() => parseCsvHistory(YAHOO.replace('2024-01-03', '03/01/2024'), { symbol: 'SPY' }))).toMatch(/line 3 column 1 \(time\): malformed time "03\/01\/2024"/);
  });

  it('unsorted timestamps', () => {
    const lines = CCXT.trim().split('\n');
    const text = [lines[0], lines[2], lines[1], lines[3]].join('\n');
    expect(dataErr(() => parseCsvHistory(text, { symbol: 'BTC-USD' }))).toMatch(/line 3 column 1 \(time\): timestamps not sorted: 2024-01-01T00:00:00.000Z comes after 2024-01-01T01:00:00.000Z/);
  });

  it('duplicate bars', () => {
    const lines = YAHOO.trim().split('\n');
    const text = [...lines, lines[3]].join('\n');
    expect(dataErr(() => parseCsvHistory(text, { symbol: 'SPY' }))).toMatch(/line 5 column 1 \(time\): duplicate bar at 2024-01-04T00:00:00.000Z/);
  });

  it('impossible prices and volumes, each naming line, column and reason (no row is skipped)', () => {
    const bad = (from: string, to: string): string => dataErr(() => parseCsvHistory(YAHOO.replace(from, to), { symbol: 'SPY', source: 'spy.csv' }));
    expect(bad('470.43', '0')).toMatch(/^spy\.csv line 3 column 2 \(open\): open "0" .*expected a price > 0 and < 1e\+12/);
    expect(bad('468.79', '1e308')).toMatch(/^spy\.csv line 3 column 5 \(close\): close "1e308"/);
    expect(bad('468.79', '1e12')).toMatch(/line 3 column 5 \(close\)/);
    expect(bad('468.79', 'NaN')).toMatch(/line 3 column 5 \(close\): malformed close "NaN"/);
    expect(bad('468.79', '-468.79')).toMatch(/line 3 column 5 \(close\)/);
    expect(bad('468.79', '')).toMatch(/line 3 column 5 \(close\): malformed close ""/);
    expect(bad('471.19', '400')).toMatch(/line 3 column 3 \(high\): high 400 is below low 468.17/);
    expect(bad('103585900', '-5')).toMatch(/line 3 column 7 \(volume\): volume "-5"/);
    expect(bad('103585900', 'Infinity')).toMatch(/line 3 column 7 \(volume\)/);
    // Adj Close is checked only when it is used.
    expect(dataErr(() => parseCsvHistory(YAHOO.replace('461.20', '0'), { symbol: 'SPY', adjusted: true }))).toMatch(/line 3 column 6 \(adjClose\)/);
    expect(parseCsvHistory(YAHOO.replace('468.79', '999999999999'), { symbol: 'SPY' }).close[1]).toBe(999_999_999_999);
  });

  it('keeps the sniffing: BOM, CRLF, a blank trailing line, epoch seconds headerless', () => {
    const h = parseCsvHistory(`\uFEFF${YAHOO.replace(/\n/g, '\r\n')}\r\n`, { symbol: 'SPY' });
    expect(h.ts.length).toBe(3);
    expect(h.close[2]).toBe(467.28);
    expect(dataErr(() => parseCsvHistory(`\uFEFF${YAHOO.replace('468.79', '0').replace(/\n/g, '\r\n')}`, { symbol: 'SPY' }))).toMatch(/line 3 column 5 \(close\)/);
  });

  it('missing columns', () => {
    const text = YAHOO.replace('Date,Open,High,Low,Close', 'Date,Open,Hi,Low,Last');
    expect(dataErr(() => parseCsvHistory(text, { symbol: 'SPY' }))).toMatch(/line 1: missing column\(s\) high, close/);
  });

  it('empty file and unreadable path', async () => {
    expect(dataErr(() => parseCsvHistory('\n\n', { symbol: 'SPY' }))).toMatch(/line 1: file is empty/);
    await expect(loadCsvHistory('/nonexistent/x.csv', { symbol: 'SPY' })).rejects.toMatchObject({ code: 'NL_ERR_DATA' });
  });
});

describe('CSV MarketData adapter', () => {
  it('quotes the last close at or before t and re-buckets bars', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nl-csv-'));
    try {
      writeFileSync(join(dir, 'btc.csv'), CCXT);
      const md = csvMarketData([await loadCsvHistory(join(dir, 'btc.csv'), { symbol: 'BTC-USD' })]);
      expect(md.simulated).toBe(false);
      const q = await md.quote('BTC-USD', Date.UTC(2024, 0, 1, 1, 30));
      expect(q.last).toBe(42613.56);
      expect(q.ask).toBeGreaterThan(q.bid);
      const bars = await md.bars('BTC-USD', Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2), 2 * 3_600_000);
      expect(bars).toEqual([
        { ts: Date.UTC(2024, 0, 1), open: 42283.58, high: 42775.0, low: 42261.02, close: 42613.56, volume: 1271.68 + 1196.37 },
        { ts: Date.UTC(2024, 0, 1, 2), open: 42613.57, high: 42638.93, low: 42500.0, close: 42581.1, volume: 685.89 },
      ]);
      await expect(md.quote('BTC-USD', Date.UTC(2023, 0, 1))).rejects.toMatchObject({ code: 'NL_ERR_NOT_FOUND' });
      await expect(md.quote('ETH-USD', 0)).rejects.toThrow(/no CSV history for "ETH-USD"; loaded: BTC-USD/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
