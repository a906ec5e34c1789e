/**
 * bindingVarOf is bindingVar(varSet(...)) for one confidence without sorting: held to the same
 * bits on seeded random series of every length from 0 to 130, with ties, zeros of both signs,
 * infinities and NaN, at both confidences and several minimum lengths.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom as rng } from '../../src/market/rng.js';
import { bindingVar, bindingVarOf, varSet } from '../../src/research/stats.js';

const SPECIAL = [0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0.01, 0.01];

describe('bindingVarOf', () => {
  it('equals bindingVar(varSet(returns, minObs), confidence), bit for bit', () => {
    const r = rng(99);
    let nonNull = 0;
    for (let k = 0; k < 6000; k++) {
      const n = Math.floor(r() * 131);
      const special = r() < 0.3;
      const returns = Array.from({ length: n }, () => {
        if (special && r() < 0.3) return SPECIAL[Math.floor(r() * SPECIAL.length)]!;
        // Coarse values make ties; fine ones do not.
        return r() < 0.2 ? Math.round((r() - 0.6) * 10) / 100 : (r() - 0.55) * 0.1;
      });
      const minObs = [0, 2, 20, 60][k % 4]!;
      for (const c of [0.95, 0.99] as const) {
        const want = bindingVar(varSet(returns, minObs), c);
        const got = bindingVarOf(returns, minObs, c);
        expect(Object.is(got, want)).toBe(true);
        if (want !== null) nonNull++;
      }
    }
    expect(nonNull).toBeGreaterThan(5000);
  });

  it('takes −0 before +0 and NaN last, as the typed-array sort does', () => {
    expect(bindingVarOf([0, -0, 0.5, Number.NaN], 2, 0.99)).toBe(bindingVar(varSet([0, -0, 0.5, Number.NaN], 2), 0.99));
    expect(bindingVarOf([Number.NaN, Number.NaN, -0.2, -0.1], 2, 0.95)).toBe(bindingVar(varSet([Number.NaN, Number.NaN, -0.2, -0.1], 2), 0.95));
    expect(bindingVarOf([0.01], 2, 0.99)).toBeNull();
  });
});
