/**
 * Weights projection: turn raw strategy weights into an allocation with every weight in
 * [lo, hi] = [0.02, 0.35] and Σw = 1 — the hard caps no input can widen. Pure: no I/O.
 *
 * Method (proportional clamp-and-redistribute, solved exactly). Let r_i > 0 be the raw weights of
 * the n assets with positive weight (zero-weight assets stay out). For a scale s ≥ 0 define
 *
 *     w_i(s) = clamp(s · r_i, lo, hi),        f(s) = Σ_i w_i(s).
 *
 * The fixed point of "clamp, then redistribute the excess/shortfall proportionally over the
 * assets not at a bound" is exactly w(s*) with f(s*) = 1: at that point the free assets keep the
 * ratios of their raw weights and the clamped ones sit at a bound. f is continuous, piecewise
 * linear and non-decreasing, with f(0) = n·lo and f(∞) = n·hi, so a solution exists iff
 * n·lo ≤ 1 ≤ n·hi, i.e. 3 ≤ n ≤ 50 for the default bounds (2 assets: 2·0.35 = 0.70 < 1;
 * 51 assets: 51·0.02 = 1.02 > 1).
 *
 * Termination: f changes slope only at the 2n breakpoints lo/r_i and hi/r_i. We sort them and
 * walk the segments once (at most 2n+1); on the segment where f crosses 1 it is linear,
 * f(s) = L·lo + H·hi + s·R_free, and s* = (1 − L·lo − H·hi) / R_free. So the algorithm does a
 * bounded number of steps — no open-ended iteration — and the result is the exact fixed point up
 * to floating-point rounding (|Σw − 1| is a few ulp, far below 1e-12).
 */

export const PROJECTION_LO = 0.02;
export const PROJECTION_HI = 0.35;
/** Same symbol rule as the contracts: an upper-case ticker such as BTC-USD or SPY. */
const SYMBOL_RE = /^[A-Z0-9][A-Z0-9.\-=/^]{0,23}$/;

export interface ProjectionBounds {
  lo: number;
  hi: number;
}

export type ProjectionResult =
  | { ok: true; weights: Record<string, number> }
  | { ok: false; code: 'EMPTY' | 'INFEASIBLE'; reason: string };

/** Project positive raw weights onto {lo ≤ w_i ≤ hi, Σw = 1}; raw weights must already be validated. */
export function projectWeights(raw: Readonly<Record<string, number>>, bounds: ProjectionBounds = { lo: PROJECTION_LO, hi: PROJECTION_HI }): ProjectionResult {
  const { lo, hi } = bounds;
  const entries = Object.entries(raw).filter(([, v]) => v > 0);
  const n = entries.length;
  if (n === 0) return { ok: false, code: 'EMPTY', reason: 'no asset has a positive weight' };
  const eps = 1e-12;
  if (n * lo > 1 + eps) {
    return { ok: false, code: 'INFEASIBLE', reason: `${n} assets × floor ${lo} = ${(n * lo).toFixed(4)} > 1: at most ${Math.floor((1 + eps) / lo)} assets fit the floor` };
  }
  if (n * hi < 1 - eps) {
    return { ok: false, code: 'INFEASIBLE', reason: `${n} assets × cap ${hi} = ${(n * hi).toFixed(4)} < 1: at least ${Math.ceil((1 - eps) / hi)} assets are needed to reach 100 %` };
  }
  // Normalise first so the scale s lives near 1 (better conditioned; does not change the answer).
  const total = entries.reduce((a, [, v]) => a + v, 0);
  const r = entries.map(([, v]) => v / total);
  const s = solveScale(r, lo, hi);
  const weights: Record<string, number> = {};
  entries.forEach(([sym], i) => (weights[sym] = clamp(s * (r[i] ?? 0), lo, hi)));
  // Boundary cases n·lo = 1 or n·hi = 1 give every asset its bound; nothing else to fix.
  return { ok: true, weights };
}

/** The s* with Σ clamp(s·r_i, lo, hi) = 1, found by walking the sorted breakpoints once. */
function solveScale(r: readonly number[], lo: number, hi: number): number {
  const breaks = [...new Set(r.flatMap((ri) => [lo / ri, hi / ri]))].sort((a, b) => a - b);
  const f = (s: number): number => r.reduce((a, ri) => a + clamp(s * ri, lo, hi), 0);
  let prev = 0;
  for (const b of [...breaks, Number.POSITIVE_INFINITY]) {
    const fb = Number.isFinite(b) ? f(b) : r.length * hi;
    if (fb >= 1) {
      // f is linear on [prev, b]: classify the assets at its midpoint.
      const mid = Number.isFinite(b) ? (prev + b) / 2 : prev + 1;
      let fixed = 0;
      let free = 0;
      for (const ri of r) {
        const x = mid * ri;
        if (x <= lo) fixed += lo;
        else if (x >= hi) fixed += hi;
        else free += ri;
      }
      if (free === 0) return b; // f is flat here and equals 1 (boundary case n·lo = 1 or n·hi = 1)
      return (1 - fixed) / free;
    }
    prev = b;
  }
  return prev; // unreachable when feasible: f(∞) = n·hi ≥ 1
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

export type RawWeightsValidation = { ok: true; weights: Record<string, number> } | { ok: false; reasons: string[] };

/**
 * Validate raw weights from an untrusted writer: every value a finite number ≥ 0, every symbol a
 * ticker in `universe` (when given), at most `maxAssets` positive weights and at least one.
 * Zero weights are dropped (those assets stay out of the allocation). Each reason names the
 * symbol, the value and what is accepted.
 */
export function validateRawWeights(raw: unknown, universe?: readonly string[], maxAssets = Math.floor(1 / PROJECTION_LO + 1e-9)): RawWeightsValidation {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, reasons: [`weights must be an object of symbol → number, got ${Array.isArray(raw) ? 'an array' : typeof raw}`] };
  const reasons: string[] = [];
  const known = universe ? new Set(universe) : undefined;
  const weights: Record<string, number> = {};
  for (const [sym, v] of Object.entries(raw)) {
    if (!SYMBOL_RE.test(sym)) reasons.push(`symbol ${JSON.stringify(sym)} is not an upper-case ticker such as BTC-USD or SPY`);
    else if (known && !known.has(sym)) reasons.push(`symbol ${sym} is not in the universe (${[...known].join(', ')})`);
    if (typeof v !== 'number' || !Number.isFinite(v)) reasons.push(`${sym}: weight ${JSON.stringify(v) ?? String(v)} is not a finite number`);
    else if (v < 0) reasons.push(`${sym}: weight ${v} is negative; accepted: a number ≥ 0`);
    else if (v > 0) weights[sym] = v;
  }
  const n = Object.keys(weights).length;
  if (reasons.length === 0 && n === 0) reasons.push('no asset has a positive weight');
  if (n > maxAssets) reasons.push(`${n} assets have positive weight; the ${PROJECTION_LO} floor allows at most ${maxAssets}`);
  return reasons.length ? { ok: false, reasons } : { ok: true, weights };
}
