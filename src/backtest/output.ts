/**
 * What `neolight backtest` prints. The JSON document is built first and the text is rendered from
 * it, so `--json` carries everything the text shows, under stable snake_case keys.
 */
import { z } from 'zod';
import { drawdownEvent } from '../contracts/risk.js';
import { utcDay as date } from '../core/clock.js';
import { NeoLightError } from '../core/errors.js';
import type { StrategyParams } from '../intelligence/strategy-lab/strategies.js';
import { money, percent, ratio, tearsheetTable } from '../research/format.js';
import type { Tearsheet } from '../research/metrics.js';
import type { Figures } from './figures.js';
import type { BacktestOutcome, BacktestSpec } from './run.js';

export interface DrawdownEventRow {
  date: string;
  type: z.infer<typeof drawdownEvent>['type'];
  detail: string;
}

export type BacktestDocument = {
  strategy: string;
  /** The strategy's name with its effective parameters, defaults included: `sma-cross(10,30)`. */
  strategy_label: string;
  /** The parameters given on the command line (the rest are the strategy's defaults). */
  params: StrategyParams;
  symbols: string[];
  data: { source: string; simulated: boolean; seed: number | null; scenario: 'none' | 'crash' | null };
  window: { from: string; to: string; bars: number };
  fill: 'next-open' | 'close';
  size: 'all-in' | 'target';
  cash: number;
  /** null: each instrument's venue fee (0 for a CSV asset outside the universe). */
  fees_bps: number | null;
  periods_per_year: number;
} & BacktestOutcome['summary'] & {
  drawdown_events: DrawdownEventRow[];
  report: string | null;
} & Figures;

const eventLabel = z.object({ type: drawdownEvent.shape.type, detail: z.string() });

/** The engine labels guard events `type: detail`; split them back into their fields. */
export function drawdownEvents(events: readonly { ts: number; label: string }[]): DrawdownEventRow[] {
  return events.map((e) => {
    const at = e.label.indexOf(': ');
    const parsed = eventLabel.safeParse({ type: e.label.slice(0, at), detail: e.label.slice(at + 2) });
    if (at < 0 || !parsed.success) throw new NeoLightError('NL_ERR_INTERNAL', `engine event "${e.label}" is not "<drawdown event type>: <detail>"`);
    return { date: date(e.ts), ...parsed.data };
  });
}

export function backtestDocument(spec: BacktestSpec, out: BacktestOutcome, figures: Figures, report?: string): BacktestDocument {
  const given: StrategyParams = {};
  for (const k of ['fast', 'slow', 'lookback', 'rebalance'] as const) if (spec.params[k] !== undefined) given[k] = spec.params[k];
  const ts = out.data.ts;
  return {
    strategy: spec.strategy,
    strategy_label: out.strategyLabel,
    params: given,
    symbols: [...out.data.symbols],
    data: out.simulated ? { source: 'simulator', simulated: true, seed: spec.seed, scenario: spec.scenario } : { source: spec.data ?? '', simulated: false, seed: null, scenario: null },
    window: { from: date(ts[0]!), to: date(ts[ts.length - 1]!), bars: ts.length },
    fill: spec.fill,
    size: spec.size,
    cash: spec.cash,
    fees_bps: spec.feesBps ?? null,
    periods_per_year: out.periodsPerYear,
    ...out.summary,
    drawdown_events: drawdownEvents(out.result.events),
    report: report ?? null,
    ...figures,
  };
}

/** The data line of the text and the report: SIMULATED runs say so. */
export function dataLabel(d: BacktestDocument['data']): string {
  return d.simulated ? `SIMULATED market (seed ${d.seed}${d.scenario === 'crash' ? ', crash scenario' : ''})` : d.source;
}

export function backtestText(doc: BacktestDocument): string {
  const numbers: Tearsheet & Record<string, number | null> = {
    periods: doc.periods, total_return: doc.total_return, annual_return: doc.annual_return, annual_volatility: doc.annual_volatility,
    sharpe: doc.sharpe, sortino: doc.sortino, calmar: doc.calmar, max_drawdown: doc.max_drawdown,
    var_95: doc.var_95, cvar_95: doc.cvar_95, var_99: doc.var_99, cvar_99: doc.cvar_99,
    gaussian_var_95: doc.gaussian_var_95, gaussian_cvar_95: doc.gaussian_cvar_95, gaussian_var_99: doc.gaussian_var_99, gaussian_cvar_99: doc.gaussian_cvar_99,
    final_equity: doc.final_equity, trades: doc.trades, fees: doc.fees, turnover: doc.turnover,
    win_rate: doc.win_rate, profit_factor: doc.profit_factor, exposure_time: doc.exposure_time, closed_trades: doc.closed_trades,
  };
  const fee = doc.fees_bps === null ? 'venue fee' : `fees ${doc.fees_bps} bps`;
  const lines = [
    `Backtest ${doc.strategy_label} on ${doc.symbols.join(', ')} — ${dataLabel(doc.data)}`,
    `${doc.window.bars} bars from ${doc.window.from} to ${doc.window.to}; fill ${doc.fill}, size ${doc.size}, cash ${doc.cash}, ${fee}, ${doc.periods_per_year} periods a year`,
    '',
    tearsheetTable(numbers),
  ];
  const refused = Object.entries(doc.skipped_orders).sort((a, b) => b[1] - a[1]);
  if (refused.length) lines.push('', `Orders not placed (reason codes in docs/risk.md): ${refused.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  lines.push(...comparisonLines(doc));
  if (doc.drawdown_events.length) lines.push('', 'Drawdown guard:', ...doc.drawdown_events.map((e) => `  ${e.date}  ${e.type}: ${e.detail}`));
  if (doc.report) lines.push('', `Report: ${doc.report}`);
  return lines.join('\n');
}

const signed = (x: number | null): string => (x === null ? '-' : `${x >= 0 ? '+' : ''}${percent(x)}`);

/** The benchmark's and the risk-layer-free run's headline figures, yearly returns, the worst drawdowns. */
function comparisonLines(doc: BacktestDocument): string[] {
  const lines: string[] = [];
  const b = doc.benchmark;
  if (b) {
    lines.push('', `Benchmark ${b.name} (${b.simulated ? 'SIMULATED ' : ''}${b.source}): total_return ${percent(b.total_return)}, annual_return ${percent(b.annual_return)}, annual_volatility ${percent(b.annual_volatility)}, sharpe ${ratio(b.sharpe)}, max_drawdown ${percent(b.max_drawdown)}, beta ${ratio(b.beta)}`);
  }
  const w = doc.without_risk_layer;
  if (w) {
    lines.push('', `Without the risk layer (no drawdown guard, no VaR check): total_return ${percent(w.total_return)}, annual_return ${percent(w.annual_return)}, sharpe ${ratio(w.sharpe)}, max_drawdown ${percent(w.max_drawdown)}, final_equity ${money(w.final_equity)}, fees ${money(w.fees)}`);
  }
  if (doc.yearly_returns.length) {
    lines.push('', `Yearly returns: ${doc.yearly_returns.map((y) => `${y.year} ${signed(y.return)}${b ? ` (${b.name} ${signed(y.benchmark)})` : ''}`).join(', ')}`);
  }
  if (doc.worst_drawdowns.length) {
    lines.push('', 'Worst drawdowns:', ...doc.worst_drawdowns.map((d) => `  ${percent(d.depth).padStart(7)}  ${d.start} peak, ${d.valley} valley, ${d.recovery ? `recovered ${d.recovery}` : 'not recovered'}, ${d.days} days`));
  }
  return lines;
}
