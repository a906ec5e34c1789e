/** freqtrade's data directory, built in the test: pair naming, spot and futures files, JSON, JSON.gz and Parquet read, feather refused with the conversion. */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pairDataPath, pairFromFileName, pairToFilename, parseDataFileName } from '../../src/market/data/freqtrade-layout.js';
import { parseFreqtradeJson } from '../../src/market/data/freqtrade-json.js';
import { findPairFile, loadHistoryFile, loadPairHistory } from '../../src/market/data/history-file.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'parquet');
const H = 3_600_000;
const T0 = Date.UTC(2024, 2, 1);
const rows = [
  [T0, 60000, 60500, 59800, 60200, 12.5],
  [T0 + H, 60200, 60900, 60100, 60800, 8.25],
  [T0 + 2 * H, 60800, 61000, 60300, 60400, 10],
];

function layout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nl-ft-'));
  mkdirSync(join(dir, 'binance', 'futures'), { recursive: true });
  writeFileSync(join(dir, 'binance', 'BTC_USDT-1h.json'), JSON.stringify(rows));
  writeFileSync(join(dir, 'binance', 'ETH_USDT-1h.json.gz'), gzipSync(JSON.stringify(rows)));
  writeFileSync(join(dir, 'binance', 'futures', 'BTC_USDT_USDT-1h-futures.json'), JSON.stringify(rows.map((r) => [r[0], (r[1] as number) + 5, (r[2] as number) + 5, (r[3] as number) + 5, (r[4] as number) + 5, r[5]])));
  copyFileSync(join(FIXTURES, 'freqtrade-ns-uncompressed.parquet'), join(dir, 'binance', 'SOL_USDT-1d.parquet'));
  writeFileSync(join(dir, 'binance', 'XRP_USDT-1h.feather'), 'ARROW1');
  return dir;
}

describe('freqtrade layout', () => {
  it('names files as freqtrade does, spot and futures', () => {
    expect(pairToFilename('BTC/USDT')).toBe('BTC_USDT');
    expect(pairToFilename('BTC/USDT:USDT')).toBe('BTC_USDT_USDT');
    expect(pairDataPath('/d', 'binance', 'BTC/USDT', '5m', 'json')).toBe('/d/binance/BTC_USDT-5m.json');
    expect(pairDataPath('/d', 'binance', 'BTC/USDT:USDT', '1h', 'parquet')).toBe('/d/binance/futures/BTC_USDT_USDT-1h-futures.parquet');
    expect(pairDataPath('/d', 'yahoo', 'EURUSD=X', '1d', 'csv')).toBe('/d/yahoo/EURUSD_X-1d.csv');
  });

  it('reads a file name back into the pair and timeframe', () => {
    const spot = parseDataFileName('BTC_USDT-5m.json');
    expect(spot).toEqual({ stem: 'BTC_USDT', timeframe: '5m', candleType: 'spot', ext: 'json' });
    expect(pairFromFileName('binance', spot!)).toBe('BTC/USDT');
    const fut = parseDataFileName('BTC_USDT_USDT-1h-futures.parquet');
    expect(fut).toMatchObject({ timeframe: '1h', candleType: 'futures', ext: 'parquet' });
    expect(pairFromFileName('binance', fut!)).toBe('BTC/USDT:USDT');
    expect(pairFromFileName('yahoo', parseDataFileName('BRK-B-1d.csv')!)).toBe('BRK-B');
    expect(parseDataFileName('BTC_USDT-1h.json.gz')?.ext).toBe('json.gz');
    expect(parseDataFileName('notes.txt')).toBeNull();
  });

  it('resolves and reads spot JSON, JSON.gz, futures JSON and Parquet', async () => {
    const dir = layout();
    const btc = await loadPairHistory({ datadir: dir, exchange: 'binance', pair: 'BTC/USDT', timeframe: '1h' });
    expect(btc.symbol).toBe('BTC/USDT');
    expect([...btc.ts]).toEqual([T0, T0 + H, T0 + 2 * H]);
    expect([...btc.close]).toEqual([60200, 60800, 60400]);
    expect([...btc.volume]).toEqual([12.5, 8.25, 10]);
    const eth = await loadPairHistory({ datadir: dir, exchange: 'binance', pair: 'ETH/USDT', timeframe: '1h' });
    expect([...eth.high]).toEqual([60500, 60900, 61000]);
    const fut = await loadPairHistory({ datadir: dir, exchange: 'binance', pair: 'BTC/USDT:USDT', timeframe: '1h' });
    expect([...fut.close]).toEqual([60205, 60805, 60405]);
    const sol = await loadPairHistory({ datadir: dir, exchange: 'binance', pair: 'SOL/USDT', timeframe: '1d' });
    expect(sol.ts.length).toBe(5);
    expect(sol.ts[0]).toBe(Date.UTC(2024, 0, 2));
  });

  it('refuses feather with the conversion command, and names the files it looked for when none exists', async () => {
    const dir = layout();
    await expect(loadPairHistory({ datadir: dir, exchange: 'binance', pair: 'XRP/USDT', timeframe: '1h' })).rejects.toThrow(
      /XRP_USDT-1h\.feather: Feather \(Arrow IPC\) files cannot be read here.*freqtrade convert-data --format-from feather --format-to parquet/,
    );
    const err = await findPairFile({ datadir: dir, exchange: 'binance', pair: 'ADA/USDT', timeframe: '1h' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NL_ERR_DATA' });
    expect((err as Error).message).toContain(join(dir, 'binance', 'ADA_USDT-1h.parquet'));
    expect((err as Error).message).toContain(join(dir, 'binance', 'ADA_USDT-1h.json'));
    await expect(loadHistoryFile(join(dir, 'x.txt'), { symbol: 'X' })).rejects.toThrow(/unknown history file type; accepted extensions: \.parquet, \.json/);
  });

  it('names the row and column of a bad freqtrade JSON row', () => {
    const bad = (r: unknown[][]) => () => parseFreqtradeJson(JSON.stringify(r), 'f.json');
    expect(bad([rows[0]!, [T0 + H, 1, 2, 3, 'x', 1]])).toThrow('f.json row 2, column close (4): close "x" is not a number');
    expect(bad([rows[0]!, [T0 + H, 1, 2, 3, null, 1]])).toThrow('f.json row 2, column close (4): close is NaN or missing');
    expect(bad([rows[1]!, rows[0]!])).toThrow(/f\.json row 2, column date \(0\): timestamps not sorted/);
    expect(bad([rows[0]!, rows[0]!])).toThrow(/f\.json row 2, column date \(0\): duplicate timestamp/);
    expect(bad([rows[0]!, [T0 + H, 1, 2]])).toThrow(/row 2, column row: expected \[timestamp_ms/);
    expect(() => parseFreqtradeJson('{"a":1}', 'f.json')).toThrow(/f\.json: expected a JSON array/);
    expect(() => parseFreqtradeJson('[', 'f.json')).toThrow(/f\.json: not valid JSON/);
  });
});
