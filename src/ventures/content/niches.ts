/**
 * The content agent's niches and platforms, as the specification names them: lo-fi music, global
 * sports highlights and popular science/psychology, published on YouTube, TikTok, Instagram Reels
 * and Spotify. Each niche says which formats it makes, on which platform each format goes, how many
 * production hours a format takes (the time budget spends them) and the words that place a trending
 * topic in it. Pure data.
 */

export const NICHES = ['lofi_music', 'sports_highlights', 'pop_science'] as const;
export type Niche = (typeof NICHES)[number];

export const PLATFORMS = ['youtube', 'tiktok', 'instagram', 'spotify'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** long_video: a YouTube video of several minutes; short: a vertical clip under 3 minutes; track: an audio release. */
export type Format = 'long_video' | 'short' | 'track';

export interface FormatSpec {
  format: Format;
  platform: Platform;
  /** Person-hours to script, record/edit and package one piece (the time budget's unit). */
  productionHours: number;
  /** Length of the finished piece in minutes (drives the outline's segment timing). */
  minutes: number;
}

export interface NicheSpec {
  niche: Niche;
  label: string;
  /** Words that place a trending topic in this niche (lower case, whole words). */
  keywords: readonly string[];
  formats: readonly FormatSpec[];
  /** Thumbnail palette: background gradient and accent. */
  palette: { from: string; to: string; accent: string };
  /** Affiliate products that fit the niche's audience (shown in descriptions as disclosed affiliate links). */
  affiliate: string;
}

export const NICHE_SPECS: Readonly<Record<Niche, NicheSpec>> = {
  lofi_music: {
    niche: 'lofi_music',
    label: 'Lo-fi music',
    keywords: ['lofi', 'lo-fi', 'chill', 'beats', 'study', 'focus', 'ambient', 'jazz', 'rain', 'sleep', 'music'],
    formats: [
      { format: 'long_video', platform: 'youtube', productionHours: 4, minutes: 60 },
      { format: 'track', platform: 'spotify', productionHours: 3, minutes: 3 },
      { format: 'short', platform: 'tiktok', productionHours: 1, minutes: 0.5 },
    ],
    palette: { from: '#2b1055', to: '#d76d77', accent: '#ffd6a5' },
    affiliate: 'headphones and desk lamps',
  },
  sports_highlights: {
    niche: 'sports_highlights',
    label: 'Global sports highlights',
    keywords: ['football', 'soccer', 'cricket', 'nba', 'basketball', 'tennis', 'f1', 'rugby', 'olympics', 'derby', 'final', 'transfer', 'league', 'cup'],
    formats: [
      { format: 'long_video', platform: 'youtube', productionHours: 5, minutes: 12 },
      { format: 'short', platform: 'tiktok', productionHours: 1.5, minutes: 1 },
      { format: 'short', platform: 'instagram', productionHours: 1.5, minutes: 1 },
    ],
    palette: { from: '#0f2027', to: '#2c5364', accent: '#f9d423' },
    affiliate: 'team kits and streaming subscriptions',
  },
  pop_science: {
    niche: 'pop_science',
    label: 'Popular science and psychology',
    keywords: ['science', 'space', 'brain', 'psychology', 'sleep', 'habit', 'memory', 'physics', 'biology', 'ai', 'climate', 'bias', 'dopamine'],
    formats: [
      { format: 'long_video', platform: 'youtube', productionHours: 8, minutes: 10 },
      { format: 'short', platform: 'youtube', productionHours: 2, minutes: 1 },
      { format: 'short', platform: 'instagram', productionHours: 2, minutes: 1 },
    ],
    palette: { from: '#141e30', to: '#243b55', accent: '#7fffd4' },
    affiliate: 'popular science books',
  },
};

/** The niche whose keywords a topic mentions most; topics matching none are read through psychology (pop_science). */
export function nicheOf(topic: string): Niche {
  const words = topic.toLowerCase().split(/[^a-z0-9-]+/).filter(Boolean);
  let best: Niche = 'pop_science';
  let bestHits = 0;
  for (const n of NICHES) {
    const hits = words.filter((w) => NICHE_SPECS[n].keywords.includes(w)).length;
    if (hits > bestHits) {
      best = n;
      bestHits = hits;
    }
  }
  return best;
}
