/**
 * The SIMULATED consulting/SaaS pipeline of a healthcare project, pure: each day's revenue is a
 * function of (seed, project, launch day, day) only, drawn from counter-based random numbers
 * (market/rng.ts), so any process and any restart books the same rows. No real client exists.
 *
 * Assumptions (illustrative, not market data; docs/healthcare.md):
 * - SaaS: from the launch day, each day one clinic signs up with probability `saasSignupPerDay`
 *   scaled by the project's quality factor; a subscriber stays a geometric number of days with
 *   mean 1/`saasChurnPerDay` and pays `saasMonthlyCents` a month, booked daily (×12/365, cents).
 * - Consulting: each day an engagement starts with probability `consultingStartPerDay` × quality;
 *   it pays `consultingFeeCents` on completion, `consultingDays` later.
 * Quality factor: 0 at the project's commercial floor, 1 at a perfect score, linear between.
 */
import { seedKey, streamKey, uniform } from '../../market/rng.js';

export interface PipelineAssumptions {
  saasMonthlyCents: number;
  saasSignupPerDay: number;
  saasChurnPerDay: number;
  consultingFeeCents: number;
  consultingStartPerDay: number;
  consultingDays: number;
}

export const DEFAULT_PIPELINE: PipelineAssumptions = {
  saasMonthlyCents: 80_000,
  saasSignupPerDay: 0.02,
  saasChurnPerDay: 0.001,
  consultingFeeCents: 600_000,
  consultingStartPerDay: 0.01,
  consultingDays: 15,
};

export const DAY_MS = 86_400_000;

/** Longest subscription looked back over: past it a subscriber's survival is negligible (e^-10). */
const LOOKBACK_FACTOR = 10;

export function qualityFactor(score: number | null, floor: number): number {
  if (score === null || score < floor) return 0;
  return floor >= 1 ? 1 : Math.min(1, (score - floor) / (1 - floor));
}

/** A 31-bit stream id of a project and a purpose (FNV-1a). */
function streamOf(project: string, purpose: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${project}/${purpose}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h & 0x7fffffff;
}

export interface DayRevenue {
  saasCents: number;
  consultingCents: number;
}

/** Revenue of day `day` (days since the epoch, UTC) of a project launched on `launchDay`. */
export function dayRevenue(seed: number, project: string, launchDay: number, day: number, quality: number, a: PipelineAssumptions = DEFAULT_PIPELINE): DayRevenue {
  if (day < launchDay || quality <= 0) return { saasCents: 0, consultingCents: 0 };
  const key = seedKey(seed);
  const signup = streamKey(key, streamOf(project, 'saas-signup'));
  const life = streamKey(key, streamOf(project, 'saas-life'));
  const consult = streamKey(key, streamOf(project, 'consulting'));
  const perClientDay = Math.round((a.saasMonthlyCents * 12) / 365);
  const from = Math.max(launchDay, day - Math.ceil(LOOKBACK_FACTOR / a.saasChurnPerDay));
  let clients = 0;
  for (let k = from; k <= day; k++) {
    if (uniform(signup, k) >= a.saasSignupPerDay * quality) continue;
    const lifetime = Math.ceil(-Math.log(uniform(life, k)) / a.saasChurnPerDay);
    if (day < k + lifetime) clients++;
  }
  const start = day - a.consultingDays;
  const consulting = start >= launchDay && uniform(consult, start) < a.consultingStartPerDay * quality ? a.consultingFeeCents : 0;
  return { saasCents: clients * perClientDay, consultingCents: consulting };
}
