/** The universe and its trading terms (markets.md defaults). */
import { describe, expect, it } from 'vitest';
import { isNeoLightError } from '../../src/core/errors.js';
import { instrument, roundToLot, roundToTick, UNIVERSE } from '../../src/market/instruments.js';

describe('instruments', () => {
  it('covers the nine symbols of the specification with their calendars and annualisation', () => {
    expect(UNIVERSE.map((i) => i.symbol)).toEqual(['BTC-USD', 'ETH-USD', 'SPY', 'QQQ', 'GLD', 'SLV', 'EURUSD', 'GBPUSD', 'USDJPY']);
    expect(instrument('BTC-USD')).toMatchObject({ calendar: 'crypto_24_7', periodsPerYear: 365, feeBps: 60, lotSize: 1e-8 });
    expect(instrument('SPY')).toMatchObject({ calendar: 'us_equity', periodsPerYear: 252, feeBps: 0, lotSize: 1, tickSize: 0.01 });
    expect(instrument('GLD').assetClass).toBe('commodity');
    expect(instrument('USDJPY')).toMatchObject({ calendar: 'forex_24_5', tickSize: 0.001, quoteCurrency: 'JPY' });
    expect(instrument('EURUSD').tickSize).toBe(0.00001);
  });

  it('rejects an unknown symbol with NL_ERR_BAD_INPUT naming it and the accepted ones', () => {
    try {
      instrument('btc');
      expect.unreachable();
    } catch (err) {
      expect(isNeoLightError(err) && err.code).toBe('NL_ERR_BAD_INPUT');
      expect(String(err)).toMatch(/"btc".*BTC-USD, ETH-USD, SPY, QQQ, GLD, SLV, EURUSD, GBPUSD, USDJPY/);
    }
  });

  it('rounds prices to ticks and quantities down to lots', () => {
    expect(roundToTick(instrument('SPY'), 586.0849)).toBe(586.08);
    expect(roundToTick(instrument('EURUSD'), 1.0354449)).toBe(1.03544);
    expect(roundToLot(instrument('EURUSD'), 12_345)).toBe(12_000);
    expect(roundToLot(instrument('BTC-USD'), 0.123456789)).toBe(0.12345678);
    expect(roundToLot(instrument('SPY'), -3.7)).toBe(-3);
  });
});
