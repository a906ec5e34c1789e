/**
 * HTTP to the Shopify REST Admin API (https://shopify.dev/docs/api/admin-rest): the access token in
 * the `X-Shopify-Access-Token` header on every request, a timeout on every request, a 429 retried
 * after its `Retry-After` seconds (Shopify sends e.g. "2.0"; a 429 was not processed, so a POST may
 * be sent again), and every answer parsed by a zod schema. Failures are NL_ERR_UPSTREAM errors that
 * say what failed: `reason` auth (401/403, naming SHOPIFY_PASSWORD), rate_limited, server, timeout,
 * network, malformed (a body that is not what the documentation says) or unexpected (another status).
 */
import type { z } from 'zod';
import { formatIssues } from '../../contracts/contract.js';
import { describeError, NeoLightError } from '../../core/errors.js';

export const SHOPIFY_API_VERSION = '2025-01';
const VENUE = 'shopify';

export type Sleep = (ms: number) => Promise<void>;

export interface ShopifyHttpOptions {
  /** The store's admin origin: https://{shop}.myshopify.com (a fake server in tests). */
  readonly baseUrl: string;
  readonly accessToken: string;
  readonly timeoutMs?: number;
  readonly rateLimitRetries?: number;
  readonly sleep?: Sleep;
}

export type ShopifyRequest = <S extends z.ZodType>(method: 'GET' | 'POST' | 'PUT', path: string, schema: S, opts?: { query?: Record<string, string>; body?: unknown }) => Promise<z.infer<S>>;

function failure(what: string, reason: string, message: string, cause?: unknown): NeoLightError {
  return new NeoLightError('NL_ERR_UPSTREAM', `${VENUE}: ${what} failed: ${message}`, { venue: VENUE, reason }, cause === undefined ? undefined : { cause });
}

/** Seconds of a Retry-After header in milliseconds (1 s when absent or unreadable), at most 60 s. */
export function retryAfterMs(header: string | null): number {
  const secs = header === null ? NaN : Number(header);
  return Number.isFinite(secs) && secs >= 0 ? Math.min(60_000, secs * 1000) : 1000;
}

/** An error body's message: {"errors": "..."} or {"errors": {"field": ["..."]}}, else the raw text. */
function errorText(body: unknown): string {
  if (typeof body === 'object' && body !== null && 'errors' in body) {
    const e = (body as { errors: unknown }).errors;
    return typeof e === 'string' ? e : JSON.stringify(e);
  }
  return typeof body === 'string' ? body.slice(0, 200) : JSON.stringify(body);
}

export function shopifyHttp(o: ShopifyHttpOptions): ShopifyRequest {
  const origin = (/^https?:\/\//.test(o.baseUrl) ? o.baseUrl : `https://${o.baseUrl}`).replace(/\/+$/, '');
  const timeoutMs = o.timeoutMs ?? 15_000;
  const retries = o.rateLimitRetries ?? 3;
  const sleep: Sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  return async (method, path, schema, opts = {}) => {
    const qs = opts.query && Object.keys(opts.query).length > 0 ? `?${new URLSearchParams(opts.query).toString()}` : '';
    const url = `${origin}/admin/api/${SHOPIFY_API_VERSION}/${path}${qs}`;
    const what = `${method} ${path}`;
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(url, {
          method,
          headers: { 'X-Shopify-Access-Token': o.accessToken, accept: 'application/json', ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}) },
          ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
        throw timedOut ? failure(what, 'timeout', `no answer within ${timeoutMs} ms`, err) : failure(what, 'network', describeError(err), err);
      }
      const text = await res.text().catch(() => '');
      let body: unknown = text;
      let json = true;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        json = false;
      }
      if (res.status === 429) {
        if (attempt < retries) {
          await sleep(retryAfterMs(res.headers.get('retry-after')));
          continue;
        }
        throw failure(what, 'rate_limited', `HTTP 429 still after ${attempt + 1} tries (Retry-After ${res.headers.get('retry-after') ?? 'absent'})`);
      }
      if (res.status === 401 || res.status === 403) {
        throw new NeoLightError('NL_ERR_UPSTREAM', `${VENUE} refused the Admin API access token (HTTP ${res.status}: ${errorText(body)}); check SHOPIFY_PASSWORD and SHOPIFY_STORE_DOMAIN`, { venue: VENUE, reason: 'auth', env: ['SHOPIFY_PASSWORD', 'SHOPIFY_STORE_DOMAIN'] });
      }
      if (res.status >= 500) throw failure(what, 'server', `HTTP ${res.status} ${errorText(body)}`);
      if (res.status < 200 || res.status >= 300) throw failure(what, 'unexpected', `HTTP ${res.status} ${errorText(body)}`);
      if (!json) throw failure(what, 'malformed', `answer is not JSON: ${text.slice(0, 120)}`);
      const parsed = schema.safeParse(body);
      if (!parsed.success) throw failure(what, 'malformed', `answer does not match the documented shape: ${formatIssues(parsed.error)}`);
      return parsed.data;
    }
  };
}
