/** "Did you mean ...?" for a misspelt key: the candidate closest by edit distance, if close enough. */

/** Levenshtein distance (insert, delete, substitute each cost 1), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[t.length]!;
}

/**
 * The closest candidate, or undefined when even that one differs in more than about a third of
 * its letters (then a suggestion would mislead more than it helps).
 */
export function closestKey(word: string, candidates: readonly string[]): string | undefined {
  let best: { key: string; d: number } | undefined;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (!best || d < best.d) best = { key: c, d };
  }
  if (!best) return undefined;
  return best.d <= Math.max(2, Math.ceil(best.key.length / 3)) ? best.key : undefined;
}
