/**
 * Bar-by-bar strategies of the Strategy Lab: each sees one bar's closes at a time (no look-ahead by
 * construction), keeps O(1) or O(window) state, and returns target weights per symbol, written into
 * a reused Float64Array. `changed` tells the backtester whether targets moved since the last bar.
 * - buy-hold: equal weights from the first bar;
 * - sma-cross (fast, slow): weight 1/n while the fast SMA of closes is above the slow one, 0
 *   otherwise, from the first bar where the slow SMA exists;
 * - momentum (lookback): equal weight among symbols whose close is above the close `lookback` bars ago;
 * - inverse-vol (lookback, rebalance): w ∝ 1/σ of the last `lookback` returns, recomputed every
 *   `rebalance` bars (naive risk parity).
 */
import { NeoLightError } from '../../core/errors.js';
import { simpleReturns, std } from '../../research/stats.js';

export interface BarStrategy {
  readonly name: string;
  readonly weights: Float64Array;
  /** Feed bar i's closes (one per symbol); returns true when the weights changed. */
  onBar(closes: Float64Array): boolean;
}

export interface StrategyParams {
  fast?: number;
  slow?: number;
  lookback?: number;
  rebalance?: number;
}

export const STRATEGIES = ['buy-hold', 'sma-cross', 'momentum', 'inverse-vol'] as const;
export type StrategyName = (typeof STRATEGIES)[number];

function ring(size: number, n: number) {
  return { buf: new Float64Array(size * n), size, count: 0 };
}

/** Store one bar's closes in the ring's next slot (overwriting the oldest) and count it. */
function push(r: ReturnType<typeof ring>, closes: Float64Array, n: number): void {
  const k = r.count % r.size;
  for (let j = 0; j < n; j++) r.buf[k * n + j] = closes[j]!;
  r.count++;
}

export function buyHold(n: number): BarStrategy {
  const weights = new Float64Array(n);
  let started = false;
  return {
    name: 'buy-hold',
    weights,
    onBar() {
      if (started) return false;
      started = true;
      weights.fill(1 / n);
      return true;
    },
  };
}

export function smaCross(n: number, fast: number, slow: number): BarStrategy {
  if (!(Number.isInteger(fast) && Number.isInteger(slow) && fast >= 1 && slow > fast)) {
    throw new NeoLightError('NL_ERR_BAD_FLAG', `sma-cross needs whole numbers 1 <= --fast < --slow, got fast ${fast}, slow ${slow}`);
  }
  const weights = new Float64Array(n);
  const r = ring(slow, n);
  const sumFast = new Float64Array(n);
  const sumSlow = new Float64Array(n);
  /** The exact sums, oldest first like a reference loop, for crossovers too close to call. */
  const exact = (j: number): number => {
    let f = 0;
    let sl = 0;
    for (let t = slow; t >= 1; t--) {
      const c = r.buf[((r.count - t) % slow) * n + j]!;
      sl += c;
      if (t <= fast) f += c;
    }
    return f / fast - sl / slow;
  };
  return {
    name: `sma-cross(${fast},${slow})`,
    weights,
    onBar(closes) {
      const k = r.count % slow;
      const kf = (r.count - fast + slow) % slow; // the close leaving the fast window
      for (let j = 0; j < n; j++) {
        const c = closes[j]!;
        sumFast[j] = sumFast[j]! + c - (r.count >= fast ? r.buf[kf * n + j]! : 0);
        sumSlow[j] = sumSlow[j]! + c - (r.count >= slow ? r.buf[k * n + j]! : 0);
        r.buf[k * n + j] = c;
      }
      r.count++;
      if (r.count < slow) return false;
      let changed = false;
      for (let j = 0; j < n; j++) {
        let diff = sumFast[j]! / fast - sumSlow[j]! / slow;
        // Running sums drift in floating point; near a crossover, decide on the exact sums instead.
        // The first full window decides on them too: its call is then made on bar `slow`, before
        // V8 compiles the caller's bar loop, which otherwise has no type feedback for it and was
        // deoptimised (and recompiled) by the first crossover too close to call.
        if (r.count === slow || Math.abs(diff) <= 1e-9 * Math.abs(sumSlow[j]! / slow)) diff = exact(j);
        const w = diff > 0 ? 1 / n : 0;
        if (w !== weights[j]) {
          weights[j] = w;
          changed = true;
        }
      }
      return changed;
    },
  };
}

export function momentum(n: number, lookback: number): BarStrategy {
  const weights = new Float64Array(n);
  const r = ring(lookback + 1, n);
  return {
    name: `momentum(${lookback})`,
    weights,
    onBar(closes) {
      const size = lookback + 1;
      push(r, closes, n);
      if (r.count < size) return false;
      const k0 = r.count % size; // oldest close in the ring: lookback bars ago
      let up = 0;
      for (let j = 0; j < n; j++) if (closes[j]! > r.buf[k0 * n + j]!) up++;
      let changed = false;
      for (let j = 0; j < n; j++) {
        const w = closes[j]! > r.buf[k0 * n + j]! ? 1 / up : 0;
        if (w !== weights[j]) {
          weights[j] = w;
          changed = true;
        }
      }
      return changed;
    },
  };
}

export function inverseVol(n: number, lookback: number, every: number): BarStrategy {
  const weights = new Float64Array(n);
  const r = ring(lookback + 1, n);
  return {
    name: `inverse-vol(${lookback})`,
    weights,
    onBar(closes) {
      const size = lookback + 1;
      push(r, closes, n);
      if (r.count < size || (r.count - size) % every !== 0) return false;
      let total = 0;
      const inv = new Float64Array(n);
      const closesOf = new Array<number>(size);
      for (let j = 0; j < n; j++) {
        // The ring's closes oldest first, then the one statistics module's std (ddof = 1).
        for (let t = 0; t < size; t++) closesOf[t] = r.buf[((r.count + t) % size) * n + j]!;
        const sd = std(simpleReturns(closesOf));
        inv[j] = sd > 0 ? 1 / sd : 0;
        total += inv[j]!;
      }
      for (let j = 0; j < n; j++) weights[j] = total > 0 ? inv[j]! / total : 0;
      return true;
    },
  };
}

export function makeStrategy(name: string, n: number, p: StrategyParams): BarStrategy {
  switch (name) {
    case 'buy-hold':
      return buyHold(n);
    case 'sma-cross':
      return smaCross(n, p.fast ?? 10, p.slow ?? 30);
    case 'momentum':
      return momentum(n, p.lookback ?? 60);
    case 'inverse-vol':
      return inverseVol(n, p.lookback ?? 60, p.rebalance ?? 21);
    default:
      throw new NeoLightError('NL_ERR_BAD_FLAG', `--strategy "${name}" is not accepted: expected one of ${STRATEGIES.join(', ')}`);
  }
}
