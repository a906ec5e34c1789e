/**
 * What the betting agent would bet this cycle (pure). A value bet: for each market with a model
 * prediction, each book's prices are de-margined by Shin's method; a selection qualifies when the
 * model's probability beats the book's fair probability by `minEdge`, and the stake is fractional
 * Kelly with the book's commission on net odds, scaled by the risk scaler and capped per bet,
 * market and day (kelly.ts). One value bet per market: the selection with the highest expected
 * return. Arbitrage: the best effective prices across books, sized to lock a profit (arbitrage.ts).
 * Commission at settlement is charged on each book's net winnings in the market.
 */
import type { BettingMarket, Selection } from '../../core/betting.js';
import { findArbitrage } from './arbitrage.js';
import { kellyFraction, kellyStake, netOdds, type StakeSkip } from './kelly.js';
import type { Probs } from './matches.js';
import { shin } from './odds.js';
import { safeMultiplier, type SizingFeatures } from './sizing/policy.js';

export interface PlanLimits {
  readonly minEdge: number;
  readonly kellyMultiplier: number;
  readonly riskScaler: number;
  readonly bankrollCents: number;
  readonly perBetCapCents: number;
  readonly marketCapCents: number;
  readonly dayCapCents: number;
  readonly minStakeCents: number;
  /** Already staked per market and today, cents. */
  readonly stakedByMarket: ReadonlyMap<string, number>;
  readonly stakedToday: number;
  /** A learned sizing policy: the Kelly multiplier for one value bet (clamped to [0, 1]); absent, `kellyMultiplier` applies. */
  readonly sizer?: (f: SizingFeatures) => number;
}

export interface PlannedLeg {
  readonly book: string;
  readonly selection: Selection;
  readonly decimalOdds: number;
  readonly commission: number;
  readonly stakeCents: number;
}

export interface PlannedBet {
  readonly id: string;
  readonly kind: 'value' | 'arbitrage';
  readonly market: BettingMarket;
  readonly legs: readonly PlannedLeg[];
  readonly costCents: number;
  /** Expected proceeds (value bet) or the locked minimum payout (arbitrage), cents. */
  readonly valueCents: number;
  readonly p?: number;
  readonly fair?: number;
  readonly edge?: number;
}

export interface Plan {
  readonly bets: PlannedBet[];
  readonly skipped: Partial<Record<StakeSkip | 'NO_PREDICTION' | 'BELOW_EDGE', number>>;
}

// A market's prices never change once listed, so its Shin solutions are kept while the market lives
// (the sizing replay plans the same markets hundreds of times).
const fairCache = new WeakMap<BettingMarket, Map<string, Partial<Record<Selection, number>>>>();

/** Each book's fair probabilities for the market (Shin), keyed by book. */
export function fairByBook(m: BettingMarket): Map<string, Partial<Record<Selection, number>>> {
  const cached = fairCache.get(m);
  if (cached) return cached;
  const out = new Map<string, Partial<Record<Selection, number>>>();
  fairCache.set(m, out);
  for (const book of new Set(m.prices.map((p) => p.book))) {
    const prices = m.selections.map((s) => m.prices.find((p) => p.book === book && p.selection === s));
    if (prices.some((p) => !p)) continue;
    const { probs } = shin(prices.map((p) => (p as { decimalOdds: number }).decimalOdds));
    out.set(book, Object.fromEntries(m.selections.map((s, i) => [s, probs[i] as number])));
  }
  return out;
}

export function planBets(markets: readonly BettingMarket[], predictions: ReadonlyMap<string, Probs>, l: PlanLimits): Plan {
  const bets: PlannedBet[] = [];
  const skipped: Plan['skipped'] = {};
  const skip = (k: keyof Plan['skipped']) => void (skipped[k] = (skipped[k] ?? 0) + 1);
  let dayLeft = l.dayCapCents - l.stakedToday;
  for (const m of markets) {
    if (m.status !== 'OPEN' || m.inPlay) continue;
    const marketLeft = l.marketCapCents - (l.stakedByMarket.get(m.marketId) ?? 0);
    const arb = findArbitrage(m.prices.map((p) => ({ ...p, outcome: p.selection })), m.selections, Math.max(0, Math.min(l.perBetCapCents, marketLeft, dayLeft)));
    if (arb.found && arb.legs.every((leg) => leg.stakeCents >= l.minStakeCents)) {
      const legs = arb.legs.map((leg) => ({ book: leg.book, selection: leg.outcome as Selection, decimalOdds: leg.decimalOdds, commission: m.prices.find((p) => p.book === leg.book)?.commission ?? 0, stakeCents: leg.stakeCents }));
      bets.push({ id: `arb:${m.marketId}`, kind: 'arbitrage', market: m, legs, costCents: arb.totalCents, valueCents: arb.totalCents + arb.lockedProfitCents });
      dayLeft -= arb.totalCents;
      continue;
    }
    const probs = predictions.get(m.matchId);
    if (!probs) {
      skip('NO_PREDICTION');
      continue;
    }
    const fair = fairByBook(m);
    let best: { price: BettingMarket['prices'][number]; p: number; f: number; er: number } | undefined;
    for (const price of m.prices) {
      const f = fair.get(price.book)?.[price.selection];
      if (f === undefined) continue;
      const p = probs[price.selection];
      if (p - f < l.minEdge) continue;
      const er = p * (1 + netOdds(price.decimalOdds, price.commission)) - 1;
      if (!best || er > best.er) best = { price, p, f, er };
    }
    if (!best) {
      skip('BELOW_EDGE');
      continue;
    }
    const { decimalOdds, commission } = best.price;
    const kellyMultiplier = l.sizer ? safeMultiplier(l.sizer({ p: best.p, fair: best.f, decimalOdds, commission, kelly: kellyFraction(best.p, decimalOdds, commission) })) : l.kellyMultiplier;
    const stake = kellyStake({ bankrollCents: l.bankrollCents, p: best.p, decimalOdds, commission, kellyMultiplier, riskScaler: l.riskScaler, perBetCapCents: l.perBetCapCents, marketRemainingCents: marketLeft, dayRemainingCents: dayLeft, minStakeCents: l.minStakeCents });
    if (stake.stakeCents === 0) {
      skip(stake.reason ?? 'NO_EDGE');
      continue;
    }
    const valueCents = Math.round(stake.stakeCents * best.p * (1 + netOdds(best.price.decimalOdds, best.price.commission)));
    bets.push({ id: `bet:${m.marketId}`, kind: 'value', market: m, legs: [{ book: best.price.book, selection: best.price.selection, decimalOdds: best.price.decimalOdds, commission: best.price.commission, stakeCents: stake.stakeCents }], costCents: stake.stakeCents, valueCents, p: best.p, fair: best.f, edge: best.p - best.f });
    dayLeft -= stake.stakeCents;
  }
  return { bets, skipped };
}

export interface SettledBet {
  readonly betId: string;
  readonly marketId: string;
  readonly book: string;
  readonly decimalOdds: number;
  readonly stakeCents: number;
  readonly result: 'won' | 'lost' | 'void';
  readonly commissionRate: number;
}

/**
 * P&L and commission per bet, cents: commission is the rate times a book's net winnings in a market
 * (only when positive), charged to that market's winning bets in proportion to their winnings.
 */
export function settle(bets: readonly SettledBet[]): Map<string, { pnlCents: number; commissionCents: number }> {
  const out = new Map<string, { pnlCents: number; commissionCents: number }>();
  const groups = new Map<string, SettledBet[]>();
  for (const b of bets) groups.set(`${b.marketId}\u0000${b.book}`, [...(groups.get(`${b.marketId}\u0000${b.book}`) ?? []), b]);
  for (const group of groups.values()) {
    const gross = (b: SettledBet) => (b.result === 'won' ? Math.floor(b.stakeCents * (b.decimalOdds - 1)) : b.result === 'lost' ? -b.stakeCents : 0);
    const net = group.reduce((s, b) => s + gross(b), 0);
    const rate = group[0]?.commissionRate ?? 0;
    const commission = net > 0 ? Math.round(net * rate) : 0;
    const winners = group.filter((b) => gross(b) > 0);
    const winnings = winners.reduce((s, b) => s + gross(b), 0);
    let left = commission;
    for (const b of group) if (gross(b) <= 0) out.set(b.betId, { pnlCents: gross(b), commissionCents: 0 });
    winners.forEach((b, i) => {
      const c = i === winners.length - 1 ? left : Math.min(left, Math.round((commission * gross(b)) / winnings));
      left -= c;
      out.set(b.betId, { pnlCents: gross(b) - c, commissionCents: c });
    });
  }
  return out;
}
