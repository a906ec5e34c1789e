/**
 * HTTP to Alpaca's Trading API v2 with Node's fetch: the key headers on every request, a timeout
 * on every request (AbortSignal.timeout), and a 429 retried after its Retry-After (a 429 was not
 * processed, so even a POST may be sent again). Anything else that fails is an NL_ERR_UPSTREAM
 * whose `detail.reason` tells the caller whether the request may have reached Alpaca
 * ('timeout', 'network', 'server'): the submit path looks its order up before sending again.
 */
import { describeError, NeoLightError } from '../../core/errors.js';
import { authError } from './outcomes.js';
import { retryDelayMs, type Sleep } from './submit.js';

export const ALPACA_VENUE = 'alpaca';
export const ALPACA_CREDENTIAL_ENV = ['ALPACA_API_KEY_ID', 'ALPACA_API_SECRET_KEY'] as const;

export interface AlpacaHttpOptions {
  readonly baseUrl: string;
  readonly keyId: string;
  readonly secretKey: string;
  readonly timeoutMs: number;
  readonly rateLimitRetries: number;
  readonly sleep: Sleep;
}

export interface AlpacaAnswer {
  readonly status: number;
  readonly body: unknown;
}

export type AlpacaRequest = (method: 'GET' | 'POST' | 'DELETE', path: string, query?: Record<string, string>, body?: unknown) => Promise<AlpacaAnswer>;

const AMBIGUOUS = new Set(['timeout', 'network', 'server']);

/** True when a failed request may still have been processed by Alpaca. */
export function mayHaveReachedVenue(err: unknown): boolean {
  const reason = err instanceof NeoLightError ? err.detail?.reason : undefined;
  return typeof reason === 'string' && AMBIGUOUS.has(reason);
}

function failure(what: string, reason: string, message: string, cause?: unknown): NeoLightError {
  return new NeoLightError('NL_ERR_UPSTREAM', `${ALPACA_VENUE}: ${what} failed: ${message}`, { venue: ALPACA_VENUE, reason }, { cause });
}

/** The message of an Alpaca error body ({"code": 40310000, "message": "..."}), or the raw text. */
export function alpacaMessage(body: unknown): string {
  if (typeof body === 'object' && body !== null) {
    const m: unknown = Reflect.get(body, 'message');
    if (typeof m === 'string') return m;
  }
  return typeof body === 'string' ? body : JSON.stringify(body);
}

export function alpacaHttp(opts: AlpacaHttpOptions): AlpacaRequest {
  const base = opts.baseUrl.replace(/\/+$/, '');
  return async (method, path, query, body) => {
    const url = `${base}${path}${query && Object.keys(query).length > 0 ? `?${new URLSearchParams(query).toString()}` : ''}`;
    const what = `${method} ${path}`;
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(url, {
          method,
          headers: {
            'APCA-API-KEY-ID': opts.keyId,
            'APCA-API-SECRET-KEY': opts.secretKey,
            accept: 'application/json',
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
      } catch (err) {
        const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
        throw timedOut ? failure(what, 'timeout', `no answer within ${opts.timeoutMs} ms`, err) : failure(what, 'network', describeError(err), err);
      }
      const text = await res.text().catch(() => '');
      let parsed: unknown = text;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        // a non-JSON body (a proxy's HTML page) stays text for the error message
      }
      if (res.status === 429) {
        if (attempt < opts.rateLimitRetries) {
          await opts.sleep(retryDelayMs(res.headers.get('retry-after') ?? undefined, attempt, Date.now()));
          continue;
        }
        throw failure(what, 'rate_limited', `still rate limited after ${attempt + 1} tries`);
      }
      if (res.status === 401) throw authError(ALPACA_VENUE, ALPACA_CREDENTIAL_ENV, new Error(`HTTP 401 ${alpacaMessage(parsed)}`));
      if (res.status >= 500) throw failure(what, 'server', `HTTP ${res.status} ${alpacaMessage(parsed)}`);
      return { status: res.status, body: parsed };
    }
  };
}

/** An answer other than the expected status, as an NL_ERR_UPSTREAM naming the call. */
export function unexpected(what: string, a: AlpacaAnswer): NeoLightError {
  return failure(what, 'unexpected', `HTTP ${a.status} ${alpacaMessage(a.body)}`);
}
