/**
 * HTTP to Betfair Exchange API-NG (REST, JSON): the interactive (certificate-less) login at the
 * identity SSO endpoint, then POST {base}/{operation}/ with the X-Application (app key) and
 * X-Authentication (session token) headers. Errors come back as HTTP 400 with
 * {"faultstring": "ANGX-xxxx", "detail": {"APINGException": {"errorCode": ...}}}; an expired or
 * invalid session (INVALID_SESSION_INFORMATION / NO_SESSION, ANGX-0003 / ANGX-0005) logs in again
 * once and repeats the call; a 429 is retried after its Retry-After, TOO_MANY_REQUESTS (ANGX-0008)
 * likewise after a back-off; anything else is an NL_ERR_UPSTREAM naming the operation and code.
 * The password is never logged nor put in an error message.
 */
import { describeError, NeoLightError } from '../../../core/errors.js';

export const BETFAIR_CREDENTIAL_ENV = ['BETFAIR_API_KEY', 'BETFAIR_USERNAME', 'BETFAIR_PASSWORD'] as const;
export const BETFAIR_LOGIN_URL = 'https://identitysso.betfair.com/api/login';
export const BETFAIR_BETTING_URL = 'https://api.betfair.com/exchange/betting/rest/v1.0';

export type Sleep = (ms: number) => Promise<void>;

export interface BetfairHttpOptions {
  readonly loginUrl: string;
  readonly bettingUrl: string;
  readonly appKey: string;
  readonly username: string;
  readonly password: string;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly sleep: Sleep;
}

export type BetfairCall = (operation: string, params: unknown) => Promise<unknown>;

const SESSION_CODES = new Set(['INVALID_SESSION_INFORMATION', 'NO_SESSION']);
const BUSY_CODES = new Set(['TOO_MANY_REQUESTS', 'SERVICE_BUSY']);

function upstream(what: string, reason: string, message: string, code?: string): NeoLightError {
  return new NeoLightError('NL_ERR_UPSTREAM', `betfair: ${what} failed: ${message}`, { venue: 'betfair', reason, ...(code ? { code } : {}) });
}

/** Milliseconds to wait before retry `attempt`: Retry-After (seconds or an HTTP date) or 1 s doubling, at most 60 s. */
export function retryDelay(retryAfter: string | null, attempt: number, nowMs: number): number {
  if (retryAfter) {
    const s = Number(retryAfter);
    if (Number.isFinite(s) && s >= 0) return Math.min(60_000, s * 1000);
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.min(60_000, Math.max(0, at - nowMs));
  }
  return Math.min(60_000, 1000 * 2 ** attempt);
}

/** The APINGException error code of a failed answer ("INVALID_SESSION_INFORMATION"), or the ANGX fault string. */
export function apingErrorCode(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const detail: unknown = Reflect.get(body, 'detail');
  const exc: unknown = typeof detail === 'object' && detail !== null ? Reflect.get(detail, 'APINGException') : undefined;
  const code: unknown = typeof exc === 'object' && exc !== null ? Reflect.get(exc, 'errorCode') : undefined;
  if (typeof code === 'string') return code;
  const fault: unknown = Reflect.get(body, 'faultstring');
  return typeof fault === 'string' ? fault : undefined;
}

async function send(url: string, init: RequestInit, timeoutMs: number, what: string): Promise<{ status: number; body: unknown; retryAfter: string | null }> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    throw upstream(what, timedOut ? 'timeout' : 'network', timedOut ? `no answer within ${timeoutMs} ms` : describeError(err));
  }
  const text = await res.text().catch(() => '');
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw upstream(what, 'malformed', `HTTP ${res.status} with a body that is not JSON: ${text.slice(0, 120)}`);
  }
  return { status: res.status, body, retryAfter: res.headers.get('retry-after') };
}

export function betfairHttp(o: BetfairHttpOptions): BetfairCall & { sessionToken(): string | undefined } {
  let token: string | undefined;

  async function login(): Promise<string> {
    const r = await send(
      o.loginUrl,
      {
        method: 'POST',
        headers: { 'X-Application': o.appKey, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username: o.username, password: o.password }).toString(),
      },
      o.timeoutMs,
      'login',
    );
    const status: unknown = typeof r.body === 'object' && r.body !== null ? Reflect.get(r.body, 'status') : undefined;
    const t: unknown = typeof r.body === 'object' && r.body !== null ? Reflect.get(r.body, 'token') : undefined;
    if (status === 'SUCCESS' && typeof t === 'string' && t !== '') return t;
    const error: unknown = typeof r.body === 'object' && r.body !== null ? Reflect.get(r.body, 'error') : undefined;
    if (typeof status === 'string') {
      throw new NeoLightError('NL_ERR_UPSTREAM', `betfair refused the login (${status}${typeof error === 'string' ? `: ${error}` : ''}); check ${BETFAIR_CREDENTIAL_ENV.join(', ')}`, { venue: 'betfair', reason: 'auth', env: [...BETFAIR_CREDENTIAL_ENV] });
    }
    throw upstream('login', 'malformed', `HTTP ${r.status} without a login status`);
  }

  const call = async (operation: string, params: unknown): Promise<unknown> => {
    let relogged = false;
    for (let attempt = 0; ; attempt++) {
      token ??= await login();
      const r = await send(
        `${o.bettingUrl.replace(/\/+$/, '')}/${operation}/`,
        { method: 'POST', headers: { 'X-Application': o.appKey, 'X-Authentication': token, accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(params) },
        o.timeoutMs,
        operation,
      );
      if (r.status === 200) return r.body;
      const code = apingErrorCode(r.body);
      if (code && SESSION_CODES.has(code) && !relogged) {
        token = undefined;
        relogged = true;
        continue;
      }
      if (r.status === 429 || (code && BUSY_CODES.has(code))) {
        if (attempt < o.retries) {
          await o.sleep(retryDelay(r.retryAfter, attempt, Date.now()));
          continue;
        }
        throw upstream(operation, 'rate_limited', `still rate limited after ${attempt + 1} tries${code ? ` (${code})` : ''}`, code);
      }
      if (code && SESSION_CODES.has(code)) throw upstream(operation, 'auth', `the session was refused again after a new login (${code})`, code);
      throw upstream(operation, r.status >= 500 ? 'server' : 'rejected', `HTTP ${r.status}${code ? ` ${code}` : ''}`, code);
    }
  };
  return Object.assign(call, { sessionToken: () => token });
}
