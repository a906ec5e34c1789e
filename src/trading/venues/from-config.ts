/**
 * Which live venues to build, from the validated configuration, for the composition root in
 * NEOLIGHT_MODE=live. The values themselves (venue list, exchange id, URLs, keys) were checked by
 * their settings when the configuration loaded (src/config/settings.ts); this adds the one rule
 * across settings: every listed venue needs its keys, and a missing key stops the start with a
 * message naming every missing variable. Pure selection: nothing is imported or contacted until
 * the first order (ccxt loads lazily), and no secret appears in an error.
 */
import type { Config } from '../../config/config.js';
import { LIVE_VENUE_KINDS, type LiveVenueKind } from '../../config/settings.js';
import { NeoLightError } from '../../core/errors.js';
import type { Venue } from '../../core/venue.js';
import { ALPACA_PAPER_URL, createAlpacaVenue } from './alpaca-venue.js';
import { createCcxtVenue } from './ccxt-venue.js';
import { routedVenue, type Route } from './routed-venue.js';

export type LiveVenueSettings = Pick<
  Config,
  'liveVenues' | 'ccxtExchange' | 'ccxtApiKey' | 'ccxtSecret' | 'ccxtPassword' | 'ccxtBaseUrl' | 'alpacaApiKeyId' | 'alpacaApiSecretKey' | 'alpacaBaseUrl'
>;

/** Each venue's keys: the setting and the variable that sets it. */
const REQUIRED: Readonly<Record<LiveVenueKind, readonly { key: keyof LiveVenueSettings; env: string }[]>> = {
  ccxt: [{ key: 'ccxtApiKey', env: 'CCXT_API_KEY' }, { key: 'ccxtSecret', env: 'CCXT_SECRET' }],
  alpaca: [{ key: 'alpacaApiKeyId', env: 'ALPACA_API_KEY_ID' }, { key: 'alpacaApiSecretKey', env: 'ALPACA_API_SECRET_KEY' }],
};

/** The live venues behind one port, or NL_ERR_BAD_CONFIG naming NEOLIGHT_LIVE_VENUES or every missing key. */
export function liveVenueFromConfig(s: LiveVenueSettings): Venue {
  const kinds = s.liveVenues ?? [];
  if (kinds.length === 0) {
    const accepted = `a comma-separated list of ${LIVE_VENUE_KINDS.join(', ')}`;
    throw new NeoLightError('NL_ERR_BAD_CONFIG', `NEOLIGHT_LIVE_VENUES is not set: live mode trades only on venues you list; accepted: ${accepted}`, { field: 'NEOLIGHT_LIVE_VENUES', accepted });
  }
  const missing = kinds.flatMap((k) => REQUIRED[k].filter((r) => s[r.key] === undefined).map((r) => r.env));
  if (missing.length > 0) {
    throw new NeoLightError('NL_ERR_BAD_CONFIG', `live venues ${kinds.join(', ')} need ${missing.join(', ')}: set ${missing.length === 1 ? 'it' : 'them'} in the environment`, {
      field: missing[0], missing,
    });
  }
  const routes: Route[] = kinds.map((k): Route =>
    k === 'ccxt'
      ? {
          classes: ['crypto'],
          venue: createCcxtVenue({
            exchangeId: s.ccxtExchange,
            apiKey: s.ccxtApiKey ?? '',
            secret: s.ccxtSecret ?? '',
            ...(s.ccxtPassword ? { password: s.ccxtPassword } : {}),
            // The same redirect as the crypto feed's, so one server (a proxy, a test's fake) answers both.
            ...(s.ccxtBaseUrl ? { urls: { api: { public: s.ccxtBaseUrl, private: s.ccxtBaseUrl } } } : {}),
          }),
        }
      : {
          classes: ['equity', 'commodity'],
          venue: createAlpacaVenue({ keyId: s.alpacaApiKeyId ?? '', secretKey: s.alpacaApiSecretKey ?? '', baseUrl: s.alpacaBaseUrl ?? ALPACA_PAPER_URL }),
        },
  );
  return routedVenue(routes);
}
