/**
 * A fake StockX Public API v2 on 127.0.0.1 (port 0) answering as its OpenAPI documents the seller
 * side: both credentials on every request (401 PublicApiError otherwise), listings created,
 * repriced and deleted as asynchronous operations (`ListingAsyncOperationResponse`, PENDING) that
 * `GET /selling/listings/{listingId}/operations/{operationId}` (`OperationApi`) reports PENDING for
 * `opPlan.pendingPolls` reads and then SUCCEEDED — or FAILED with `opPlan.error`, in which case the
 * change is not made (a failed create leaves no ask) —, listings read and searched (`Listings`
 * pages), and the account's orders (`Orders` pages, active and history, `pageNumber`/`pageSize` up
 * to 100, `hasNextPage`). Tests queue non-documented answers (a 429, a 401, a malformed body, a
 * dropped connection) ahead of the documented behaviour.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeListing {
  variantId: string;
  amount: string;
  status: string;
  createdAt: string;
  active: boolean | undefined;
}

export interface FakeOrder {
  orderNumber: string;
  listingId: string;
  amount: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  payout?: { totalPayout: string; salePrice: string; totalAdjustments: string; currencyCode: string; adjustments: unknown[] } | null;
}

export interface FakeOperation {
  listingId: string;
  type: 'CREATE' | 'UPDATE' | 'DELETE';
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED';
  /** PENDING answers left before it ends. */
  pendingPolls: number;
  error: string | null;
  /** The change, made when the operation succeeds. */
  apply: () => void;
  createdAt: string;
}

/** Answer the request (return true) or let the documented behaviour answer it (false). */
export type Override = (req: IncomingMessage, body: string, res: ServerResponse) => boolean;

export interface FakeStockx {
  base: string;
  listings: Map<string, FakeListing>;
  orders: { active: FakeOrder[]; history: FakeOrder[] };
  seen: { method: string; path: string; query: URLSearchParams; body: string }[];
  queued: Override[];
  /** The listing create calls that reached the documented behaviour. */
  creates: number;
  operations: Map<string, FakeOperation>;
  /** How the operations created from now on end: after how many PENDING polls, and with which error (FAILED) if any. */
  opPlan: { pendingPolls: number; error?: string };
  close(): Promise<void>;
}

export const API_KEY = 'key-1';
export const TOKEN = 'token-1';

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): true {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
  return true;
}

export async function fakeStockx(now: () => number = () => Date.now()): Promise<FakeStockx> {
  const f: Omit<FakeStockx, 'base' | 'close'> = { listings: new Map(), orders: { active: [], history: [] }, seen: [], queued: [], creates: 0, operations: new Map(), opPlan: { pendingPolls: 0 } };
  const opBody = (operationId: string, o: FakeOperation) => ({
    listingId: o.listingId, operationId, operationType: o.type, operationStatus: o.status, operationInitiatedBy: 'USER', operationInitiatedVia: 'PUBLIC-API',
    createdAt: o.createdAt, updatedAt: new Date(now()).toISOString(), changes: { additions: {}, updates: {}, removals: {} }, error: o.error,
  });
  /** A new operation, PENDING, answered as ListingAsyncOperationResponse. */
  const op = (listingId: string, type: FakeOperation['type'], apply: () => void) => {
    const id = `op-${f.operations.size + 1}`;
    const o: FakeOperation = { listingId, type, status: 'PENDING', pendingPolls: f.opPlan.pendingPolls, error: null, apply, createdAt: new Date(now()).toISOString() };
    f.operations.set(id, o);
    return { ...opBody(id, o), operationUrl: `https://api.stockx.com/v2/selling/listings/${listingId}/operations/${id}` };
  };
  /** One read of an operation: PENDING while polls are left, then it ends as planned (once). */
  const poll = (o: FakeOperation): void => {
    if (o.status !== 'PENDING') return;
    if (o.pendingPolls > 0) {
      o.pendingPolls--;
      return;
    }
    if (f.opPlan.error === undefined) {
      o.status = 'SUCCEEDED';
      o.apply();
    } else {
      o.status = 'FAILED';
      o.error = f.opPlan.error;
      if (o.type === 'CREATE') f.listings.delete(o.listingId);
    }
  };
  const page = <T>(items: T[], q: URLSearchParams, key: string) => {
    const size = Number(q.get('pageSize') ?? 10);
    const n = Number(q.get('pageNumber') ?? 1);
    return { count: items.length, pageSize: size, pageNumber: n, hasNextPage: n * size < items.length, [key]: items.slice((n - 1) * size, n * size) };
  };

  function documented(req: IncomingMessage, body: string, res: ServerResponse, url: URL): void {
    if (req.headers['x-api-key'] !== API_KEY || req.headers.authorization !== `Bearer ${TOKEN}`) {
      json(res, 401, { statusCode: 401, message: 'Unauthorized' });
      return;
    }
    const q = url.searchParams;
    const size = q.get('pageSize');
    if (size !== null && !(Number.isInteger(Number(size)) && Number(size) >= 1 && Number(size) <= 100)) {
      json(res, 400, { statusCode: 400, message: `pageSize must be an integer from 1 to 100, got ${size}` });
      return;
    }
    const one = /^\/v2\/selling\/listings\/([^/]+)$/.exec(url.pathname);
    const operation = /^\/v2\/selling\/listings\/([^/]+)\/operations\/([^/]+)$/.exec(url.pathname);
    if (url.pathname === '/v2/selling/listings' && req.method === 'POST') {
      const b = JSON.parse(body) as { amount: string; variantId: string; active?: boolean };
      const id = `0000000${f.listings.size + 1}-8000-45bf-a624-5531d6a68318`;
      f.creates++;
      f.listings.set(id, { variantId: b.variantId, amount: b.amount, status: b.active === false ? 'INACTIVE' : 'ACTIVE', createdAt: new Date(now()).toISOString(), active: b.active });
      json(res, 201, op(id, 'CREATE', () => undefined));
    } else if (url.pathname === '/v2/selling/listings' && req.method === 'GET') {
      const variants = q.get('variantIds')?.split(',');
      const statuses = q.get('listingStatuses')?.split(',');
      const found = [...f.listings]
        .filter(([, l]) => (!variants || variants.includes(l.variantId)) && (!statuses || statuses.includes(l.status)))
        .map(([listingId, l]) => ({ listingId, status: l.status, amount: l.amount, currencyCode: 'USD', inventoryType: 'STANDARD', createdAt: l.createdAt, updatedAt: l.createdAt }));
      json(res, 200, page(found, q, 'listings'));
    } else if (operation && req.method === 'GET' && f.operations.get(operation[2]!)?.listingId === operation[1]) {
      const o = f.operations.get(operation[2]!)!;
      poll(o);
      json(res, 200, opBody(operation[2]!, o));
    } else if (one && f.listings.has(one[1]!)) {
      const l = f.listings.get(one[1]!)!;
      if (req.method === 'PATCH') {
        const amount = (JSON.parse(body) as { amount: string }).amount;
        json(res, 200, op(one[1]!, 'UPDATE', () => void (l.amount = amount)));
      } else if (req.method === 'DELETE') json(res, 200, op(one[1]!, 'DELETE', () => void (l.status = 'DELETED')));
      else json(res, 200, { listingId: one[1], status: l.status, amount: l.amount, currencyCode: 'USD', inventoryType: 'STANDARD', createdAt: l.createdAt, updatedAt: l.createdAt });
    } else if (url.pathname === '/v2/selling/orders/active' && req.method === 'GET') {
      json(res, 200, page(f.orders.active.map(full), q, 'orders'));
    } else if (url.pathname === '/v2/selling/orders/history' && req.method === 'GET') {
      const from = q.get('fromDate');
      json(res, 200, page(f.orders.history.filter((o) => !from || o.createdAt.slice(0, 10) >= from).map(full), q, 'orders'));
    } else json(res, 404, { statusCode: 404, message: 'Not Found' });
  }

  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      f.seen.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, body });
      const next = f.queued.shift();
      if (!next || !next(req, body, res)) documented(req, body, res, url);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return Object.assign(f, {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  });
}

/** An order as the ListOrders schema documents it (the fields the test does not set, filled in). */
function full(o: FakeOrder) {
  return {
    askId: `ask-${o.orderNumber}`, currencyCode: 'USD', product: { productId: 'p-1', productName: 'Air Jordan 1', styleId: 'DZ5485-612' },
    variant: { variantId: 'v-1', variantName: 'air-jordan-1:10', variantValue: '10' }, authenticationDetails: { status: null, failureNotes: null },
    inventoryType: 'STANDARD', condition: null, conditionDescription: null, ...o,
  };
}
