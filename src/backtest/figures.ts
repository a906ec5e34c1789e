/**
 * The tearsheet figures of a run beyond the headline tearsheet: trade statistics and the trade
 * list, the benchmark's and the risk-layer-free run's figures, calendar returns, rolling figures,
 * the worst drawdowns and the daily equity curve the report draws. Pure: the runs and the
 * benchmark series come in as arguments.
 */
import type { DayValue, DrawdownPeriod, MonthlyReturn } from '../research/periods.js';
import type { Tearsheet } from '../research/metrics.js';
import type { RollingPoint } from '../research/rolling.js';
import { tradeList, type Fill, type Fills, type TradeRow } from '../research/trades.js';
import { jsonIsoTime, jsonRow, jsonRows, jsonScalar, jsonStrings, type RowStream } from './json-out.js';
import type { BenchmarkSeries } from './benchmark.js';
import { dateOf, monthlyReturnsOf, monthsOf, periodReturns, returnsOf, worstDrawdownsOf, yearlyReturnsOf, type DailySeries, type Months } from './daily.js';
import { betaAll, rollingBetaColumns, rollingBetaOf, rollingSharpeVolatilityColumns, rollingSharpeVolatilityOf, type RollingColumns } from './daily-rolling.js';
import { tearsheetOf } from './daily-tearsheet.js';
import type { BacktestOutcome } from './run.js';

export interface TradeFigures {
  /** Share of closing fills with a realised gain; null without a closing fill. */
  win_rate: number | null;
  /** Realised gains over realised losses; null without a losing fill. */
  profit_factor: number | null;
  /** Share of bars after which a position was held. */
  exposure_time: number | null;
  /** Fills that closed (part of) a position: the trades win_rate counts. */
  closed_trades: number;
}

export type BenchmarkFigures = Tearsheet & {
  name: string;
  source: string;
  simulated: boolean;
  /** Beta of the strategy's daily returns to the benchmark's over the whole run. */
  beta: number | null;
};

/** The risk-layer-free run's figures (docs/backtest.md): its summary without the fill list, which can be hundreds of thousands of rows. */
export type WithoutRiskLayer = Omit<BacktestOutcome['summary'], 'fills'> & TradeFigures;

/** What the figures take of the risk-layer-free comparison run: its figures and its daily equity. */
export interface Comparison {
  figures: WithoutRiskLayer;
  days: DailySeries;
}

export interface Figures extends TradeFigures {
  benchmark: BenchmarkFigures | null;
  without_risk_layer: WithoutRiskLayer | null;
  monthly_returns: MonthlyReturn[];
  yearly_returns: { year: number; return: number; benchmark: number | null }[];
  rolling_sharpe: RollingPoint[];
  rolling_volatility: RollingPoint[];
  rolling_beta: RollingPoint[];
  worst_drawdowns: DrawdownPeriod[];
  trade_list: TradeRow[];
  /** Each day's closing equity (each month's last day past MAX_DAILY_POINTS days, see `equity_curve_sampling`); the benchmark and the risk-layer-free run start at the same equity. */
  equity_curve: EquityPoint[];
  /** `daily`, or `month_end` when the run has more than MAX_DAILY_POINTS days (the whole curve: `--equity-curve FILE.csv`). */
  equity_curve_sampling: 'daily' | 'month_end';
}

/** The trade statistics, from the fill columns (the risk-layer-free run's fills never become objects). */
const tradeFigures = (out: BacktestOutcome): TradeFigures => out.result.fills.tradeFigures(out.data.ts);

export interface EquityPoint {
  date: string;
  equity: number;
  benchmark: number | null;
  without_risk_layer: number | null;
}

/**
 * Past this many days (about 55 years of calendar days) `--json` and the report carry each month's
 * last day: a chart cannot show more points than it has pixels, and a million daily points are
 * ~80 MB of JSON. Every figure is still computed from every day.
 */
export const MAX_DAILY_POINTS = 20_000;

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The run's days as objects: the benchmark's grid (made only with --benchmark). */
export function runDays(out: BacktestOutcome): DayValue[] {
  const days = out.days;
  return Array.from({ length: days.value.length }, (_, i) => ({ date: dateOf(days.day[i]!), value: days.value[i]! }));
}

/** Row i of the equity curve, as `--json` writes it. */
function equityRow(days: DailySeries, bench: BenchmarkSeries | null, free: DailySeries | null): (i: number) => EquityPoint {
  return (i) => ({
    date: dateOf(days.day[i]!),
    equity: round2(days.value[i]!),
    benchmark: bench ? round2(bench.days[i]!.value) : null,
    without_risk_layer: free && i < free.value.length ? round2(free.value[i]!) : null,
  });
}

/** The equity curve rows of days `at` (all days when omitted), as `--json` and `--equity-curve` write them. */
export function equityRows(days: DailySeries, bench: BenchmarkSeries | null, free: DailySeries | null, at?: readonly number[]): EquityPoint[] {
  const row = equityRow(days, bench, free);
  if (at) return at.map(row);
  return Array.from({ length: days.value.length }, (_, i) => row(i));
}

/** Lines of CSV written per call of `write` by equityCurveCsv. */
const CSV_LINES = 8192;

/**
 * The whole equity curve, every day (the `--json` curve is sampled past MAX_DAILY_POINTS), as CSV
 * `date,equity` with the values `equity_curve` carries (equityRows: UTC day, equity to the cent),
 * written in pieces: a 1,000,000-day run makes no object per day.
 */
export function equityCurveCsv(days: DailySeries, write: (chunk: string) => void): void {
  let chunk = 'date,equity\n';
  for (let i = 0; i < days.value.length; i++) {
    chunk += `${dateOf(days.day[i]!)},${round2(days.value[i]!)}\n`;
    if ((i + 1) % CSV_LINES === 0) {
      write(chunk);
      chunk = '';
    }
  }
  if (chunk) write(chunk);
}

/** The first day and each month's last day. */
function monthEnds(months: Months): number[] {
  const at = [0];
  for (const i of months.end) if (i > 0) at.push(i);
  return at;
}

const withoutFills = ({ fills: _fills, ...rest }: BacktestOutcome['summary']): Omit<BacktestOutcome['summary'], 'fills'> => rest;

/** A run as the comparison the figures show: its summary without the fill list, its trade figures, its daily equity. */
export function comparisonOf(out: BacktestOutcome): Comparison {
  return { figures: { ...withoutFills(out.summary), ...tradeFigures(out) }, days: out.days };
}

/** The engine's fills carry no reason yet: all-in trades only on a signal, target mode rebalances. */
const reasonOf = (size: 'all-in' | 'target'): string => (size === 'all-in' ? 'signal' : 'rebalance');

const tradeJson = jsonRow(['time', 'symbol', 'side', 'quantity', 'price', 'fee', 'realized_pnl', 'reason']);

/**
 * The `trade_list` rows of a run made as they are written (json-out.ts), as JSON text: tradeList
 * itself over fills that hand each row on as it is made, so the rows are the very ones tradeList
 * returns (its average-cost state runs over the fills in order) without an array of all of them.
 */
export function tradeRows(out: BacktestOutcome, size: 'all-in' | 'target'): RowStream {
  const log = out.result.fills;
  return jsonRows(log.length, (emit) => {
    const text = jsonStrings();
    const fills: Fills = {
      map: <T>(fn: (f: Fill) => T): T[] => {
        for (let k = 0; k < log.length; k++) {
          const t = fn(log.at(k)) as TradeRow;
          emit(tradeJson([jsonIsoTime(t.time), text(t.symbol), text(t.side), jsonScalar(t.quantity), jsonScalar(t.price), jsonScalar(t.fee), jsonScalar(t.realized_pnl), text(t.reason)]));
        }
        return [];
      },
    };
    tradeList(fills, reasonOf(size));
  });
}

/** The per-day series the figures share: month ids, the benchmark's returns and days, the comparison's days. */
function inputs(out: BacktestOutcome, bench: BenchmarkSeries | null, without: Comparison | null) {
  const days = out.days;
  const months = monthsOf(days.day);
  const benchValues = bench ? Float64Array.from(bench.days, (d) => d.value) : null;
  const b = benchValues ? returnsOf(benchValues) : null;
  const benchDays: DailySeries | null = benchValues ? { day: days.day, value: benchValues } : null;
  return { days, months, b, benchDays, freeDays: without ? without.days : null, sampled: days.value.length > MAX_DAILY_POINTS };
}

const rollingJson = jsonRow(['date', 'six_months', 'twelve_months']);
const monthlyJson = jsonRow(['month', 'return']);
const equityJson = jsonRow(['date', 'equity', 'benchmark', 'without_risk_layer']);

/**
 * JSON of a rolling figure as rolling.ts rounds it, String(Number(x.toFixed(6))) (null where
 * undefined), without parsing the digits back and formatting the number again: below 1e9 the
 * rounded decimal has at most 15 significant digits, so the double it reads as prints as that
 * decimal itself, without trailing zeros (and "-0" as "0"). ~130,000 of them on a 1,000,000-day run.
 */
export function round6Json(x: number): string {
  if (!(Math.abs(x) < 1e9)) return Number.isFinite(x) ? String(Number(x.toFixed(6))) : 'null';
  const fixed = x.toFixed(6);
  let end = fixed.length;
  while (fixed.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (fixed.charCodeAt(end - 1) === 46 /* . */) end--;
  const text = fixed.slice(0, end);
  return text === '-0' ? '0' : text;
}

/**
 * The long lists of `--json` (`trade_list`, `monthly_returns`, the rolling figures and the equity
 * curve) as the JSON text of their rows, made while they are written (json-out.ts): the same rows
 * `figures` gives, from the same numbers, but with no object per row. A 1,000,000-day run has
 * ~200,000 of them. Rolling points, monthly returns and the sampled equity curve are month ends:
 * each month end's date is made once for all of them.
 */
export function figureRows(out: BacktestOutcome, size: 'all-in' | 'target', bench: BenchmarkSeries | null, without: Comparison | null): Record<string, RowStream> {
  const { days, months, b, freeDays, sampled } = inputs(out, bench, without);
  const ends = months.end;
  const endDate = Array.from(ends, (i) => dateOf(days.day[i]!));
  const endJson = endDate.map(jsonScalar);
  const rolling = rollingSharpeVolatilityColumns(months, out.returns, out.periodsPerYear);
  const beta = b ? rollingBetaColumns(months, out.returns, b, out.periodsPerYear) : null;
  const points = (c: RollingColumns, j: number): RowStream => {
    // The points are the month ends from the first that fills a window on.
    const first = ends.length - c.ends.length;
    const [six, twelve] = [c.six[j]!, c.twelve[j]!];
    return jsonRows(c.ends.length, (emit) => {
      for (let k = 0; k < c.ends.length; k++) emit(rollingJson([endJson[first + k]!, round6Json(six[k]!), round6Json(twelve[k]!)]));
    });
  };
  // Every month ends a period: period k's last day is month end k.
  const monthly = periodReturns(days, months, 1);
  // As equityRow, as text.
  const round2Json = (x: number): string => jsonScalar(round2(x));
  const equity = (i: number, date: string): string =>
    equityJson([date, round2Json(days.value[i]!), bench ? round2Json(bench.days[i]!.value) : 'null', freeDays && i < freeDays.value.length ? round2Json(freeDays.value[i]!) : 'null']);
  return {
    trade_list: tradeRows(out, size),
    monthly_returns: jsonRows(monthly.ret.length, (emit) => {
      for (let k = 0; k < monthly.ret.length; k++) emit(monthlyJson([jsonScalar(endDate[k]!.slice(0, 7)), jsonScalar(monthly.ret[k]!)]));
    }),
    rolling_sharpe: points(rolling, 0),
    rolling_volatility: points(rolling, 1),
    rolling_beta: beta ? points(beta, 0) : jsonRows(0, () => undefined),
    equity_curve: sampled
      ? jsonRows(monthEnds(months).length, (emit) => {
          // The first day, then each month's last day (month end k is date k).
          if (ends[0]! > 0) emit(equity(0, jsonScalar(dateOf(days.day[0]!))));
          for (let k = 0; k < ends.length; k++) emit(equity(ends[k]!, endJson[k]!));
        })
      : jsonRows(days.value.length, (emit) => {
          for (let i = 0; i < days.value.length; i++) emit(equity(i, jsonScalar(dateOf(days.day[i]!))));
        }),
  };
}

/** `rows: false`: the lists `figureRows` makes are left empty, for a caller that writes them from `figureRows`. */
export function figures(out: BacktestOutcome, size: 'all-in' | 'target', bench: BenchmarkSeries | null, without: Comparison | null, opts: { rows?: boolean } = {}): Figures {
  const { days, months, b, benchDays, freeDays, sampled } = inputs(out, bench, without);
  const r = out.returns;
  const P = out.periodsPerYear;
  const rows = opts.rows !== false;
  const trade = tradeFigures(out);
  const benchYears = benchDays ? new Map(yearlyReturnsOf(benchDays, months).map((y) => [y.year, y.return])) : null;
  const rolling = rows ? rollingSharpeVolatilityOf(days, months, r, P) : { sharpe: [], volatility: [] };
  return {
    ...trade,
    benchmark: bench && b ? { name: bench.name, source: bench.source, simulated: bench.simulated, ...tearsheetOf(b, P), beta: finite(betaAll(r, b)) } : null,
    without_risk_layer: without ? without.figures : null,
    monthly_returns: rows ? monthlyReturnsOf(days, months) : [],
    yearly_returns: yearlyReturnsOf(days, months).map((y) => ({ ...y, benchmark: benchYears?.get(y.year) ?? null })),
    rolling_sharpe: rolling.sharpe,
    rolling_volatility: rolling.volatility,
    rolling_beta: rows && b ? rollingBetaOf(days, months, r, b, P) : [],
    worst_drawdowns: worstDrawdownsOf(days, 5),
    trade_list: rows ? tradeList(out.result.fills, reasonOf(size)) : [],
    equity_curve: rows ? equityRows(days, bench, freeDays, sampled ? monthEnds(months) : undefined) : [],
    equity_curve_sampling: sampled ? 'month_end' : 'daily',
  };
}
