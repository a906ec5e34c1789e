/**
 * A fake Shopify REST Admin API server on 127.0.0.1 for the dropshipping tests: it refuses a
 * request without the access token as Shopify does (401 with its error text), records every
 * request it saw, and answers the rest with the test's handler.
 */
import { sendJson, startHttpFake, type FakeRequest } from '../../trading/venues/http-fake.js';

export const TOKEN = 'shpat_test_token';
/** The API version path every Admin call goes to. */
export const P = '/admin/api/2025-01';

export type Handler = (req: FakeRequest, body: string, url: URL) => { status: number; body: unknown; headers?: Record<string, string> };

export interface FakeShopify {
  /** Base URL without a trailing slash. */
  readonly base: string;
  /** `METHOD /path?query` of every request, in order. */
  readonly seen: string[];
  close(): Promise<void>;
}

export async function fakeShopify(handler: Handler): Promise<FakeShopify> {
  const http = await startHttpFake((req, res) => {
    if (req.headers['x-shopify-access-token'] !== TOKEN) return sendJson(res, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' }, 401);
    const a = handler(req, req.body, req.url);
    res.writeHead(a.status, { 'content-type': 'application/json', ...(a.headers ?? {}) }).end(typeof a.body === 'string' ? a.body : JSON.stringify(a.body));
  });
  return {
    base: http.baseUrl,
    get seen() {
      return http.requests.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`);
    },
    close: http.close,
  };
}
