/**
 * Wealth trajectory (pure): actual wealth by day against the target path from the starting equity
 * to the target (default $1,000,000) over the horizon (default 730 days = 24 months).
 *
 *   required daily growth  g = (target / start)^(1/horizon) − 1            (calendar days)
 *   required annual growth   = (1 + g)^365 − 1
 *   target path on day t     = start · (1 + g)^t
 *   probability of target    = share of Monte-Carlo paths with W_now · Π_{j=1..R}(1 + r_j) ≥ target,
 *                              r_j drawn with replacement from the realised daily returns
 *                              (seeded bootstrap, default 2,000 paths), R = days left.
 * With fewer than `minReturns` realised returns the probability is null (not enough data — we do
 * not invent a distribution). It is a measurement, not a promise.
 */
import type { z } from 'zod';
import type { wealthTrajectory as wealthContract } from '../contracts/wealth.js';
import { seededRandom } from '../market/rng.js';

export type WealthTrajectoryDoc = z.infer<typeof wealthContract.schema>;

export interface DayWealth {
  /** YYYY-MM-DD (UTC). */
  readonly date: string;
  readonly wealth: number;
}

export interface WealthOptions {
  readonly target?: number;
  readonly horizonDays?: number;
  readonly simulations?: number;
  readonly seed?: number;
  readonly minReturns?: number;
  /** True when any figure comes from a simulated venue. */
  readonly simulated: boolean;
  readonly nowMs: number;
  /** First day of the plan; defaults to the first day with wealth, or today. */
  readonly startDate?: string;
}

const DAY = 86_400_000;

export function requiredDailyGrowth(start: number, target: number, horizonDays: number): number {
  return (target / start) ** (1 / horizonDays) - 1;
}

/** Share of bootstrap paths from `wealth` that end at or above `target` after `days` days. */
export function probabilityOfTarget(wealth: number, target: number, days: number, returns: readonly number[], simulations: number, seed: number): number {
  if (days <= 0) return wealth >= target ? 1 : 0;
  const rand = seededRandom(seed);
  const logs = returns.map((r) => Math.log1p(r));
  const need = Math.log(target / wealth);
  let hits = 0;
  for (let p = 0; p < simulations; p++) {
    let acc = 0;
    for (let d = 0; d < days; d++) acc += logs[Math.floor(rand() * logs.length)] ?? 0;
    if (acc >= need) hits++;
  }
  return hits / simulations;
}

export function wealthTrajectory(equityByDay: readonly DayWealth[], startEquity: number, returns: readonly number[], opts: WealthOptions): WealthTrajectoryDoc {
  const target = opts.target ?? 1_000_000;
  const horizon = opts.horizonDays ?? 730;
  const sims = opts.simulations ?? 2000;
  const days = [...equityByDay].filter((d) => Number.isFinite(d.wealth) && /^\d{4}-\d{2}-\d{2}$/.test(d.date)).sort((a, b) => a.date.localeCompare(b.date));
  const startDate = opts.startDate ?? days[0]?.date ?? new Date(opts.nowMs).toISOString().slice(0, 10);
  const startMs = Date.parse(`${startDate}T00:00:00Z`);
  const g = requiredDailyGrowth(startEquity, target, horizon);
  const rows = days
    .filter((d) => d.date >= startDate)
    .map((d) => {
      const t = Math.round((Date.parse(`${d.date}T00:00:00Z`) - startMs) / DAY);
      return { date: d.date, wealth: d.wealth, target: startEquity * (1 + g) ** t };
    });
  const last = rows[rows.length - 1];
  const clean = returns.filter((r) => Number.isFinite(r) && r > -1);
  const elapsed = Math.max(0, Math.floor((opts.nowMs - startMs) / DAY));
  const enough = clean.length >= (opts.minReturns ?? 20) && last !== undefined && last.wealth > 0;
  const probability = enough ? probabilityOfTarget(last.wealth, target, horizon - elapsed, clean, sims, opts.seed ?? 42) : null;
  return {
    updated_at: new Date(opts.nowMs).toISOString(),
    simulated: opts.simulated,
    start_date: startDate,
    start_equity: startEquity,
    target_equity: target,
    horizon_days: horizon,
    required_daily_growth: g,
    required_annual_growth: (1 + g) ** 365 - 1,
    probability_of_target: probability,
    simulations: probability === null ? 0 : sims,
    days: rows,
  };
}
