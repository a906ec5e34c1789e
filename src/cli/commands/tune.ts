/** `neolight tune`: walk-forward optimisation of a strategy's parameters, written to state/tuned_parameters.json. */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { tunedParameters } from '../../contracts/tuning.js';
import { MS } from '../../core/clock.js';
import { NeoLightError } from '../../core/errors.js';
import type { StrategyParams } from '../../intelligence/strategy-lab/strategies.js';
import { tune } from '../../intelligence/tuner/tune.js';
import { loadCsvHistory } from '../../market/csv-history.js';
import { instrument, SYMBOLS } from '../../market/instruments.js';
import { simulateBars } from '../../market/simulator.js';
import { openFileStore } from '../../store/file-store.js';
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
  fees: number;
  home?: string;
  json?: boolean;
}

export function registerTune(program: Command): void {
  program
    .command('tune')
    .description('walk-forward optimisation: grid search in sample, score out of sample, sensitivity to ±10/20 % changes')
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
    .option('--fees <bps>', 'cost per change of position, in basis points', parseNumberFlag('--fees', 0, 1000), 1)
    .option('--home <dir>', 'data directory for state/tuned_parameters.json (NEOLIGHT_HOME)')
    .option('--json', 'print one JSON document (progress stays on stderr)')
    .action(
      action(async (f: Flags) => {
        if (f.strategy !== 'sma-cross' && f.strategy !== 'momentum') throw new NeoLightError('NL_ERR_BAD_FLAG', `--strategy "${f.strategy}" is not accepted: expected sma-cross or momentum`);
        const config = loadConfig({ home: f.home, seed: f.seed });
        let closes: Float64Array;
        let simulated = false;
        if (f.data) closes = (await loadCsvHistory(resolve(f.data), { symbol: f.symbol })).close;
        else {
          if (!(SYMBOLS as readonly string[]).includes(f.symbol)) throw new NeoLightError('NL_ERR_BAD_FLAG', `--symbol "${f.symbol}" is not accepted: the simulator knows ${SYMBOLS.join(', ')}`);
          const from = Date.parse('2015-01-01T00:00:00Z');
          const b = simulateBars(config.seed, [f.symbol], from, MS.day, f.bars);
          const sym = b.symbols[f.symbol]!;
          // Only days the market traded are periods.
          closes = Float64Array.from(Array.from(sym.close).filter((_, i) => sym.tradable[i] === 1));
          simulated = true;
        }
        const periods = f.data ? 252 : instrument(f.symbol).periodsPerYear;
        const workers = f.workers ?? Math.max(1, availableParallelism() - 1);
        const bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'tune [{bar}] {percentage}% {value}/{total} evaluations', hideCursor: true }, cliProgress.Presets.shades_classic);
        let started = false;
        const report = await tune({ closes, strategy: f.strategy, feeBps: f.fees, periods }, { train: f.train, test: f.test, step: f.step ?? f.test, anchored: !!f.anchored, workers }, (done, total) => {
          if (!process.stderr.isTTY) return;
          if (!started) {
            bar.start(total, 0);
            started = true;
          }
          bar.update(done);
        }).catch((err: unknown) => {
          throw err instanceof RangeError ? new NeoLightError('NL_ERR_BAD_FLAG', `${err.message}; lower --train/--test or give more --bars`) : err;
        });
        if (started) bar.stop();
        const store = openFileStore(config.home);
        const params = { ...report.params };
        store.write(tunedParameters, {
          updated_at: new Date().toISOString(),
          strategy: f.strategy,
          params,
          symbol: f.symbol,
          simulated,
          in_sample_score: report.inSample,
          out_of_sample_score: report.outOfSample,
          degradation: report.degradation,
          windows: report.windows.length,
        });
        if (f.json) {
          printJson({ ...report, simulated, workers, written: store.pathOf(tunedParameters.path) });
          return;
        }
        const fmt = (x: number): string => x.toFixed(3).padStart(8);
        const p = (x: StrategyParams): string => Object.entries(x).map(([k, v]) => `${k}=${v}`).join(' ');
        const lines = [`Walk-forward ${f.strategy} on ${f.symbol}${simulated ? ' (SIMULATED market)' : ''}: ${closes.length} bars, ${report.windows.length} ${f.anchored ? 'anchored' : 'rolling'} windows, ${workers} worker(s)`, '', '  window (bars)        params              in-sample  out-of-sample'];
        for (const w of report.windows) lines.push(`  ${`${w.trainStart}-${w.trainEnd} | ${w.testStart}-${w.testEnd}`.padEnd(20)} ${p(w.params).padEnd(18)} ${fmt(w.inSample)}  ${fmt(w.outOfSample)}`);
        lines.push('', `Mean Sharpe in sample ${report.inSample.toFixed(3)}, out of sample ${report.outOfSample.toFixed(3)}: degradation ${report.degradation.toFixed(3)}`);
        lines.push('', `Chosen ${p(report.params)} (whole series Sharpe ${report.baseScore.toFixed(3)}); sensitivity:`);
        for (const s of report.sensitivity) lines.push(`  ${s.label.padEnd(14)} ${p(s.params).padEnd(18)} ${fmt(s.score)}`);
        lines.push('', `Written to ${store.pathOf(tunedParameters.path)}`);
        process.stdout.write(`${lines.join('\n')}\n`);
      }),
    );
}
