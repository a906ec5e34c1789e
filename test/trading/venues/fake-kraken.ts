/**
 * A fake Kraken spot REST API on 127.0.0.1, answering the documented endpoints the ccxt venue
 * uses (docs.kraken.com/api-reference): public AssetPairs/Assets/Ticker/OHLC (what the crypto feed
 * reads), and private AddOrder,
 * OpenOrders, ClosedOrders (filter cl_ord_id), QueryOrders (txid list), CancelOrder (txid or
 * cl_ord_id), BalanceEx and TradesHistory (newest first, 50 a page, `start` exclusive seconds,
 * `ofs`). Private calls are authenticated like Kraken does it: API-Key header, and API-Sign =
 * base64(HMAC-SHA512(base64-decoded secret, URI path + SHA256(nonce + POST body))).
 * The test drives fills with `fill()` and injects failures with `failNext()`.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { sendJson, startHttpFake, type FakeRequest, type HttpFake } from './http-fake.js';

export const KRAKEN_KEY = 'test-kraken-key';
export const KRAKEN_SECRET = randomBytes(64).toString('base64');

const PAIR = 'XXBTZUSD';
const ALT = 'XBTUSD';

interface KOrder {
  readonly txid: string;
  readonly cl_ord_id: string | undefined;
  readonly type: 'buy' | 'sell';
  readonly ordertype: string;
  readonly vol: number;
  readonly limit: number | undefined;
  readonly opentm: number;
  status: 'open' | 'closed' | 'canceled';
  closetm?: number;
  volExec: number;
  cost: number;
  fee: number;
  readonly trades: string[];
}

interface KTrade {
  readonly id: string;
  readonly ordertxid: string;
  readonly time: number;
  readonly type: 'buy' | 'sell';
  readonly ordertype: string;
  readonly price: string;
  readonly vol: string;
  readonly cost: string;
  readonly fee: string;
}

interface Reply {
  readonly error: string[];
  readonly result?: unknown;
}

export type Failure = 'rate_limit' | 'lose_answer' | 'lose_answer_after_booking';

export interface FakeKraken extends HttpFake {
  /** AddOrder requests that reached the order book. */
  readonly ordersReceived: () => number;
  readonly balances: Record<string, number>;
  /** Fill `vol` of an order at `price` with a fee (USD string, Kraken's fee field) at time `time` (s). */
  fill(txid: string, vol: number, price: string, fee: string, time: number): void;
  txidOf(clOrdId: string): string;
  failNext(path: string, failure: Failure): void;
  addExternalTrade(vol: number, price: string, fee: string, time: number): void;
}

const fees = [[0, 0.26]];
const pairInfo = {
  altname: ALT, wsname: 'XBT/USD', aclass_base: 'currency', base: 'XXBT', aclass_quote: 'currency', quote: 'ZUSD', lot: 'unit', cost_decimals: 5,
  pair_decimals: 1, lot_decimals: 8, lot_multiplier: 1, leverage_buy: [], leverage_sell: [], fees, fees_maker: fees, fee_volume_currency: 'ZUSD',
  margin_call: 80, margin_stop: 40, ordermin: '0.0001', costmin: '0.5', tick_size: '0.1', status: 'online',
};
const ASK = 96500.1;

function sign(path: string, body: string, secret: string): string {
  const nonce = new URLSearchParams(body).get('nonce') ?? '';
  const hash = createHash('sha256').update(nonce + body).digest();
  return createHmac('sha512', Buffer.from(secret, 'base64')).update(Buffer.concat([Buffer.from(path), hash])).digest('base64');
}

export async function startFakeKraken(): Promise<FakeKraken> {
  const orders: KOrder[] = [];
  const trades: KTrade[] = [];
  const balances: Record<string, number> = { ZUSD: 10_000, XXBT: 0 };
  const failures: { path: string; failure: Failure }[] = [];
  let received = 0;
  let seq = 0;
  let lastNonce = 0;

  const renderOrder = (o: KOrder) => ({
    refid: null, userref: 0, ...(o.cl_ord_id ? { cl_ord_id: o.cl_ord_id } : {}), status: o.status, opentm: o.opentm, starttm: 0, expiretm: 0,
    ...(o.closetm ? { closetm: o.closetm } : {}),
    descr: { pair: ALT, type: o.type, ordertype: o.ordertype, price: o.limit?.toFixed(1) ?? '0', price2: '0', leverage: 'none', order: `${o.type} ${o.vol.toFixed(8)} ${ALT} @ ${o.ordertype}`, close: '' },
    vol: o.vol.toFixed(8), vol_exec: o.volExec.toFixed(8), cost: o.cost.toFixed(5), fee: o.fee.toFixed(5), price: (o.volExec > 0 ? o.cost / o.volExec : 0).toFixed(5),
    stopprice: '0.00000', limitprice: '0.00000', misc: '', oflags: 'fciq', trades: o.trades,
  });
  const ok = (result: unknown): Reply => ({ error: [], result });
  const err = (e: string): Reply => ({ error: [e] });

  const privateRoutes: Record<string, (p: URLSearchParams) => Reply> = {
    AddOrder(p) {
      received++;
      const type = p.get('type') === 'sell' ? 'sell' : 'buy';
      const vol = Number(p.get('volume'));
      const limit = p.get('price') ? Number(p.get('price')) : undefined;
      const clOrdId = p.get('cl_ord_id') ?? undefined;
      if (p.get('pair') !== PAIR) return err('EQuery:Unknown asset pair');
      if (vol < Number(pairInfo.ordermin)) return err('EOrder:Order minimum not met');
      // Kraken enforces cl_ord_id uniqueness across open orders (docs: Spot Client Order Identifiers).
      if (clOrdId && orders.some((o) => o.cl_ord_id === clOrdId && o.status === 'open')) return err('EOrder:Duplicate order');
      const need = type === 'buy' ? vol * (limit ?? ASK) : vol;
      const have = type === 'buy' ? (balances.ZUSD ?? 0) : (balances.XXBT ?? 0);
      if (need > have) return err('EOrder:Insufficient funds');
      const txid = `O${String(++seq).padStart(5, '0')}-FAKE-KRAKEN`;
      orders.push({ txid, cl_ord_id: clOrdId, type, ordertype: p.get('ordertype') ?? 'market', vol, limit, opentm: 1_767_225_600 + seq, status: 'open', volExec: 0, cost: 0, fee: 0, trades: [] });
      return ok({ descr: { order: `${type} ${vol.toFixed(8)} ${ALT} @ ${p.get('ordertype')}` }, txid: [txid] });
    },
    OpenOrders(p) {
      const cl = p.get('cl_ord_id');
      return ok({ open: Object.fromEntries(orders.filter((o) => o.status === 'open' && (!cl || o.cl_ord_id === cl)).map((o) => [o.txid, renderOrder(o)])) });
    },
    ClosedOrders(p) {
      const cl = p.get('cl_ord_id');
      const closed = orders.filter((o) => o.status !== 'open' && (!cl || o.cl_ord_id === cl));
      return ok({ closed: Object.fromEntries(closed.map((o) => [o.txid, renderOrder(o)])), count: closed.length });
    },
    QueryOrders(p) {
      const ids = (p.get('txid') ?? '').split(',');
      return ok(Object.fromEntries(orders.filter((o) => ids.includes(o.txid)).map((o) => [o.txid, renderOrder(o)])));
    },
    CancelOrder(p) {
      const o = orders.find((x) => x.txid === p.get('txid') || (p.get('cl_ord_id') && x.cl_ord_id === p.get('cl_ord_id')));
      if (!o || o.status !== 'open') return err('EOrder:Unknown order');
      o.status = 'canceled';
      o.closetm = o.opentm + 1;
      return ok({ count: 1 });
    },
    BalanceEx() {
      return ok(Object.fromEntries(Object.entries(balances).map(([k, v]) => [k, { balance: v.toFixed(k === 'ZUSD' ? 4 : 10), hold_trade: '0.0000' }])));
    },
    TradesHistory(p) {
      const start = p.get('start') ? Number(p.get('start')) : undefined;
      const ofs = Number(p.get('ofs') ?? '0');
      const sel = trades.filter((t) => start === undefined || t.time > start).sort((a, b) => b.time - a.time);
      const page = sel.slice(ofs, ofs + 50);
      return ok({
        trades: Object.fromEntries(page.map((t) => [t.id, { ordertxid: t.ordertxid, postxid: 'TKH2SE-M7IF5-CFI7LT', pair: PAIR, time: t.time, type: t.type, ordertype: t.ordertype, price: t.price, cost: t.cost, fee: t.fee, vol: t.vol, margin: '0.00000', leverage: '0', misc: '', trade_id: 1, maker: false }])),
        count: sel.length,
      });
    },
  };

  const publicRoutes: Record<string, (p: URLSearchParams) => Reply> = {
    Assets: () => ok({
      XXBT: { aclass: 'currency', altname: 'XBT', decimals: 10, display_decimals: 5, status: 'enabled' },
      ZUSD: { aclass: 'currency', altname: 'USD', decimals: 4, display_decimals: 2, status: 'enabled' },
    }),
    AssetPairs: () => ok({ [PAIR]: pairInfo }),
    Ticker: () => ok({
      [PAIR]: { a: [String(ASK), '1', '1.000'], b: ['96499.9', '2', '2.000'], c: ['96500.0', '0.01'], v: ['1', '2'], p: ['96000.0', '95500.0'], t: [1, 2], l: ['94000.0', '93000.0'], h: ['97000.0', '97500.0'], o: '95000.0' },
    }),
    // Candles of `interval` minutes from `since` up to now (at most 720, as Kraken serves), on a deterministic wave.
    OHLC: (p) => {
      const step = Number(p.get('interval') ?? '1') * 60;
      const since = Number(p.get('since') ?? '0');
      const first = Math.max(Math.ceil(since / step), Math.floor(Date.now() / 1000 / step) - 719) * step;
      const rows: unknown[] = [];
      for (let t = first; t <= Date.now() / 1000; t += step) {
        const close = ASK * (1 + 0.02 * Math.sin(t / step));
        rows.push([t, close.toFixed(1), (close * 1.01).toFixed(1), (close * 0.99).toFixed(1), close.toFixed(1), close.toFixed(1), '10.00000000', 100]);
      }
      return ok({ [PAIR]: rows, last: first + (rows.length - 1) * step });
    },
  };

  const server = await startHttpFake((req: FakeRequest, res) => {
    const path = req.url.pathname;
    const failure = failures.findIndex((f) => f.path === path);
    const f = failure >= 0 ? failures.splice(failure, 1)[0] : undefined;
    if (f?.failure === 'rate_limit') return sendJson(res, { error: ['EAPI:Rate limit exceeded'] }, 429, { 'Retry-After': '1' });
    if (f?.failure === 'lose_answer') return; // no answer: the client times out
    const pub = /^\/0\/public\/(\w+)$/.exec(path);
    const pubRoute = pub?.[1] ? publicRoutes[pub[1]] : undefined;
    if (pubRoute) return sendJson(res, pubRoute(req.url.searchParams));
    const priv = /^\/0\/private\/(\w+)$/.exec(path);
    const route = priv?.[1] ? privateRoutes[priv[1]] : undefined;
    if (!route || req.method !== 'POST') return sendJson(res, { error: ['EGeneral:Unknown method'] }, 404);
    if (req.headers['api-key'] !== KRAKEN_KEY) return sendJson(res, err('EAPI:Invalid key'));
    if (req.headers['api-sign'] !== sign(path, req.body, KRAKEN_SECRET)) return sendJson(res, err('EAPI:Invalid signature'));
    const params = new URLSearchParams(req.body);
    const nonce = Number(params.get('nonce'));
    // Kraken wants increasing nonces; two test instances may share a millisecond, so equal passes.
    if (!Number.isFinite(nonce) || nonce < lastNonce) return sendJson(res, err('EAPI:Invalid nonce'));
    lastNonce = nonce;
    const reply = route(params);
    // The order is booked, but its answer is lost on the way back (the client times out).
    if (f?.failure === 'lose_answer_after_booking') return;
    sendJson(res, reply);
  });

  return {
    ...server,
    ordersReceived: () => received,
    balances,
    txidOf: (cl) => orders.find((o) => o.cl_ord_id === cl)?.txid ?? '',
    failNext: (path, failure) => void failures.push({ path, failure }),
    fill(txid, vol, price, fee, time) {
      const o = orders.find((x) => x.txid === txid);
      if (!o) throw new Error(`no order ${txid}`);
      const cost = vol * Number(price);
      const id = `T${String(trades.length + 1).padStart(5, '0')}-FAKE-TRADE`;
      trades.push({ id, ordertxid: txid, time, type: o.type, ordertype: o.ordertype, price, vol: vol.toFixed(8), cost: cost.toFixed(5), fee });
      o.trades.push(id);
      o.volExec += vol;
      o.cost += cost;
      o.fee += Number(fee);
      if (o.volExec >= o.vol - 1e-12) {
        o.status = 'closed';
        o.closetm = time;
      }
      const sign = o.type === 'buy' ? 1 : -1;
      balances.ZUSD = (balances.ZUSD ?? 0) - sign * cost - Number(fee);
      balances.XXBT = (balances.XXBT ?? 0) + sign * vol;
    },
    addExternalTrade(vol, price, fee, time) {
      const id = `T${String(trades.length + 1).padStart(5, '0')}-FAKE-TRADE`;
      trades.push({ id, ordertxid: 'OMANUAL-BY-HAND', time, type: 'buy', ordertype: 'limit', price, vol: vol.toFixed(8), cost: (vol * Number(price)).toFixed(5), fee });
    },
  };
}
