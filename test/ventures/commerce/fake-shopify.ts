/**
 * A fake Shopify REST Admin API server on 127.0.0.1 for the dropshipping tests: it refuses a
 * request without the access token as Shopify does (401 with its error text), records every
 * request it saw, and answers the rest with the test's handler.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TOKEN = 'shpat_test_token';
/** The API version path every Admin call goes to. */
export const P = '/admin/api/2025-01';

export type Handler = (req: IncomingMessage, body: string, url: URL) => { status: number; body: unknown; headers?: Record<string, string> };

export interface FakeShopify {
  /** Base URL without a trailing slash. */
  readonly base: string;
  /** `METHOD /path?query` of every request, in order. */
  readonly seen: string[];
  close(): Promise<void>;
}

export async function fakeShopify(handler: Handler): Promise<FakeShopify> {
  const seen: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      seen.push(`${req.method} ${url.pathname}${url.search}`);
      if (req.headers['x-shopify-access-token'] !== TOKEN) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' }));
        return;
      }
      const a = handler(req, body, url);
      res.writeHead(a.status, { 'content-type': 'application/json', ...(a.headers ?? {}) }).end(typeof a.body === 'string' ? a.body : JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}
