/**
 * `neolight data download|list`: market history into and out of a freqtrade-layout data dir
 * (`<datadir>/<exchange>/<PAIR>-<timeframe>.<ext>`), so `neolight backtest --data FILE` and
 * freqtrade can both use what was downloaded. Progress goes to stderr, and only to a terminal.
 */
import { summaryOf } from './index.js';
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { ccxtSource } from '../../market/data/download/ccxt-source.js';
import { downloadHistory, type DownloadResult } from '../../market/data/download/download.js';
import { yahooSource, type HistorySource } from '../../market/data/download/source.js';
import { listDataDir } from '../../market/data/inventory.js';
import { timeframeMs, TIMEFRAMES } from '../../market/data/timeframes.js';
import { action, printJson, say } from '../run.js';
import { planDownload, type DownloadFlags } from './data-flags.js';

function datadirOf(flag: string | undefined): string {
  return resolve(flag ?? resolve(loadConfig({}).home, 'data'));
}

const iso = (ms: number | null): string => (ms === null ? '-' : new Date(ms).toISOString().replace('T00:00:00.000Z', '').replace(':00.000Z', 'Z'));

function showProgress(json: boolean | undefined): boolean {
  return Boolean(process.stderr.isTTY) && !json && !process.env.CI;
}

function registerDownload(data: Command): void {
  data
    .command('download')
    .description('download OHLCV history (Yahoo for ETFs, equities and FX; ccxt for crypto) into the freqtrade layout, resuming what is there')
    .requiredOption('--symbols <list>', 'comma-separated: Yahoo tickers (SPY, BRK-B, ^GSPC, EURUSD=X) and/or ccxt pairs (BTC/USDT, futures BTC/USDT:USDT)')
    .option('--timeframe <tf>', `bar size: ${Object.keys(TIMEFRAMES).join(', ')}`, '1d')
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD (UTC)')
    .option('--to <date>', 'last day, YYYY-MM-DD, included (default: now)')
    .option('--format <fmt>', 'csv (readable by neolight backtest --data) or json (freqtrade\'s own)', 'csv')
    .option('--datadir <dir>', 'data directory (default: $NEOLIGHT_HOME/data); freqtrade\'s is user_data/data')
    .option('--exchange <id>', 'ccxt exchange id for crypto pairs (Kraken serves only its last 720 bars per timeframe; binance, okx or bybit go further back)', 'kraken')
    .option('--json', 'print one JSON document with each file\'s path, bars added, bars, first and last')
    .action(
      action(async (f: DownloadFlags) => {
        const plan = planDownload(f, Date.now());
        const datadir = datadirOf(f.datadir);
        // NEOLIGHT_YAHOO_BASE_URL / NEOLIGHT_CCXT_BASE_URL (validated by their settings) send the requests elsewhere: a proxy, or a test's fake server.
        const { yahooBaseUrl, ccxtBaseUrl } = loadConfig({}, process.env, { dataDir: false });
        let yahoo: HistorySource | undefined;
        let ccxt: HistorySource | undefined;
        const results: DownloadResult[] = [];
        for (const s of plan.symbols) {
          const source =
            s.source === 'yahoo'
              ? (yahoo ??= yahooSource(yahooBaseUrl ? { baseUrl: yahooBaseUrl } : {}))
              : (ccxt ??= ccxtSource({
                  exchange: plan.exchange,
                  ...(ccxtBaseUrl ? { baseUrl: ccxtBaseUrl } : {}),
                  onRetry: (ms, attempt) => say(true, `neolight: ${plan.exchange} rate limit (429): waiting ${Math.round(ms / 1000)} s before retry ${attempt}`),
                }));
          const bar = showProgress(f.json)
            ? new cliProgress.SingleBar({ stream: process.stderr, format: `${s.symbol} ${plan.timeframe} [{bar}] {value}/{total} bars`, hideCursor: true }, cliProgress.Presets.shades_classic)
            : undefined;
          bar?.start(Math.max(1, Math.ceil((plan.toMs - plan.fromMs) / timeframeMs(plan.timeframe))), 0);
          try {
            results.push(
              await downloadHistory({
                source, datadir, symbol: s.symbol, pair: s.pair, timeframe: plan.timeframe, fromMs: plan.fromMs, toMs: plan.toMs, format: plan.format,
                onProgress: (n) => bar?.update(n),
              }),
            );
          } finally {
            bar?.stop();
          }
        }
        if (f.json) {
          printJson({
            datadir, timeframe: plan.timeframe, from: new Date(plan.fromMs).toISOString(), to: new Date(plan.toMs).toISOString(), format: plan.format,
            files: results.map((r) => ({
              symbol: r.symbol, pair: r.pair, exchange: r.exchange, timeframe: r.timeframe, path: r.path, format: r.format,
              existing: r.existing, added: r.added, bars: r.bars, first: r.first === null ? null : new Date(r.first).toISOString(),
              last: r.last === null ? null : new Date(r.last).toISOString(), requests: r.requests,
            })),
          });
          return;
        }
        const lines = [`Downloaded ${plan.timeframe} bars into ${datadir}`];
        for (const r of results) lines.push(`  ${r.symbol.padEnd(14)} ${r.exchange.padEnd(8)} +${String(r.added).padEnd(6)} ${String(r.bars).padStart(7)} bars  ${iso(r.first)} → ${iso(r.last)}  ${r.path}`);
        lines.push('', `Backtest one with: neolight backtest --data ${results[0]?.path ?? 'FILE'} --symbols NAME`);
        process.stdout.write(`${lines.join('\n')}\n`);
      }),
    );
}

function registerList(data: Command): void {
  data
    .command('list')
    .description('list the history files of a data dir: symbol, timeframe, first, last, bars and gaps (by the market calendar)')
    .option('--datadir <dir>', 'data directory (default: $NEOLIGHT_HOME/data)')
    .option('--json', 'print one JSON document with every file')
    .action(
      action(async (f: { datadir?: string; json?: boolean }) => {
        const datadir = datadirOf(f.datadir);
        const files = await listDataDir(datadir);
        const bad = files.filter((e) => e.error !== null);
        if (f.json) printJson({ datadir, files });
        else if (files.length === 0) process.stdout.write(`No history files in ${datadir} (expected <exchange>/<PAIR>-<timeframe>.<csv|json|json.gz|parquet>)\n`);
        else {
          const head = `${'exchange'.padEnd(10)} ${'symbol'.padEnd(16)} ${'tf'.padEnd(4)} ${'format'.padEnd(8)} ${'first'.padEnd(20)} ${'last'.padEnd(20)} ${'bars'.padStart(8)} ${'gaps'.padStart(6)}`;
          const rows = files.map((e) =>
            e.error !== null
              ? `${e.exchange.padEnd(10)} ${e.symbol.padEnd(16)} ${e.timeframe.padEnd(4)} ${e.format.padEnd(8)} UNREADABLE: ${e.error}`
              : `${e.exchange.padEnd(10)} ${e.symbol.padEnd(16)} ${e.timeframe.padEnd(4)} ${e.format.padEnd(8)} ${(e.first ?? '-').padEnd(20)} ${(e.last ?? '-').padEnd(20)} ${String(e.bars).padStart(8)} ${String(e.gaps ?? '-').padStart(6)}`,
          );
          process.stdout.write(`${[`History in ${datadir} (gaps: missing bars by the market calendar; NYSE trading days for daily equities)`, head, ...rows].join('\n')}\n`);
        }
        if (bad.length > 0) {
          say(true, `neolight: ${bad.length} file(s) could not be read: ${bad.map((e) => e.path).join(', ')} [NL_ERR_DATA]`);
          process.exitCode = 2;
        }
      }),
    );
}

export function registerData(program: Command): void {
  const data = program.command('data').description(summaryOf('data'));
  registerDownload(data);
  registerList(data);
}
