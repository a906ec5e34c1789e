/**
 * The learned bet-sizing policy: a logistic map from what the agent knows about one value bet to
 * the multiplier it applies to full Kelly, m = sigmoid(θ · φ) in (0, 1). The stake then goes through
 * the same kellyStake as fractional Kelly (risk scaler, per-bet, market, day and bankroll caps), so a
 * policy can only choose how much of full Kelly to stake, never around a cap. Fractional Kelly at
 * fraction k is the policy θ = (logit k, 0, 0, 0, 0), which is where the learner starts.
 *
 * Features φ: a bias; the apparent edge over the de-margined price in units of 10 points (a large
 * apparent edge is more often the model's error than the book's); ln of the decimal odds (long
 * shots are where a three-way model is least sure); the model's probability; the bankroll's
 * drawdown from its peak in units of 20 % (to bet less while losing, if that pays).
 */
export interface SizingFeatures {
  /** The model's probability of the selection. */
  readonly p: number;
  /** The book's de-margined (Shin) probability. */
  readonly fair: number;
  readonly decimalOdds: number;
  readonly commission: number;
  /** Full Kelly fraction with commission (kelly.ts). */
  readonly kelly: number;
}

export const FEATURES = ['bias', 'edge_per_10pts', 'log_odds', 'p_model', 'drawdown_per_20pct'] as const;
export type PolicyParams = readonly number[];

export function featureVector(f: SizingFeatures, drawdown: number): number[] {
  return [1, (f.p - f.fair) / 0.1, Math.log(f.decimalOdds), f.p, Math.max(0, drawdown) / 0.2];
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
export const logit = (p: number) => Math.log(p / (1 - p));

/** A multiplier the planner may use: within [0, 1], and 0 (no bet) for anything not a finite number. */
export function safeMultiplier(m: number): number {
  return Number.isFinite(m) ? Math.min(1, Math.max(0, m)) : 0;
}

export function policyMultiplier(theta: PolicyParams, f: SizingFeatures, drawdown: number): number {
  const phi = featureVector(f, drawdown);
  if (theta.length !== phi.length) return 0;
  return safeMultiplier(sigmoid(phi.reduce((s, x, i) => s + x * (theta[i] as number), 0)));
}

/** θ of fractional Kelly at `fraction` (the learner's starting point). */
export function kellyParams(fraction: number): number[] {
  return [logit(Math.min(0.999, Math.max(0.001, fraction))), 0, 0, 0, 0];
}

/** The drawdown of a bankroll path from its running peak, as a fraction of the peak (0 when none). */
export function drawdownOf(startCents: number, pnlCents: readonly number[]): number {
  let bankroll = startCents;
  let peak = startCents;
  for (const x of pnlCents) {
    bankroll += x;
    peak = Math.max(peak, bankroll);
  }
  return peak > 0 ? Math.max(0, (peak - bankroll) / peak) : 0;
}
