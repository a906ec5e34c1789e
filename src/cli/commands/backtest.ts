/** `neolight backtest`: the strategy, SmartTrader rebalance, risk checks and drawdown guard over history, in one process. */
import { summaryOf } from './index.js';
import { closeSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { Command } from 'commander';
import { benchmarkPlan, benchmarkSeries, parseBenchmark } from '../../backtest/benchmark.js';
import { equityCurveCsv, figureRows, figures, runDays } from '../../backtest/figures.js';
import { backtestDocument, backtestText, dataLabel } from '../../backtest/output.js';
import { writeJsonDocument } from '../../backtest/json-out.js';
import { fillRows, loadBars, runBacktest, type BacktestOutcome, type BacktestSpec } from '../../backtest/run.js';
import { startComparison } from '../../backtest/comparison.js';
import { loadConfig } from '../../config/config.js';
import { NeoLightError, describeError } from '../../core/errors.js';
import { STRATEGIES } from '../../intelligence/strategy-lab/strategies.js';
import { parseDataFileName, pairFromFileName } from '../../market/data/freqtrade-layout.js';
import { findPairFile } from '../../market/data/history-file.js';
import { parseTimeframe } from '../../market/data/timeframes.js';
import { SYMBOLS } from '../../market/instruments.js';
import { progressBar } from '../progress.js';
import { syncWriter } from '../stdout-sync.js';
import { action, parseIntFlag, parseNumberFlag } from '../run.js';

interface Flags {
  strategy?: string;
  fast?: number;
  slow?: number;
  lookback?: number;
  data?: string;
  symbols?: string;
  from?: string;
  to?: string;
  fill: string;
  fees?: number;
  cash: number;
  size: string;
  seed?: number;
  scenario: string;
  report?: string;
  equityCurve?: string;
  benchmark?: string;
  benchmarkData?: string;
  datadir?: string;
  exchange?: string;
  timeframe: string;
  json?: boolean;
}

/** The exchange folder of a data dir when it has exactly one; else a flag error listing them. */
function onlyExchange(datadir: string): string {
  let dirs: string[];
  try {
    dirs = readdirSync(datadir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch (err) {
    throw new NeoLightError('NL_ERR_BAD_FLAG', `--datadir ${datadir} cannot be read: ${describeError(err)}`);
  }
  if (dirs.length === 1) return dirs[0]!;
  throw new NeoLightError('NL_ERR_BAD_FLAG', `--exchange is needed: --datadir ${datadir} holds ${dirs.length === 0 ? 'no exchange folder' : `the exchange folders ${dirs.join(', ')}`}`);
}

/** A day (UTC) or an ISO date-time; `--to` with a bare day includes that whole day's bars. */
function parseDate(flag: string, v: string): number {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T${flag === '--to' ? '23:59:59.999' : '00:00:00'}Z` : v);
  if (!Number.isFinite(ms)) throw new NeoLightError('NL_ERR_BAD_FLAG', `${flag} "${v}" is not accepted: expected a date YYYY-MM-DD`);
  return ms;
}

function oneOf<T extends string>(flag: string, v: string, accepted: readonly T[]): T {
  if (!(accepted as readonly string[]).includes(v)) throw new NeoLightError('NL_ERR_BAD_FLAG', `${flag} "${v}" is not accepted: expected ${accepted.join(' or ')}`);
  return v as T;
}

/** `--equity-curve FILE`: the CSV written as it is formatted; a write error names the file. */
function writeEquityCurve(path: string, days: BacktestOutcome['days']): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'w');
    const out = fd;
    equityCurveCsv(days, (chunk) => {
      const bytes = Buffer.from(chunk);
      for (let at = 0; at < bytes.length; ) at += writeSync(out, bytes, at);
    });
  } catch (err) {
    throw new NeoLightError('NL_ERR_BAD_FLAG', `--equity-curve ${path} cannot be written: ${describeError(err)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function registerBacktest(program: Command): void {
  program
    .command('backtest')
    .description(summaryOf('backtest'))
    .option('--strategy <name>', `one of ${STRATEGIES.join(', ')} (default sma-cross; buy-hold with --scenario crash)`)
    .option('--fast <n>', 'sma-cross fast window (bars)', parseIntFlag('--fast', 1, 10_000))
    .option('--slow <n>', 'sma-cross slow window (bars)', parseIntFlag('--slow', 2, 10_000))
    .option('--lookback <n>', 'momentum / inverse-vol lookback (bars)', parseIntFlag('--lookback', 2, 10_000))
    .option('--data <file>', 'OHLCV history: .csv (Yahoo, ccxt or freqtrade layouts), .parquet, or freqtrade .json/.json.gz; default: the simulator')
    .option('--datadir <dir>', 'a freqtrade-layout data dir (<dir>/<exchange>/<BASE>_<QUOTE>-<timeframe>.<ext>, as neolight data download writes it): backtest the pairs --symbols names (one or several)')
    .option('--exchange <id>', 'the exchange folder under --datadir (default: its only one)')
    .option('--timeframe <tf>', 'timeframe of the --datadir history (1m, 5m, 15m, 1h, 4h, 1d, ...)', '1d')
    .option('--symbols <list>', `comma-separated symbols (simulator: ${SYMBOLS.join(',')}; with --data: the name of the file's asset, by default a freqtrade file's pair (BTC_USDT-1m.csv: BTC/USDT) or else ASSET)`)
    .option('--from <date>', 'first day (YYYY-MM-DD); default: the first bar of --data, 2020-01-01 for the simulator')
    .option('--to <date>', 'last day (YYYY-MM-DD); default: the last bar of --data, 2024-12-31 for the simulator')
    .option('--fill <when>', 'next-open (signal on a close, fill at the next open) or close', 'next-open')
    .option('--fees <bps>', 'fee in basis points of notional (default: each instrument’s venue fee; 0 for CSV assets)', parseNumberFlag('--fees', 0, 1000))
    .option('--cash <n>', 'starting cash (default NEOLIGHT_STARTING_EQUITY)', parseNumberFlag('--cash', 0, 1e12, true))
    .option('--size <mode>', 'target (the SmartTrader’s sizing) or all-in (buy the most whole lots the cash pays for with fees: shares, or a crypto pair’s 0.00001; sell all)', 'target')
    .option('--seed <n>', 'simulator seed (NEOLIGHT_SEED)', parseIntFlag('--seed', 0, 2 ** 32 - 1))
    .option('--scenario <name>', 'none or crash (a 40 % equity / 55 % crypto crash a quarter into the run)', 'none')
    .option('--report <file.html>', 'write a self-contained HTML tearsheet (opens offline): figures beside the benchmark, monthly and yearly returns, rolling figures, worst drawdowns, every trade')
    .option('--equity-curve <file.csv>', 'write the whole equity curve as CSV (date,equity): every UTC day’s closing equity, unsampled (the --json and report curve keeps month ends past 20,000 days)')
    .option('--benchmark <symbol>', 'compare with buy-hold (the run’s own data held) or a symbol: one of the run, a simulator symbol, or any with --benchmark-data')
    .option('--benchmark-data <file.csv>', 'OHLCV history of the --benchmark symbol (needed for a symbol outside a --data run)')
    .option('--json', 'print one JSON document with everything the text shows (keys in docs/backtest.md)')
    .action(
      action(async (f: Flags) => {
        const config = loadConfig({ seed: f.seed }, process.env, { dataDir: false });
        // The crash scenario's defaults: a fully invested equity book, so the guard's tiers, halt and recovery show.
        const crash = f.scenario === 'crash';
        const strategyName = f.strategy ?? (crash ? 'buy-hold' : 'sma-cross');
        const symbols = (f.symbols ?? (f.data ? fileAsset(f.data) : crash ? 'SPY,QQQ' : 'SPY')).split(',').map((s) => s.trim()).filter(Boolean);
        if (f.data && symbols.length !== 1) throw new NeoLightError('NL_ERR_BAD_FLAG', `--symbols "${f.symbols}" is not accepted with --data: a CSV file holds one asset, give its one name`);
        let dataFile = f.data ? resolve(f.data) : undefined;
        let files: string[] | undefined;
        if (f.datadir !== undefined) {
          if (f.data) throw new NeoLightError('NL_ERR_BAD_FLAG', '--datadir and --data are alternatives: give one');
          if (f.symbols === undefined || symbols.length === 0) throw new NeoLightError('NL_ERR_BAD_FLAG', `--datadir needs --symbols: one pair or several, comma-separated, as the data dir names them (e.g. BTC/USDT,ETH/USDT); got ${f.symbols === undefined ? 'none' : `"${f.symbols}"`}`);
          if (new Set(symbols).size !== symbols.length) throw new NeoLightError('NL_ERR_BAD_FLAG', `--symbols "${f.symbols}" is not accepted: a pair is named twice`);
          const datadir = resolve(f.datadir);
          const exchange = f.exchange ?? onlyExchange(datadir);
          const timeframe = parseTimeframe('--timeframe', f.timeframe);
          const found: string[] = [];
          for (const pair of symbols) found.push(await findPairFile({ datadir, exchange, pair, timeframe }));
          // One pair runs exactly as --data on its file; several share one bar grid (multi-file.ts).
          if (found.length === 1) dataFile = found[0];
          else {
            files = found;
            dataFile = resolve(datadir, exchange);
          }
        }
        if (!dataFile) for (const s of symbols) if (!(SYMBOLS as readonly string[]).includes(s)) throw new NeoLightError('NL_ERR_BAD_FLAG', `--symbols "${s}" is not accepted: the simulator knows ${SYMBOLS.join(', ')}`);
        const spec: BacktestSpec = {
          strategy: oneOf('--strategy', strategyName, STRATEGIES),
          params: { fast: f.fast, slow: f.slow, lookback: f.lookback },
          data: dataFile,
          ...(files ? { files } : {}),
          symbols,
          // With --data the default window is the whole file; the simulator has a documented default.
          ...(f.from !== undefined ? { from: parseDate('--from', f.from) } : {}),
          ...(f.to !== undefined ? { to: parseDate('--to', f.to) } : {}),
          seed: config.seed,
          scenario: oneOf('--scenario', f.scenario, ['none', 'crash'] as const),
          fill: oneOf('--fill', f.fill, ['next-open', 'close'] as const),
          feesBps: f.fees,
          cash: f.cash ?? config.startingEquity,
          size: oneOf('--size', f.size, ['target', 'all-in'] as const),
        };
        if (spec.from !== undefined && spec.to !== undefined && spec.to <= spec.from) throw new NeoLightError('NL_ERR_BAD_FLAG', `--to ${f.to} must be after --from ${f.from}`);
        const benchmark = parseBenchmark(f.benchmark, f.benchmarkData === undefined ? undefined : resolve(f.benchmarkData));
        if (benchmark) benchmarkPlan(benchmark, spec);
        const compare = spec.size === 'target';
        // With the comparison run every bar is run twice, and the bar counts both.
        const progress = progressBar(`backtest [{bar}] {percentage}% {value}/{total} bars${compare ? ' (the run and its risk-layer-free comparison)' : ''}`, { json: f.json, delayMs: 1000 });
        // A backtest's garbage dies young (quotes, plans, orders, the document's text), so a young
        // generation grown past its start-up size buys little and costs fresh pages (~12 us each on
        // a small VM) and memory. V8 reads this flag each time it would grow it (a worker thread's
        // start resets it: comparison-worker.ts sets it again). Nine pairs of a million minute
        // bars: peak RSS ~300 -> ~245 MB with the comparison on its thread, in the same time; the
        // 1,000,000-bar daily --json run: 153 -> 131 MB and less CPU.
        setFlagsFromString('--semi-space-growth-factor=1');
        // Loaded once: the risk-layer-free comparison runs on the same bars.
        const market = await loadBars(spec);
        const bars = market.data.ts.length;
        const runs = compare ? 2 : 1;
        // What the risk layer cost or saved: the same run with the drawdown guard and VaR check off
        // (comparison.ts), on a worker thread beside the main run when the market is large, else
        // inline before it. Without a bar to show, neither engine gets a progress callback: a call in
        // its bar loop that V8 saw no target for before compiling the loop deoptimised it at the
        // first update.
        const comparison = compare ? startComparison(spec, market, progress.live ? (done) => progress.update(done, runs * bars) : undefined) : null;
        // Progress over both runs: the main run's bars and the comparison's.
        const show = (main: number): void => progress.update(main + (comparison?.done() ?? 0), runs * bars);
        // The fill rows and the long lists of figures.ts ROW_KEYS are printed only by --json, which
        // writes them as it makes them (json-out.ts RowStream); the text shows none of them, and
        // the report (which needs the lists but not the fills) gets them as arrays.
        const out = await runBacktest({ ...spec, fillRows: false, ...(progress.live ? { onProgress: show } : {}) }, comparison?.market ?? market);
        // A comparison still running on its thread keeps the bar moving while it is waited for.
        const ticker = progress.live && comparison ? setInterval(() => show(bars), 250) : undefined;
        const without = comparison ? await comparison.result.finally(() => clearInterval(ticker)) : null;
        progress.update(runs * bars, runs * bars);
        progress.stop();
        const bench = benchmark ? await benchmarkSeries(benchmark, spec, out, runDays(out)) : null;
        const doc = backtestDocument(spec, out, figures(out, spec.size, bench, without, { rows: f.report !== undefined }), f.report);
        if (f.report) {
          // The report's renderer and the chart library load only for a report.
          const [{ renderReportHtml }, { chartLibrarySource }] = await Promise.all([import('../../research/report.js'), import('../../research/chart-library.js')]);
          // Fills and refused orders are tables of their own, not tearsheet figures.
          const { skipped_orders: _skipped, fills: _fills, ...numbers } = out.summary;
          writeFileSync(
            f.report,
            renderReportHtml(
              {
                ...doc,
                title: `NeoLight backtest: ${doc.strategy_label} on ${doc.symbols.join(', ')}`,
                notes: [
                  `Data: ${dataLabel(doc.data)}; ${doc.window.bars} bars from ${doc.window.from} to ${doc.window.to}`,
                  `Fill: ${doc.fill}, size: ${doc.size}, cash ${doc.cash}, ${doc.fees_bps === null ? 'venue fee' : `fees ${doc.fees_bps} bps`}, ${doc.periods_per_year} periods a year`,
                  ...(doc.benchmark ? [`Benchmark: ${doc.benchmark.name} (${doc.benchmark.simulated ? 'SIMULATED ' : ''}${doc.benchmark.source})`] : []),
                ],
                all_figures: { ...numbers, win_rate: doc.win_rate, profit_factor: doc.profit_factor, exposure_time: doc.exposure_time, closed_trades: doc.closed_trades },
              },
              chartLibrarySource(),
            ),
          );
        }
        if (f.equityCurve) writeEquityCurve(f.equityCurve, out.days);
        if (f.json) {
          const rows = { fills: fillRows(out.result.fills), ...(f.report === undefined ? figureRows(out, spec.size, bench, without) : {}) };
          writeJsonDocument(doc, syncWriter(), rows);
          // Every byte is out (written synchronously) and nothing else is pending: end now rather
          // than wait while the runtime frees a heap of a million bars piece by piece (50-100 ms
          // of a 1,000,000-bar run's wall time here, docs/backtest.md).
          process.exit(0);
        }
        else process.stdout.write(`${backtestText(doc)}\n`);
      }),
    );
}

/**
 * The asset of a --data file given without --symbols. A file named as freqtrade names a pair's
 * (BTC_USDT-1m.csv, BTC_USDT_USDT-1h-futures.feather) is that pair, so it trades in the pair's lots
 * every day: as ASSET, an equity traded in whole shares on exchange days, an all-in run at
 * bitcoin's price bought nothing. Any other file is ASSET.
 */
function fileAsset(path: string): string {
  const name = parseDataFileName(basename(path));
  return name && name.stem.includes('_') ? pairFromFileName('', name) : 'ASSET';
}
