/**
 * Knowledge scoring, pure: a small finance lexicon turns texts into a sentiment in [-1, 1]
 * ((positive − negative) / (positive + negative) over matched words) and topic scores (share of
 * texts that mention each watched topic). Crude on purpose: it is one input of the orchestrator,
 * weighted lightly, and its method is visible.
 */

const POSITIVE = ['bull', 'bullish', 'rally', 'surge', 'gain', 'gains', 'beat', 'beats', 'record', 'growth', 'upgrade', 'soar', 'soars', 'boom', 'strong', 'recovery', 'profit', 'optimism', 'breakout', 'adoption'];
const NEGATIVE = ['bear', 'bearish', 'crash', 'plunge', 'loss', 'losses', 'miss', 'misses', 'recession', 'downgrade', 'fall', 'falls', 'selloff', 'sell-off', 'weak', 'fear', 'panic', 'default', 'hack', 'fraud', 'layoffs', 'inflation', 'bankruptcy'];

export const TOPICS: Record<string, readonly string[]> = {
  crypto: ['bitcoin', 'btc', 'ethereum', 'eth', 'crypto'],
  equities: ['stocks', 's&p', 'nasdaq', 'spy', 'qqq', 'earnings'],
  metals: ['gold', 'silver', 'gld', 'slv'],
  forex: ['dollar', 'euro', 'yen', 'forex', 'fx', 'fed'],
};

function words(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9&-]+/).filter(Boolean);
}

export function sentimentOf(texts: readonly string[]): number | null {
  let pos = 0;
  let neg = 0;
  for (const t of texts) {
    for (const w of words(t)) {
      if (POSITIVE.includes(w)) pos++;
      else if (NEGATIVE.includes(w)) neg++;
    }
  }
  return pos + neg === 0 ? null : (pos - neg) / (pos + neg);
}

export function topicScores(texts: readonly string[]): { topic: string; score: number }[] {
  if (texts.length === 0) return [];
  return Object.entries(TOPICS)
    .map(([topic, keys]) => ({ topic, score: texts.filter((t) => words(t).some((w) => keys.includes(w))).length / texts.length }))
    .filter((t) => t.score > 0)
    .sort((a, b) => b.score - a.score);
}
