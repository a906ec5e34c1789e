/**
 * The bench's floor for its single-asset end-to-end leg (bench-e2e.ts `endToEnd`): the least a
 * process can do that still reads the same CSV and prints as much. It starts node, reads and scans
 * the file with the backtester's own reader (csv-history.ts, the WebAssembly scanner), runs one
 * moving-average-cross loop over the closes keeping an equity per bar, and writes `bytes` bytes of
 * JSON rows made from that equity. No CLI, configuration, order path, cents, figures or exact
 * number text. The leg's goal is judged against it: whatever the backtest does beyond this must
 * fit in the difference, on the same machine at the same time.
 * Usage: node dist/cli/bench-floor.js FILE.csv BYTES
 */
import { loadCsvHistory } from '../market/csv-history.js';
import { syncWriter } from './stdout-sync.js';

const [file, size] = process.argv.slice(2);
const bytes = Number(size);
if (file === undefined || !(bytes >= 0)) {
  process.stderr.write('usage: bench-floor FILE.csv BYTES\n');
  process.exit(2);
}

/** Long while the 10-bar average of the closes is over the 30-bar one, all in; the equity of each bar. */
function smaCrossEquity(close: Float64Array): Float64Array {
  const n = close.length;
  const equity = new Float64Array(n);
  let fast = 0;
  let slow = 0;
  let cash = 10_000;
  let units = 0;
  for (let i = 0; i < n; i++) {
    const c = close[i]!;
    fast += c - (i >= 10 ? close[i - 10]! : 0);
    slow += c - (i >= 30 ? close[i - 30]! : 0);
    const long = i >= 29 && fast / 10 > slow / 30;
    if (long && units === 0) {
      units = Math.floor(cash / c);
      cash -= units * c;
    } else if (!long && units > 0) {
      cash += units * c;
      units = 0;
    }
    equity[i] = cash + units * c;
  }
  return equity;
}

/** Exactly `bytes` bytes of JSON rows (time, equity in cents), a megabyte per write. */
function writeRows(ts: Float64Array, equity: Float64Array, bytes: number): void {
  const write = syncWriter();
  const buf = Buffer.allocUnsafe(1 << 20);
  const n = ts.length;
  let at = 0;
  let written = 0;
  for (let i = 0; written + at < bytes; i++) {
    const row = `    {\n      "ts": ${ts[i % n]!},\n      "equity_cents": ${Math.round(equity[i % n]! * 100)}\n    },\n`;
    if (at + row.length > buf.length) {
      write(buf.subarray(0, at));
      written += at;
      at = 0;
    }
    at += buf.write(row.length <= bytes - written - at ? row : row.slice(0, bytes - written - at), at);
  }
  write(buf.subarray(0, at));
}

const h = await loadCsvHistory(file, { symbol: 'ASSET', columns: 'open-close' });
if (h.close.length === 0) throw new Error(`${file}: no bars`);
writeRows(h.ts, smaCrossEquity(h.close), bytes);
