/**
 * Live venue selection from the loaded configuration: opt-in per venue, every missing key named,
 * no secret in any message, each value validated once (by its setting, at load), and nothing
 * loaded or contacted until the first order (ccxt is mocked to throw if anything imports it while
 * building).
 */
import { describe, expect, it, vi } from 'vitest';
import { loadConfig, redactConfig, secretValues } from '../../../src/config/config.js';
import { liveVenueFromConfig } from '../../../src/trading/venues/from-config.js';

vi.mock('ccxt', () => {
  throw new Error('ccxt was imported while building the live venues');
});

const keys = { CCXT_API_KEY: 'ck', CCXT_SECRET: 'cs-secret-value', ALPACA_API_KEY_ID: 'ak', ALPACA_API_SECRET_KEY: 'as-secret-value' };
const configOf = (env: Record<string, string>) => loadConfig({}, env, { dataDir: false });
const fromEnv = (env: Record<string, string>) => liveVenueFromConfig(configOf(env));

describe('liveVenueFromConfig', () => {
  it('builds the listed venues behind one port without importing ccxt or sending a request', () => {
    const v = fromEnv({ NEOLIGHT_LIVE_VENUES: 'ccxt,alpaca', ...keys });
    expect(v).toMatchObject({ name: 'ccxt:kraken+alpaca', simulated: false });
    expect(fromEnv({ NEOLIGHT_LIVE_VENUES: 'alpaca', ALPACA_API_KEY_ID: 'ak', ALPACA_API_SECRET_KEY: 'as' }).name).toBe('alpaca');
    expect(fromEnv({ NEOLIGHT_LIVE_VENUES: ' ccxt , ccxt', NEOLIGHT_CCXT_EXCHANGE: 'coinbase', CCXT_API_KEY: 'k', CCXT_SECRET: 's' }).name).toBe('ccxt:coinbase');
  });

  it('refuses to build without NEOLIGHT_LIVE_VENUES; an unknown venue fails at load, naming what is accepted', () => {
    expect(() => fromEnv(keys)).toThrow(/NEOLIGHT_LIVE_VENUES is not set.*accepted: a comma-separated list of ccxt, alpaca/);
    expect(() => configOf({ NEOLIGHT_LIVE_VENUES: 'ccxt,ibkr' })).toThrow(/NEOLIGHT_LIVE_VENUES="ccxt,ibkr" is invalid: must list only ccxt, alpaca/);
    expect(() => configOf({ NEOLIGHT_LIVE_VENUES: ',' })).toThrow(/NEOLIGHT_LIVE_VENUES="," is invalid: must name at least one venue/);
  });

  it('names every missing key and never a secret', () => {
    let err: unknown;
    try {
      fromEnv({ NEOLIGHT_LIVE_VENUES: 'ccxt,alpaca', CCXT_SECRET: 'cs-secret-value', ALPACA_API_KEY_ID: '', ALPACA_API_SECRET_KEY: 'as-secret-value' });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'NL_ERR_BAD_CONFIG', detail: { missing: ['CCXT_API_KEY', 'ALPACA_API_KEY_ID'] } });
    expect((err as Error).message).toBe('live venues ccxt, alpaca need CCXT_API_KEY, ALPACA_API_KEY_ID: set them in the environment');
  });

  it('rejects a bad exchange id or URL when the configuration loads, naming the variable', () => {
    expect(() => configOf({ NEOLIGHT_CCXT_EXCHANGE: 'Kraken Pro' })).toThrow(/NEOLIGHT_CCXT_EXCHANGE="Kraken Pro" is invalid/);
    expect(() => configOf({ ALPACA_BASE_URL: 'ftp://x' })).toThrow(/ALPACA_BASE_URL="ftp:\/\/x" is invalid: must be an http:\/\/ or https:\/\/ URL/);
    expect(() => configOf({ NEOLIGHT_CCXT_BASE_URL: 'localhost:1' })).toThrow(/NEOLIGHT_CCXT_BASE_URL="localhost:1" is invalid/);
    expect(() => configOf({ NEOLIGHT_YAHOO_BASE_URL: 'not a url' })).toThrow(/NEOLIGHT_YAHOO_BASE_URL="not a url" is invalid/);
  });

  it('live mode runs in real time: the time scale is 1 unless set, and another value is refused', () => {
    expect(configOf({ NEOLIGHT_MODE: 'live' }).timeScale).toBe(1);
    expect(configOf({ NEOLIGHT_MODE: 'live', NEOLIGHT_TIME_SCALE: '1' }).timeScale).toBe(1);
    expect(() => configOf({ NEOLIGHT_MODE: 'live', NEOLIGHT_TIME_SCALE: '60' })).toThrow(/NEOLIGHT_TIME_SCALE="60" is invalid with NEOLIGHT_MODE=live: live mode runs in real time; accepted: 1 or unset/);
    expect(() => loadConfig({ timeScale: 30 }, { NEOLIGHT_MODE: 'live' }, { dataDir: false })).toThrow(/--time-scale=30 is invalid with NEOLIGHT_MODE=live/);
    expect(configOf({ NEOLIGHT_MODE: 'sim' }).timeScale).toBe(60);
  });

  it('keeps the venue keys out of printouts and logs', () => {
    const config = configOf({ NEOLIGHT_LIVE_VENUES: 'ccxt,alpaca', ...keys, CCXT_PASSWORD: 'pass-phrase' });
    const shown = JSON.stringify(redactConfig(config));
    for (const v of ['cs-secret-value', 'as-secret-value', 'pass-phrase']) expect(shown).not.toContain(v);
    expect(redactConfig(config)).toMatchObject({ NEOLIGHT_LIVE_VENUES: ['ccxt', 'alpaca'], CCXT_API_KEY: '<redacted>', ALPACA_API_SECRET_KEY: '<redacted>', NEOLIGHT_CCXT_EXCHANGE: 'kraken' });
    expect(secretValues(config)).toEqual(expect.arrayContaining(['ck', 'cs-secret-value', 'pass-phrase', 'ak', 'as-secret-value']));
  });
});
