/** A tiny fake HTTP server on 127.0.0.1 for feed tests: routes by path, records every request. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (url: URL, req: IncomingMessage, res: ServerResponse) => void;
export interface FakeServer {
  readonly baseUrl: string;
  readonly requests: URL[];
  close(): Promise<void>;
}

export async function startFakeServer(routes: Record<string, Handler>): Promise<FakeServer> {
  const requests: URL[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    const handler = routes[url.pathname];
    if (handler) return handler(url, req, res);
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `no route ${url.pathname}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export function json(res: ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
