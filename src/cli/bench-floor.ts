/**
 * The bench's floor for its single-asset end-to-end leg (bench-e2e.ts `endToEnd`): the least a
 * process can do that still reads the same CSV and prints as much. It starts node, reads and scans
 * the file with the backtester's own reader (csv-history.ts, the WebAssembly scanner), runs the
 * bench's minimal moving-average-cross loop over the closes (bench-minimal.ts), and writes `bytes`
 * bytes of JSON rows made from that equity. No CLI, configuration, order path, cents, figures or exact
 * number text. The leg's goal is judged against it: whatever the backtest does beyond this must
 * fit in the difference, on the same machine at the same time.
 * Usage: node dist/cli/bench-floor.js FILE.csv BYTES
 */
import { loadCsvHistory } from '../market/csv-history.js';
import { smaCrossEquity } from './bench-minimal.js';
import { syncWriter } from './stdout-sync.js';

const [file, size] = process.argv.slice(2);
const bytes = Number(size);
if (file === undefined || !(bytes >= 0)) {
  process.stderr.write('usage: bench-floor FILE.csv BYTES\n');
  process.exit(2);
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
writeRows(h.ts, smaCrossEquity(h.close, 10_000), bytes);
