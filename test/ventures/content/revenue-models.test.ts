import { describe, expect, it } from 'vitest';
import { expectedViews } from '../../../src/ventures/content/audience.js';
import { adCents, adRpmUsd, affiliateCents, expectedCents, sponsorshipCents, type Piece } from '../../../src/ventures/content/revenue-models.js';

const long = (niche: Piece['niche']): Piece => ({ platform: 'youtube', format: 'long_video', niche, minutes: 10 });

describe('content revenue models, against hand computation', () => {
  it('YouTube long-form pop science, 100,000 views', () => {
    // ads: 100 × midpoint gross RPM (6 + 14) / 2 = $10 × 55 % creator share = $550.00
    expect(adCents(long('pop_science'), 100_000)).toBe(55_000);
    // affiliate: 100,000 × 0.5 % clicks = 500 × 5 % conversion = 25 orders × $18 × 4.5 % = $20.25
    expect(affiliateCents(long('pop_science'), 100_000)).toBe(2_025);
    // sponsorship: 100 × midpoint CPM (25 + 35) / 2 = $30 → $3,000.00
    expect(sponsorshipCents(long('pop_science'), 100_000)).toBe(300_000);
    expect(expectedCents(long('pop_science'), 100_000, false)).toEqual({ ads: 55_000, affiliate: 2_025, sponsorship: 0 });
  });

  it('YouTube Short (45 % of the pool), 1,000,000 views: $45 of ads, $90 of affiliate, no sponsorship', () => {
    const short: Piece = { platform: 'youtube', format: 'short', niche: 'lofi_music', minutes: 1 };
    // 1,000 × $0.10 gross × 45 % = $45.00
    expect(adCents(short, 1_000_000)).toBe(4_500);
    // 1,000,000 × 0.1 % = 1,000 clicks × 5 % = 50 orders × $60 × 3 % = $90.00
    expect(affiliateCents(short, 1_000_000)).toBe(9_000);
    expect(sponsorshipCents(short, 1_000_000)).toBe(0);
  });

  it('TikTok pays its RPM only for videos of a minute or more; Instagram Reels pays no ads; Spotify pays per stream', () => {
    // 50 × midpoint ($0.40 + $1.00) / 2 = $0.70 → $35.00
    expect(adCents({ platform: 'tiktok', format: 'short', niche: 'sports_highlights', minutes: 1 }, 50_000)).toBe(3_500);
    expect(adCents({ platform: 'tiktok', format: 'short', niche: 'lofi_music', minutes: 0.5 }, 50_000)).toBe(0);
    expect(adRpmUsd({ platform: 'instagram', format: 'short', niche: 'pop_science', minutes: 1 })).toBe(0);
    // 10 × midpoint ($3 + $5) / 2 per 1,000 streams = $40.00
    expect(adCents({ platform: 'spotify', format: 'track', niche: 'lofi_music', minutes: 3 }, 10_000)).toBe(4_000);
  });

  it('sports long-form: ads at 55 % of a $5 gross RPM, sponsorship at a $22.50 CPM', () => {
    expect(adCents(long('sports_highlights'), 20_000)).toBe(5_500); // 20 × $5 × 0.55 = $55.00
    expect(sponsorshipCents(long('sports_highlights'), 20_000)).toBe(45_000); // 20 × $22.50 = $450.00
  });

  it('expected 30-day views follow the geometric decay: 1,200 × (0.5 + 0.5) × (1 − 0.9^30) / 0.1 = 11,491', () => {
    expect(expectedViews('youtube', 'long_video', 0.5, 30)).toBe(11_491);
    expect(expectedViews('youtube', 'long_video', 0.5, 1)).toBe(1_200);
  });
});
