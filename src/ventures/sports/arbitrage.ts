/**
 * True arbitrage across books: back every outcome of a market, each at its best price after that
 * book's commission, o' = 1 + (o − 1)(1 − c). If Σ 1/o' < 1 the stakes s_i = T·(1/o'_i)/Σ pay the
 * same T/Σ whatever happens. Stakes are whole cents, so the profit that is locked is the smallest
 * payout minus the total staked, after rounding; an arb whose locked profit is not positive (a
 * near-miss that commission or rounding kills) is rejected.
 */
export interface Price {
  readonly book: string;
  readonly outcome: string;
  readonly decimalOdds: number;
  readonly commission: number;
}

export interface ArbLeg {
  readonly book: string;
  readonly outcome: string;
  readonly decimalOdds: number;
  readonly effectiveOdds: number;
  readonly stakeCents: number;
}

export type Arbitrage = { found: true; legs: ArbLeg[]; totalCents: number; lockedProfitCents: number; bookSum: number } | { found: false; bookSum: number; reason: 'NO_ARB' | 'ROUNDING_KILLS_PROFIT' | 'INCOMPLETE_MARKET' };

export function effectiveOdds(p: Pick<Price, 'decimalOdds' | 'commission'>): number {
  return 1 + (p.decimalOdds - 1) * (1 - p.commission);
}

/** The best effective price per outcome; `outcomes` lists every outcome the market has. */
export function findArbitrage(prices: readonly Price[], outcomes: readonly string[], budgetCents: number): Arbitrage {
  const best = new Map<string, Price>();
  for (const p of prices) {
    const cur = best.get(p.outcome);
    if (!cur || effectiveOdds(p) > effectiveOdds(cur)) best.set(p.outcome, p);
  }
  if (outcomes.some((o) => !best.has(o))) return { found: false, bookSum: Number.NaN, reason: 'INCOMPLETE_MARKET' };
  const chosen = outcomes.map((o) => best.get(o) as Price);
  const bookSum = chosen.reduce((s, p) => s + 1 / effectiveOdds(p), 0);
  if (bookSum >= 1) return { found: false, bookSum, reason: 'NO_ARB' };
  const legs = chosen.map((p) => {
    const eff = effectiveOdds(p);
    return { book: p.book, outcome: p.outcome, decimalOdds: p.decimalOdds, effectiveOdds: eff, stakeCents: Math.floor((budgetCents * (1 / eff)) / bookSum) };
  });
  const totalCents = legs.reduce((s, l) => s + l.stakeCents, 0);
  // Each leg's payout (stake back plus net winnings) in whole cents, rounded down as a book pays.
  const lockedProfitCents = Math.min(...legs.map((l) => Math.floor(l.stakeCents * l.effectiveOdds))) - totalCents;
  if (lockedProfitCents <= 0) return { found: false, bookSum, reason: 'ROUNDING_KILLS_PROFIT' };
  return { found: true, legs, totalCents, lockedProfitCents, bookSum };
}
