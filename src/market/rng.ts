/**
 * Counter-based random numbers: every draw is a pure hash of (key, stream, counter), so any
 * process can compute the n-th number of a stream without computing the ones before it.
 * The mixer is Chris Wellons' "lowbias32" integer hash applied in rounds (the same idea as
 * Philox or Widynski's "Squares": a bijective mix of a counter under a key).
 */

/** One round of the lowbias32 integer hash (bijective on 32-bit words). */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit key for a seed: any safe integer (negative ones too) maps to its own key. */
export function seedKey(seed: number): number {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const lo = seed % 0x1_0000_0000;
  const hi = Math.floor(seed / 0x1_0000_0000);
  return mix32(mix32(lo >>> 0) ^ mix32((hi + 0x5bd1e995) >>> 0));
}

/** The key of one named stream under a seed (a symbol's shocks, the regime chain, ...). */
export function streamKey(key: number, stream: number): number {
  return mix32(key ^ mix32(Math.imul(stream + 1, 0x9e3779b9)));
}

/** The 32-bit word at `counter` of the stream keyed by `sk`. */
export function word(sk: number, counter: number): number {
  return mix32(mix32((sk ^ counter) >>> 0) + 0x632be5ab + (counter >>> 0));
}

const INV_2_32 = 1 / 0x1_0000_0000;

/** Uniform in the open interval (0, 1). */
export function uniform(sk: number, counter: number): number {
  return (word(sk, counter) + 0.5) * INV_2_32;
}

const TWO_PI = 2 * Math.PI;

/**
 * Standard normal number `counter` of a stream (Box-Muller on the uniforms 2⌊c/2⌋ and 2⌊c/2⌋+1:
 * even counters take the cosine branch, odd ones the sine branch of the same pair).
 */
export function normal(sk: number, counter: number): number {
  const pair = counter - (counter & 1);
  const r = Math.sqrt(-2 * Math.log(uniform(sk, pair)));
  const theta = TWO_PI * uniform(sk, pair + 1);
  return counter & 1 ? r * Math.sin(theta) : r * Math.cos(theta);
}

/**
 * The scale factor that turns a vector of standard normals into a multivariate Student-t with
 * `dof` degrees of freedom and unit variance: sqrt((dof − 2) / χ²_dof). Using one factor for all
 * assets of a day makes fat-tailed days hit every market at once, as crashes do.
 */
export function studentScale(sk: number, counter: number, dof: number): number {
  let chi2 = 0;
  for (let k = 0; k < dof; k++) {
    const z = normal(sk, counter * dof + k);
    chi2 += z * z;
  }
  return Math.sqrt((dof - 2) / chi2);
}

/** mulberry32: a tiny seeded PRNG for sequential draws (bootstrap paths, property tests) that only need to repeat for one seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
