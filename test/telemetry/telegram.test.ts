import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelegramNotifier } from '../../src/telemetry/telegram.js';

interface Received {
  path: string;
  body: { chat_id: string; text: string };
  at: number;
}

/** A fake Bot API on 127.0.0.1 answering sendMessage like the real one; the first `rateLimit` calls get a 429. */
async function fakeBotApi(rateLimit = 0): Promise<{ root: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  let limited = rateLimit;
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (!/^\/bot[^/]+\/sendMessage$/.test(req.url ?? '') || req.method !== 'POST') {
        res.statusCode = 404;
        res.end(JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }));
        return;
      }
      if (limited > 0) {
        limited--;
        res.statusCode = 429;
        res.end(JSON.stringify({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 0.05', parameters: { retry_after: 0.05 } }));
        return;
      }
      received.push({ path: req.url ?? '', body: JSON.parse(data) as Received['body'], at: Date.now() });
      res.end(JSON.stringify({ ok: true, result: { message_id: received.length, chat: { id: 1 }, date: 0, text: 'x' } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { root: `http://127.0.0.1:${port}`, received, server };
}

let server: Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

describe('telegram notifier', () => {
  it('sends through sendMessage, coalesces bursts and keeps to the rate limit', async () => {
    const api = await fakeBotApi();
    server = api.server;
    const errors: string[] = [];
    const n = createTelegramNotifier({ token: '123:SECRET', chatId: '42', apiRoot: api.root, minIntervalMs: 400, onError: (m) => errors.push(m) });
    n.notify('first');
    // a burst while the first is in flight: coalesced into one message
    await new Promise((r) => setTimeout(r, 20));
    for (let i = 0; i < 5; i++) n.notify(`burst ${i}`);
    await n.flush();
    n.close();
    expect(api.received[0]?.path).toBe('/bot123:SECRET/sendMessage');
    expect(api.received[0]?.body).toEqual({ chat_id: '42', text: 'first' });
    expect(api.received).toHaveLength(2);
    expect(api.received[1]?.body.text).toBe('burst 0\nburst 1\nburst 2\nburst 3\nburst 4');
    // Arrival times at the server carry each request's latency: the first pays the connect, which on a
    // loaded machine took 109 ms; 200 ms of slack still tells a 400 ms spacing from none (a few ms).
    expect((api.received[1]?.at ?? 0) - (api.received[0]?.at ?? 0)).toBeGreaterThanOrEqual(200);
    expect(n.stats).toMatchObject({ sent: 6, coalesced: 4, dropped: 0 });
    expect(errors).toEqual([]);
  });

  it('waits retry_after on 429 and never leaks the token in errors', async () => {
    const api = await fakeBotApi(1);
    server = api.server;
    const errors: string[] = [];
    const n = createTelegramNotifier({ token: '123:SECRET', chatId: '42', apiRoot: api.root, minIntervalMs: 10, onError: (m) => errors.push(m) });
    n.notify('halt!');
    await n.flush();
    n.close();
    expect(api.received.map((r) => r.body.text)).toEqual(['halt!']);
    expect(errors[0]).toMatch(/429/);
    const bad = createTelegramNotifier({ token: '123:SECRET', chatId: '42', apiRoot: 'http://127.0.0.1:1', minIntervalMs: 1, maxAttempts: 2, onError: (m) => errors.push(m) });
    bad.notify('lost');
    await bad.flush();
    bad.close();
    expect(bad.stats.dropped).toBe(1);
    expect(errors.join(' ')).not.toMatch(/SECRET/);
  });

  it('notify returns immediately', () => {
    const n = createTelegramNotifier({ token: 't', chatId: '1', apiRoot: 'http://127.0.0.1:1', fetchImpl: () => new Promise(() => undefined) });
    const r = n.notify('x');
    expect(r).toBeUndefined();
    n.close();
  });
});
