/**
 * A live crypto venue through ccxt (Kraken by default; any exchange ccxt supports with client
 * order ids). ccxt is heavy, so it is imported on first use: building the venue does no I/O.
 * Orders pass `precheck` against the exchange's own precision and minimums before they are sent,
 * and `submitOnce` makes a repeated client order id answer with the order the exchange already
 * has. Our symbols become ccxt's unified ones here and nowhere else.
 */
import type { Exchange } from 'ccxt';
import { NeoLightError } from '../../core/errors.js';
import { TERMINAL_ORDER_STATES, type OrderRequest, type OrderStatus, type Venue, type VenueFill } from '../../core/venue.js';
import {
  ccxtOrderSchema, ccxtTradeSchema, decodeCursor, encodeCursor, orderStatus, parsedList, tradesAfter, venueBalances, venueFill,
  unifiedSymbol, type CcxtOrder, type CcxtTrade,
} from './ccxt-map.js';
import { venueClientId } from './client-ids.js';
import { authError, rejected, upstream } from './outcomes.js';
import { precheck } from './precheck.js';
import { realSleep, retryDelayMs, submitOnce, type Sleep } from './submit.js';

export interface CcxtVenueOptions {
  readonly exchangeId: string;
  readonly apiKey: string;
  readonly secret: string;
  /** Some exchanges need a passphrase besides key and secret. */
  readonly password?: string;
  /** Replaces ccxt's `urls.api` entries (e.g. { public, private } → http://127.0.0.1:PORT for tests). */
  readonly urls?: { readonly api: Readonly<Record<string, string>> };
  /** Per-request timeout (default 10 s). */
  readonly timeoutMs?: number;
  /** Retries after a rate-limit answer (default 3). */
  readonly rateLimitRetries?: number;
  /** Wait before looking an order up after a send timed out (default 2 s). */
  readonly settleMs?: number;
  readonly sleep?: Sleep;
  /** Most trade-history pages one fillsSince may read (default 200, i.e. 10,000 Kraken trades). */
  readonly maxTradePages?: number;
  /** Environment variables that hold the credentials, named in auth errors. */
  readonly credentialEnv?: readonly string[];
}

type Ccxt = (typeof import('ccxt'))['default'];
interface Handle {
  readonly ex: Exchange;
  readonly ccxt: Ccxt;
}

const KRAKEN_PAGE = 50;

export function createCcxtVenue(opts: CcxtVenueOptions): Venue {
  const name = `ccxt:${opts.exchangeId}`;
  const sleep = opts.sleep ?? realSleep;
  const credentialEnv = opts.credentialEnv ?? ['CCXT_API_KEY', 'CCXT_SECRET'];
  // Venue client id → ours, learned from every id we map, so fills and open orders carry our ids.
  const ours = new Map<string, string>();
  const byVenueOrderId = new Map<string, string>();
  let ready: Promise<Handle> | undefined;

  const toVenueId = (clientOrderId: string): string => {
    const v = venueClientId(opts.exchangeId, clientOrderId);
    ours.set(v, clientOrderId);
    return v;
  };
  const ourId = (o: CcxtOrder): string => {
    const v = o.clientOrderId ?? undefined;
    const id = v !== undefined ? (ours.get(v) ?? v) : `external:${o.id}`;
    byVenueOrderId.set(o.id, id);
    return id;
  };

  async function exchange(): Promise<Handle> {
    const starting = (ready ??= (async (): Promise<Handle> => {
      const mod = await import('ccxt');
      const ccxt = mod.default;
      const Ctor: unknown = Reflect.get(ccxt, opts.exchangeId);
      if (!ccxt.exchanges.includes(opts.exchangeId) || typeof Ctor !== 'function') {
        throw new NeoLightError('NL_ERR_BAD_CONFIG', `ccxt has no exchange "${opts.exchangeId}" (NEOLIGHT_CCXT_EXCHANGE); e.g. kraken, coinbase, binance`, {
          field: 'NEOLIGHT_CCXT_EXCHANGE', value: opts.exchangeId,
        });
      }
      const ex: unknown = Reflect.construct(Ctor, [{
        apiKey: opts.apiKey,
        secret: opts.secret,
        ...(opts.password ? { password: opts.password } : {}),
        timeout: opts.timeoutMs ?? 10_000,
        enableRateLimit: !opts.urls,
        ...(opts.urls ? { urls: { api: { ...opts.urls.api } } } : {}),
      }]);
      if (!(ex instanceof ccxt.Exchange)) throw new NeoLightError('NL_ERR_INTERNAL', `ccxt ${opts.exchangeId} did not construct an exchange`);
      await call({ ex, ccxt }, 'load markets', () => ex.loadMarkets());
      return { ex, ccxt };
    })());
    try {
      return await starting;
    } catch (err) {
      ready = undefined; // a failed start (network, keys) is retried on the next call
      throw err;
    }
  }

  /** One ccxt call: rate-limit answers are retried after Retry-After; failures become our errors. */
  async function call<T>(h: Handle, what: string, fn: () => Promise<T>): Promise<T> {
    const retries = opts.rateLimitRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (err instanceof h.ccxt.DDoSProtection && attempt < retries) {
          const headers: unknown = h.ex.last_response_headers;
          const retryAfter = typeof headers === 'object' && headers !== null ? Reflect.get(headers, 'Retry-After') : undefined;
          await sleep(retryDelayMs(typeof retryAfter === 'string' ? retryAfter : undefined, attempt, Date.now()));
          continue;
        }
        if (err instanceof h.ccxt.AuthenticationError) throw authError(name, credentialEnv, err);
        throw err instanceof h.ccxt.BaseError || !(err instanceof NeoLightError) ? upstream(name, what, err) : err;
      }
    }
  }

  async function lookup(clientOrderId: string): Promise<OrderStatus | undefined> {
    const h = await exchange();
    const params = { clientOrderId: toVenueId(clientOrderId) };
    const open = parsedList(ccxtOrderSchema, await call(h, 'open orders', () => h.ex.fetchOpenOrders(undefined, undefined, undefined, params)), name, 'open orders');
    const closed = open.length > 0 ? [] : parsedList(ccxtOrderSchema, await call(h, 'closed orders', () => h.ex.fetchClosedOrders(undefined, undefined, undefined, params)), name, 'closed orders');
    const found = [...open, ...closed].find((o) => o.clientOrderId === params.clientOrderId);
    return found ? orderStatus(found, clientOrderId) : undefined;
  }

  async function send(order: OrderRequest): Promise<OrderStatus> {
    const h = await exchange();
    const unified = unifiedSymbol(order.symbol);
    const market = h.ex.markets?.[unified];
    if (!market) return rejected(order, 'UNKNOWN_SYMBOL', `${name} lists no market ${unified}`);
    if (market.quote !== 'USD') return rejected(order, 'UNSUPPORTED_QUOTE', `${unified} is quoted in ${market.quote}; fills are accounted in USD cents`);
    let refPrice = order.limitPrice ?? 0;
    if (order.type === 'market') {
      const t = await call(h, `ticker ${order.symbol}`, () => h.ex.fetchTicker(unified));
      refPrice = (order.side === 'buy' ? t.ask : t.bid) ?? t.last ?? 0;
    }
    const validQty = Number.isFinite(order.qty) && order.qty > 0;
    const roundedQty = validQty ? Number(h.ex.amountToPrecision(unified, order.qty)) : 0;
    const check = precheck(order, { roundedQty, minQty: market.limits.amount?.min, minCost: market.limits.cost?.min }, refPrice);
    if (!check.ok) return rejected(order, check.code, check.detail);
    const price = order.type === 'limit' && order.limitPrice !== undefined ? Number(h.ex.priceToPrecision(unified, order.limitPrice)) : undefined;
    const clientOrderId = toVenueId(order.clientOrderId);
    try {
      const placed = await h.ex.createOrder(unified, order.type, order.side, check.qty, price, { clientOrderId });
      const [o] = parsedList(ccxtOrderSchema, [{ ...placed, symbol: placed.symbol ?? unified, side: placed.side ?? order.side, amount: placed.amount ?? check.qty, clientOrderId }], name, 'order');
      if (!o) throw new NeoLightError('NL_ERR_UPSTREAM', `${name}: empty answer to createOrder`);
      return orderStatus(o, order.clientOrderId);
    } catch (err) {
      if (err instanceof h.ccxt.InsufficientFunds) return rejected(order, order.side === 'buy' ? 'INSUFFICIENT_CASH' : 'INSUFFICIENT_POSITION', String(err));
      if (err instanceof h.ccxt.InvalidOrder) return rejected(order, 'VENUE_REJECTED', String(err));
      if (err instanceof h.ccxt.DDoSProtection || err instanceof h.ccxt.RequestTimeout || err instanceof h.ccxt.NetworkError) throw err;
      if (err instanceof h.ccxt.AuthenticationError) throw authError(name, credentialEnv, err);
      throw upstream(name, `order ${order.clientOrderId}`, err);
    }
  }

  async function fetchTrades(since: number | undefined): Promise<CcxtTrade[]> {
    const h = await exchange();
    const out: CcxtTrade[] = [];
    const maxPages = opts.maxTradePages ?? 200;
    // Kraken pages newest first: stopping early would keep the newest and lose the oldest fills
    // for good (the cursor moves past them), so running out of pages is an error, not a cut.
    for (let page = 0, ofs = 0; ; page++) {
      if (page === maxPages) {
        throw new NeoLightError('NL_ERR_UPSTREAM', `${name}: more than ${maxPages} pages of trades since the fills cursor; read them with a later starting cursor or raise maxTradePages`, { venue: name });
      }
      const params = opts.exchangeId === 'kraken' ? { ofs } : {};
      const raw = await call(h, 'trade history', () => h.ex.fetchMyTrades(undefined, since, undefined, params));
      const got = parsedList(ccxtTradeSchema, raw, name, 'trades');
      out.push(...got);
      if (opts.exchangeId !== 'kraken' || got.length < KRAKEN_PAGE) return out;
      ofs += got.length;
    }
  }

  async function clientIdsOf(trades: readonly CcxtTrade[]): Promise<void> {
    const unknown = [...new Set(trades.map((t) => t.order).filter((id): id is string => !!id && !byVenueOrderId.has(id)))];
    if (unknown.length === 0) return;
    const h = await exchange();
    const orders = parsedList(ccxtOrderSchema, await call(h, 'orders of fills', () => h.ex.fetchOrdersByIds(unknown)), name, 'orders');
    for (const o of orders) ourId(o);
  }

  return {
    name,
    simulated: false,
    async submit(order) {
      const h = await exchange();
      return submitOnce({
        venue: name,
        clientOrderId: order.clientOrderId,
        lookup: () => lookup(order.clientOrderId),
        send: () => call(h, `order ${order.clientOrderId}`, () => send(order)),
        isAmbiguous: (err) => err instanceof NeoLightError && err.cause instanceof h.ccxt.NetworkError && !(err.cause instanceof h.ccxt.DDoSProtection),
        sleep,
        settleMs: opts.settleMs ?? 2_000,
      });
    },
    async cancel(clientOrderId) {
      const before = await lookup(clientOrderId);
      if (!before?.venueOrderId || TERMINAL_ORDER_STATES.includes(before.state)) return before;
      const h = await exchange();
      const id = before.venueOrderId;
      await call(h, `cancel ${clientOrderId}`, () => h.ex.cancelOrder(id, unifiedSymbol(before.symbol)));
      return lookup(clientOrderId);
    },
    order: lookup,
    async openOrders() {
      const h = await exchange();
      const open = parsedList(ccxtOrderSchema, await call(h, 'open orders', () => h.ex.fetchOpenOrders()), name, 'open orders');
      return open.map((o) => orderStatus(o, ourId(o)));
    },
    async balances() {
      const h = await exchange();
      return venueBalances(await call(h, 'balance', () => h.ex.fetchBalance()), name);
    },
    async fillsSince(cursor) {
      const from = decodeCursor(cursor);
      // Kraken's `start` is whole seconds and exclusive: ask from a second earlier, the cursor dedupes.
      const trades = await fetchTrades(from ? Math.max(0, from.ts - 1000) : undefined);
      const next = tradesAfter(trades, from);
      await clientIdsOf(next.trades);
      const fills: VenueFill[] = next.trades.map((t) => venueFill(t, (t.order && byVenueOrderId.get(t.order)) ?? `external:${t.order ?? t.id}`));
      return { fills, cursor: next.cursor ? encodeCursor(next.cursor) : cursor };
    },
  };
}
