/**
 * SmartTrader agent: reads the allocations (`runtime/allocations_override.json`), the brain's
 * risk_scaler (`runtime/atlas_brain.json`) and the risk state (risk governor + drawdown guard),
 * sizes targets, rebalances when the allocator's drift report (`state/allocator_drift.json`) says
 * so — or, without a fresh report for these targets, when its own drift report does (execute.ts) —
 * skips orders whose spread is too wide, passes each order through the
 * risk checks and the paper broker, appends fills to `state/pnl_history.csv` before the tick ends,
 * then saves its book to `state/smart_trader_state.json` and an equity point to
 * `state/performance_metrics.csv`. Daily counters reset once per UTC day boundary.
 */
import { MS, utcDay } from '../core/clock.js';
import { describeError } from '../core/errors.js';
import { atlasBrain } from '../contracts/brain.js';
import { allocatorDrift, drawdownGuard, riskGovernor } from '../contracts/risk.js';
import { smartTraderState } from '../contracts/smart-trader.js';
import { performanceMetrics, pnlHistory } from '../contracts/trading.js';
import { allocationsOverride } from '../contracts/weights.js';
import { instrument } from '../market/instruments.js';
import type { Quote } from '../market/types.js';
import { requirePort, type AgentContext, type AgentDefinition } from '../core/agent.js';
import { DEFAULT_REBALANCE_THRESHOLD } from '../risk/allocator.js';
import { riskSection } from '../risk/config.js';
import { periodsPerYear, sharpe, simpleReturns } from '../research/stats.js';
import { dailyReturns } from '../risk/returns-history.js';
import { bookCalendars, riskStateReader } from '../risk/sources.js';
import { loadTraderState, type TraderState } from './book-store.js';
import { rebalance } from './execute.js';
import { equityOf, type Book, type Costs } from './paper-broker.js';
import { traderConfig } from '../config/trader.js';

export const AGENT = 'smart_trader';

/** The allocator's report, if it is no older than `maxAgeMs` of market time (pure). */
export function freshReport<T extends { updated_at: string }>(report: T | undefined, now: number, maxAgeMs: number): T | undefined {
  if (!report) return undefined;
  const age = now - Date.parse(report.updated_at);
  return age >= 0 && age <= maxAgeMs ? report : undefined;
}

/**
 * Start a new day's counters once, when the UTC day changes (pure). The equity at the first tick
 * of a day is the previous day's close, kept for the rolling Sharpe.
 */
export function rollDay(state: TraderState, now: number, equity: number): TraderState {
  const day = utcDay(now);
  if (day === state.day) return state;
  const day_closes = [...state.day_closes, equity].slice(-253);
  return { ...state, day, day_start_equity: equity, daily_pnl: 0, trades_today: 0, daily_resets: state.daily_resets + 1, day_closes };
}

/**
 * Annualised Sharpe of the daily returns between day-end equities (empyrical's definition,
 * mean/std(ddof=1)·√periods), or '' with fewer than 20 returns or none varying.
 */
export function rollingSharpe(closes: readonly number[], periodsPerYear: number): number | '' {
  if (closes.length < 21) return '';
  const s = sharpe(simpleReturns(closes), periodsPerYear);
  return Number.isFinite(s) ? s : '';
}

export function createSmartTrader(ctx: AgentContext) {
  const cfg = traderConfig(ctx.config);
  const market = requirePort(ctx, 'market');
  const riskCfg = riskSection(ctx.config);
  const rebalanceThreshold = riskCfg.rebalance_threshold ?? DEFAULT_REBALANCE_THRESHOLD;
  // Two allocator intervals: one late tick of the allocator does not make the trader blind.
  const reportMaxAgeMs = 2 * (riskCfg.allocator_interval ?? 300) * MS.second;
  const readRisk = riskStateReader(ctx.store, ctx.config, ctx.log);
  let lastTriggerBy: string | undefined;
  const costs: Costs = { slippageBps: cfg.slippage_bps, slippageBpsPer100k: cfg.slippage_bps_per_100k };
  const fills = ctx.store.ledger(pnlHistory);
  const equityCurve = ctx.store.ledger(performanceMetrics);
  const loaded = loadTraderState(ctx.store, AGENT, ctx.clock.now(), ctx.config.startingEquity, ctx.config.mode, ctx.log);
  let state = loaded.state;
  let book: Book = loaded.book;
  if (loaded.replayed > 0) ctx.log.warn({ fills: loaded.replayed }, `replayed ${loaded.replayed} fills recorded after the last saved state`);
  const alert = (now: number, level: 'info' | 'warn', message: string): void => {
    ctx.log[level](message);
    state = { ...state, alerts: [...state.alerts, { at: new Date(now).toISOString(), level, message }].slice(-50) };
  };

  return {
    async tick(now: number): Promise<void> {
      const alloc = ctx.store.read(allocationsOverride);
      const brain = ctx.store.read(atlasBrain);
      const scaler = brain.value?.risk_scaler ?? cfg.missing_brain_scaler;
      const risk = readRisk(now);
      const allocations = alloc.value?.allocations ?? {};
      const symbols = [...new Set([...Object.keys(allocations), ...Object.keys(book.positions)])].sort();
      const quotes: Record<string, Quote> = {};
      for (const s of symbols) quotes[s] = await market.quote(s, now);
      const marks = Object.fromEntries(symbols.map((s) => [s, (quotes[s]!.bid + quotes[s]!.ask) / 2]));
      const equityBefore = equityOf(book, marks);
      const rolled = rollDay(state, now, equityBefore);
      if (rolled !== state) ctx.log.info({ day: rolled.day, previous_daily_pnl: state.daily_pnl }, `new day ${rolled.day}: daily counters reset`);
      state = rolled;
      if (!alloc.value) ctx.log.info('no allocations yet (runtime/allocations_override.json missing): holding');

      const needReturns = Object.keys(allocations).length > 0;
      const returns = needReturns ? await dailyReturns(market, symbols, now).catch(() => undefined) : undefined;
      const report = freshReport(ctx.store.get(allocatorDrift), now, reportMaxAgeMs);
      const result = rebalance({ book, quotes, allocations, riskScaler: scaler, risk, ...(returns ? { returns } : {}), cfg, rebalanceThreshold, ...(report ? { allocatorReport: report } : {}), costs, instrument });
      const t = result.trigger;
      if (t.by !== lastTriggerBy && Object.keys(allocations).length > 0) {
        ctx.log.debug(t.by === 'allocator' ? 'rebalancing on the allocator drift report (state/allocator_drift.json)' : 'no fresh allocator drift report for these targets: rebalancing on its own drift report');
        lastTriggerBy = t.by;
      }
      if (t.rebalance && result.fills.length > 0) ctx.log.info({ total_drift: t.total_drift, by: t.by }, `rebalance: total drift ${(t.total_drift * 100).toFixed(2)} % > ${(rebalanceThreshold * 100).toFixed(2)} % (${t.by} report)`);
      for (const sk of result.skipped) {
        if (sk.reason === 'MARKET_CLOSED') continue; // the order waits for the session
        ctx.log.info({ symbol: sk.order.symbol, code: sk.reason }, `skip ${sk.order.side} ${sk.order.qty} ${sk.order.symbol}: ${sk.reason} ${sk.detail}`);
      }
      for (const f of result.fills) {
        // Deterministic id: a tick replayed at the same market time cannot write the fill twice.
        const orderId = `st-${now}-${f.symbol}-${f.side}`;
        const [entry] = fills.append([
          {
            key: orderId,
            row: { ts: new Date(now).toISOString(), agent: AGENT, mode: ctx.config.mode, symbol: f.symbol, side: f.side, qty: f.qty, price: f.price, fee: f.fee, notional: f.notional, realized_pnl: f.realizedPnl, order_id: orderId, reason: `rebalance drift ${(f.drift * 100).toFixed(2)}%` },
          },
        ]);
        if (entry) state = { ...state, last_fill_seq: entry.seq, trades_today: state.trades_today + 1 };
        if (f.side === 'sell' && f.realizedPnl !== 0) {
          const won = f.realizedPnl > 0;
          state = { ...state, streak: { wins: won ? state.streak.wins + 1 : 0, losses: won ? 0 : state.streak.losses + 1 } };
          if (state.streak.losses === 3) alert(now, 'warn', `three losing round trips in a row (last ${f.symbol} ${f.realizedPnl.toFixed(2)})`);
        }
      }
      book = result.book;

      const equity = equityOf(book, marks);
      const hwm = Math.max(state.high_water_mark, equity);
      const positions = Object.fromEntries(
        Object.entries(book.positions).map(([s, p]) => [s, { qty: p.qty, avg_price: p.avgPrice, last_price: marks[s] ?? p.avgPrice, market_value: p.qty * (marks[s] ?? p.avgPrice) }]),
      );
      const exposure = Object.values(positions).reduce((a, p) => a + Math.abs(p.market_value), 0);
      state = {
        ...state,
        updated_at: new Date(now).toISOString(),
        cash_cents: book.cashCents,
        positions,
        equity,
        high_water_mark: hwm,
        realized_pnl: book.realizedPnl,
        fees_paid: book.feesPaid,
        daily_pnl: equity - state.day_start_equity,
      };
      ctx.store.write(smartTraderState, state);
      equityCurve.append([
        {
          key: `eq-${now}`,
          row: { ts: new Date(now).toISOString(), mode: ctx.config.mode, equity, cash: book.cashCents / 100, exposure, drawdown: hwm > 0 ? Math.max(0, 1 - equity / hwm) : 0, sharpe: rollingSharpe(state.day_closes, periodsPerYear(bookCalendars(symbols))), daily_pnl: state.daily_pnl },
        },
      ]);
    },
  };
}

export const smartTraderAgent: AgentDefinition = {
  name: AGENT,
  description: 'Trades the allocations under the risk state on the paper (or live) venue.',
  intervalMs: (config) => traderConfig(config).interval_seconds * 1000,
  consumes: [allocationsOverride, atlasBrain, riskGovernor, drawdownGuard, allocatorDrift],
  produces: [pnlHistory, performanceMetrics, smartTraderState],
  needs: ['market'],
  create: (ctx) => {
    try {
      return createSmartTrader(ctx);
    } catch (err) {
      throw new Error(`smart_trader could not start: ${describeError(err)}`, { cause: err });
    }
  },
};
