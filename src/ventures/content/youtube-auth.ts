/**
 * OAuth 2.0 access tokens for the YouTube connector. Access tokens live an hour, so an agent that
 * publishes for weeks uses a refresh token: POST grant_type=refresh_token with the client id and
 * secret to Google's token endpoint (https://oauth2.googleapis.com/token), which answers
 * {"access_token", "expires_in"}; the token is reused until a minute before it expires. A fixed
 * access token (YOUTUBE_ACCESS_TOKEN) is used as given, for a one-off run.
 */
import { describeError, NeoLightError } from '../../core/errors.js';

export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

export interface RefreshOptions {
  readonly tokenUrl?: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
  readonly now?: () => number;
  readonly timeoutMs?: number;
}

export function refreshingToken(o: RefreshOptions): () => Promise<string> {
  const now = o.now ?? Date.now;
  let cached: { token: string; until: number } | undefined;
  return async () => {
    if (cached && now() < cached.until) return cached.token;
    let res: Response;
    try {
      res = await fetch(o.tokenUrl ?? GOOGLE_TOKEN_URL, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: o.clientId, client_secret: o.clientSecret, refresh_token: o.refreshToken, grant_type: 'refresh_token' }).toString(),
        signal: AbortSignal.timeout(o.timeoutMs ?? 30_000),
      });
    } catch (err) {
      throw new NeoLightError('NL_ERR_UPSTREAM', `youtube: the OAuth token endpoint did not answer (${describeError(err)})`, { venue: 'youtube', reason: 'network' });
    }
    const text = await res.text();
    if (!res.ok) {
      throw new NeoLightError('NL_ERR_UPSTREAM', `youtube: refreshing the OAuth token failed (${res.status}: ${text.slice(0, 200)}); check YOUTUBE_CLIENT_ID, YOUTUBE_CLIENT_SECRET and YOUTUBE_REFRESH_TOKEN`, { venue: 'youtube', reason: 'auth', status: res.status });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const token: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, 'access_token') : undefined;
    const expires: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, 'expires_in') : undefined;
    if (typeof token !== 'string' || token === '') throw new NeoLightError('NL_ERR_UPSTREAM', 'youtube: the OAuth token endpoint answered without an access_token', { venue: 'youtube', reason: 'malformed' });
    const seconds = typeof expires === 'number' && Number.isFinite(expires) ? expires : 3600;
    cached = { token, until: now() + Math.max(0, seconds - 60) * 1000 };
    return token;
  };
}

export function fixedToken(token: string): () => Promise<string> {
  return () => Promise.resolve(token);
}
