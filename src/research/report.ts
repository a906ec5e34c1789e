/**
 * A self-contained HTML tearsheet of a backtest, one file that opens offline: headline figures
 * beside the benchmark's and the risk-layer-free run's, cumulative returns (log scale on demand),
 * the underwater curve, monthly heatmap, yearly bars, return distribution, rolling Sharpe,
 * volatility and beta, the worst drawdowns, every trade, refused orders by reason code and the
 * drawdown guard's events (also marked on the charts). Time series are drawn by the inlined chart
 * library (./report-script.ts), categorical charts as SVG (./report-svg.ts), the rest is tables.
 * A SIMULATED banner says so when the prices came from the simulator.
 */
import { money, percent, ratio } from './format.js';
import type { Tearsheet } from './metrics.js';
import { underwater, type DrawdownPeriod, type MonthlyReturn } from './periods.js';
import type { RollingPoint } from './rolling.js';
import { REPORT_SCRIPT } from './report-script.js';
import { distributionSvg, yearlyBarsSvg } from './report-svg.js';
import type { TradeRow } from './trades.js';

type Num = number | null;
interface TradeFigures {
  final_equity: number;
  trades: number;
  fees: number;
  win_rate: Num;
  profit_factor: Num;
  exposure_time: Num;
}

export interface ReportInput extends Tearsheet, TradeFigures {
  title: string;
  notes: readonly string[];
  data: { simulated: boolean };
  benchmark: (Tearsheet & { name: string; source: string; simulated: boolean; beta: Num }) | null;
  without_risk_layer: (Tearsheet & TradeFigures) | null;
  equity_curve: readonly { date: string; equity: number; benchmark: Num; without_risk_layer: Num }[];
  monthly_returns: readonly MonthlyReturn[];
  yearly_returns: readonly { year: number; return: number; benchmark: Num }[];
  rolling_sharpe: readonly RollingPoint[];
  rolling_volatility: readonly RollingPoint[];
  rolling_beta: readonly RollingPoint[];
  worst_drawdowns: readonly DrawdownPeriod[];
  trade_list: readonly TradeRow[];
  skipped_orders: Readonly<Record<string, number>>;
  drawdown_events: readonly { date: string; type: string; detail: string }[];
  /** Every figure of the run for the closing table (the tearsheet and the run's extras). */
  all_figures: Readonly<Record<string, Num>>;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const signedMoney = (x: number): string => `${x < 0 ? '-' : ''}${money(Math.abs(x))}`;
const count = (x: Num): string => (x === null ? '-' : x.toLocaleString('en-US'));

/** The headline rows: label, key, format. Figures a column does not have show as "-". */
const HEADLINE: readonly [string, string, (x: Num) => string][] = [
  ['Total return', 'total_return', percent],
  ['Annual return (CAGR)', 'annual_return', percent],
  ['Annual volatility', 'annual_volatility', percent],
  ['Sharpe', 'sharpe', ratio],
  ['Sortino', 'sortino', ratio],
  ['Calmar', 'calmar', ratio],
  ['Max drawdown', 'max_drawdown', percent],
  ['Daily VaR 95 %', 'var_95', percent],
  ['Daily CVaR 95 %', 'cvar_95', percent],
  ['Win rate (closing trades)', 'win_rate', percent],
  ['Profit factor', 'profit_factor', ratio],
  ['Exposure time', 'exposure_time', percent],
  ['Trades (fills)', 'trades', count],
  ['Fees', 'fees', money],
  ['Final equity', 'final_equity', money],
  ['Beta to benchmark', 'beta', ratio],
];

const PERCENT_FIGURES = new Set(['total_return', 'annual_return', 'annual_volatility', 'max_drawdown', 'var_95', 'cvar_95', 'var_99', 'cvar_99', 'gaussian_var_95', 'gaussian_cvar_95', 'gaussian_var_99', 'gaussian_cvar_99', 'turnover', 'win_rate', 'exposure_time']);
const COUNT_FIGURES = new Set(['periods', 'trades', 'closed_trades']);
const MONEY_FIGURES = new Set(['final_equity', 'fees']);
const figure = (k: string, v: Num): string => (PERCENT_FIGURES.has(k) ? percent(v) : COUNT_FIGURES.has(k) ? count(v) : MONEY_FIGURES.has(k) ? money(v) : ratio(v));

function headlineTable(r: ReportInput): string {
  const col = (name: string, values: object): { name: string; values: Map<string, unknown> } => ({ name, values: new Map(Object.entries(values)) });
  const cols = [col('Strategy', r)];
  if (r.without_risk_layer) cols.push(col('Without risk layer', r.without_risk_layer));
  if (r.benchmark) cols.push(col(`Benchmark: ${r.benchmark.name}`, r.benchmark));
  const cell = (v: unknown, f: (x: Num) => string): string => esc(typeof v === 'number' ? f(v) : '-');
  const rows = HEADLINE.filter(([, k]) => k !== 'beta' || r.benchmark).map(([label, k, f]) => `<tr><th>${esc(label)}</th>${cols.map((c) => `<td>${cell(k === 'beta' ? (c.name === 'Strategy' ? r.benchmark?.beta : null) : c.values.get(k), f)}</td>`).join('')}</tr>`);
  return `<table class="figures"><thead><tr><th></th>${cols.map((c) => `<th>${esc(c.name)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** One decimal, without a "-0.0%" for a loss that rounds to nothing. */
const percent1 = (x: number): string => percent(Math.abs(x) < 0.0005 ? 0 : x, 1);

function heatColor(x: number, scale: number): string {
  const a = 0.12 + 0.7 * Math.min(1, Math.abs(x) / scale);
  return x >= 0 ? `rgba(22,163,74,${a.toFixed(2)})` : `rgba(220,38,38,${a.toFixed(2)})`;
}

function monthlyHeatmap(months: readonly MonthlyReturn[], years: readonly { year: number; return: number }[]): string {
  if (!months.length) return '<p>No full day of returns.</p>';
  const scale = Math.max(0.01, ...months.map((m) => Math.abs(m.return)));
  const byKey = new Map(months.map((m) => [m.month, m.return]));
  const rows = years.map((y) => {
    const cells = MONTHS.map((_, i) => {
      const v = byKey.get(`${y.year}-${String(i + 1).padStart(2, '0')}`);
      return v === undefined ? '<td></td>' : `<td style="background:${heatColor(v, scale)}">${esc(percent1(v))}</td>`;
    });
    return `<tr><th>${y.year}</th>${cells.join('')}<td class="year">${esc(percent1(y.return))}</td></tr>`;
  });
  return `<table class="heatmap" id="monthly-heatmap"><thead><tr><th></th>${MONTHS.map((m) => `<th>${m}</th>`).join('')}<th>Year</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function drawdownTable(rows: readonly DrawdownPeriod[]): string {
  if (!rows.length) return '<p>No drawdown: the equity never fell below a previous high.</p>';
  const body = rows.map((d, i) => `<tr><td>${i + 1}</td><td>${d.start}</td><td>${d.valley}</td><td>${d.recovery ?? 'not recovered'}</td><td>${esc(percent(d.depth))}</td><td>${d.days}</td></tr>`);
  return `<table class="list"><thead><tr><th>#</th><th>Start (peak)</th><th>Valley</th><th>Recovery</th><th>Depth</th><th>Days</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

function tradeTable(rows: readonly TradeRow[]): string {
  if (!rows.length) return '<p>No trade.</p>';
  const body = rows.map((t) => `<tr><td>${esc(t.time.replace('T', ' ').replace(/ 00:00:00\.000Z$|:00\.000Z$|\.000Z$/, ''))}</td><td>${esc(t.symbol)}</td><td>${t.side}</td><td>${t.quantity.toLocaleString('en-US', { maximumFractionDigits: 8 })}</td><td>${t.price.toLocaleString('en-US', { maximumFractionDigits: t.price < 1 ? 6 : 4 })}</td><td>${esc(money(t.fee))}</td><td class="${t.realized_pnl === null ? '' : t.realized_pnl >= 0 ? 'up' : 'down'}">${t.realized_pnl === null ? '' : esc(signedMoney(t.realized_pnl))}</td><td>${esc(t.reason)}</td></tr>`);
  return `<table class="list" id="trade-table"><thead><tr><th>Time (UTC)</th><th>Symbol</th><th>Side</th><th>Quantity</th><th>Price</th><th>Fee</th><th>Realised P&amp;L</th><th>Reason</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

function refusedTable(skipped: Readonly<Record<string, number>>): string {
  const rows = Object.entries(skipped).sort((a, b) => b[1] - a[1]);
  if (!rows.length) return '<p>No order was refused.</p>';
  return `<table class="list"><thead><tr><th>Reason code</th><th>Orders</th></tr></thead><tbody>${rows.map(([k, n]) => `<tr><td><code>${esc(k)}</code></td><td>${n}</td></tr>`).join('')}</tbody></table><p class="muted">Reason codes are explained in docs/risk.md.</p>`;
}

function eventsTable(events: ReportInput['drawdown_events']): string {
  if (!events.length) return '<p>The drawdown guard did not act in this run.</p>';
  return `<table class="list"><thead><tr><th>#</th><th>Date</th><th>Event</th><th>Detail</th></tr></thead><tbody>${events.map((e, i) => `<tr><td>${i + 1}</td><td>${e.date}</td><td>${esc(e.type)}</td><td>${esc(e.detail)}</td></tr>`).join('')}</tbody></table>`;
}

const section = (id: string, title: string, body: string): string => `<section id="${id}"><h2>${esc(title)}</h2>${body}</section>`;
const chartBox = (id: string, height: number): string => `<div class="chart" id="${id}" style="height:${height}px"></div>`;

/** JSON for a <script type="application/json"> block: `<` escaped so no text can close the element. */
const scriptJson = (x: unknown): string => JSON.stringify(x).replace(/</g, '\\u003c');

export function renderReportHtml(r: ReportInput, chartLibrary: string): string {
  const days = r.equity_curve.map((d) => ({ date: d.date, value: d.equity }));
  const returns = days.slice(1).map((d, i) => d.value / days[i]!.value - 1);
  const bench = r.benchmark?.name ?? null;
  const pageData = {
    equity_curve: r.equity_curve,
    underwater: underwater(days),
    rolling_sharpe: r.rolling_sharpe,
    rolling_volatility: r.rolling_volatility,
    rolling_beta: r.rolling_beta,
    events: r.drawdown_events,
    benchmark_name: bench,
    has_without_risk_layer: r.without_risk_layer !== null,
  };
  const legend = `<ul class="legend"><li><span class="sw" style="background:#2563eb"></span>Strategy</li>${bench ? `<li><span class="sw" style="background:#6b7280"></span>${esc(bench)}</li>` : ''}${r.without_risk_layer ? '<li><span class="sw" style="background:#d97706"></span>Without risk layer (no drawdown guard, no VaR check)</li>' : ''}</ul>`;
  const rollingLegend = '<ul class="legend"><li><span class="sw" style="background:#2563eb"></span>6 months</li><li><span class="sw" style="background:#7c3aed"></span>12 months</li></ul>';
  const allRows = Object.entries(r.all_figures).map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(figure(k, v))}</td></tr>`).join('');
  const simulatedNote = r.data.simulated || r.benchmark?.simulated ? '<p class="banner">SIMULATED — prices and fills come from the deterministic market simulator; no real money moved.</p>' : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(r.title)}</title>
<style>
:root{--fg:#1b1f24;--muted:#5b6470;--grid:#e3e6ea;--warn:#b42318}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,sans-serif;color:var(--fg);background:#fff;max-width:1000px;margin:24px auto;padding:0 16px}
h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid var(--grid);padding-bottom:4px}
.muted,.notes{color:var(--muted)}.notes{padding-left:18px}
.banner{background:#7c3aed;color:#fff;padding:6px 10px;border-radius:6px;font-weight:600;display:inline-block}
.chart{width:100%;position:relative}
.legend{list-style:none;padding:0;margin:4px 0;display:flex;gap:16px;color:var(--muted);font-size:12px}.sw{display:inline-block;width:12px;height:3px;margin-right:6px;vertical-align:middle}
svg{width:100%;height:auto}svg text{fill:var(--muted);font-size:11px}.grid{stroke:var(--grid)}.axis{stroke:#9aa3ad}
.bar-strategy{fill:#2563eb}.bar-benchmark{fill:#9ca3af}.event{stroke:var(--warn);stroke-dasharray:3 3}.event-label{fill:var(--warn)!important}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}
table.figures th,table.figures td{padding:3px 14px 3px 0;text-align:right}table.figures th:first-child{text-align:left;font-weight:500;color:var(--muted)}
table.list{width:100%;font-size:12.5px}table.list th{text-align:left;color:var(--muted);font-weight:500;border-bottom:1px solid var(--grid)}table.list td,table.list th{padding:2px 10px 2px 0}
table.heatmap{width:100%;font-size:12px}table.heatmap td,table.heatmap th{padding:4px 2px;text-align:center}table.heatmap th{color:var(--muted);font-weight:500}table.heatmap td.year{font-weight:600}
table.all th{text-align:left;font-weight:500;color:var(--muted);padding:2px 16px 2px 0}table.all td{text-align:right}
.up{color:#15803d}.down{color:#b91c1c}
.controls{font-size:13px;color:var(--muted)}
.scroll{max-height:480px;overflow:auto}
footer{margin-top:32px;color:var(--muted);font-size:12px}
@media print{
  body{max-width:none;margin:0;font-size:11px}
  .controls{display:none}
  .scroll{max-height:none;overflow:visible}
  section{break-inside:avoid}#trades,#all-figures{break-inside:auto}
  thead{display:table-header-group}tr{break-inside:avoid}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
</style></head><body>
<h1>${esc(r.title)}</h1>
${simulatedNote}
<ul class="notes">${r.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>
${section('headline', 'Headline figures', `${headlineTable(r)}<p class="muted">Returns, volatility, VaR and ratios from daily returns (empyrical's definitions); drawdown, VaR and CVaR are positive loss fractions. ${r.without_risk_layer ? 'The “without risk layer” column is the same strategy and sizing with the drawdown guard and the order-level VaR check switched off: the difference is what the risk layer cost or saved.' : ''}</p>`)}
${section('cumulative', 'Cumulative returns', `<p class="controls"><label><input type="checkbox" id="log-scale"> Logarithmic scale</label></p>${chartBox('chart-cumulative', 320)}${legend}${r.drawdown_events.length ? '<p class="muted">Arrows mark the drawdown guard’s events (numbered as in the table below).</p>' : ''}`)}
${section('underwater', 'Underwater (drawdown from the running peak)', chartBox('chart-underwater', 200))}
${section('monthly', 'Monthly returns', monthlyHeatmap(r.monthly_returns, r.yearly_returns))}
${section('yearly', 'Yearly returns', `${yearlyBarsSvg(r.yearly_returns, bench)}<ul class="legend"><li><span class="sw" style="background:#2563eb"></span>Strategy</li>${bench ? `<li><span class="sw" style="background:#9ca3af"></span>${esc(bench)}</li>` : ''}</ul>`)}
${section('distribution', 'Distribution of daily returns', distributionSvg(returns, r.var_95))}
${section('rolling-sharpe', 'Rolling Sharpe', `${chartBox('chart-rolling-sharpe', 220)}${rollingLegend}`)}
${section('rolling-volatility', 'Rolling annual volatility', `${chartBox('chart-rolling-volatility', 220)}${rollingLegend}`)}
${section('rolling-beta', bench ? `Rolling beta to ${bench}` : 'Rolling beta', bench ? `${chartBox('chart-rolling-beta', 220)}${rollingLegend}` : '<p>No benchmark: run with --benchmark SYMBOL or --benchmark buy-hold.</p>')}
${section('worst-drawdowns', 'Five worst drawdowns', drawdownTable(r.worst_drawdowns))}
${section('guard-events', 'Drawdown guard events', eventsTable(r.drawdown_events))}
${section('trades', `Trades (${r.trade_list.length})`, `<p class="muted">Realised P&amp;L by average cost, net of fees, on fills that reduce a position.</p><div class="scroll">${tradeTable(r.trade_list)}</div>`)}
${section('refused-orders', 'Orders not placed, by reason code', refusedTable(r.skipped_orders))}
${section('all-figures', 'All figures', `<table class="all">${allRows}</table>`)}
<footer>Generated by NeoLight ${esc(new Date().toISOString())}. Charts: TradingView Lightweight Charts™ (Apache-2.0), inlined.</footer>
<script type="application/json" id="report-data">${scriptJson(pageData)}</script>
<script>${chartLibrary}</script>
<script>${REPORT_SCRIPT}</script>
</body></html>
`;
}
