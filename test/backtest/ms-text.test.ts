/**
 * The engine's order ids carry their bar's time as msText prints it, which must be String(t): ids
 * are idempotency keys, so a different spelling of the same time would be a different order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { msText } from '../../src/backtest/engine.js';

describe('msText', () => {
  it('is String(t) for every safe integer, on both sides of 1e9 and of the six-digit split', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), (t) => {
        expect(msText(t)).toBe(String(t));
      }),
      { numRuns: 20_000 },
    );
    for (const t of [0, -0, 1, 999_999_999, 1e9, 1e9 + 1, 1_000_000_000_000, 1_704_067_200_000, 1_704_067_200_001, 1_704_067_099_999, -2_208_988_800_000, -1e9, 2 ** 53 - 1, -(2 ** 53) + 1]) {
      expect(msText(t)).toBe(String(t));
    }
  });

  it('is String(t) for what is no safe integer: fractions, 2^53 and past, non-finite', () => {
    for (const t of [0.5, -1.25, 1e9 + 0.5, 2 ** 53, 2 ** 60, 1e21, 1e300, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(msText(t)).toBe(String(t));
    }
  });
});
