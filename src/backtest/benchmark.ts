/**
 * The benchmark a backtest is compared with, as a value per day on the run's own day grid:
 * - `buy-hold`: the run's own bars bought at the first close in equal parts and held (no fees);
 * - a symbol of the run: that symbol's closes;
 * - another simulator symbol, for a simulated run: the simulator's closes for the same seed,
 *   scenario and window;
 * - any symbol with `--benchmark-data FILE.csv`: that file's closes.
 * A CSV run has no other market to ask, so a foreign symbol without a file is a usage error.
 * A day the benchmark does not trade carries its last close forward (a return of 0).
 */
import { NeoLightError } from '../core/errors.js';
import { SYMBOLS } from '../market/instruments.js';
import { dailyCloses, type DayValue } from '../research/periods.js';
import { priceAt, pricesFloat64 } from './prices.js';
import { loadBars, type BacktestOutcome, type BacktestSpec } from './run.js';

export type BenchmarkChoice = { kind: 'buy-hold' } | { kind: 'symbol'; symbol: string; data?: string };

export interface BenchmarkSeries {
  name: string;
  /** Where its prices came from: `simulator`, the run's data, or a file. */
  source: string;
  simulated: boolean;
  /** One value per day of `grid`, starting at the grid's first value. */
  days: DayValue[];
}

/** `--benchmark` and `--benchmark-data` as given on the command line. */
export function parseBenchmark(name: string | undefined, data: string | undefined): BenchmarkChoice | undefined {
  if (name === undefined) {
    if (data !== undefined) throw new NeoLightError('NL_ERR_BAD_FLAG', `--benchmark-data "${data}" needs --benchmark SYMBOL: the name of the asset the file holds`);
    return undefined;
  }
  if (name === 'buy-hold') {
    if (data !== undefined) throw new NeoLightError('NL_ERR_BAD_FLAG', `--benchmark-data "${data}" is not accepted with --benchmark buy-hold, which holds the run's own data`);
    return { kind: 'buy-hold' };
  }
  if (!/^[A-Za-z0-9^][A-Za-z0-9._=^-]{0,31}$/.test(name)) throw new NeoLightError('NL_ERR_BAD_FLAG', `--benchmark "${name}" is not accepted: expected buy-hold or a symbol such as SPY`);
  return { kind: 'symbol', symbol: name, ...(data !== undefined ? { data } : {}) };
}

/** Values on `grid`'s days, each the last known value at or before it (the first known one before the series starts). */
function onGrid(grid: readonly DayValue[], series: readonly DayValue[]): DayValue[] {
  const scale = (grid[0]?.value ?? 1) / (series[0]?.value ?? 1);
  let k = 0;
  return grid.map((g) => {
    while (k + 1 < series.length && series[k + 1]!.date <= g.date) k++;
    return { date: g.date, value: series[k]!.value * scale };
  });
}

type Plan = { kind: 'buy-hold' } | { kind: 'column'; symbol: string } | { kind: 'load'; symbol: string; data?: string };

/** Where the benchmark's prices come from; a usage error (before any run) when there is nowhere. */
export function benchmarkPlan(choice: BenchmarkChoice, spec: Pick<BacktestSpec, 'data' | 'symbols'>): Plan {
  if (choice.kind === 'buy-hold') return choice;
  const { symbol } = choice;
  if (choice.data !== undefined) return { kind: 'load', symbol, data: choice.data };
  if (spec.symbols.includes(symbol)) return { kind: 'column', symbol };
  if (spec.data !== undefined) {
    throw new NeoLightError('NL_ERR_BAD_FLAG', `--benchmark "${symbol}" is not in ${spec.data} (it holds ${spec.symbols.join(', ')}): give its prices with --benchmark-data FILE.csv, or use --benchmark buy-hold`);
  }
  if (!(SYMBOLS as readonly string[]).includes(symbol)) {
    throw new NeoLightError('NL_ERR_BAD_FLAG', `--benchmark "${symbol}" is not accepted: the simulator knows ${SYMBOLS.join(', ')}; for another asset give --benchmark-data FILE.csv, or use --benchmark buy-hold`);
  }
  return { kind: 'load', symbol };
}

export async function benchmarkSeries(choice: BenchmarkChoice, spec: BacktestSpec, out: BacktestOutcome, grid: readonly DayValue[]): Promise<BenchmarkSeries> {
  const { data, simulated } = out;
  const runSource = simulated ? 'simulator' : (spec.data ?? '');
  const plan = benchmarkPlan(choice, { data: spec.data, symbols: [...data.symbols] });
  if (plan.kind === 'buy-hold') {
    const n = data.symbols.length;
    const value = data.ts.map((_, i) => data.close.reduce((a, c) => a + priceAt(c, i) / priceAt(c, 0), 0) / n);
    return { name: 'buy-hold', source: runSource, simulated, days: onGrid(grid, dailyCloses(data.ts, value)) };
  }
  if (plan.kind === 'column') return { name: plan.symbol, source: runSource, simulated, days: onGrid(grid, dailyCloses(data.ts, pricesFloat64(data.close[data.symbols.indexOf(plan.symbol)]!))) };
  const window = { from: data.ts[0]!, to: data.ts[data.ts.length - 1]! };
  const m = await loadBars({ ...(plan.data !== undefined ? { data: plan.data } : {}), symbols: [plan.symbol], ...window, seed: spec.seed, scenario: spec.scenario });
  return { name: plan.symbol, source: plan.data ?? 'simulator', simulated: m.simulated, days: onGrid(grid, dailyCloses(m.data.ts, pricesFloat64(m.data.close[0]!))) };
}
