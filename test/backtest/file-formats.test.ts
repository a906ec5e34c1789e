/** `backtest --data` reads Parquet and freqtrade JSON like CSV: the same bars give the same run. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadParquetHistory } from '../../src/market/data/parquet-history.js';

const cli = resolve(import.meta.dirname, '../../dist/cli/main.js');
const fixture = resolve(import.meta.dirname, '../data/fixtures/parquet/freqtrade-ns-uncompressed.parquet');
const run = (file: string) => spawnSync(process.execPath, [cli, 'backtest', '--data', file, '--strategy', 'buy-hold', '--size', 'all-in', '--fees', '10', '--fill', 'close', '--json'], { encoding: 'utf8', timeout: 60_000 });

describe('backtest --data in every supported format', () => {
  it('a Parquet file and the same bars as CSV and as freqtrade JSON backtest to identical results', async () => {
    const h = await loadParquetHistory(fixture, { symbol: 'ASSET' });
    expect(h.ts.length).toBeGreaterThan(1);
    const dir = mkdtempSync(join(tmpdir(), 'neolight-formats-'));
    const rows = Array.from(h.ts, (t, i) => [t, h.open[i]!, h.high[i]!, h.low[i]!, h.close[i]!, h.volume[i]!]);
    const csv = join(dir, 'same.csv');
    writeFileSync(csv, `timestamp,open,high,low,close,volume\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    const json = join(dir, 'same.json');
    writeFileSync(json, JSON.stringify(rows));
    const out = [fixture, csv, json].map((f) => {
      const r = run(f);
      expect(r.status, r.stderr).toBe(0);
      const doc = JSON.parse(r.stdout) as Record<string, unknown>;
      return { final_equity: doc.final_equity, fees: doc.fees, fills: doc.fills, window: doc.window };
    });
    expect((out[0]!.fills as unknown[]).length).toBeGreaterThan(0);
    expect(out[1]).toEqual(out[0]);
    expect(out[2]).toEqual(out[0]);
  });
});
