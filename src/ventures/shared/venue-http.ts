/**
 * What the marketplace connectors (StockX, StubHub, eBay) share on the wire: one error shape per
 * venue, a Retry-After reader, and a JSON request that turns a timeout, a network failure or a 2xx
 * body that is not JSON into that venue's error. Each client keeps its own auth, status handling
 * and schemas; only the plumbing that must behave alike lives here.
 */
import { NeoLightError, describeError } from '../../core/errors.js';

export type UpstreamFail = (what: string, reason: string, message: string, extra?: Record<string, unknown>, cause?: unknown) => NeoLightError;

/** `venue: what failed: message`, with the venue and a machine-readable reason in the details. */
export const upstreamFail =
  (venue: string): UpstreamFail =>
  (what, reason, message, extra = {}, cause) =>
    new NeoLightError('NL_ERR_UPSTREAM', `${venue}: ${what} failed: ${message}`, { venue, reason, ...extra }, cause === undefined ? undefined : { cause });

/** Wait asked by a Retry-After header (seconds or an HTTP date), ms; 1 s when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number {
  if (header === null) return 1000;
  const s = Number(header);
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? 1000 : Math.max(0, at - nowMs);
}

/**
 * The wait before trying a 429 again, ms, as its Retry-After asks; throws `rate_limited` once
 * `retries` tries are spent or the wait asked is beyond `maxWaitMs` (a 429 was not processed, so
 * repeating even a POST is safe).
 */
export function rateLimitWait(fail: UpstreamFail, what: string, res: Response, attempt: number, retries: number, maxWaitMs: number, nowMs: number): number {
  const wait = retryAfterMs(res.headers.get('retry-after'), nowMs);
  if (attempt < retries && wait <= maxWaitMs) return wait;
  throw fail(what, 'rate_limited', `HTTP 429 after ${attempt + 1} tries; retry after ${Math.round(wait / 1000)} s`, { retry_after_ms: wait });
}

/**
 * One request and its answer read as JSON (`parsed`; the raw `text` beside it). A 2xx answer that
 * is not JSON is `malformed`; an error answer that is not JSON keeps its text as `parsed`, for the
 * caller's message. No status is judged here.
 */
export async function sendJson(fail: UpstreamFail, what: string, url: string, init: RequestInit, timeoutMs: number): Promise<{ res: Response; text: string; parsed: unknown }> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    throw timedOut ? fail(what, 'timeout', `no answer within ${timeoutMs} ms`, {}, err) : fail(what, 'network', describeError(err), {}, err);
  }
  const text = await res.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    if (res.ok) throw fail(what, 'malformed', `answer is not JSON: ${text.slice(0, 120)}`);
    parsed = text;
  }
  return { res, text, parsed };
}
