/**
 * Which live venues to build, from the environment, for the composition root in
 * NEOLIGHT_MODE=live. Live trading is opt-in per venue: NEOLIGHT_LIVE_VENUES lists them
 * (ccxt, alpaca), and each listed venue needs its keys; a missing key stops the start with a
 * message naming every missing variable. Pure selection: nothing is imported or contacted until
 * the first order (ccxt loads lazily), and no secret appears in an error.
 */
import { z } from 'zod';
import { NeoLightError } from '../../core/errors.js';
import type { Venue } from '../../core/venue.js';
import { ALPACA_CREDENTIAL_ENV } from './alpaca-http.js';
import { ALPACA_PAPER_URL, createAlpacaVenue } from './alpaca-venue.js';
import { createCcxtVenue } from './ccxt-venue.js';
import { routedVenue, type Route } from './routed-venue.js';

export const LIVE_VENUE_KINDS = ['ccxt', 'alpaca'] as const;
export type LiveVenueKind = (typeof LIVE_VENUE_KINDS)[number];

const REQUIRED: Readonly<Record<LiveVenueKind, readonly string[]>> = {
  ccxt: ['CCXT_API_KEY', 'CCXT_SECRET'],
  alpaca: ALPACA_CREDENTIAL_ENV,
};

const envSchema = z.object({
  NEOLIGHT_LIVE_VENUES: z.string().optional(),
  NEOLIGHT_CCXT_EXCHANGE: z.string().regex(/^[a-z0-9]+$/, 'a ccxt exchange id in lower case, e.g. kraken').default('kraken'),
  CCXT_API_KEY: z.string().optional(),
  CCXT_SECRET: z.string().optional(),
  CCXT_PASSWORD: z.string().optional(),
  ALPACA_API_KEY_ID: z.string().optional(),
  ALPACA_API_SECRET_KEY: z.string().optional(),
  ALPACA_BASE_URL: z.url({ protocol: /^https?$/ }).default(ALPACA_PAPER_URL),
});

function badConfig(field: string, value: string, accepted: string): NeoLightError {
  return new NeoLightError('NL_ERR_BAD_CONFIG', `${field}=${JSON.stringify(value)} is not valid; accepted: ${accepted}`, { field, value, accepted });
}

/** The venue kinds NEOLIGHT_LIVE_VENUES names, or a NL_ERR_BAD_CONFIG naming the variable. */
export function liveVenueKinds(raw: string | undefined): LiveVenueKind[] {
  const accepted = `a comma-separated list of ${LIVE_VENUE_KINDS.join(', ')}`;
  if (raw === undefined || raw.trim() === '') {
    throw new NeoLightError('NL_ERR_BAD_CONFIG', `NEOLIGHT_LIVE_VENUES is not set: live mode trades only on venues you list; accepted: ${accepted}`, { field: 'NEOLIGHT_LIVE_VENUES', accepted });
  }
  const kinds = [...new Set(raw.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
  const known = (k: string): k is LiveVenueKind => (LIVE_VENUE_KINDS as readonly string[]).includes(k);
  const unknown = kinds.filter((k) => !known(k));
  if (unknown.length > 0 || kinds.length === 0) throw badConfig('NEOLIGHT_LIVE_VENUES', raw, accepted);
  return kinds.filter(known);
}

export function liveVenueFromEnv(env: Readonly<Record<string, string | undefined>>): Venue {
  const kinds = liveVenueKinds(env.NEOLIGHT_LIVE_VENUES);
  const present = (k: string) => (env[k] ?? '').trim() !== '';
  const missing = kinds.flatMap((k) => REQUIRED[k].filter((v) => !present(v)));
  if (missing.length > 0) {
    throw new NeoLightError('NL_ERR_BAD_CONFIG', `live venues ${kinds.join(', ')} need ${missing.join(', ')}: set ${missing.length === 1 ? 'it' : 'them'} in the environment`, {
      field: missing[0], missing,
    });
  }
  const parsedEnv = envSchema.safeParse(Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]])));
  if (!parsedEnv.success) {
    const issue = parsedEnv.error.issues[0];
    const field = String(issue?.path[0] ?? 'environment');
    throw badConfig(field, String(env[field] ?? ''), issue?.message ?? 'see docs/venues.md');
  }
  const e = parsedEnv.data;
  const routes: Route[] = kinds.map((k): Route =>
    k === 'ccxt'
      ? {
          classes: ['crypto'],
          venue: createCcxtVenue({ exchangeId: e.NEOLIGHT_CCXT_EXCHANGE, apiKey: e.CCXT_API_KEY ?? '', secret: e.CCXT_SECRET ?? '', ...(e.CCXT_PASSWORD ? { password: e.CCXT_PASSWORD } : {}) }),
        }
      : {
          classes: ['equity', 'commodity'],
          venue: createAlpacaVenue({ keyId: e.ALPACA_API_KEY_ID ?? '', secretKey: e.ALPACA_API_SECRET_KEY ?? '', baseUrl: e.ALPACA_BASE_URL }),
        },
  );
  return routedVenue(routes);
}
