/**
 * Return statistics the risk decisions share: daily resampling of an equity curve, simple
 * returns, sample standard deviation, historical and Gaussian VaR. Pure functions on arrays.
 * Conventions follow empyrical: std with ddof = 1, historical VaR by linear interpolation of the
 * percentile, VaR reported as a positive loss fraction (0.05 = 5 %).
 */

export interface EquityPoint {
  /** Market time, epoch ms. */
  readonly ts: number;
  readonly equity: number;
}

/** The last equity of each UTC day, oldest first; non-finite or non-positive points are skipped. */
export function dailyCloses(points: readonly EquityPoint[]): EquityPoint[] {
  const byDay = new Map<number, EquityPoint>();
  for (const p of points) {
    if (!Number.isFinite(p.ts) || !Number.isFinite(p.equity) || p.equity <= 0) continue;
    const day = Math.floor(p.ts / 86_400_000);
    const prev = byDay.get(day);
    if (!prev || p.ts >= prev.ts) byDay.set(day, p);
  }
  return [...byDay.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p);
}

/** r_t = v_t / v_{t-1} − 1 over consecutive values; pairs with a non-positive base are skipped. */
export function simpleReturns(values: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < values.length; i++) {
    const a = values[i - 1] ?? 0;
    const b = values[i] ?? 0;
    if (a > 0 && Number.isFinite(a) && Number.isFinite(b)) out.push(b / a - 1);
  }
  return out;
}

export function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN;
}

/** Sample standard deviation (ddof = 1); NaN with fewer than 2 values. */
export function std(xs: readonly number[]): number {
  if (xs.length < 2) return Number.NaN;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

/** Percentile with linear interpolation between closest ranks (numpy's default). */
export function percentile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = s[lo] ?? Number.NaN;
  const b = s[hi] ?? Number.NaN;
  return a + (b - a) * (pos - lo);
}

/** Historical VaR: −percentile(returns, 1 − c), floored at 0. */
export function historicalVar(returns: readonly number[], confidence: number): number {
  if (returns.length === 0) return Number.NaN;
  return Math.max(0, -percentile(returns, 1 - confidence));
}

/** Standard normal quantile for the two confidence levels we use (no approximation needed). */
export const Z_SCORE: Readonly<Record<number, number>> = { 0.95: 1.6448536269514722, 0.99: 2.3263478740408408 };

/** Gaussian VaR: −(μ − z_c·σ), floored at 0. */
export function gaussianVar(returns: readonly number[], confidence: number): number {
  const z = Z_SCORE[confidence];
  if (z === undefined) throw new RangeError(`confidence must be 0.95 or 0.99, got ${confidence}`);
  if (returns.length < 2) return Number.NaN;
  return Math.max(0, -(mean(returns) - z * std(returns)));
}

/** Overlapping h-day compounded returns: Π(1 + r) − 1 over each window of h consecutive days. */
export function horizonReturns(returns: readonly number[], h: number): number[] {
  const out: number[] = [];
  for (let i = 0; i + h <= returns.length; i++) {
    let g = 1;
    for (let j = i; j < i + h; j++) g *= 1 + (returns[j] ?? 0);
    out.push(g - 1);
  }
  return out;
}

export interface VarSet {
  historical_95: number | null;
  historical_99: number | null;
  gaussian_95: number | null;
  gaussian_99: number | null;
}

/** The four VaR figures of a return series; null where there are too few observations. */
export function varSet(returns: readonly number[], minObs: number): VarSet {
  const ok = returns.length >= minObs;
  const num = (x: number): number | null => (ok && Number.isFinite(x) ? x : null);
  return {
    historical_95: num(historicalVar(returns, 0.95)),
    historical_99: num(historicalVar(returns, 0.99)),
    gaussian_95: num(gaussianVar(returns, 0.95)),
    gaussian_99: num(gaussianVar(returns, 0.99)),
  };
}

/** The binding (larger) of historical and Gaussian VaR at confidence c; null when neither is known. */
export function bindingVar(v: VarSet, confidence: 0.95 | 0.99): number | null {
  const a = confidence === 0.95 ? v.historical_95 : v.historical_99;
  const b = confidence === 0.95 ? v.gaussian_95 : v.gaussian_99;
  if (a === null && b === null) return null;
  return Math.max(a ?? 0, b ?? 0);
}
