/**
 * Live venue selection from the environment: opt-in per venue, every missing key named, no
 * secret in any message, and nothing loaded or contacted until the first order (ccxt is mocked
 * to throw if anything imports it while building).
 */
import { describe, expect, it, vi } from 'vitest';
import { liveVenueFromEnv, liveVenueKinds } from '../../../src/trading/venues/from-env.js';

vi.mock('ccxt', () => {
  throw new Error('ccxt was imported while building the live venues');
});

const keys = { CCXT_API_KEY: 'ck', CCXT_SECRET: 'cs-secret-value', ALPACA_API_KEY_ID: 'ak', ALPACA_API_SECRET_KEY: 'as-secret-value' };

describe('liveVenueFromEnv', () => {
  it('builds the listed venues behind one port without importing ccxt or sending a request', () => {
    const v = liveVenueFromEnv({ NEOLIGHT_LIVE_VENUES: 'ccxt,alpaca', ...keys });
    expect(v).toMatchObject({ name: 'ccxt:kraken+alpaca', simulated: false });
    expect(liveVenueFromEnv({ NEOLIGHT_LIVE_VENUES: 'alpaca', ALPACA_API_KEY_ID: 'ak', ALPACA_API_SECRET_KEY: 'as' }).name).toBe('alpaca');
    expect(liveVenueFromEnv({ NEOLIGHT_LIVE_VENUES: ' ccxt ', NEOLIGHT_CCXT_EXCHANGE: 'coinbase', CCXT_API_KEY: 'k', CCXT_SECRET: 's' }).name).toBe('ccxt:coinbase');
  });

  it('refuses to build without NEOLIGHT_LIVE_VENUES or with an unknown venue, naming what is accepted', () => {
    expect(() => liveVenueFromEnv(keys)).toThrow(/NEOLIGHT_LIVE_VENUES is not set.*accepted: a comma-separated list of ccxt, alpaca/);
    expect(() => liveVenueKinds('ccxt,ibkr')).toThrow(/NEOLIGHT_LIVE_VENUES="ccxt,ibkr" is not valid/);
    expect(() => liveVenueKinds(',')).toThrow(/NEOLIGHT_LIVE_VENUES="," is not valid/);
  });

  it('names every missing key and never a secret', () => {
    let err: unknown;
    try {
      liveVenueFromEnv({ NEOLIGHT_LIVE_VENUES: 'ccxt,alpaca', CCXT_SECRET: 'cs-secret-value', ALPACA_API_KEY_ID: '', ALPACA_API_SECRET_KEY: 'as-secret-value' });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'NL_ERR_BAD_CONFIG', detail: { missing: ['CCXT_API_KEY', 'ALPACA_API_KEY_ID'] } });
    expect((err as Error).message).toBe('live venues ccxt, alpaca need CCXT_API_KEY, ALPACA_API_KEY_ID: set them in the environment');
  });

  it('rejects a bad exchange id or Alpaca URL, naming the variable', () => {
    expect(() => liveVenueFromEnv({ NEOLIGHT_LIVE_VENUES: 'ccxt', NEOLIGHT_CCXT_EXCHANGE: 'Kraken Pro', ...keys })).toThrow(/NEOLIGHT_CCXT_EXCHANGE="Kraken Pro" is not valid/);
    expect(() => liveVenueFromEnv({ NEOLIGHT_LIVE_VENUES: 'alpaca', ALPACA_BASE_URL: 'ftp://x', ...keys })).toThrow(/ALPACA_BASE_URL="ftp:\/\/x" is not valid/);
  });
});
