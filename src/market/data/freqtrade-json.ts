/**
 * freqtrade's JSON OHLCV files (`--data-format-ohlcv json`, and `jsongz` gzipped): one array of
 * rows `[epoch_ms, open, high, low, close, volume]`, as pandas writes them with orient="values".
 * Checked row by row by hand rather than with a zod schema: files run to millions of rows, and
 * the error must name the row and the column (ohlcv.ts's rules).
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { describeError, NeoLightError } from '../../core/errors.js';
import { epochToMs } from './columns.js';
import { allocColumns, fileError, rowError, toHistory, validateColumns, type OhlcvColumns, type OhlcvHistory } from './ohlcv.js';

const FIELDS = ['ts', 'open', 'high', 'low', 'close', 'volume'] as const;
const NAMES = { ts: 'date (0)', open: 'open (1)', high: 'high (2)', low: 'low (3)', close: 'close (4)', volume: 'volume (5)' } as const;

/** Parse freqtrade JSON text into validated columns; `source` names the file in errors. */
export function parseFreqtradeJson(text: string, source: string): OhlcvColumns {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw fileError(source, `not valid JSON: ${describeError(err)}`);
  }
  if (!Array.isArray(doc)) throw fileError(source, 'expected a JSON array of [timestamp_ms, open, high, low, close, volume] rows');
  const c = allocColumns(doc.length);
  doc.forEach((raw: unknown, i) => {
    if (!Array.isArray(raw) || raw.length < 6) {
      throw rowError(source, i + 1, 'row', `expected [timestamp_ms, open, high, low, close, volume], got ${JSON.stringify(raw)?.slice(0, 80)}`);
    }
    FIELDS.forEach((f, k) => {
      const v: unknown = raw[k];
      if (v !== null && typeof v !== 'number') throw rowError(source, i + 1, NAMES[f], `${f} ${JSON.stringify(v)} is not a number`, { field: f });
      const n = v === null ? Number.NaN : v;
      c[f][i] = f === 'ts' ? epochToMs(n) : n;
    });
  });
  validateColumns(c, source, NAMES);
  return c;
}

export async function loadFreqtradeJson(path: string, opts: { symbol: string }): Promise<OhlcvHistory> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
    if (path.endsWith('.gz')) buf = gunzipSync(buf);
  } catch (err) {
    throw new NeoLightError('NL_ERR_DATA', `cannot read JSON file ${path}: ${describeError(err)}`, { source: path }, { cause: err });
  }
  return toHistory(opts.symbol, parseFreqtradeJson(buf.toString('utf8'), path));
}

/** freqtrade JSON text for columns (the writer side, used by `neolight data download --format json`). */
export function freqtradeJsonText(c: OhlcvColumns): string {
  const rows: string[] = [];
  for (let i = 0; i < c.ts.length; i++) rows.push(`[${c.ts[i]},${c.open[i]},${c.high[i]},${c.low[i]},${c.close[i]},${c.volume[i]}]`);
  return `[${rows.join(',')}]`;
}
