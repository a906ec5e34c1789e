/**
 * The dashboard's HTTP client for the status API: JSON GET/POST with the bearer token when one is
 * stored, every body parsed with a zod schema (no unchecked casts), and failures turned into a
 * closed set of error kinds the views can explain ("Is `neolight up` running?", "enter the token").
 */
import type { z } from 'zod';

export type ApiErrorKind = 'unreachable' | 'unauthorized' | 'not_found' | 'http' | 'invalid';

export interface ApiError {
  kind: ApiErrorKind;
  status: number | null;
  /** Stable code from the API's `{error:{code,message}}` body when it sent one. */
  code: string | null;
  message: string;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

const TOKEN_KEY = 'neolight.token';

export function getToken(): string | null {
  try {
    return globalThis.localStorage?.getItem(TOKEN_KEY) ?? null;
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  try {
    if (token) globalThis.localStorage?.setItem(TOKEN_KEY, token);
    else globalThis.localStorage?.removeItem(TOKEN_KEY);
  } catch {
    // Private mode without storage: the token lives for this page only.
  }
  for (const l of tokenListeners) l();
}

const unauthorizedListeners = new Set<() => void>();
const tokenListeners = new Set<() => void>();

/** Called whenever the API answers 401, so the app can ask for the token. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** Called when the stored token changes, so data and the event stream reconnect with it. */
export function onTokenChange(listener: () => void): () => void {
  tokenListeners.add(listener);
  return () => tokenListeners.delete(listener);
}

function headers(body: boolean): Record<string, string> {
  const h: Record<string, string> = { accept: 'application/json' };
  if (body) h['content-type'] = 'application/json';
  const token = getToken();
  if (token) h.authorization = `Bearer ${token}`;
  return h;
}

function errorFromBody(body: unknown): { code: string | null; message: string | null } {
  if (body && typeof body === 'object' && 'error' in body) {
    const e = body.error;
    if (e && typeof e === 'object') {
      const code = 'code' in e && typeof e.code === 'string' ? e.code : null;
      const message = 'message' in e && typeof e.message === 'string' ? e.message : null;
      return { code, message };
    }
  }
  return { code: null, message: null };
}

/** Sends one request and parses the JSON answer with `schema`. Never throws. */
export async function request<S extends z.ZodType>(
  method: 'GET' | 'POST',
  path: string,
  schema: S,
  body?: unknown,
): Promise<ApiResult<z.infer<S>>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: headers(body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: { kind: 'unreachable', status: null, code: null, message: `The status API did not answer (${detail}). Is \`neolight up\` running?` },
    };
  }
  let json: unknown = null;
  const text = await res.text().catch(() => '');
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!res.ok) {
    const { code, message } = errorFromBody(json);
    if (res.status === 401) {
      for (const l of unauthorizedListeners) l();
      return { ok: false, error: { kind: 'unauthorized', status: 401, code, message: message ?? 'The API needs a token.' } };
    }
    const kind: ApiErrorKind = res.status === 404 ? 'not_found' : 'http';
    const fallback = res.status >= 500 && !code ? `The API failed (HTTP ${res.status}). Is \`neolight up\` running?` : `HTTP ${res.status}`;
    return { ok: false, error: { kind, status: res.status, code, message: message ?? fallback } };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`)
      .join('; ');
    return { ok: false, error: { kind: 'invalid', status: res.status, code: null, message: `${path} answered an unexpected shape: ${issues}` } };
  }
  return { ok: true, data: parsed.data };
}

export function get<S extends z.ZodType>(path: string, schema: S): Promise<ApiResult<z.infer<S>>> {
  return request('GET', path, schema);
}

export function post<S extends z.ZodType>(path: string, schema: S, body: unknown = {}): Promise<ApiResult<z.infer<S>>> {
  return request('POST', path, schema, body);
}

/** The event stream's URL; EventSource cannot send headers, so the token rides in the query. */
export function eventsUrl(): string {
  const token = getToken();
  return token ? `/events?token=${encodeURIComponent(token)}` : '/events';
}
