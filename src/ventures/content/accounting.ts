/**
 * Simulated audience accounting, pure: the revenue rows of a published piece for each whole day
 * since publication (ads and affiliate every day, a sponsorship on day 0 when the piece carries
 * one), and the analytics of each channel over the last 30 days. Views come from the audience
 * simulator, so every figure here is SIMULATED and its callers label it.
 */
import type { ContentPiece } from '../../contracts/content.js';
import { DAY_MS, dailyViews } from './audience.js';
import { NICHE_SPECS, type Niche, type Platform } from './niches.js';
import { adCents, affiliateCents, sponsorshipCents, type Piece, type Stream } from './revenue-models.js';

/** Days of revenue booked per piece at most (the long tail after that is ignored). */
export const MAX_BOOKED_DAYS = 90;
export const CHANNEL: Readonly<Record<Niche, string>> = { lofi_music: 'neolight-lofi', sports_highlights: 'neolight-sports', pop_science: 'neolight-science' };
/** Simulated audience behaviour: followers gained per view and engagement (likes + comments + shares per view). */
export const FOLLOW_PER_VIEW = 0.004;
export const ENGAGEMENT: Readonly<Record<Platform, number>> = { youtube: 0.045, tiktok: 0.07, instagram: 0.05, spotify: 0.02 };

export interface RevenueRow {
  key: string;
  tsMs: number;
  platform: Platform;
  channel: string;
  stream: Stream;
  cents: number;
}

const pieceOf = (p: ContentPiece): Piece => ({ platform: p.platform, format: p.format, niche: p.niche, minutes: NICHE_SPECS[p.niche].formats.find((f) => f.platform === p.platform && f.format === p.format)?.minutes ?? 1 });

/** Whole days since publication at `nowMs` (capped at MAX_BOOKED_DAYS). */
export function fullDays(p: ContentPiece, nowMs: number): number {
  if (p.published_at === null) return 0;
  return Math.min(MAX_BOOKED_DAYS, Math.max(0, Math.floor((nowMs - Date.parse(p.published_at)) / DAY_MS)));
}

/** Revenue rows of days [p.booked_days, fullDays) of one piece; rows of 0 cents are left out. */
export function revenueRows(seed: number, p: ContentPiece, nowMs: number): RevenueRow[] {
  if (p.published_at === null || !p.published_simulated) return [];
  const start = Date.parse(p.published_at);
  const piece = pieceOf(p);
  const rows: RevenueRow[] = [];
  for (let d = p.booked_days; d < fullDays(p, nowMs); d++) {
    const views = dailyViews(seed, p.id, p.platform, p.format, p.trend_score, d);
    const amounts: [Stream, number][] = [
      ['ads', adCents(piece, views)],
      ['affiliate', affiliateCents(piece, views)],
      ['sponsorship', d === 0 && p.sponsored ? sponsorshipCents(piece, p.expected_views_30d) : 0],
    ];
    for (const [stream, cents] of amounts) {
      if (cents > 0) rows.push({ key: `${p.id}:d${d}:${stream}`, tsMs: start + (d + 1) * DAY_MS, platform: p.platform, channel: CHANNEL[p.niche], stream, cents });
    }
  }
  return rows;
}

export interface ChannelFigures {
  platform: Platform;
  channel: string;
  niche: Niche;
  followers: number;
  views_30d: number;
  engagement_rate: number;
  revenue_30d_cents: number;
}

/** Every channel with a published simulated piece: views in the 30 days before `nowMs`, followers from all views. */
export function channelFigures(seed: number, pieces: readonly ContentPiece[], revenue: readonly { tsMs: number; platform: string; channel: string; cents: number }[], nowMs: number): ChannelFigures[] {
  const out = new Map<string, ChannelFigures>();
  for (const p of pieces) {
    if (p.published_at === null || !p.published_simulated) continue;
    const key = `${p.platform}:${CHANNEL[p.niche]}`;
    const c = out.get(key) ?? { platform: p.platform, channel: CHANNEL[p.niche], niche: p.niche, followers: 0, views_30d: 0, engagement_rate: ENGAGEMENT[p.platform], revenue_30d_cents: 0 };
    const start = Date.parse(p.published_at);
    let all = 0;
    for (let d = 0; d < fullDays(p, nowMs); d++) {
      const v = dailyViews(seed, p.id, p.platform, p.format, p.trend_score, d);
      all += v;
      if (start + (d + 1) * DAY_MS > nowMs - 30 * DAY_MS) c.views_30d += v;
    }
    c.followers += Math.round(all * FOLLOW_PER_VIEW);
    out.set(key, c);
  }
  for (const r of revenue) {
    const c = out.get(`${r.platform}:${r.channel}`);
    if (c && r.tsMs > nowMs - 30 * DAY_MS && r.tsMs <= nowMs) c.revenue_30d_cents += r.cents;
  }
  return [...out.values()].sort((a, b) => a.channel.localeCompare(b.channel) || a.platform.localeCompare(b.platform));
}
