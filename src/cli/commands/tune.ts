/**
 * `neolight tune`: walk-forward optimisation of a strategy's parameters, written to
 * state/tuned_parameters.json. The composition root of the tuner: it hands the parameter search
 * (intelligence/tuner) a Scoring backed by the backtest engine (backtest/window-score.ts).
 */
import { summaryOf } from './index.js';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadBars, periodsPerYear, type ExecutionSpec } from '../../backtest/run.js';
import { engineScoring } from '../../backtest/window-score.js';
import { loadConfig } from '../../config/config.js';
import { tunedParameters } from '../../contracts/tuning.js';
import { MS, utcDay as day } from '../../core/clock.js';
import { NeoLightError } from '../../core/errors.js';
import type { StrategyParams } from '../../intelligence/strategy-lab/strategies.js';
import { tune } from '../../intelligence/tuner/tune.js';
import { SYMBOLS } from '../../market/instruments.js';
import { openStore } from '../../store/open.js';
import { progressBar } from '../progress.js';
import { action, parseIntFlag, parseNumberFlag, printJson } from '../run.js';

interface Flags {
  strategy: string;
  data?: string;
  symbol: string;
  seed?: number;
  bars: number;
  train: number;
  test: number;
  step?: number;
  anchored?: boolean;
  workers?: number;
  fees?: number;
  home?: string;
  json?: boolean;
}

export function registerTune(program: Command): void {
  program
    .command('tune')
    .description(summaryOf('tune'))
    .option('--strategy <name>', 'sma-cross or momentum', 'sma-cross')
    .option('--data <file.csv>', 'OHLCV history of one asset (default: the simulator)')
    .option('--symbol <s>', `simulated symbol (${SYMBOLS.join(', ')}) or the name of the CSV's asset`, 'SPY')
    .option('--seed <n>', 'simulator seed (NEOLIGHT_SEED)', parseIntFlag('--seed', 0, 2 ** 32 - 1))
    .option('--bars <n>', 'daily bars to simulate', parseIntFlag('--bars', 100, 100_000), 2520)
    .option('--train <n>', 'in-sample bars per window', parseIntFlag('--train', 50, 100_000), 756)
    .option('--test <n>', 'out-of-sample bars per window', parseIntFlag('--test', 10, 100_000), 252)
    .option('--step <n>', 'bars between windows (default: --test)', parseIntFlag('--step', 1, 100_000))
    .option('--anchored', 'anchored windows: every training window starts at the first bar')
    .option('--workers <n>', 'worker threads (default: cores − 1, at least 1)', parseIntFlag('--workers', 1, 64))
    .option('--fees <bps>', 'fee in basis points of notional, as in backtest (default: the instrument’s venue fee; 0 for CSV assets)', parseNumberFlag('--fees', 0, 1000))
    .option('--home <dir>', 'data directory for state/tuned_parameters.json (NEOLIGHT_HOME)')
    .option('--json', 'print one JSON document with snake_case keys (no progress bar)')
    .action(
      action(async (f: Flags) => {
        if (f.strategy !== 'sma-cross' && f.strategy !== 'momentum') throw new NeoLightError('NL_ERR_BAD_FLAG', `--strategy "${f.strategy}" is not accepted: expected sma-cross or momentum`);
        const config = loadConfig({ home: f.home, seed: f.seed });
        if (!f.data && !(SYMBOLS as readonly string[]).includes(f.symbol)) throw new NeoLightError('NL_ERR_BAD_FLAG', `--symbol "${f.symbol}" is not accepted: the simulator knows ${SYMBOLS.join(', ')}`);
        const from = Date.parse('2015-01-01T00:00:00Z');
        // The bars `neolight backtest` would run on: the whole CSV, or --bars simulated days (only days the market traded are bars).
        const market = await loadBars(f.data ? { data: resolve(f.data), symbols: [f.symbol], seed: config.seed, scenario: 'none' } : { symbols: [f.symbol], from, to: from + (f.bars - 1) * MS.day, seed: config.seed, scenario: 'none' });
        const execution: ExecutionSpec = { fill: 'next-open', size: 'target', cash: config.startingEquity, seed: config.seed, scenario: 'none', ...(f.fees !== undefined ? { feesBps: f.fees } : {}) };
        const setup = { strategy: f.strategy, execution, market, periodsPerYear: periodsPerYear(market) };
        const bars = market.data.ts.length;
        const workers = f.workers ?? Math.max(1, availableParallelism() - 1);
        const progress = progressBar('tune [{bar}] {percentage}% {value}/{total} backtests', { json: f.json });
        const report = await tune(engineScoring(setup), { strategy: f.strategy, bars, train: f.train, test: f.test, step: f.step ?? f.test, anchored: !!f.anchored, workers }, (done, total) => progress.update(done, total)).catch((err: unknown) => {
          throw err instanceof RangeError ? new NeoLightError('NL_ERR_BAD_FLAG', `${err.message}; lower --train/--test or give more --bars`) : err;
        });
        progress.stop();
        const store = openStore({ home: config.home, storeUrl: config.store });
        const simulated = market.simulated;
        store.write(tunedParameters, {
          updated_at: new Date().toISOString(),
          strategy: f.strategy,
          params: { ...report.params },
          symbol: f.symbol,
          simulated,
          in_sample_score: report.inSample,
          out_of_sample_score: report.outOfSample,
          degradation: report.degradation,
          windows: report.windows.length,
        });
        const written = store.pathOf(tunedParameters.path);
        const dates = { from: day(market.data.ts[0]!), to: day(market.data.ts[bars - 1]!) };
        if (f.json) {
          printJson({
            strategy: f.strategy,
            symbol: f.symbol,
            data: { source: f.data ? resolve(f.data) : 'simulator', simulated, seed: simulated ? config.seed : null },
            window: { ...dates, bars },
            execution: { fill: execution.fill, size: execution.size, cash: execution.cash, fees_bps: execution.feesBps ?? null, periods_per_year: setup.periodsPerYear },
            anchored: !!f.anchored,
            train: f.train,
            test: f.test,
            step: f.step ?? f.test,
            workers,
            windows: report.windows.map((w) => ({ train_start: w.trainStart, train_end: w.trainEnd, test_start: w.testStart, test_end: w.testEnd, params: w.params, in_sample: w.inSample, out_of_sample: w.outOfSample })),
            params: report.params,
            in_sample: report.inSample,
            out_of_sample: report.outOfSample,
            degradation: report.degradation,
            base_score: report.baseScore,
            sensitivity: report.sensitivity,
            written,
          });
          return;
        }
        const fmt = (x: number): string => x.toFixed(3).padStart(8);
        const p = (x: StrategyParams): string => Object.entries(x).map(([k, v]) => `${k}=${v}`).join(' ');
        const fee = execution.feesBps === undefined ? 'venue fee' : `fees ${execution.feesBps} bps`;
        const lines = [
          `Walk-forward ${f.strategy} on ${f.symbol} — ${simulated ? `SIMULATED market (seed ${config.seed})` : resolve(f.data!)}: ${bars} bars from ${dates.from} to ${dates.to}, ${report.windows.length} ${f.anchored ? 'anchored' : 'rolling'} windows (train ${f.train}, test ${f.test}, step ${f.step ?? f.test}), ${workers} worker(s)`,
          `Each score is a backtest-engine run: fill ${execution.fill}, size ${execution.size}, cash ${execution.cash}, ${fee}, ${setup.periodsPerYear} periods a year`,
          '',
          '  window (bars)        params              in-sample  out-of-sample',
        ];
        for (const w of report.windows) lines.push(`  ${`${w.trainStart}-${w.trainEnd} | ${w.testStart}-${w.testEnd}`.padEnd(20)} ${p(w.params).padEnd(18)} ${fmt(w.inSample)}  ${fmt(w.outOfSample)}`);
        lines.push('', `Mean Sharpe in sample ${report.inSample.toFixed(3)}, out of sample ${report.outOfSample.toFixed(3)}: degradation ${report.degradation.toFixed(3)}`);
        lines.push('', `Chosen ${p(report.params)} (whole series Sharpe ${report.baseScore.toFixed(3)}); sensitivity:`);
        for (const s of report.sensitivity) lines.push(`  ${s.label.padEnd(14)} ${p(s.params).padEnd(18)} ${fmt(s.score)}`);
        lines.push('', `Written to ${written}`);
        process.stdout.write(`${lines.join('\n')}\n`);
      }),
    );
}
