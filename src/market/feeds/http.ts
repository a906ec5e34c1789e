/**
 * Shared edge helpers for live feeds: a fetch that sends every request to a configured base URL
 * (so tests can point a library at a fake server on 127.0.0.1), and the upstream error.
 */
import { describeError, NeoLightError } from '../../core/errors.js';

/** A fetch that keeps path and query but replaces scheme, host and port with `baseUrl`'s. */
export function rebasedFetch(baseUrl: string, inner: typeof fetch = globalThis.fetch): typeof fetch {
  const base = new URL(baseUrl);
  return (input, init) => {
    const original = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const u = new URL(original);
    const target = new URL(u.pathname + u.search, base);
    return inner(target, init);
  };
}

export function upstreamError(feed: string, what: string, err: unknown): NeoLightError {
  if (err instanceof NeoLightError) return err;
  return new NeoLightError('NL_ERR_UPSTREAM', `${feed}: ${what} failed: ${describeError(err)}`, { feed }, { cause: err });
}

/** Venue interval names for a bar interval in ms, or a NL_ERR_BAD_INPUT listing the accepted ones. */
export function intervalName<K extends string>(feed: string, table: Readonly<Record<K, number>>, intervalMs: number): K {
  const found = (Object.keys(table) as K[]).map((k) => [k, table[k]] as const).find(([, ms]) => ms === intervalMs);
  if (!found) {
    throw new NeoLightError('NL_ERR_BAD_INPUT', `${feed} has no ${intervalMs} ms bars; accepted: ${(Object.entries(table) as [string, number][]).map(([n, ms]) => `${n}=${ms}`).join(', ')}`, {
      field: 'intervalMs', value: intervalMs,
    });
  }
  return found[0];
}
