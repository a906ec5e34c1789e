/**
 * Trending topics for the content plan, pure. When the knowledge snapshot holds topics they are the
 * trends (each placed in a niche by its words; a topic of no niche, such as a market topic, is read
 * through psychology: "The psychology of crypto"). Otherwise a deterministic simulator draws each
 * week's trends from topic banks per niche: a pure function of (seed, week), labelled `simulated`.
 */
import { seedKey, streamKey, uniform } from '../../market/rng.js';
import { NICHES, NICHE_SPECS, nicheOf, type Niche } from './niches.js';

export const WEEK_MS = 7 * 24 * 3600 * 1000;

export interface Trend {
  id: string;
  niche: Niche;
  topic: string;
  /** Strength of the trend in [0, 1]. */
  score: number;
  source: 'knowledge_snap' | 'simulated';
  /** Weeks since the Unix epoch (the plan's period). */
  week: number;
}

/** Evergreen themes each niche's audience searches for; the simulator picks which trend this week. */
export const TOPIC_BANK: Readonly<Record<Niche, readonly string[]>> = {
  lofi_music: ['rainy night jazz', 'late-night study session', 'Tokyo train window', 'autumn café', 'snowfall piano', 'deep focus coding', 'sunrise coffee', 'vinyl crackle for sleep', 'library in the rain', 'summer rooftop'],
  sports_highlights: ['Champions League knockout nights', 'Cricket World Cup run chases', 'NBA buzzer-beaters', 'Wimbledon five-set epics', 'F1 last-lap overtakes', 'Rugby World Cup length-of-the-field tries', 'Tour de France mountain stages', 'Olympic sprint finals', 'derby-day stoppage-time winners', 'Ballon d’Or contenders’ best goals'],
  pop_science: ['why we procrastinate', 'the spacing effect and memory', 'dopamine and phone habits', 'how black holes evaporate', 'the placebo effect', 'sleep and memory consolidation', 'cognitive biases in money decisions', 'why time feels faster as we age', 'the James Webb telescope’s deepest images', 'how habits form in the brain'],
};

/** Trends the simulator gives each niche per week. */
export const SIM_TRENDS_PER_NICHE = 3;

export function weekOf(nowMs: number): number {
  return Math.floor(nowMs / WEEK_MS);
}

export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
}

/** This week's simulated trends: per niche, SIM_TRENDS_PER_NICHE distinct topics with their scores. */
export function simulatedTrends(seed: number, nowMs: number): Trend[] {
  const week = weekOf(nowMs);
  const key = seedKey(seed);
  const out: Trend[] = [];
  NICHES.forEach((niche, n) => {
    const bank = TOPIC_BANK[niche];
    const sk = streamKey(key, 7000 + n);
    // A partial Fisher–Yates shuffle keyed by the week: distinct topics, reproducible from (seed, week).
    const order = bank.map((_, i) => i);
    for (let i = 0; i < SIM_TRENDS_PER_NICHE; i++) {
      const j = i + Math.floor(uniform(sk, week * 64 + i) * (order.length - i));
      [order[i], order[j]] = [order[j]!, order[i]!];
      const topic = bank[order[i]!]!;
      const score = Math.round((0.3 + 0.7 * uniform(sk, week * 64 + 32 + i)) * 1000) / 1000;
      out.push({ id: `${slug(topic)}-w${week}`, niche, topic, score, source: 'simulated', week });
    }
  });
  return out.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

/** Trends from the knowledge snapshot's topics (scores are shares of texts, already in [0, 1]). */
export function trendsFromSnapshot(topics: readonly { topic: string; score: number }[], nowMs: number): Trend[] {
  const week = weekOf(nowMs);
  return topics
    .filter((t) => t.topic.trim() !== '' && t.score > 0)
    .map((t) => {
      const niche = nicheOf(t.topic);
      const matched = NICHE_SPECS[niche].keywords.some((k) => t.topic.toLowerCase().split(/[^a-z0-9-]+/).includes(k));
      const topic = matched ? t.topic : `the psychology of ${t.topic}`;
      return { id: `${slug(topic)}-w${week}`, niche, topic, score: Math.min(1, t.score), source: 'knowledge_snap' as const, week };
    })
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

/** The snapshot's trends when it has topics, else the simulator's. */
export function currentTrends(snapshotTopics: readonly { topic: string; score: number }[] | undefined, seed: number, nowMs: number): Trend[] {
  const fromSnap = snapshotTopics ? trendsFromSnapshot(snapshotTopics, nowMs) : [];
  return fromSnap.length > 0 ? fromSnap : simulatedTrends(seed, nowMs);
}
