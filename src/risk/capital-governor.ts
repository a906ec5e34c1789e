/**
 * The capital governor's rule (pure): each rebalance period, every capital agent's budget as a share
 * of the mesh's total wealth, from its realised, risk-adjusted results.
 *
 * 1. Score: each agent's per-period returns on its budget give a per-period Sharpe ratio (mean / sd),
 *    clipped to [−1, 1]; fewer than two periods score 0.
 * 2. Shrinkage toward equal shares: weight ∝ 1 + λ·score with λ = n / (n + K) — the more periods
 *    an agent has, the more its score counts; with none, every agent gets the same share.
 * 3. Track record: an agent with fewer than `minTrackRecord` periods gets at most its floor.
 * 4. Floors and caps (fractions of wealth) bound every share; shares sum to at most `deployable`.
 * 5. Step limit: no budget grows by more than `maxStepUp` in one period, so one lucky period moves
 *    an agent a little, never a lot; and an agent whose score is not positive does not grow at all
 *    (wealth a better agent cannot take stays in the reserve rather than go to a losing one).
 * 6. A halted agent's budget is frozen at its current value (or its floor when it has none) and
 *    the rest is shared among the others.
 * Money is integer cents; shares are floats only until they are turned into cents (rounded down,
 * so budgets never sum above the wealth).
 */

export interface CapitalAgentInput {
  readonly name: string;
  /** Returns on its budget, one per completed period, oldest first. */
  readonly periodReturns: readonly number[];
  /** Budget in force now, cents (undefined before the first rebalance). */
  readonly currentCents?: number;
  readonly halted: boolean;
  /** Share of total wealth this agent always gets (unless wealth cannot cover every floor). */
  readonly floor: number;
  /** Share of total wealth it never exceeds. */
  readonly cap: number;
}

export interface CapitalParams {
  /** Share of total wealth handed out in budgets (the rest stays as a reserve). */
  readonly deployable: number;
  readonly minTrackRecord: number;
  /** Shrinkage constant K: periods at which the score counts half. */
  readonly shrinkK: number;
  /** Largest relative growth of a budget in one period (0.25 = +25 %). */
  readonly maxStepUp: number;
}

export const DEFAULT_CAPITAL_PARAMS: CapitalParams = { deployable: 0.95, minTrackRecord: 4, shrinkK: 8, maxStepUp: 0.25 };

export interface CapitalBudget {
  readonly name: string;
  readonly cents: number;
  readonly share: number;
  readonly score: number;
  readonly periods: number;
  readonly frozen: boolean;
  /** Why the budget is what it is, in a line. */
  readonly reason: string;
}

/** Per-period Sharpe ratio clipped to [−1, 1]; 0 with fewer than two periods or no variation. */
export function periodScore(returns: readonly number[]): number {
  const n = returns.length;
  if (n < 2) return 0;
  const mean = returns.reduce((a, b) => a + b, 0) / n;
  const variance = returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (n - 1);
  const sd = Math.sqrt(variance);
  if (!(sd > 1e-12)) return mean > 0 ? 1 : mean < 0 ? -1 : 0;
  return Math.max(-1, Math.min(1, mean / sd));
}

/** Clamp shares into [lo, hi] and make them sum to `total` where the bounds allow (water-filling). */
function waterFill(raw: readonly number[], lo: readonly number[], hi: readonly number[], total: number): number[] {
  const n = raw.length;
  const out = new Array<number>(n).fill(0);
  const fixed = new Array<boolean>(n).fill(false);
  for (let round = 0; round <= n; round++) {
    const freeIdx = [...Array(n).keys()].filter((i) => !fixed[i]);
    const fixedSum = out.reduce((a, v, i) => a + (fixed[i] ? v : 0), 0);
    const rawSum = freeIdx.reduce((a, i) => a + (raw[i] ?? 0), 0);
    const left = Math.max(0, total - fixedSum);
    for (const i of freeIdx) out[i] = rawSum > 0 ? ((raw[i] ?? 0) / rawSum) * left : left / Math.max(1, freeIdx.length);
    // Caps first: what a capped agent cannot take goes to the others in the next round, which may
    // lift an agent off its floor — fixing it at the floor in the same round would leave that
    // wealth idle in the reserve.
    const over = freeIdx.filter((i) => (out[i] ?? 0) > (hi[i] ?? 0));
    const under = over.length ? [] : freeIdx.filter((i) => (out[i] ?? 0) < (lo[i] ?? 0));
    for (const i of over) out[i] = hi[i] ?? 0;
    for (const i of under) out[i] = lo[i] ?? 0;
    for (const i of [...over, ...under]) fixed[i] = true;
    if (over.length + under.length === 0) break;
  }
  return out;
}

/**
 * Water-filling can fix one share at its cap early and others at their floors later, together
 * above the total: take the excess back from what lies above the floors, proportionally.
 */
function fitTotal(shares: number[], lo: readonly number[], total: number): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  if (sum <= total) return shares;
  const above = shares.map((s, i) => Math.max(0, s - (lo[i] ?? 0)));
  const aboveSum = above.reduce((a, b) => a + b, 0);
  const k = aboveSum > 0 ? Math.max(0, 1 - (sum - total) / aboveSum) : 0;
  return shares.map((s, i) => Math.min(s, (lo[i] ?? 0) + (above[i] ?? 0) * k));
}

export function allocateCapital(totalWealthCents: number, agents: readonly CapitalAgentInput[], p: CapitalParams = DEFAULT_CAPITAL_PARAMS): CapitalBudget[] {
  const wealth = Math.max(0, Math.floor(totalWealthCents));
  if (agents.length === 0 || wealth === 0) return agents.map((a) => ({ name: a.name, cents: 0, share: 0, score: 0, periods: a.periodReturns.length, frozen: a.halted, reason: wealth === 0 ? 'no wealth to allocate' : '' }));
  const deployCents = Math.floor(wealth * Math.max(0, Math.min(1, p.deployable)));

  // Halted agents keep what they have (as far as the deployable wealth goes); the others share the rest.
  const frozenCents = new Array<number>(agents.length).fill(0);
  let frozenTotal = 0;
  agents.forEach((a, i) => {
    if (!a.halted) return;
    const want = Math.max(0, a.currentCents ?? Math.floor(a.floor * wealth));
    frozenCents[i] = Math.min(want, deployCents - frozenTotal);
    frozenTotal += frozenCents[i]!;
  });
  const live = agents.filter((a) => !a.halted);
  const shareLeft = (deployCents - frozenTotal) / wealth;

  const scores = live.map((a) => periodScore(a.periodReturns));
  const raw = live.map((a, i) => {
    const n = a.periodReturns.length;
    const lambda = n / (n + p.shrinkK);
    return Math.max(0.05, 1 + lambda * (scores[i] ?? 0));
  });
  // Floors that together exceed what is left are scaled down proportionally.
  const floorSum = live.reduce((s, a) => s + a.floor, 0);
  const floorScale = floorSum > shareLeft && floorSum > 0 ? shareLeft / floorSum : 1;
  const lo = live.map((a) => a.floor * floorScale);
  const hi = live.map((a, i) => {
    let h = Math.max(lo[i] ?? 0, a.cap);
    if (a.periodReturns.length < p.minTrackRecord) h = lo[i] ?? 0;
    if (a.currentCents !== undefined && a.currentCents > 0) h = Math.min(h, Math.max(lo[i] ?? 0, (a.currentCents * (1 + p.maxStepUp)) / wealth));
    if (a.currentCents !== undefined && (scores[i] ?? 0) <= 0) h = Math.min(h, Math.max(lo[i] ?? 0, a.currentCents / wealth));
    return h;
  });
  const shares = fitTotal(waterFill(raw, lo, hi, shareLeft), lo, shareLeft);

  const out: CapitalBudget[] = [];
  let liveIndex = 0;
  for (const [k, a] of agents.entries()) {
    const periods = a.periodReturns.length;
    if (a.halted) {
      const cents = frozenCents[k] ?? 0;
      out.push({ name: a.name, cents, share: cents / wealth, score: periodScore(a.periodReturns), periods, frozen: true, reason: 'halted: budget frozen' });
      continue;
    }
    const i = liveIndex++;
    const share = shares[i] ?? 0;
    const cents = Math.floor(share * wealth);
    const score = scores[i] ?? 0;
    const why =
      periods < p.minTrackRecord
        ? `track record ${periods}/${p.minTrackRecord} periods: held at its floor`
        : score <= 0 && a.currentCents !== undefined
          ? `score ${score.toFixed(2)} over ${periods} periods: not positive, no growth`
          : share >= (hi[i] ?? 0) - 1e-12 && a.currentCents !== undefined && hi[i]! < a.cap
          ? `score ${score.toFixed(2)} over ${periods} periods; growth limited to +${Math.round(p.maxStepUp * 100)} % a period`
          : share >= a.cap - 1e-12
            ? `score ${score.toFixed(2)} over ${periods} periods; at its cap`
            : `score ${score.toFixed(2)} over ${periods} periods (shrinkage ${(periods / (periods + p.shrinkK)).toFixed(2)})`;
    out.push({ name: a.name, cents, share: cents / wealth, score, periods, frozen: false, reason: why });
  }
  return out;
}
