/**
 * Agent `hedge_engine`: every market hour it measures the mesh's beta to SPY and to BTC (hedge.ts)
 * from the trader's holdings at the mid (their last fill price without a quote), the collectibles and luxury inventories at
 * their valuation and its own hedge book at the mid, against total wealth, and writes
 * `state/hedge_proposals.json`. A factor over its limit gets a short of the factor, sized to bring
 * it back to 0.9 × the limit, with its estimated cost.
 *
 * Execution by mode:
 * - sim, paper, backtest: the short is opened in the hedge book (hedge-book.ts) at the simulated
 *   quote's bid, charged borrow every night, marked at the mid each tick, and bought back at the ask
 *   once the factor's unhedged beta is at or below `hedge_close_ratio` × its limit (hysteresis: it
 *   opens above the limit and closes well inside it, so it does not flap at the line). Every event
 *   is a keyed row of `state/hedge_ledger.csv`, the proposal id (per factor and market hour) its
 *   key, so a restart never opens the same hedge twice.
 * - live: the proposal waits in the approval queue (once per factor and day). No live venue of
 *   NeoLight can short (its connectors trade the SmartTrader's long-only book), so an approved
 *   hedge is placed by a person on a margin account; the engine books nothing for it.
 * A HALTED or reduce-only mesh still opens and closes hedges: an open lowers the exposure, and a
 * close happens only when the exposure without the hedge is already well inside its limit.
 */
import { isSimulatedMode, type Mode } from '../contracts/contract.js';
import { hedgeBook, hedgeLedger, hedgeProposals } from '../contracts/capital.js';
import { riskGovernor } from '../contracts/risk.js';
import { revenueByAgent } from '../contracts/revenue.js';
import { performanceMetrics, pnlHistory } from '../contracts/trading.js';
import { collectiblesInventory, luxuryInventory, ticketInventory } from '../contracts/ventures.js';
import { MS } from '../core/clock.js';
import { describeError } from '../core/errors.js';
import type { AgentContext, AgentDefinition } from '../core/agent.js';
import type { Quote } from '../core/market.js';
import { CALIBRATION } from '../market/calibration.js';
import { instrument, isUniverseSymbol } from '../market/instruments.js';
import { approvalQueue, requestApproval } from '../store/approval-queue.js';
import { riskSection } from './config.js';
import { measureExposures, proposeHedges, type Factor, type FactorExposure, type HedgeCosts, type HedgeProposal } from './hedge.js';
import { borrowRows, closeHedgeRow, hedgeDollars, openHedgeRow, type HedgeBookState, type HedgeCostConfig } from './hedge-book.js';
import { hedgeBookDocument, lastMarks, readHedgeBook } from './hedge-book-store.js';
import { readHoldings, readTotalWealth, riskStateReader } from './sources.js';
import { inventoryMarks } from './venture-wealth.js';

const FACTORS: readonly Factor[] = ['SPY', 'BTC-USD'];
type ProposalStatus = 'queued' | 'approved' | 'rejected' | 'expired' | 'executed' | 'market_closed' | 'no_quote' | 'too_small';

/** The hedge book's fees, borrow and lot per factor (config `risk.hedge_*`, defaults documented in docs/risk.md). */
export function hedgeCostConfig(config: AgentContext['config']): Record<Factor, HedgeCostConfig> {
  const r = riskSection(config);
  return {
    SPY: { feeBps: r.hedge_spy_fee_bps ?? 1, borrowPerYear: r.hedge_spy_borrow ?? 0.003, lotSize: instrument('SPY').lotSize },
    'BTC-USD': { feeBps: r.hedge_btc_fee_bps ?? 26, borrowPerYear: r.hedge_btc_borrow ?? 0.1, lotSize: instrument('BTC-USD').lotSize },
  };
}

/** Estimated costs for sizing a proposal: the calibration's spread (stressed when the regime is), the book's fees and borrow, a week's hold. */
function estimateCosts(book: Record<Factor, HedgeCostConfig>, stressed: boolean): Record<Factor, HedgeCosts> {
  const spread = (s: Factor) => CALIBRATION[s].spreadBps * (stressed ? CALIBRATION[s].stressSpreadMult : 1);
  const one = (s: Factor): HedgeCosts => ({ spreadBps: spread(s), feeBps: book[s].feeBps, borrowPerYear: book[s].borrowPerYear, holdDays: 7 });
  return { SPY: one('SPY'), 'BTC-USD': one('BTC-USD') };
}

const mid = (q: Quote): number => (q.bid + q.ask) / 2;

export const hedgeEngineAgent: AgentDefinition = {
  name: 'hedge_engine',
  description: 'Measures the mesh’s beta to SPY and BTC against limits; hedges in its own short book (sim/paper) or queues the hedge for approval (live).',
  intervalMs: () => MS.hour,
  consumes: [pnlHistory, performanceMetrics, revenueByAgent, riskGovernor, collectiblesInventory, luxuryInventory, ticketInventory],
  produces: [hedgeProposals, hedgeBook, hedgeLedger],
  needs: ['market'],
  create(ctx) {
    const r = riskSection(ctx.config);
    const limits: Record<Factor, number> = { SPY: r.hedge_spy_beta_limit ?? 1, 'BTC-USD': r.hedge_btc_beta_limit ?? 0.5 };
    const closeRatio = r.hedge_close_ratio ?? 0.7;
    const costs = hedgeCostConfig(ctx.config);
    const mode: Mode = ctx.config.mode;
    const executes = mode !== 'live';
    const simulated = isSimulatedMode(mode);
    const readRisk = riskStateReader(ctx.store, ctx.config, ctx.log);
    const ledger = () => ctx.store.ledger(hedgeLedger);

    /** Quotes of the factors and of every held symbol; a symbol without one is left out (logged). */
    async function quotes(symbols: readonly string[], now: number): Promise<Record<string, Quote>> {
      const out: Record<string, Quote> = {};
      for (const s of new Set([...FACTORS, ...symbols.filter(isUniverseSymbol)])) {
        try {
          if (ctx.ports.market) out[s] = await ctx.ports.market.quote(s, now);
        } catch (err) {
          ctx.log.warn({ err: describeError(err), symbol: s }, `no ${s} quote: its position is valued at its last fill price, and a hedge in it is neither marked, opened nor closed this tick`);
        }
      }
      return out;
    }

    return {
      async tick(now) {
        const holdings = readHoldings(ctx.store, ctx.log);
        // Unknown holdings are not an empty book: a measurement from them could close a needed hedge.
        if (holdings.corrupt) return;
        const q = await quotes(Object.keys(holdings.qty), now);
        // Each holding at the mid now (its last fill price without a quote): a crash shows in the exposure as it happens.
        const positions: Record<string, number> = {};
        for (const [s, qty] of Object.entries(holdings.qty)) positions[s] = qty * (q[s] ? mid(q[s]) : (holdings.lastPrice[s] ?? 0));
        const inventories: Record<string, number> = {};
        const marked = inventoryMarks({ collectibles_agent: ctx.store.get(collectiblesInventory), luxury_agent: ctx.store.get(luxuryInventory) });
        for (const [agent, m] of Object.entries(marked)) inventories[agent] = m.value;
        // Tickets carry no valuation: held and listed lots count at their all-in cost.
        const lots = (ctx.store.get(ticketInventory)?.lots ?? []).filter((l) => l.status === 'held' || l.status === 'listed');
        if (lots.length) inventories.ticket_arbitrage = lots.reduce((a, l) => a + l.cost, 0);
        let book: HedgeBookState;
        try {
          book = readHedgeBook(ctx.store);
        } catch (err) {
          ctx.log.warn({ err: describeError(err), reason: 'HEDGE_LEDGER_CORRUPT' }, `cannot read ${hedgeLedger.path}: the hedge book is unknown, no hedge opened or closed`);
          return;
        }
        const marks: Partial<Record<Factor, number>> = { ...lastMarks(ctx.store) };
        for (const f of FACTORS) if (q[f]) marks[f] = mid(q[f]);
        const regime = ctx.store.get(riskGovernor)?.regime ?? null;
        const stressed = regime === 'stressed';
        const risk = readRisk(now);

        /** Write the book at the marks, then measure on the wealth now (which counts the book's P&L). */
        const measure = (): { wealth: number; exposures: FactorExposure[] } => {
          ctx.store.write(hedgeBook, hedgeBookDocument(book, marks, now, simulated));
          // Wealth now, not at the last weekly rebalance: a beta is only as current as its denominator.
          const wealth = readTotalWealth(ctx.store, ctx.log, ctx.config.startingEquity).wealth;
          return { wealth, exposures: measureExposures({ positions, inventories, hedges: hedgeDollars(book.open, marks), wealth, stressed, limits }) };
        };

        if (executes) {
          const borrow = book.open.flatMap((h) => (q[h.instrument] ? borrowRows(h, q[h.instrument]!, costs[h.instrument], mode, now) : []));
          if (borrow.length) book = appendAndFold(borrow);
        }
        let m = measure();
        if (executes) {
          const closes = m.exposures.flatMap((e) => {
            const quote = q[e.factor];
            if (!quote || e.unhedgedBeta > closeRatio * e.limit) return [];
            const why = `${e.factor} unhedged beta ${e.unhedgedBeta.toFixed(2)} at or below ${(closeRatio * e.limit).toFixed(2)} (${closeRatio} × limit ${e.limit.toFixed(2)}): hedge no longer needed`;
            return book.open.filter((h) => h.instrument === e.factor).flatMap((h) => closeHedgeRow(h, quote, costs[e.factor], mode, now, why) ?? []);
          });
          if (closes.length) {
            book = appendAndFold(closes);
            ctx.log.warn({ closed: closes.map((c) => c.row.hedge_id), trading_state: risk.tradingState }, 'factor exposure back well inside its limit: hedge bought back');
            m = measure();
          }
        }

        const wallNow = Date.now();
        const hour = new Date(now).toISOString().slice(0, 13);
        const day = hour.slice(0, 10);
        const haltNote = risk.tradingState === 'ACTIVE' ? '' : ` (mesh ${risk.tradingState}: a hedge lowers exposure, so it still opens)`;
        let opened = false;
        const proposals = proposeHedges(m.exposures, m.wealth, estimateCosts(costs, stressed)).map((p) => {
          const base = { factor: p.factor, instrument: p.instrument, side: p.side, notional: p.notional, beta_before: p.betaBefore, beta_after: p.betaAfter, estimated_cost: p.estimatedCost };
          if (!executes) {
            const id = `hedge-${p.factor}-${day}`;
            return { id, ...base, reason: p.reason, status: queueLive(id, p, wallNow) };
          }
          const id = `hedge-${p.factor}-${hour}`;
          const reason = p.reason + haltNote;
          return { id, ...base, reason, status: executeSim(id, p, q[p.factor], reason, now) };
        });
        if (opened) m = measure();
        ctx.store.write(hedgeProposals, {
          updated_at: new Date(now).toISOString(),
          simulated,
          regime,
          total_wealth: Math.round(m.wealth * 100) / 100,
          exposures: m.exposures.map((e) => ({ factor: e.factor, beta: e.beta, unhedged_beta: e.unhedgedBeta, limit: e.limit, close_below: closeRatio * e.limit, contributions: { ...e.contributions } })),
          proposals,
        });
        if (proposals.length) ctx.log.warn({ proposals: proposals.map((p) => ({ id: p.id, notional: p.notional, status: p.status })), trading_state: risk.tradingState }, 'factor exposure over its limit: hedge proposed');

        function executeSim(id: string, p: HedgeProposal, quote: Quote | undefined, reason: string, nowMs: number): ProposalStatus {
          // The ledger key is the proposal id: a restarted engine finds the open and does not repeat it.
          if (ledger().has(`${id}:open`)) return 'executed';
          if (!quote) return 'no_quote';
          if (!quote.open) return 'market_closed';
          const row = openHedgeRow({ id, factor: p.factor, notional: p.notional, quote, costs: costs[p.factor], mode, nowMs, reason });
          if (!row) return 'too_small';
          book = appendAndFold([row]);
          opened = true;
          return 'executed';
        }
      },
    };

    function appendAndFold(rows: Parameters<ReturnType<typeof ledger>['append']>[0]): HedgeBookState {
      ledger().append(rows);
      return readHedgeBook(ctx.store);
    }

    function queueLive(id: string, p: HedgeProposal, wallNow: number): ProposalStatus {
      const existing = approvalQueue(ctx.store).items.find((i) => i.id === id);
      const item =
        existing ??
        requestApproval(
          ctx.store,
          {
            id,
            agent: 'hedge_engine',
            kind: 'hedge',
            summary: `${p.reason} (est. cost $${p.estimatedCost.toFixed(2)}). NeoLight has no live venue that can short: approving records the decision, and a person places the short on a margin account; the engine books nothing for it`,
            amount: p.notional,
            expiresAtMs: wallNow + MS.day,
            action: { factor: p.factor, instrument: p.instrument, side: p.side, notional: p.notional },
          },
          wallNow,
        );
      return item.status === 'pending' ? 'queued' : item.status;
    }
  },
};
