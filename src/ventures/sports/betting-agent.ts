/**
 * The sports-betting agent (the specification's agent 13) on the venture lifecycle: each cycle it
 * settles its open bets from the exchange's results, then — only while the risk view is ACTIVE —
 * plans value bets and arbitrages from the analytics agent's predictions and the books' prices
 * (betting-plan.ts), passes each through the shared spend decision (budget, per-item cap scaled by
 * the risk scaler, approval threshold), places it through the betting port, and writes its book:
 * `state/sports_betting_pnl.csv` (a row per placement and per settlement, idempotency keys
 * `placed:<id>:<leg>` and `settled:<bet>`), `state/sports_odds.json` and `state/sports_betting.json`.
 */
import type { BettingExchange, BettingMarket, OpenBet } from '../../core/betting.js';
import type { RowOf } from '../../contracts/contract.js';
import type { LedgerEntry } from '../../store/ledger.js';
import { requirePort, type AgentContext } from '../../core/agent.js';
import { configSection } from '../../config/config.js';
import { venturesSectionSchema, type SportsBettingSettings } from '../../config/sections/ventures.js';
import { sportsOdds } from '../../contracts/inputs.js';
import { sportsBetting, sportsBettingPnl, sportsPredictions } from '../../contracts/ventures.js';
import { isSimulatedMode } from '../../contracts/contract.js';
import { toCents } from '../../core/venue.js';
import { ventureAgent, type CycleContext, type Opportunity, type VentureCycle } from '../shared/agent.js';
import { fairByBook, planBets, settle, type PlannedBet } from './betting-plan.js';
import type { Probs } from './matches.js';
import { proportional } from './odds.js';
import { sportsSizing } from '../../contracts/sports-sizing.js';
import { chooseSizing, type SizingChoice } from './sizing/adopt.js';
import { DEFAULT_MARGIN } from './sizing/evaluate.js';
import { drawdownOf, policyMultiplier } from './sizing/policy.js';

export const SPORTS_BETTING = 'sports_betting';
const DEFAULTS = { min_edge: 0.03, kelly_fraction: 0.25, market_cap_usd: 50, day_cap_usd: 250 };
const usd = (cents: number) => cents / 100;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Settled bets with their closing price kept in state/sports_betting.json for the dashboard. */
const CLV_BETS_KEPT = 200;

export function sportsBettingSettings(ctx: Pick<AgentContext, 'config'>): SportsBettingSettings {
  return configSection(ctx.config, 'ventures', venturesSectionSchema.optional())?.sports_betting ?? {};
}

/** The agent's steps for the venture lifecycle (exported so tests can run cycles at chosen times and risk states). */
export function sportsBettingCycle(ctx: AgentContext): VentureCycle {
  const ex: BettingExchange = requirePort(ctx, 'betting');
  const ledger = ctx.store.ledger(sportsBettingPnl);
  const limits = { ...DEFAULTS, ...sportsBettingSettings(ctx) };
  const mode = ctx.config.mode;
  const refused = new Set<string>();
  let markets: BettingMarket[] = [];
  let sizing: SizingChoice | undefined;

  const rows = () => ledger.readAll();
  const open = (): Placed[] => openBets(rows());
  const plans = new Map<string, PlannedBet>();

  const predictions = (): Map<string, Probs> => {
    const doc = ctx.store.get(sportsPredictions);
    return new Map((doc?.predictions ?? []).map((p) => [p.match_id, { home: p.p_home, draw: p.p_draw, away: p.p_away }]));
  };

  return {
    async settle(c: CycleContext) {
      const bets = open();
      if (bets.length === 0) return;
      const results = await ex.settlements(bets, c.now);
      const byId = new Map(bets.map((b) => [b.betId, b]));
      const money = settle(results.flatMap((s) => {
        const b = byId.get(s.betId);
        return b ? [{ betId: b.betId, marketId: b.marketId, book: b.book, decimalOdds: b.decimalOdds, stakeCents: b.stakeCents, result: s.result, commissionRate: ex.commissionOf(b.book) }] : [];
      }));
      ledger.append(
        results.flatMap((s) => {
          const b = byId.get(s.betId);
          const m = money.get(s.betId);
          if (!b || !m) return [];
          return [{ key: `settled:${s.betId}`, row: { ts: s.settledAt, mode, bet_id: s.betId, match_id: b.matchId, venue: b.book, selection: b.selection, decimal_odds: b.decimalOdds, stake: usd(b.stakeCents), status: s.result, commission: usd(m.commissionCents), pnl: usd(m.pnlCents) } }];
        }),
      );
    },

    book() {
      const all = rows();
      const realizedCents = all.filter((r) => r.status !== 'placed').reduce((s, r) => s + toCents(r.pnl), 0);
      return { committedCents: open().reduce((s, b) => s + b.stakeCents, 0), realizedCents };
    },

    async opportunities(c: CycleContext): Promise<readonly Opportunity[]> {
      markets = await ex.listMarkets(c.now);
      const all = rows().filter((r) => r.status === 'placed');
      const today = dayOf(c.now);
      const stakedByMarket = new Map<string, number>();
      for (const b of open()) stakedByMarket.set(b.marketId, (stakedByMarket.get(b.marketId) ?? 0) + b.stakeCents);
      const { realizedCents } = this.book();
      // Sizing is learned and evaluated on football markets, the only sport the simulated venue lists.
      const choice = chooseSizing({ sizing: limits.sizing ?? 'kelly', margin: limits.sizing_margin ?? DEFAULT_MARGIN, kellyFraction: limits.kelly_fraction, minEdge: limits.min_edge, sport: 'football', evaluation: ctx.store.get(sportsSizing) });
      if (choice.reason !== sizing?.reason) ctx.log.info({ sizing: choice.policy, reason: choice.reason }, choice.detail);
      sizing = choice;
      const params = choice.params;
      const drawdown = drawdownOf(c.capitalCents, rows().filter((r) => r.status !== 'placed').map((r) => toCents(r.pnl)));
      const plan = planBets(markets, predictions(), {
        minEdge: limits.min_edge,
        kellyMultiplier: limits.kelly_fraction,
        riskScaler: c.risk.riskScaler,
        bankrollCents: Math.max(0, c.capitalCents + realizedCents),
        perBetCapCents: Math.floor(c.settings.itemCapCents * Math.min(1, c.risk.riskScaler)),
        marketCapCents: toCents(limits.market_cap_usd),
        dayCapCents: toCents(limits.day_cap_usd),
        minStakeCents: ex.minStakeCents,
        stakedByMarket,
        stakedToday: all.filter((r) => r.ts.slice(0, 10) === today).reduce((s, r) => s + toCents(r.stake), 0),
        ...(params ? { sizer: (f) => policyMultiplier(params, f, drawdown) } : {}),
      });
      if (Object.keys(plan.skipped).length) ctx.log.debug({ skipped: plan.skipped }, 'betting plan');
      plans.clear();
      for (const b of plan.bets) plans.set(b.id, b);
      return plan.bets
        .filter((b) => !refused.has(b.id))
        .map((b) => ({
          id: `${SPORTS_BETTING}:${b.id}`,
          summary: `${b.kind === 'arbitrage' ? 'arbitrage' : `back ${b.legs[0]?.selection}`} ${b.market.home} v ${b.market.away} (${b.legs.map((l) => `${l.book} @ ${l.decimalOdds}`).join(', ')})${ex.simulated ? ' [SIMULATED]' : ''}`,
          costCents: b.costCents,
          valueCents: b.valueCents,
          payload: { plan: b.id },
        }));
    },

    async revive(payload) {
      const id = typeof payload.plan === 'string' ? payload.plan : '';
      const b = plans.get(id);
      return b ? { id: `${SPORTS_BETTING}:${b.id}`, summary: b.id, costCents: b.costCents, valueCents: b.valueCents, payload: { plan: b.id } } : undefined;
    },

    acted: (id) => ledger.has(`placed:${id}:0`),

    async act(o, d, c) {
      const b = plans.get(String(o.payload.plan));
      if (!b) return;
      // The spend decision may have trimmed nothing (it acts or skips whole), so the planned stakes stand.
      void d;
      const placed: { key: string; row: Parameters<typeof ledger.append>[0][number]['row'] }[] = [];
      for (const [i, leg] of b.legs.entries()) {
        const r = await ex.placeBet({ marketId: b.market.marketId, book: leg.book, selection: leg.selection, decimalOdds: leg.decimalOdds, stakeCents: leg.stakeCents, customerRef: `${o.id}:${i}` }, c.now);
        if (r.status !== 'MATCHED') {
          refused.add(b.id);
          ctx.log.info({ bet: o.id, leg: i, status: r.status, code: r.code, detail: r.detail }, 'bet not placed');
          continue;
        }
        placed.push({ key: `placed:${o.id}:${i}`, row: { ts: new Date(c.now).toISOString(), mode, bet_id: r.betId, match_id: b.market.matchId, venue: leg.book, selection: leg.selection, decimal_odds: r.decimalOdds, stake: usd(r.stakeCents), status: 'placed', commission: 0, pnl: 0 } });
      }
      ledger.append(placed);
    },

    async account(c: CycleContext) {
      const now = new Date(c.now).toISOString();
      ctx.store.write(sportsOdds, {
        updated_at: now,
        simulated: ex.simulated,
        matches: markets.map((m) => {
          const fair = fairByBook(m);
          return {
            match_id: m.matchId,
            sport: m.sport,
            home: m.home,
            away: m.away,
            kickoff: m.kickoff,
            prices: m.prices.map((p) => {
              const book = m.selections.map((s) => m.prices.find((q) => q.book === p.book && q.selection === s)?.decimalOdds);
              const prop = book.every((x): x is number => x !== undefined) ? proportional(book)[m.selections.indexOf(p.selection)] : undefined;
              const shinP = fair.get(p.book)?.[p.selection];
              return { venue: p.book, selection: p.selection, decimal_odds: p.decimalOdds, commission: p.commission, ...(shinP !== undefined ? { fair_shin: shinP } : {}), ...(prop !== undefined ? { fair_proportional: prop } : {}) };
            }),
          };
        }),
      });
      writeBook(ctx, ex, c, rows(), open(), sizing);
    },
  };
}

type Entry = LedgerEntry<RowOf<typeof sportsBettingPnl>>;
type Placed = OpenBet & { matchId: string; placedAt: string };

/** The market of a placement row, from its key `placed:sports_betting:<bet|arb>:<marketId>:<leg>`. */
export function marketOfKey(key: string): string {
  return key.replace(/^placed:sports_betting:(bet|arb):/, '').replace(/:\d+$/, '');
}

/** Placed bets without a settlement row. */
export function openBets(all: readonly Entry[]): Placed[] {
  const settled = new Set(all.filter((r) => r.status !== 'placed').map((r) => r.bet_id));
  return all
    .filter((r) => r.status === 'placed' && !settled.has(r.bet_id))
    .map((r) => ({ betId: r.bet_id, marketId: marketOfKey(r.key), book: r.venue, selection: r.selection, decimalOdds: r.decimal_odds, stakeCents: toCents(r.stake), matchId: r.match_id, placedAt: r.ts }));
}

function writeBook(ctx: AgentContext, ex: BettingExchange, c: CycleContext, all: readonly Entry[], open: readonly Placed[], sizing: SizingChoice | undefined): void {
  const settled = all.filter((r) => r.status !== 'placed');
  const marketOf = new Map(all.filter((r) => r.status === 'placed').map((r) => [r.bet_id, marketOfKey(r.key)]));
  let bankroll = c.capitalCents;
  const curve: { ts: string; bankroll: number }[] = [];
  for (const r of settled) {
    bankroll += toCents(r.pnl);
    curve.push({ ts: r.ts, bankroll: usd(bankroll) });
  }
  const stakedSettled = settled.filter((r) => r.status !== 'void').reduce((s, r) => s + toCents(r.stake), 0);
  const pnl = settled.reduce((s, r) => s + toCents(r.pnl), 0);
  const closed = settled.flatMap((r) => {
    const market = marketOf.get(r.bet_id);
    const close = market ? ex.closingOdds?.(market, r.venue, r.selection) : undefined;
    return close ? [{ bet_id: r.bet_id, match_id: r.match_id, venue: r.venue, selection: r.selection, decimal_odds: r.decimal_odds, closing_odds: close, settled_at: r.ts }] : [];
  });
  const clvs = closed.map((b) => b.decimal_odds / b.closing_odds - 1);
  ctx.store.write(sportsBetting, {
    updated_at: new Date(c.now).toISOString(),
    simulated: ex.simulated || isSimulatedMode(ctx.config.mode),
    bankroll: usd(bankroll),
    staked: usd(open.reduce((s, b) => s + b.stakeCents, 0)),
    settled_bets: settled.length,
    yield: stakedSettled > 0 ? pnl / stakedSettled : null,
    clv: clvs.length ? clvs.reduce((s, x) => s + x, 0) / clvs.length : null,
    open_bets: open.map((b) => ({ bet_id: b.betId, match_id: b.matchId, venue: b.book, selection: b.selection, decimal_odds: b.decimalOdds, stake: usd(b.stakeCents), placed_at: b.placedAt })),
    bankroll_curve: curve.slice(-500),
    clv_bets: closed.slice(-CLV_BETS_KEPT),
    ...(sizing ? { sizing: { policy: sizing.policy, reason: sizing.reason, detail: sizing.detail } } : {}),
  });
}

export const sportsBettingAgent = ventureAgent({
  name: SPORTS_BETTING,
  description: 'bets where the model beats the de-margined price, fractional Kelly with commission under budget, caps and the risk view; arbitrage across books; settles and accounts (SIMULATED books by default)',
  defaults: { budgetUsd: 1000, approvalAboveUsd: 100, approvalTtlHours: 12, itemCapUsd: 25, minMargin: 0.02, intervalSeconds: 3600 },
  consumes: [sportsPredictions],
  produces: [sportsBettingPnl, sportsOdds, sportsBetting],
  needs: ['betting'],
  approvalKind: 'sports_bet',
  create: (ctx) => sportsBettingCycle(ctx),
});
