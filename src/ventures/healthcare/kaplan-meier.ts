/**
 * Kaplan–Meier survival curve, pure: at each distinct event time S(t) is multiplied by
 * (1 − deaths / at-risk); censored subjects leave the risk set after their time (a censoring at an
 * event time counts as still at risk then, the usual convention). Greenwood's variance gives the
 * standard error; the median is the first time S(t) ≤ 0.5 (R's survfit convention when the curve
 * is not flat at 0.5).
 */

export interface SurvivalObservation {
  time: number;
  event: boolean;
}

export interface KmStep {
  time: number;
  at_risk: number;
  events: number;
  censored: number;
  survival: number;
  std_err: number;
}

export interface KmCurve {
  n: number;
  events: number;
  steps: KmStep[];
  /** Null when the curve never falls to 0.5. */
  median: number | null;
}

export function kaplanMeier(obs: readonly SurvivalObservation[]): KmCurve {
  for (const o of obs) if (!(Number.isFinite(o.time) && o.time >= 0)) throw new RangeError(`kaplanMeier: time must be a finite number >= 0, got ${o.time}`);
  const sorted = [...obs].sort((a, b) => a.time - b.time);
  let atRisk = sorted.length;
  let s = 1;
  let greenwood = 0;
  const steps: KmStep[] = [];
  let median: number | null = null;
  for (let i = 0; i < sorted.length; ) {
    const t = sorted[i]!.time;
    let d = 0;
    let c = 0;
    while (i < sorted.length && sorted[i]!.time === t) {
      if (sorted[i]!.event) d++;
      else c++;
      i++;
    }
    if (d > 0) {
      s *= 1 - d / atRisk;
      // Greenwood: Var(S) = S² Σ d / (n (n − d)); undefined once everyone at risk has died.
      greenwood += atRisk > d ? d / (atRisk * (atRisk - d)) : Number.POSITIVE_INFINITY;
      if (median === null && s <= 0.5) median = t;
    }
    steps.push({ time: t, at_risk: atRisk, events: d, censored: c, survival: s, std_err: Number.isFinite(greenwood) ? s * Math.sqrt(greenwood) : 0 });
    atRisk -= d + c;
  }
  return { n: obs.length, events: obs.filter((o) => o.event).length, steps, median };
}

/** S(t): the curve's value at time t (1 before the first event time). */
export function survivalAt(curve: KmCurve, t: number): number {
  let s = 1;
  for (const step of curve.steps) {
    if (step.time > t) break;
    s = step.survival;
  }
  return s;
}
