/**
 * Per-platform revenue models, pure: what a piece earns from ads, affiliate links and sponsorship
 * for a number of views. Every number is documented with its source in docs/content.md; each is a
 * range and the model uses its midpoint. Amounts are returned in integer cents, one per stream.
 *
 * - Ads, YouTube long-form: the creator keeps 55 % of the ad revenue of their videos (YouTube
 *   Partner Program); the gross revenue per 1,000 views depends on the niche.
 * - Ads, YouTube Shorts: the creator keeps 45 % of the revenue the Shorts pool allocates to them.
 * - Ads, TikTok: the Creator Rewards Program pays an RPM per 1,000 qualified views, only for
 *   original videos of one minute or more.
 * - Ads, Instagram Reels: no ad revenue share for US creators since Meta paused Reels Play bonuses
 *   in March 2023 — zero, said so rather than guessed.
 * - Spotify: the rights holder earns per stream (distributor keeps nothing in our model).
 * - Affiliate: views × link click rate × conversion × order value × Amazon Associates commission.
 * - Sponsorship: priced as a CPM on the piece's expected views, for YouTube long-form only.
 */
import type { Format, Niche, Platform } from './niches.js';

export type Stream = 'ads' | 'affiliate' | 'sponsorship';
export type Range = readonly [low: number, high: number];

export const mid = (r: Range): number => (r[0] + r[1]) / 2;

export type AdModel =
  | { kind: 'share'; share: number; grossRpmUsd: Readonly<Record<Niche, Range>> }
  | { kind: 'rpm'; creatorRpmUsd: Range; minMinutes: number }
  | { kind: 'none'; why: string };

/** Pieces a platform does not carry (a Spotify video) have no entry. */
export const AD_MODELS: Readonly<Partial<Record<`${Platform}:${Format}`, AdModel>>> = {
  'youtube:long_video': { kind: 'share', share: 0.55, grossRpmUsd: { lofi_music: [2, 5], sports_highlights: [3, 7], pop_science: [6, 14] } },
  'youtube:short': { kind: 'share', share: 0.45, grossRpmUsd: { lofi_music: [0.05, 0.15], sports_highlights: [0.05, 0.15], pop_science: [0.05, 0.15] } },
  'tiktok:short': { kind: 'rpm', creatorRpmUsd: [0.4, 1.0], minMinutes: 1 },
  'instagram:short': { kind: 'none', why: 'no ad revenue share for Reels (Reels Play bonus paused for US creators, March 2023)' },
  'spotify:track': { kind: 'rpm', creatorRpmUsd: [3, 5], minMinutes: 0 },
};

export interface AffiliateModel {
  /** Share of views that click the (disclosed) affiliate link. */
  clickRate: Range;
  /** Share of clicks that buy. */
  conversion: Range;
  /** Average order value in USD. */
  orderUsd: number;
  /** Amazon Associates commission rate of the product category. */
  commission: number;
  category: string;
}

/** Click rate by placement: a description link under a long video, a link in bio for short clips and tracks. */
export const CLICK_RATE: Readonly<Record<Format, Range>> = { long_video: [0.003, 0.007], short: [0.0005, 0.0015], track: [0.0002, 0.0006] };
export const CONVERSION: Range = [0.03, 0.07];

export const AFFILIATE: Readonly<Record<Niche, Omit<AffiliateModel, 'clickRate' | 'conversion'>>> = {
  lofi_music: { orderUsd: 60, commission: 0.03, category: 'Headphones (3 %)' },
  sports_highlights: { orderUsd: 80, commission: 0.03, category: 'Sports (3 %)' },
  pop_science: { orderUsd: 18, commission: 0.045, category: 'Physical Books (4.5 %)' },
};

/** Sponsor CPM (USD per 1,000 expected views) for a 60-second integration, by niche. */
export const SPONSOR_CPM_USD: Readonly<Record<Niche, Range>> = { lofi_music: [15, 25], sports_highlights: [20, 25], pop_science: [25, 35] };

export interface Piece {
  platform: Platform;
  format: Format;
  niche: Niche;
  minutes: number;
}

/** Creator ad revenue per 1,000 views in USD (0 when the platform pays none for this piece). */
export function adRpmUsd(p: Piece): number {
  const m = AD_MODELS[`${p.platform}:${p.format}`];
  if (!m || m.kind === 'none') return 0;
  if (m.kind === 'share') return mid(m.grossRpmUsd[p.niche]) * m.share;
  return p.minutes >= m.minMinutes ? mid(m.creatorRpmUsd) : 0;
}

const cents = (usd: number): number => Math.round(usd * 100);

export function adCents(p: Piece, views: number): number {
  return cents((views / 1000) * adRpmUsd(p));
}

export function affiliateCents(p: Piece, views: number): number {
  const a = AFFILIATE[p.niche];
  return cents(views * mid(CLICK_RATE[p.format]) * mid(CONVERSION) * a.orderUsd * a.commission);
}

/** A sponsored integration's fee: expected views at the niche's sponsor CPM (YouTube long-form only). */
export function sponsorshipCents(p: Piece, expectedViews: number): number {
  if (p.platform !== 'youtube' || p.format !== 'long_video') return 0;
  return cents((expectedViews / 1000) * mid(SPONSOR_CPM_USD[p.niche]));
}

/** Expected revenue of a piece by stream, in cents (sponsorship counted when `sponsored`). */
export function expectedCents(p: Piece, views: number, sponsored: boolean): Record<Stream, number> {
  return { ads: adCents(p, views), affiliate: affiliateCents(p, views), sponsorship: sponsored ? sponsorshipCents(p, views) : 0 };
}
