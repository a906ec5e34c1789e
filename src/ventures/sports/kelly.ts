/**
 * Kelly stakes with commission. An exchange takes commission c from net winnings, so a back bet
 * at decimal odds o pays net b = (o − 1)(1 − c) per unit if it wins; Kelly's fraction is
 * f* = (b·p − q)/b with q = 1 − p (zero when negative: no edge, no bet). The agent stakes a fraction
 * of f* of its own bankroll, scaled by the risk scaler, and never more than the per-bet cap nor
 * what is left of the market's and the day's caps. Stakes are whole cents, rounded down.
 *
 * Commission is charged on net market winnings; for one bet per market (how the agent bets) that
 * is the bet's own winnings, which is what this formula assumes.
 */
export type StakeSkip = 'NO_EDGE' | 'RISK_SCALER_ZERO' | 'BET_CAP' | 'MARKET_CAP' | 'DAY_CAP' | 'BANKROLL' | 'BELOW_MIN_STAKE';

export function netOdds(decimalOdds: number, commission: number): number {
  return (decimalOdds - 1) * (1 - commission);
}

export function kellyFraction(p: number, decimalOdds: number, commission: number): number {
  const b = netOdds(decimalOdds, commission);
  if (!(b > 0)) return 0;
  return Math.max(0, (b * p - (1 - p)) / b);
}

export interface StakeInput {
  readonly bankrollCents: number;
  readonly p: number;
  readonly decimalOdds: number;
  readonly commission: number;
  /** Fraction of full Kelly (0.25 = quarter Kelly). */
  readonly kellyMultiplier: number;
  readonly riskScaler: number;
  readonly perBetCapCents: number;
  /** Caps minus what is already staked in this market and today. */
  readonly marketRemainingCents: number;
  readonly dayRemainingCents: number;
  readonly minStakeCents: number;
}

export interface Stake {
  readonly stakeCents: number;
  readonly kelly: number;
  /** Why the stake is zero, or which cap bound it. */
  readonly reason: StakeSkip | null;
}

export function kellyStake(s: StakeInput): Stake {
  const kelly = kellyFraction(s.p, s.decimalOdds, s.commission);
  if (kelly <= 0) return { stakeCents: 0, kelly, reason: 'NO_EDGE' };
  if (!(s.riskScaler > 0)) return { stakeCents: 0, kelly, reason: 'RISK_SCALER_ZERO' };
  const wanted = Math.floor(Math.max(0, s.bankrollCents) * kelly * s.kellyMultiplier * s.riskScaler);
  const caps: [StakeSkip, number][] = [
    ['BET_CAP', s.perBetCapCents],
    ['MARKET_CAP', s.marketRemainingCents],
    ['DAY_CAP', s.dayRemainingCents],
    // A risk scaler above 1 must never stake more than the bankroll holds.
    ['BANKROLL', s.bankrollCents],
  ];
  let stake = wanted;
  let reason: StakeSkip | null = null;
  for (const [code, cap] of caps) {
    const c = Math.max(0, Math.floor(cap));
    if (c < stake) {
      stake = c;
      reason = code;
    }
  }
  if (stake < s.minStakeCents) return { stakeCents: 0, kelly, reason: 'BELOW_MIN_STAKE' };
  return { stakeCents: stake, kelly, reason };
}
