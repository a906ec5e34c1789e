/**
 * SmartTrader agent: reads the allocations (`runtime/allocations_override.json`), the brain's
 * risk_scaler (`runtime/atlas_brain.json`) and the risk state (risk governor + drawdown guard),
 * sizes targets, rebalances when the allocator's drift report (`state/allocator_drift.json`) says
 * so — or, without a fresh report for these targets, when its own drift report does (execute.ts) —
 * skips orders whose spread is too wide, passes each order through the risk checks, and submits
 * the rest to its venue port (the paper venue in sim and paper mode, a live venue behind the approval
 * gate in live mode) under a deterministic client order id. Each order is journaled in
 * `state/order_intents.json` before it leaves; one the venue has not finished (or one sent just
 * before a restart) is reconciled on later ticks by that id, never sent again. The venue's fills go
 * to `state/pnl_history.csv` keyed by fill id and onto the book, which is saved to
 * `state/smart_trader_state.json` with an equity point in `state/performance_metrics.csv`. Daily
 * counters reset once per UTC day boundary. Targets are sized on its equity capped at its capital
 * budget (`state/capital_budgets.json`, budget-cap.ts); a missing, stale or invalid budget makes the
 * tick reduce-only (CAPITAL_BUDGET_*), as any untrusted risk input does. When the returns for the VaR check cannot be fetched the
 * tick trades reduce-only (VAR_HISTORY_UNAVAILABLE, in the state's `risk_reasons`).
 */
import { MS, utcDay } from '../core/clock.js';
import { describeError } from '../core/errors.js';
import type { VenueFill } from '../core/venue.js';
import { atlasBrain } from '../contracts/brain.js';
import { allocatorDrift, drawdownGuard, riskGovernor } from '../contracts/risk.js';
import { smartTraderState } from '../contracts/smart-trader.js';
import { performanceMetrics, pnlHistory } from '../contracts/trading.js';
import { allocationsOverride } from '../contracts/weights.js';
import { instrument } from '../market/instruments.js';
import type { Quote } from '../core/market.js';
import { requirePort, type AgentContext, type AgentDefinition } from '../core/agent.js';
import { DEFAULT_REBALANCE_THRESHOLD } from '../contracts/drift.js';
import { riskSection } from '../risk/config.js';
import { periodsPerYear, sharpe, simpleReturns } from '../research/stats.js';
import { dailyReturns } from '../risk/returns-history.js';
import { failClosed } from '../risk/risk-state.js';
import { bookCalendars, docRead, riskStateReader } from '../risk/sources.js';
import { capitalBudgets } from '../contracts/capital.js';
import { traderBudget } from './budget-cap.js';
import { loadTraderState, type TraderState } from './book-store.js';
import { planRebalance, type Skipped } from './execute.js';
import { intentJournal, reconcileIntents } from './intents.js';
import { pullFills, submitPlanned, type BookedFill, type FillFeed } from './order-flow.js';
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
  const venue = requirePort(ctx, 'venue');
  const riskCfg = riskSection(ctx.config);
  const rebalanceThreshold = riskCfg.rebalance_threshold ?? DEFAULT_REBALANCE_THRESHOLD;
  // Two allocator intervals: one late tick of the allocator does not make the trader blind.
  const reportMaxAgeMs = 2 * (riskCfg.allocator_interval ?? 300) * MS.second;
  const readRisk = riskStateReader(ctx.store, ctx.config, ctx.log);
  let lastTriggerBy: string | undefined;
  let lastBudgetCode: string | undefined;
  const costs: Costs = { slippageBps: cfg.slippage_bps, slippageBpsPer100k: cfg.slippage_bps_per_100k };
  const fills = ctx.store.ledger(pnlHistory);
  const equityCurve = ctx.store.ledger(performanceMetrics);
  const journal = intentJournal(ctx.store, AGENT, venue.name);
  const feed: FillFeed = { cursor: undefined };
  /** Drift of each order sent by this process, for the ledger's reason column. */
  const drifts = new Map<string, number>();
  const loaded = loadTraderState(ctx.store, AGENT, ctx.clock.now(), ctx.config.startingEquity, ctx.config.mode, ctx.log);
  let state = loaded.state;
  let book: Book = loaded.book;
  if (loaded.replayed > 0) ctx.log.warn({ fills: loaded.replayed }, `replayed ${loaded.replayed} fills recorded after the last saved state`);
  const alert = (now: number, level: 'info' | 'warn', message: string): void => {
    ctx.log[level](message);
    state = { ...state, alerts: [...state.alerts, { at: new Date(now).toISOString(), level, message }].slice(-50) };
  };
  /** Our orders' fills that the ledger does not hold yet. */
  const accept = (f: VenueFill): boolean => journal.has(f.clientOrderId) && !fills.has(f.fillId);
  const recordedQty = (id: string): number => fills.readAll().reduce((a, r) => (r.order_id === id && r.agent === AGENT ? a + r.qty : a), 0);
  /** The ledger row first, then the counters: the book follows in order-flow.ts. */
  const record = (now: number) => (f: BookedFill): void => {
    const drift = drifts.get(f.clientOrderId);
    const [entry] = fills.append([
      {
        key: f.fillId,
        row: {
          ts: new Date(f.ts).toISOString(),
          agent: AGENT,
          mode: ctx.config.mode,
          symbol: f.symbol,
          side: f.side,
          qty: f.qty,
          price: f.price,
          fee: f.feeCents / 100,
          notional: f.notionalCents / 100,
          realized_pnl: f.realizedPnlCents / 100,
          order_id: f.clientOrderId,
          reason: drift !== undefined ? `rebalance drift ${(drift * 100).toFixed(2)}%` : `reconciled at ${new Date(now).toISOString()}`,
        },
      },
    ]);
    if (entry) state = { ...state, last_fill_seq: entry.seq, trades_today: state.trades_today + 1 };
    if (f.side === 'sell' && f.realizedPnlCents !== 0) {
      const won = f.realizedPnlCents > 0;
      state = { ...state, streak: { wins: won ? state.streak.wins + 1 : 0, losses: won ? 0 : state.streak.losses + 1 } };
      if (state.streak.losses === 3) alert(now, 'warn', `three losing round trips in a row (last ${f.symbol} ${(f.realizedPnlCents / 100).toFixed(2)})`);
    }
  };
  const logSkip = (sk: Skipped): void => {
    if (sk.reason === 'MARKET_CLOSED') return; // the order waits for the session
    ctx.log.info({ symbol: sk.order.symbol, code: sk.reason }, `skip ${sk.order.side} ${sk.order.qty} ${sk.order.symbol}: ${sk.reason} ${sk.detail}`);
  };

  return {
    async tick(now: number): Promise<void> {
      // Orders still working (or sent just before a restart) first: followed by id, never resent.
      if (journal.open().length > 0) {
        await reconcileIntents(venue, journal, recordedQty, now);
        book = (await pullFills(venue, feed, book, accept, record(now))).book;
      }
      const alloc = ctx.store.read(allocationsOverride);
      const brain = ctx.store.read(atlasBrain);
      const scaler = brain.value?.risk_scaler ?? cfg.missing_brain_scaler;
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

      // Risk fails closed: without the returns the VaR check cannot run, so only reducing orders pass.
      let risk = readRisk(now);
      let returns: Record<string, number[]> | undefined;
      if (Object.keys(allocations).length > 0) {
        try {
          returns = await dailyReturns(market, symbols, now);
        } catch (err) {
          risk = failClosed(risk, 'VAR_HISTORY_UNAVAILABLE', `returns for the VaR check unavailable: ${describeError(err)}`);
          ctx.log.warn({ code: 'VAR_HISTORY_UNAVAILABLE', err: describeError(err) }, `returns for the VaR check unavailable (${describeError(err)}): reduce-only this tick`);
        }
      }
      // The capital governor's budget caps gross exposure; an untrusted one makes the tick reduce-only.
      const budget = traderBudget(docRead(ctx.store.read(capitalBudgets)), AGENT, now);
      if (budget.code) {
        risk = failClosed(risk, budget.code, budget.detail ?? budget.code);
        if (budget.code !== lastBudgetCode) ctx.log.warn({ code: budget.code }, `${budget.detail ?? budget.code}`);
      }
      lastBudgetCode = budget.code;
      const cap = budget.budget !== undefined ? { budget: budget.budget } : {};
      const report = freshReport(ctx.store.get(allocatorDrift), now, reportMaxAgeMs);
      const plan = planRebalance({ book, quotes, allocations, riskScaler: scaler, risk, cfg, rebalanceThreshold, ...(report ? { allocatorReport: report } : {}), instrument, ...cap });
      const t = plan.trigger;
      if (t.by !== lastTriggerBy && Object.keys(allocations).length > 0) {
        ctx.log.debug(t.by === 'allocator' ? 'rebalancing on the allocator drift report (state/allocator_drift.json)' : 'no fresh allocator drift report for these targets: rebalancing on its own drift report');
        lastTriggerBy = t.by;
      }
      const working = new Set(journal.open().map((i) => i.symbol));
      const waiting = plan.orders.filter((o) => working.has(o.symbol));
      for (const o of waiting) logSkip({ order: o, reason: 'ORDER_PENDING', detail: `an earlier order for ${o.symbol} is still open at ${venue.name}` });
      const run = await submitPlanned(venue, plan.orders.filter((o) => !working.has(o.symbol)), book, { quotes, marks: plan.marks, risk, ...(returns ? { returns } : {}), cfg, costs, ...cap }, feed, {
        clientOrderId: (o) => `st-${now}-${o.symbol}-${o.side}`,
        beforeSubmit: (req, o) => {
          drifts.set(req.clientOrderId, o.drift);
          journal.submitting(req, now);
        },
        accept,
        onFill: record(now),
      });
      for (const { status } of run.submitted) {
        journal.update(status.clientOrderId, status, now);
        if (status.state === 'pending_approval') ctx.log.info({ client_order_id: status.clientOrderId }, `${status.side} ${status.qty} ${status.symbol} waits for a person's approval (state/approvals.json)`);
        else if (status.state === 'new' || status.state === 'partially_filled') ctx.log.info({ client_order_id: status.clientOrderId }, `${status.side} ${status.qty} ${status.symbol} is working at ${venue.name} (${status.state}); reconciled on later ticks`);
      }
      if (t.rebalance && run.fills.length > 0) ctx.log.info({ total_drift: t.total_drift, by: t.by }, `rebalance: total drift ${(t.total_drift * 100).toFixed(2)} % > ${(rebalanceThreshold * 100).toFixed(2)} % (${t.by} report)`);
      for (const sk of run.skipped) logSkip(sk);
      book = run.book;

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
        realized_pnl: book.realizedPnlCents / 100,
        fees_paid: book.feesPaidCents / 100,
        daily_pnl: equity - state.day_start_equity,
        risk_reasons: risk.reasons,
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
  description: 'Trades the allocations under the risk state through its venue port (paper, or live behind approvals).',
  intervalMs: (config) => traderConfig(config).interval_seconds * 1000,
  consumes: [allocationsOverride, atlasBrain, riskGovernor, drawdownGuard, allocatorDrift, capitalBudgets],
  produces: [pnlHistory, performanceMetrics, smartTraderState],
  needs: ['market', 'venue'],
  create: (ctx) => {
    try {
      return createSmartTrader(ctx);
    } catch (err) {
      throw new Error(`smart_trader could not start: ${describeError(err)}`, { cause: err });
    }
  },
};
