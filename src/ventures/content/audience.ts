/**
 * The audience simulator, pure and labelled simulated by its callers: daily views of a published
 * piece as a function of (seed, piece id, day). A piece starts at a first-day audience set by its
 * platform and format, scaled by the trend's strength, and decays geometrically (short clips burn
 * out fast, tracks live on in playlists); a log-normal factor per piece and a smaller one per day
 * make the curves differ. One in four YouTube long-form pieces carries a sponsor.
 */
import { normal, seedKey, streamKey, uniform } from '../../market/rng.js';
import type { Format, Platform } from './niches.js';

export const DAY_MS = 24 * 3600 * 1000;

interface Curve {
  /** Views on the first day for a trend of score 0.5. */
  firstDay: number;
  /** Share of the previous day's views kept each day. */
  decay: number;
}

export const CURVES: Readonly<Partial<Record<`${Platform}:${Format}`, Curve>>> = {
  'youtube:long_video': { firstDay: 1200, decay: 0.9 },
  'youtube:short': { firstDay: 3000, decay: 0.7 },
  'tiktok:short': { firstDay: 4000, decay: 0.65 },
  'instagram:short': { firstDay: 2000, decay: 0.7 },
  'spotify:track': { firstDay: 600, decay: 0.97 },
};

export const SPONSOR_SHARE = 0.25;

/** FNV-1a of a string, for per-piece random streams. */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function curve(platform: Platform, format: Format): Curve {
  const c = CURVES[`${platform}:${format}`];
  if (!c) throw new RangeError(`no audience curve for ${format} on ${platform}`);
  return c;
}

/** Expected views over `days` days without noise: first day × (0.5 + score) × (1 − decay^days) / (1 − decay). */
export function expectedViews(platform: Platform, format: Format, trendScore: number, days: number): number {
  const c = curve(platform, format);
  return Math.round(c.firstDay * (0.5 + trendScore) * ((1 - c.decay ** days) / (1 - c.decay)));
}

/** Simulated views of a piece on day `day` (0 = publication day). */
export function dailyViews(seed: number, id: string, platform: Platform, format: Format, trendScore: number, day: number): number {
  const c = curve(platform, format);
  const sk = streamKey(seedKey(seed), hashId(id));
  const pieceFactor = Math.exp(0.5 * normal(sk, 0) - 0.125);
  const dayFactor = Math.exp(0.2 * normal(sk, 2 + day) - 0.02);
  return Math.round(c.firstDay * (0.5 + trendScore) * c.decay ** day * pieceFactor * dayFactor);
}

export function isSponsored(seed: number, id: string, platform: Platform, format: Format): boolean {
  if (platform !== 'youtube' || format !== 'long_video') return false;
  return uniform(streamKey(seedKey(seed), hashId(id) ^ 0x5bd1e995), 0) < SPONSOR_SHARE;
}
