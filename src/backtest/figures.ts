/**
 * The tearsheet figures of a run beyond the headline tearsheet: trade statistics and the trade
 * list, the benchmark's and the risk-layer-free run's figures, calendar returns, rolling figures,
 * the worst drawdowns and the daily equity curve the report draws. Pure: the runs and the
 * benchmark series come in as arguments.
 */
import { dailyCloses, dayReturns, monthlyReturns, worstDrawdowns, yearlyReturns, type DayValue, type DrawdownPeriod, type MonthlyReturn } from '../research/periods.js';
import { tearsheet, type Tearsheet } from '../research/metrics.js';
import { beta, rollingBeta, rollingSharpe, rollingVolatility, type RollingPoint } from '../research/rolling.js';
import { exposureTime, tradeList, tradeStats, type TradeRow } from '../research/trades.js';
import type { BenchmarkSeries } from './benchmark.js';
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

export type WithoutRiskLayer = BacktestOutcome['summary'] & TradeFigures;

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
  /** Each day's closing equity; the benchmark and the risk-layer-free run start at the same equity. */
  equity_curve: { date: string; equity: number; benchmark: number | null; without_risk_layer: number | null }[];
}

function tradeFigures(out: BacktestOutcome, defaultReason: string): { list: TradeRow[]; figures: TradeFigures } {
  const list = tradeList(out.result.fills, defaultReason);
  const s = tradeStats(list);
  return { list, figures: { win_rate: s.win_rate, profit_factor: s.profit_factor, exposure_time: exposureTime(out.data.ts, out.result.fills), closed_trades: s.closed_trades } };
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
const round2 = (x: number): number => Math.round(x * 100) / 100;
/** Daily series are thousands of points: six decimals are more than any chart or reader resolves. */
const round6 = (p: RollingPoint): RollingPoint => ({ date: p.date, six_months: p.six_months === null ? null : Number(p.six_months.toFixed(6)), twelve_months: p.twelve_months === null ? null : Number(p.twelve_months.toFixed(6)) });

export function runDays(out: BacktestOutcome): DayValue[] {
  return dailyCloses(out.data.ts, out.result.equity);
}

export function figures(out: BacktestOutcome, size: 'all-in' | 'target', bench: BenchmarkSeries | null, without: BacktestOutcome | null): Figures {
  const days = runDays(out);
  const dates = days.slice(1).map((d) => d.date);
  const r = dayReturns(days);
  const P = out.periodsPerYear;
  // The engine's fills carry no reason yet: all-in trades only on a signal, target mode rebalances.
  const reason = size === 'all-in' ? 'signal' : 'rebalance';
  const { list, figures: trade } = tradeFigures(out, reason);
  const b = bench ? dayReturns(bench.days) : null;
  const benchYears = bench ? new Map(yearlyReturns(bench.days).map((y) => [y.year, y.return])) : null;
  const freeDays = without ? runDays(without) : null;
  return {
    ...trade,
    benchmark: bench && b ? { name: bench.name, source: bench.source, simulated: bench.simulated, ...tearsheet(b, P), beta: finite(beta(r, b)) } : null,
    without_risk_layer: without ? { ...without.summary, ...tradeFigures(without, reason).figures } : null,
    monthly_returns: monthlyReturns(days),
    yearly_returns: yearlyReturns(days).map((y) => ({ ...y, benchmark: benchYears?.get(y.year) ?? null })),
    rolling_sharpe: rollingSharpe(dates, r, P).map(round6),
    rolling_volatility: rollingVolatility(dates, r, P).map(round6),
    rolling_beta: b ? rollingBeta(dates, r, b, P).map(round6) : [],
    worst_drawdowns: worstDrawdowns(days, 5),
    trade_list: list,
    equity_curve: days.map((d, i) => ({ date: d.date, equity: round2(d.value), benchmark: bench ? round2(bench.days[i]!.value) : null, without_risk_layer: freeDays?.[i] ? round2(freeDays[i].value) : null })),
  };
}
