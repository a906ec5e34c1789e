/**
 * A fake Alpaca Trading API v2 on 127.0.0.1, answering the documented endpoints the venue uses:
 * GET /v2/account, GET /v2/positions, POST/GET /v2/orders, GET/DELETE /v2/orders/{id},
 * GET /v2/orders:by_client_order_id, GET /v2/account/activities/FILL (direction, page_size,
 * page_token). Every request must carry APCA-API-KEY-ID and APCA-API-SECRET-KEY, else 401.
 * client_order_id is unique across all orders (422 on reuse); a buy beyond cash is a 403
 * "insufficient buying power". The test drives fills with `fill()` and failures with `failNext()`.
 */
import type { ServerResponse } from 'node:http';
import { sendJson, startHttpFake, type HttpFake } from './http-fake.js';

export const ALPACA_KEY = 'PKTESTKEY';
export const ALPACA_SECRET = 'test-alpaca-secret-do-not-log';
const LAST = 412.34;

interface AOrder {
  readonly id: string;
  readonly client_order_id: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly qty: string;
  readonly type: string;
  readonly limit_price: string | null;
  filled_qty: string;
  filled_avg_price: string | null;
  status: string;
  notional: number;
}

interface AFill {
  readonly id: string;
  readonly activity_type: 'FILL';
  readonly transaction_time: string;
  readonly type: 'fill' | 'partial_fill';
  readonly price: string;
  readonly qty: string;
  readonly side: 'buy' | 'sell';
  readonly symbol: string;
  readonly leaves_qty: string;
  readonly order_id: string;
  readonly cum_qty: string;
  readonly order_status: string;
}

export type AlpacaFailure = 'rate_limit' | 'lose_answer' | 'lose_answer_after_booking' | 'not_found' | 'server_error';

export interface FakeAlpaca extends HttpFake {
  /** POST /v2/orders requests that reached the order handler, and orders it booked. */
  readonly posts: () => number;
  readonly booked: () => number;
  account: { cash: string };
  /** Answer every FILL page from the start, as a server that ignores page_token would. */
  ignorePageToken: boolean;
  fill(clientOrderId: string, qty: number, price: string, time: string): void;
  failNext(route: string, failure: AlpacaFailure): void;
}

export async function startFakeAlpaca(): Promise<FakeAlpaca> {
  const orders: AOrder[] = [];
  const fills: AFill[] = [];
  const failures: { route: string; failure: AlpacaFailure }[] = [];
  const positions = new Map<string, { qty: number; cost: number }>();
  const account = { cash: '10000.00' };
  let posts = 0;

  const notFound = (res: ServerResponse) => sendJson(res, { code: 40410000, message: 'order not found' }, 404);

  function route(method: string, url: URL, body: string, res: ServerResponse, lose: boolean): void {
    const path = url.pathname;
    const reply = (payload: unknown, status = 200) => (lose ? undefined : sendJson(res, payload, status));
    if (method === 'GET' && path === '/v2/account') return reply({ id: 'acct', status: 'ACTIVE', currency: 'USD', cash: account.cash, buying_power: account.cash });
    if (method === 'GET' && path === '/v2/positions') {
      return reply([...positions].filter(([, p]) => p.qty > 0).map(([symbol, p]) => ({ symbol, qty: String(p.qty), avg_entry_price: (p.cost / p.qty).toFixed(4), side: 'long' })));
    }
    if (method === 'POST' && path === '/v2/orders') {
      posts++;
      const b = JSON.parse(body) as Record<string, string>;
      if (orders.some((o) => o.client_order_id === b.client_order_id)) return reply({ code: 40010001, message: 'client_order_id must be unique' }, 422);
      const price = b.limit_price ? Number(b.limit_price) : LAST;
      if (b.side === 'buy' && Number(b.qty) * price > Number(account.cash)) return reply({ code: 40310000, message: 'insufficient buying power' }, 403);
      const o: AOrder = {
        id: `ord-${orders.length + 1}`, client_order_id: String(b.client_order_id), symbol: String(b.symbol), side: b.side === 'sell' ? 'sell' : 'buy',
        qty: String(b.qty), type: String(b.type), limit_price: b.limit_price ?? null, filled_qty: '0', filled_avg_price: null, status: 'accepted', notional: 0,
      };
      orders.push(o);
      return reply(o);
    }
    if (method === 'GET' && path === '/v2/orders') return reply(orders.filter((o) => !['filled', 'canceled', 'expired', 'rejected'].includes(o.status)));
    if (method === 'GET' && path === '/v2/orders:by_client_order_id') {
      const o = orders.find((x) => x.client_order_id === url.searchParams.get('client_order_id'));
      return o ? reply(o) : notFound(res);
    }
    const byId = /^\/v2\/orders\/([\w-]+)$/.exec(path);
    if (byId) {
      const o = orders.find((x) => x.id === byId[1]);
      if (!o) return notFound(res);
      if (method === 'GET') return reply(o);
      if (method === 'DELETE') {
        if (o.status === 'filled') return reply({ code: 42210000, message: 'order is not cancelable' }, 422);
        o.status = 'canceled';
        return void (lose ? undefined : res.writeHead(204).end());
      }
    }
    if (method === 'GET' && path === '/v2/account/activities/FILL') {
      const token = fake.ignorePageToken ? null : url.searchParams.get('page_token');
      const size = Number(url.searchParams.get('page_size') ?? '100');
      const asc = url.searchParams.get('direction') === 'asc';
      const list = asc ? fills : [...fills].reverse();
      const from = token ? list.findIndex((f) => f.id === token) + 1 : 0;
      return reply(list.slice(from, from + size));
    }
    sendJson(res, { code: 40410000, message: `no route ${method} ${path}` }, 404);
  }

  const server = await startHttpFake((req, res) => {
    if (req.headers['apca-api-key-id'] !== ALPACA_KEY || req.headers['apca-api-secret-key'] !== ALPACA_SECRET) {
      return sendJson(res, { code: 40110000, message: 'request is not authorized' }, 401);
    }
    const key = `${req.method} ${req.url.pathname}`;
    const i = failures.findIndex((f) => f.route === key);
    const failure = i >= 0 ? failures.splice(i, 1)[0]?.failure : undefined;
    if (failure === 'rate_limit') return sendJson(res, { code: 42910000, message: 'rate limit exceeded' }, 429, { 'Retry-After': '2' });
    if (failure === 'lose_answer') return;
    if (failure === 'not_found') return notFound(res);
    if (failure === 'server_error') return sendJson(res, { message: 'internal server error' }, 500);
    route(req.method, req.url, req.body, res, failure === 'lose_answer_after_booking');
  });

  const fake: FakeAlpaca = {
    ...server,
    ignorePageToken: false,
    posts: () => posts,
    booked: () => orders.length,
    account,
    failNext: (r, failure) => void failures.push({ route: r, failure }),
    fill(clientOrderId, qty, price, time) {
      const o = orders.find((x) => x.client_order_id === clientOrderId);
      if (!o) throw new Error(`no order ${clientOrderId}`);
      const cum = Number(o.filled_qty) + qty;
      o.notional += qty * Number(price);
      o.filled_qty = String(cum);
      o.filled_avg_price = (o.notional / cum).toFixed(4);
      o.status = cum >= Number(o.qty) ? 'filled' : 'partially_filled';
      const p = positions.get(o.symbol) ?? { qty: 0, cost: 0 };
      positions.set(o.symbol, { qty: p.qty + (o.side === 'buy' ? qty : -qty), cost: p.cost + (o.side === 'buy' ? qty * Number(price) : -qty * (p.cost / p.qty)) });
      const stamp = time.replace(/\D/g, '').slice(0, 17);
      fills.push({
        id: `${stamp}::${String(fills.length + 1).padStart(8, '0')}-fake`, activity_type: 'FILL', transaction_time: time, type: o.status === 'filled' ? 'fill' : 'partial_fill',
        price, qty: String(qty), side: o.side, symbol: o.symbol, leaves_qty: String(Number(o.qty) - cum), order_id: o.id, cum_qty: String(cum), order_status: o.status,
      });
    },
  };
  return fake;
}
