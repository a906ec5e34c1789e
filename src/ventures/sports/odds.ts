/**
 * Bookmaker prices to probabilities. The raw implied probabilities 1/o of a market sum to more
 * than 1 (the overround, the book's margin); two ways remove it. Proportional: p_i = (1/o_i) / Σ 1/o.
 * Shin (1993), as in Štrumbelj (2014): with insider share z, p_i = (√(z² + 4(1−z)·π_i²/Σπ) − z) / (2(1−z)),
 * π_i = 1/o_i, and z is the one value that makes the p_i sum to 1 (found by bisection). Shin moves
 * more of the margin onto long shots, which is where bookmakers put it (the favourite–long-shot bias).
 */
import { NeoLightError } from '../../core/errors.js';

function check(odds: readonly number[]): void {
  if (odds.length < 2 || odds.some((o) => !(Number.isFinite(o) && o > 1))) {
    throw new NeoLightError('NL_ERR_BAD_INPUT', `decimal odds [${odds.join(', ')}] are not accepted: expected two or more prices, each > 1`);
  }
}

export function overround(odds: readonly number[]): number {
  check(odds);
  return odds.reduce((s, o) => s + 1 / o, 0) - 1;
}

export function proportional(odds: readonly number[]): number[] {
  check(odds);
  const sum = odds.reduce((s, o) => s + 1 / o, 0);
  return odds.map((o) => 1 / o / sum);
}

function shinProbs(pi: readonly number[], sum: number, z: number): number[] {
  return pi.map((p) => (Math.sqrt(z * z + (4 * (1 - z) * p * p) / sum) - z) / (2 * (1 - z)));
}

export function shin(odds: readonly number[]): { probs: number[]; z: number } {
  check(odds);
  const pi = odds.map((o) => 1 / o);
  const sum = pi.reduce((s, p) => s + p, 0);
  // A book without margin (or with a negative one, an arbitrage) has nothing to remove.
  if (sum <= 1) return { probs: pi.map((p) => p / sum), z: 0 };
  let lo = 0;
  let hi = 0.999;
  for (let i = 0; i < 100; i++) {
    const z = (lo + hi) / 2;
    const total = shinProbs(pi, sum, z).reduce((s, p) => s + p, 0);
    if (total > 1) lo = z;
    else hi = z;
  }
  const z = (lo + hi) / 2;
  const probs = shinProbs(pi, sum, z);
  const t = probs.reduce((s, p) => s + p, 0);
  return { probs: probs.map((p) => p / t), z };
}
