/**
 * Cox proportional-hazards model, pure: maximum partial likelihood by Newton–Raphson with step
 * halving, ties handled by Efron's approximation (the default of R's coxph, so hazard ratios
 * compare with the data README's reference). Standard errors from the inverse information.
 */
import { Matrix, inverse, solve } from 'ml-matrix';
import { normInv } from '../../research/stats.js';

export interface CoxSubject {
  time: number;
  event: boolean;
  x: readonly number[];
}

export interface CoxFit {
  names: string[];
  coef: number[];
  std_err: number[];
  hazard_ratio: number[];
  /** 95 % confidence interval of each hazard ratio (Wald, on the log scale). */
  hr_lower: number[];
  hr_upper: number[];
  log_likelihood: number;
  null_log_likelihood: number;
  iterations: number;
  n: number;
  events: number;
}

interface Derivatives {
  loglik: number;
  grad: number[];
  info: number[][];
}

/** Efron log partial likelihood, its gradient and the observed information at `beta`. */
export function coxDerivatives(subjects: readonly CoxSubject[], beta: readonly number[]): Derivatives {
  const p = beta.length;
  const order = subjects.map((_, i) => i).sort((a, b) => subjects[b]!.time - subjects[a]!.time);
  const zeros = (): number[] => new Array<number>(p).fill(0);
  const zeros2 = (): number[][] => Array.from({ length: p }, zeros);
  let s0 = 0;
  const s1 = zeros();
  const s2 = zeros2();
  let loglik = 0;
  const grad = zeros();
  const info = zeros2();
  // Walk times from the latest down: the risk set of a time is everyone with time >= it.
  for (let k = 0; k < order.length; ) {
    const t = subjects[order[k]!]!.time;
    let d = 0;
    let d0 = 0;
    const d1 = zeros();
    const d2 = zeros2();
    for (; k < order.length && subjects[order[k]!]!.time === t; k++) {
      const s = subjects[order[k]!]!;
      let eta = 0;
      for (let j = 0; j < p; j++) eta += beta[j]! * s.x[j]!;
      const w = Math.exp(eta);
      s0 += w;
      for (let j = 0; j < p; j++) {
        s1[j]! += w * s.x[j]!;
        for (let m = 0; m < p; m++) s2[j]![m]! += w * s.x[j]! * s.x[m]!;
      }
      if (!s.event) continue;
      d++;
      d0 += w;
      loglik += eta;
      for (let j = 0; j < p; j++) {
        grad[j]! += s.x[j]!;
        d1[j]! += w * s.x[j]!;
        for (let m = 0; m < p; m++) d2[j]![m]! += w * s.x[j]! * s.x[m]!;
      }
    }
    for (let l = 0; l < d; l++) {
      const f = l / d;
      const phi = s0 - f * d0;
      loglik -= Math.log(phi);
      const a = s1.map((v, j) => (v - f * d1[j]!) / phi);
      for (let j = 0; j < p; j++) {
        grad[j]! -= a[j]!;
        for (let m = 0; m < p; m++) info[j]![m]! += (s2[j]![m]! - f * d2[j]![m]!) / phi - a[j]! * a[m]!;
      }
    }
  }
  return { loglik, grad, info };
}

export function fitCox(subjects: readonly CoxSubject[], names: readonly string[], o: { maxIter?: number; tol?: number } = {}): CoxFit {
  const p = names.length;
  for (const s of subjects) if (s.x.length !== p) throw new RangeError(`fitCox: a subject has ${s.x.length} covariates, expected ${p} (${names.join(', ')})`);
  const events = subjects.filter((s) => s.event).length;
  if (events === 0) throw new RangeError('fitCox: no events, so no hazard ratio can be estimated');
  const maxIter = o.maxIter ?? 30;
  const tol = o.tol ?? 1e-9;
  let beta = new Array<number>(p).fill(0);
  let cur = coxDerivatives(subjects, beta);
  const nullLoglik = cur.loglik;
  let iterations = 0;
  for (; iterations < maxIter; iterations++) {
    const step = solve(new Matrix(cur.info), Matrix.columnVector(cur.grad)).to1DArray();
    let scale = 1;
    let next = beta.map((b, j) => b + step[j]!);
    let nd = coxDerivatives(subjects, next);
    // Step halving keeps every iteration an improvement (R's coxph does the same).
    while (!(nd.loglik >= cur.loglik - 1e-12) && scale > 1e-6) {
      scale /= 2;
      next = beta.map((b, j) => b + scale * step[j]!);
      nd = coxDerivatives(subjects, next);
    }
    const gain = nd.loglik - cur.loglik;
    beta = next;
    cur = nd;
    if (Math.abs(gain) < tol * (Math.abs(cur.loglik) + tol)) {
      iterations++;
      break;
    }
  }
  const cov = inverse(new Matrix(cur.info));
  const se = beta.map((_, j) => Math.sqrt(cov.get(j, j)));
  const z = normInv(0.975);
  return {
    names: [...names],
    coef: beta,
    std_err: se,
    hazard_ratio: beta.map(Math.exp),
    hr_lower: beta.map((b, j) => Math.exp(b - z * se[j]!)),
    hr_upper: beta.map((b, j) => Math.exp(b + z * se[j]!)),
    log_likelihood: cur.loglik,
    null_log_likelihood: nullLoglik,
    iterations,
    n: subjects.length,
    events,
  };
}
