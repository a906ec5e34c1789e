/**
 * A live venue for US ETFs on Alpaca's Trading API v2 (paper endpoint by default). Orders are
 * checked before sending (positive whole shares, a positive penny limit price), carry our client
 * order id as Alpaca's `client_order_id` (unique across all the account's orders), and go through
 * `submitOnce`: looked up by client id first, and looked up again after a send whose answer was
 * lost. Fills come from the FILL activities, oldest first, paged with page_token; the cursor is
 * the last activity id, so each fill is reported once.
 */
import { z } from 'zod';
import { NeoLightError } from '../../core/errors.js';
import { TERMINAL_ORDER_STATES, type OrderRequest, type OrderStatus, type Venue, type VenueFill } from '../../core/venue.js';
import { alpacaFillSchema, alpacaOrderSchema, balances, orderStatus, parsed, venueFill } from './alpaca-map.js';
import { ALPACA_VENUE, alpacaHttp, alpacaMessage, mayHaveReachedVenue, unexpected, type AlpacaRequest } from './alpaca-http.js';
import { rejected, type VenueRejectCode } from './outcomes.js';
import { realSleep, submitOnce, type Sleep } from './submit.js';

export const ALPACA_PAPER_URL = 'https://paper-api.alpaca.markets';

export interface AlpacaVenueOptions {
  readonly keyId: string;
  readonly secretKey: string;
  /** Default: the paper endpoint. */
  readonly baseUrl?: string;
  /** Per-request timeout (default 10 s). */
  readonly timeoutMs?: number;
  /** Retries after a 429 (default 3). */
  readonly rateLimitRetries?: number;
  /** Wait before looking an order up after a send's answer was lost (default 2 s). */
  readonly settleMs?: number;
  readonly sleep?: Sleep;
}

const PAGE = 100;
const MAX_CLIENT_ID = 128;

/** Pure pre-send checks for an Alpaca equity order. */
export function alpacaPrecheck(order: OrderRequest): { code: VenueRejectCode; detail: string } | undefined {
  if (!Number.isFinite(order.qty) || order.qty <= 0) return { code: 'INVALID_QTY', detail: `qty ${order.qty} must be a positive number` };
  if (!Number.isInteger(order.qty)) return { code: 'LOT_SIZE', detail: `qty ${order.qty} is not a whole number of shares` };
  if (order.type === 'limit') {
    const p = order.limitPrice;
    if (p === undefined || !Number.isFinite(p) || p <= 0) return { code: 'INVALID_LIMIT', detail: `limit order needs a positive limitPrice, got ${p}` };
    if (Math.abs(p * 100 - Math.round(p * 100)) > 1e-6) return { code: 'INVALID_LIMIT', detail: `limitPrice ${p} is finer than a cent` };
  }
  return undefined;
}

function insufficient(order: OrderRequest, message: string): OrderStatus {
  return rejected(order, order.side === 'buy' ? 'INSUFFICIENT_CASH' : 'INSUFFICIENT_POSITION', message);
}

export function createAlpacaVenue(opts: AlpacaVenueOptions): Venue {
  const sleep = opts.sleep ?? realSleep;
  const request: AlpacaRequest = alpacaHttp({
    baseUrl: opts.baseUrl ?? ALPACA_PAPER_URL,
    keyId: opts.keyId,
    secretKey: opts.secretKey,
    timeoutMs: opts.timeoutMs ?? 10_000,
    rateLimitRetries: opts.rateLimitRetries ?? 3,
    sleep,
  });
  const clientIdOfOrder = new Map<string, string>();

  async function lookup(clientOrderId: string): Promise<OrderStatus | undefined> {
    const a = await request('GET', '/v2/orders:by_client_order_id', { client_order_id: clientOrderId });
    if (a.status === 404) return undefined;
    if (a.status !== 200) throw unexpected(`order ${clientOrderId}`, a);
    const o = parsed(alpacaOrderSchema, a.body, 'order');
    clientIdOfOrder.set(o.id, o.client_order_id);
    return orderStatus(o);
  }

  async function send(order: OrderRequest): Promise<OrderStatus> {
    const a = await request('POST', '/v2/orders', undefined, {
      symbol: order.symbol,
      qty: String(order.qty),
      side: order.side,
      type: order.type,
      time_in_force: 'day',
      ...(order.type === 'limit' && order.limitPrice !== undefined ? { limit_price: order.limitPrice.toFixed(2) } : {}),
      client_order_id: order.clientOrderId,
    });
    const message = alpacaMessage(a.body);
    if (a.status === 200 || a.status === 201) return orderStatus(parsed(alpacaOrderSchema, a.body, 'order'));
    if (a.status === 403 && /insufficient/i.test(message)) return insufficient(order, message);
    if (a.status === 422 && /client_order_id/i.test(message) && /unique/i.test(message)) {
      // An earlier send we lost the answer to did arrive: that order is the answer.
      const found = await lookup(order.clientOrderId);
      if (found) return found;
    }
    if (a.status === 403 || a.status === 422) return rejected(order, 'VENUE_REJECTED', `HTTP ${a.status} ${message}`);
    throw unexpected(`order ${order.clientOrderId}`, a);
  }

  async function clientIdOf(orderId: string): Promise<string> {
    const known = clientIdOfOrder.get(orderId);
    if (known) return known;
    const a = await request('GET', `/v2/orders/${encodeURIComponent(orderId)}`);
    if (a.status === 404) return `external:${orderId}`;
    if (a.status !== 200) throw unexpected(`order ${orderId}`, a);
    const o = parsed(alpacaOrderSchema, a.body, 'order');
    clientIdOfOrder.set(o.id, o.client_order_id);
    return o.client_order_id;
  }

  return {
    name: ALPACA_VENUE,
    simulated: false,
    async submit(order) {
      if (order.clientOrderId.length === 0 || order.clientOrderId.length > MAX_CLIENT_ID) {
        throw new NeoLightError('NL_ERR_BAD_INPUT', `clientOrderId must be 1 to ${MAX_CLIENT_ID} characters for Alpaca, got ${order.clientOrderId.length}`, {
          field: 'clientOrderId', value: order.clientOrderId,
        });
      }
      const bad = alpacaPrecheck(order);
      if (bad) return rejected(order, bad.code, bad.detail);
      return submitOnce({
        venue: ALPACA_VENUE,
        clientOrderId: order.clientOrderId,
        lookup: () => lookup(order.clientOrderId),
        send: () => send(order),
        isAmbiguous: mayHaveReachedVenue,
        sleep,
        settleMs: opts.settleMs ?? 2_000,
      });
    },
    async cancel(clientOrderId) {
      const before = await lookup(clientOrderId);
      if (!before?.venueOrderId || TERMINAL_ORDER_STATES.includes(before.state)) return before;
      const a = await request('DELETE', `/v2/orders/${encodeURIComponent(before.venueOrderId)}`);
      // 422: no longer cancelable (it filled meanwhile); the look-up below tells which.
      if (a.status !== 204 && a.status !== 200 && a.status !== 422) throw unexpected(`cancel ${clientOrderId}`, a);
      return lookup(clientOrderId);
    },
    order: lookup,
    async openOrders() {
      const a = await request('GET', '/v2/orders', { status: 'open', limit: '500', direction: 'asc' });
      if (a.status !== 200) throw unexpected('open orders', a);
      return parsed(z.array(alpacaOrderSchema), a.body, 'open orders').map((o) => {
        clientIdOfOrder.set(o.id, o.client_order_id);
        return orderStatus(o);
      });
    },
    async balances() {
      const [account, positions] = await Promise.all([request('GET', '/v2/account'), request('GET', '/v2/positions')]);
      if (account.status !== 200) throw unexpected('account', account);
      if (positions.status !== 200) throw unexpected('positions', positions);
      return balances(account.body, positions.body);
    },
    async fillsSince(cursor) {
      const fills: VenueFill[] = [];
      let token = cursor;
      for (;;) {
        const a = await request('GET', '/v2/account/activities/FILL', { direction: 'asc', page_size: String(PAGE), ...(token ? { page_token: token } : {}) });
        if (a.status !== 200) throw unexpected('fill activities', a);
        const page = parsed(z.array(alpacaFillSchema), a.body, 'fill activities');
        for (const f of page) fills.push(venueFill(f, await clientIdOf(f.order_id)));
        const last = page.at(-1)?.id;
        if (page.length === PAGE && (last === undefined || last === token)) {
          throw new NeoLightError('NL_ERR_UPSTREAM', `alpaca: FILL activities did not advance past page_token ${token}`, { venue: ALPACA_VENUE });
        }
        token = last ?? token;
        if (page.length < PAGE) break;
      }
      return { fills, cursor: token };
    },
  };
}
