/**
 * The learner: the cross-entropy method, a black-box policy search used in reinforcement learning
 * (Rubinstein 1999; Szita and Lőrincz 2006). Each iteration samples a population of policy
 * parameters from a diagonal Gaussian, plays every one over the same training episodes (common
 * random numbers, so candidates differ only by their sizing), and refits the Gaussian to the elite
 * — the best by the episode return, the log growth of the bankroll (what Kelly maximises). The
 * sampler is the seeded mulberry32 of market/rng.ts, so one seed gives one policy on every machine.
 */
import { seededRandom } from '../../../market/rng.js';

export interface CemOptions {
  readonly seed: number;
  readonly iterations: number;
  readonly population: number;
  readonly elite: number;
  readonly initialSd: number;
  /** Floor of the sampling spread, so the search keeps exploring until the last iteration. */
  readonly minSd: number;
}

export const CEM_DEFAULTS: Omit<CemOptions, 'seed'> = { iterations: 12, population: 20, elite: 5, initialSd: 1, minSd: 0.05 };

export interface Learned {
  /** The mean of the final elite: the policy. */
  readonly params: number[];
  /** Its training return. */
  readonly objective: number;
  /** The training return of the start (the mean before any iteration). */
  readonly start_objective: number;
  readonly evaluations: number;
}

function gaussian(rand: () => number): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** Maximises `objective` from `start`; `onIteration` reports progress (done, total). */
export function crossEntropy(objective: (theta: readonly number[]) => number, start: readonly number[], o: CemOptions, onIteration?: (done: number, total: number) => void): Learned {
  const rand = seededRandom(o.seed);
  let mean = [...start];
  let sd = start.map(() => o.initialSd);
  const startObjective = objective(mean);
  let evaluations = 1;
  for (let it = 0; it < o.iterations; it++) {
    const population = Array.from({ length: o.population }, () => mean.map((m, k) => m + (sd[k] as number) * gaussian(rand)));
    // The current mean competes too, so an iteration never forgets a policy that was better.
    const scored = [mean, ...population].map((theta) => ({ theta, r: objective(theta) }));
    evaluations += scored.length;
    scored.sort((a, b) => b.r - a.r);
    const elite = scored.slice(0, o.elite).map((s) => s.theta);
    mean = mean.map((_, k) => elite.reduce((s, t) => s + (t[k] as number), 0) / elite.length);
    sd = mean.map((m, k) => Math.max(o.minSd, Math.sqrt(elite.reduce((s, t) => s + ((t[k] as number) - m) ** 2, 0) / elite.length)));
    onIteration?.(it + 1, o.iterations);
  }
  return { params: mean, objective: objective(mean), start_objective: startObjective, evaluations: evaluations + 1 };
}
