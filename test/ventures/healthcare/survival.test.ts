import { describe, expect, it } from 'vitest';
import { coxDerivatives, fitCox } from '../../../src/ventures/healthcare/cox.js';
import { loadColon, loadPbc } from '../../../src/ventures/healthcare/datasets.js';
import { kaplanMeier, survivalAt } from '../../../src/ventures/healthcare/kaplan-meier.js';
import { breslowHazard, concordance, evaluateColon, evaluatePbc } from '../../../src/ventures/healthcare/survival-model.js';

describe('Kaplan–Meier', () => {
  it('matches a hand computation with ties and censoring', () => {
    // times 1,2,2,3+,4,5+: S(1) = 5/6; S(2) = 5/6 · 3/5 = 1/2; S(4) = 1/2 · 1/2 = 1/4.
    const c = kaplanMeier([1, 2, 2, 3, 4, 5].map((time, i) => ({ time, event: i !== 3 && i !== 5 })));
    expect(c.steps.map((s) => [s.time, s.at_risk, s.events, s.censored])).toEqual([[1, 6, 1, 0], [2, 5, 2, 0], [3, 3, 0, 1], [4, 2, 1, 0], [5, 1, 0, 1]]);
    expect(c.steps.map((s) => s.survival)).toEqual([5 / 6, 0.5, 0.5, 0.25, 0.25]);
    expect(c.median).toBe(2);
    expect(survivalAt(c, 3.5)).toBe(0.5);
    expect(survivalAt(c, 0.5)).toBe(1);
    // Greenwood at t = 2: S² (1/(6·5) + 2/(5·3)).
    expect(c.steps[1]!.std_err).toBeCloseTo(0.5 * Math.sqrt(1 / 30 + 2 / 15), 12);
  });

  it('without censoring it is one minus the empirical distribution', () => {
    const times = [3, 1, 4, 1, 5, 9, 2, 6];
    const c = kaplanMeier(times.map((time) => ({ time, event: true })));
    for (const t of [0, 1, 2, 3.5, 6, 9]) expect(survivalAt(c, t)).toBeCloseTo(1 - times.filter((x) => x <= t).length / times.length, 12);
  });
});

describe('Cox proportional hazards (Efron ties)', () => {
  it('the log partial likelihood equals the hand-written Efron formula, and the fit zeroes its gradient', () => {
    const data = [
      { time: 1, event: true, x: [1] },
      { time: 1, event: true, x: [0] },
      { time: 2, event: true, x: [1] },
      { time: 3, event: false, x: [0] },
      { time: 4, event: true, x: [0] },
    ];
    const b = 0.7;
    const e = Math.exp(b);
    // t=1: two tied deaths (w e, 1) among all five; t=2: one death (e) among {e, 1, 1}; t=4: 1 among {1}.
    const s0 = 2 * e + 3;
    const hand = b + 0 - Math.log(s0) - Math.log(s0 - 0.5 * (e + 1)) + (b - Math.log(e + 2)) + (0 - Math.log(1));
    expect(coxDerivatives(data, [b]).loglik).toBeCloseTo(hand, 12);
    const fit = fitCox(data, ['x']);
    expect(Math.abs(coxDerivatives(data, fit.coef).grad[0]!)).toBeLessThan(1e-7);
    // Numerical second derivative agrees with the information used for the standard error.
    const h = 1e-4;
    const d2 = (coxDerivatives(data, [fit.coef[0]! + h]).loglik - 2 * coxDerivatives(data, fit.coef).loglik + coxDerivatives(data, [fit.coef[0]! - h]).loglik) / (h * h);
    expect(fit.std_err[0]).toBeCloseTo(1 / Math.sqrt(-d2), 4);
  });

  it('colon recurrence on treatment reproduces the README: HR 0.985 (Lev) and 0.599 (Lev+5FU), ±0.0005', () => {
    const f = evaluateColon(loadColon());
    expect(Math.abs(f.hazard_ratios.rxLev!.hr - 0.985)).toBeLessThan(0.0005);
    expect(Math.abs(f.hazard_ratios['rxLev+5FU']!.hr - 0.599)).toBeLessThan(0.0005);
    expect([f.cox.n, f.km.map((k) => k.curve.n)]).toEqual([929, [315, 310, 304]]);
    // Lev+5FU keeps more patients recurrence-free at five years than observation.
    const [obs, , lev5fu] = f.km.map((k) => survivalAt(k.curve, 1826));
    expect(lev5fu!).toBeGreaterThan(obs! + 0.1);
    expect(f.n_train + f.n_test).toBe(929);
  });

  it('PBC: the Mayo covariates raise risk the known way and the held-out concordance is high', () => {
    const f = evaluatePbc(loadPbc());
    expect(f.cox.n).toBe(416);
    expect(f.hazard_ratios['log(bili)']!.hr).toBeGreaterThan(1.5);
    expect(f.hazard_ratios['log(albumin)']!.hr).toBeLessThan(0.5);
    expect(f.concordance).toBeGreaterThan(0.75);
    expect(f.km.map((k) => k.curve.n)).toEqual([158, 154]);
  });

  it('Breslow hazard and concordance on a hand case', () => {
    const s = [
      { time: 1, event: true, x: [0] },
      { time: 2, event: true, x: [0] },
      { time: 3, event: false, x: [0] },
    ];
    expect(breslowHazard(s, [0], 2.5)).toBeCloseTo(1 / 3 + 1 / 2, 12);
    // Comparable pairs: (1,2), (1,3), (2,3); risks 3,2,1 order all of them.
    expect(concordance(s, [3, 2, 1])).toBe(1);
    expect(concordance(s, [1, 2, 3])).toBe(0);
  });
});
