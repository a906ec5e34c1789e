/**
 * Replays the betting agent's decisions over simulated match days (SIMULATED): each day it plans
 * with the agent's own planner (betting-plan.ts: edge filter, Shin de-margining, arbitrage, Kelly
 * with commission, the risk scaler and the per-bet, market and day caps) from the bankroll it has,
 * then settles the day's bets on their results with commission on net market winnings. A season is
 * one episode: the bankroll starts afresh, so one season's luck does not size the next one's bets.
 * Only the sizing differs between the policies compared; everything else is the same code.
 */
import type { BettingMarket, Selection } from '../../../core/betting.js';
import { planBets, settle } from '../betting-plan.js';
import type { Probs } from '../matches.js';
import { policyMultiplier, type PolicyParams } from './policy.js';

export interface SizingDay {
  readonly date: string;
  readonly season: number;
  readonly markets: readonly BettingMarket[];
  readonly predictions: ReadonlyMap<string, Probs>;
  /** Market id → the selection that won. */
  readonly results: ReadonlyMap<string, Selection>;
}

export interface SizingLimits {
  readonly bankrollCents: number;
  readonly perBetCapCents: number;
  readonly marketCapCents: number;
  readonly dayCapCents: number;
  readonly minStakeCents: number;
  readonly minEdge: number;
  /** Fractional Kelly's multiplier (the baseline's, and the one used when no policy is given). */
  readonly kellyFraction: number;
  readonly riskScaler: number;
}

/** The betting agent's defaults (betting-agent.ts, budget $1,000, item cap $25) and the simulator's minimum stake. */
export const AGENT_LIMITS: SizingLimits = { bankrollCents: 100_000, perBetCapCents: 2_500, marketCapCents: 5_000, dayCapCents: 25_000, minStakeCents: 200, minEdge: 0.03, kellyFraction: 0.25, riskScaler: 1 };

export interface Figures {
  readonly seasons: number;
  readonly bets: number;
  readonly value_bets: number;
  readonly arbitrages: number;
  /** USD. */
  readonly staked: number;
  readonly profit: number;
  readonly commission: number;
  /** Profit / staked (null when nothing was staked). */
  readonly yield: number | null;
  /** Σ over seasons of ln(bankroll at the end / at the start). */
  readonly log_growth: number;
  /** Largest fall of the bankroll from its running peak within a season, as a fraction of the peak. */
  readonly max_drawdown: number;
}

interface Totals {
  bets: number;
  valueBets: number;
  arbs: number;
  stakedCents: number;
  profitCents: number;
  commissionCents: number;
  logGrowth: number;
  maxDrawdown: number;
  seasons: number;
}

function playSeason(days: readonly SizingDay[], l: SizingLimits, policy: PolicyParams | null, t: Totals): void {
  let bankroll = l.bankrollCents;
  let peak = bankroll;
  for (const day of days) {
    const drawdown = peak > 0 ? (peak - bankroll) / peak : 0;
    const perBetCapCents = Math.floor(l.perBetCapCents * Math.min(1, l.riskScaler));
    const plan = planBets(day.markets, day.predictions, {
      minEdge: l.minEdge,
      kellyMultiplier: l.kellyFraction,
      riskScaler: l.riskScaler,
      bankrollCents: Math.max(0, bankroll),
      perBetCapCents,
      marketCapCents: l.marketCapCents,
      dayCapCents: l.dayCapCents,
      minStakeCents: l.minStakeCents,
      stakedByMarket: new Map(),
      stakedToday: 0,
      ...(policy ? { sizer: (f) => policyMultiplier(policy, f, drawdown) } : {}),
    });
    const legs = plan.bets.flatMap((b) =>
      b.legs.map((leg, i) => {
        const won = day.results.get(b.market.marketId);
        return { betId: `${b.id}:${i}`, marketId: b.market.marketId, book: leg.book, decimalOdds: leg.decimalOdds, stakeCents: leg.stakeCents, result: won === undefined ? ('void' as const) : won === leg.selection ? ('won' as const) : ('lost' as const), commissionRate: leg.commission };
      }),
    );
    const money = settle(legs);
    let pnl = 0;
    for (const m of money.values()) {
      pnl += m.pnlCents;
      t.commissionCents += m.commissionCents;
    }
    t.bets += plan.bets.length;
    t.valueBets += plan.bets.filter((b) => b.kind === 'value').length;
    t.arbs += plan.bets.filter((b) => b.kind === 'arbitrage').length;
    t.stakedCents += legs.filter((x) => x.result !== 'void').reduce((s, x) => s + x.stakeCents, 0);
    t.profitCents += pnl;
    bankroll += pnl;
    peak = Math.max(peak, bankroll);
    if (peak > 0) t.maxDrawdown = Math.max(t.maxDrawdown, (peak - bankroll) / peak);
  }
  // A ruined bankroll is a log growth of −∞; floor it at one cent so a learner can still rank ruins.
  t.logGrowth += Math.log(Math.max(1, bankroll) / l.bankrollCents);
  t.seasons++;
}

/** Plays every season of `days` (in order) with fractional Kelly (`policy` null) or a learned policy. */
export function replay(days: readonly SizingDay[], l: SizingLimits, policy: PolicyParams | null): Figures {
  const t: Totals = { bets: 0, valueBets: 0, arbs: 0, stakedCents: 0, profitCents: 0, commissionCents: 0, logGrowth: 0, maxDrawdown: 0, seasons: 0 };
  const seasons = new Map<number, SizingDay[]>();
  for (const d of days) seasons.set(d.season, [...(seasons.get(d.season) ?? []), d]);
  for (const season of [...seasons.keys()].sort((a, b) => a - b)) playSeason(seasons.get(season) as SizingDay[], l, policy, t);
  return {
    seasons: t.seasons,
    bets: t.bets,
    value_bets: t.valueBets,
    arbitrages: t.arbs,
    staked: t.stakedCents / 100,
    profit: t.profitCents / 100,
    commission: t.commissionCents / 100,
    yield: t.stakedCents > 0 ? t.profitCents / t.stakedCents : null,
    log_growth: t.logGrowth,
    max_drawdown: t.maxDrawdown,
  };
}
