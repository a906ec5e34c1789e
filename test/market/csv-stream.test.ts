/**
 * The streaming CSV reader on files larger than one read (1 MB): rows that straddle reads, CRLF and
 * a BOM, each malformed case named by file, line and column wherever it sits, and the columns equal
 * to Number()'s reading of every field, including the spellings that leave the fast path.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCsvHistory, parseCsvHistory } from '../../src/market/csv-history.js';

const dir = mkdtempSync(join(tmpdir(), 'neolight-csv-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DAY = 86_400_000;
const T0 = Date.UTC(2000, 0, 3);
/** `n` daily rows; prices written with an uneven number of decimals so rows have uneven lengths. */
function rows(n: number): { lines: string[]; close: number[] } {
  const lines: string[] = [];
  const close: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = 100 + (i % 977) / 7;
    const text = c.toFixed(1 + (i % 6));
    close.push(Number(text));
    lines.push(`${new Date(T0 + i * DAY).toISOString().slice(0, 10)},${text},${(c + 1).toFixed(2)},${(c - 1).toFixed(3)},${text},${i % 5000}`);
  }
  return { lines, close };
}

async function load(name: string, text: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  return { path, h: await loadCsvHistory(path, { symbol: 'X' }) };
}

async function dataErr(name: string, text: string): Promise<string> {
  const err = await load(name, text).then(
    () => undefined,
    (e: unknown) => e as { code?: string; message: string },
  );
  expect(err?.code).toBe('NL_ERR_DATA');
  return err!.message;
}

describe('streaming CSV reader', () => {
  const N = 60_000; // about 2.5 MB: three reads, rows straddling each boundary
  const { lines, close } = rows(N);

  it('reads every row of a multi-read file with a BOM and CRLF line ends, as Number() reads each field', async () => {
    const { h } = await load('big.csv', `\uFEFFDate,Open,High,Low,Close,Volume\r\n${lines.join('\r\n')}\r\n`);
    expect(h.ts.length).toBe(N);
    expect(h.ts[0]).toBe(T0);
    expect(h.ts[N - 1]).toBe(T0 + (N - 1) * DAY);
    expect(Array.from(h.close)).toEqual(close);
    expect(h.volume[N - 1]).toBe((N - 1) % 5000);
    const { h: lf } = await load('big-lf.csv', `Date,Open,High,Low,Close,Volume\n${lines.join('\n')}`);
    expect(Array.from(lf.close)).toEqual(close);
  });

  it('names file, line and column of a bad row beyond the first read', async () => {
    const at = 50_000; // line at + 2 (header is line 1)
    const bad = (f: (cells: string[]) => void): string => {
      const copy = [...lines];
      const cells = copy[at]!.split(',');
      f(cells);
      copy[at] = cells.join(',');
      return `Date,Open,High,Low,Close,Volume\n${copy.join('\n')}\n`;
    };
    const line = at + 2;
    expect(await dataErr('nan.csv', bad((c) => (c[4] = 'NaN')))).toMatch(new RegExp(`nan\\.csv line ${line} column 5 \\(close\\): malformed close "NaN"`));
    expect(await dataErr('neg.csv', bad((c) => (c[1] = '-3.5')))).toMatch(new RegExp(`line ${line} column 2 \\(open\\): open "-3.5" .*expected a price > 0`));
    expect(await dataErr('zero.csv', bad((c) => (c[3] = '0')))).toMatch(new RegExp(`line ${line} column 4 \\(low\\): low "0" `));
    expect(await dataErr('hilo.csv', bad((c) => (c[2] = '1')))).toMatch(new RegExp(`line ${line} column 3 \\(high\\): high 1 is below low`));
    expect(await dataErr('dup.csv', bad((c) => (c[0] = lines[at - 1]!.split(',')[0]!)))).toMatch(new RegExp(`line ${line} column 1 \\(time\\): duplicate bar at `));
    expect(await dataErr('unsorted.csv', bad((c) => (c[0] = '1999-01-01')))).toMatch(new RegExp(`line ${line} column 1 \\(time\\): timestamps not sorted: 1999-01-01T00:00:00.000Z comes after `));
    expect(await dataErr('short.csv', bad((c) => c.splice(3)))).toMatch(new RegExp(`line ${line}: malformed row .*: 3 fields, expected 6`));
  });

  it('reads the spellings that leave the fast path exactly as Number() and Date.parse do', () => {
    const cells = ['1e2', '1.5E+2', '0.1234567890123456789', '123456789.01234567', '+7', '.5', '5.', '"8.25"', ' 9 '];
    const text = `timestamp,open,high,low,close\n${cells.map((c, i) => `${1_704_067_200 + i * 60},${c},1e9,1e-9,${c}`).join('\n')}\n`;
    const h = parseCsvHistory(text, { symbol: 'X' });
    expect(Array.from(h.close)).toEqual(cells.map((c) => Number(c.replace(/"/g, '').trim())));
    expect(h.ts[1]).toBe((1_704_067_200 + 60) * 1000);
    const iso = parseCsvHistory('date,open,high,low,close\n0099-12-31,1,1,1,1\n2024-02-29,1,1,1,1\n2024-03-01T00:00:00+01:00,1,1,1,1\n', { symbol: 'X' });
    expect(Array.from(iso.ts)).toEqual([Date.parse('0099-12-31T00:00:00Z'), Date.UTC(2024, 1, 29), Date.UTC(2024, 1, 29, 23)]);
    expect(() => parseCsvHistory('date,open,high,low,close\n2023-02-29,1,1,1,1\n', { symbol: 'X' })).toThrow(/line 2 column 1 \(time\): malformed time "2023-02-29"/);
  });
});
