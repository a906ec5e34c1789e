/**
 * The live venues behind one port: the ccxt venue (fake Kraken) and the Alpaca venue (fake
 * Alpaca) routed by asset class, with merged balances and one fills cursor for both.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Venue } from '../../../src/core/venue.js';
import { createAlpacaVenue } from '../../../src/trading/venues/alpaca-venue.js';
import { createCcxtVenue } from '../../../src/trading/venues/ccxt-venue.js';
import { routedVenue } from '../../../src/trading/venues/routed-venue.js';
import { ALPACA_KEY, ALPACA_SECRET, startFakeAlpaca, type FakeAlpaca } from './fake-alpaca.js';
import { KRAKEN_KEY, KRAKEN_SECRET, startFakeKraken, type FakeKraken } from './fake-kraken.js';

let kraken: FakeKraken;
let alpaca: FakeAlpaca;
let venue: Venue;

beforeEach(async () => {
  [kraken, alpaca] = await Promise.all([startFakeKraken(), startFakeAlpaca()]);
  venue = routedVenue([
    { classes: ['crypto'], venue: createCcxtVenue({ exchangeId: 'kraken', apiKey: KRAKEN_KEY, secret: KRAKEN_SECRET, urls: { api: { public: kraken.baseUrl, private: kraken.baseUrl } } }) },
    { classes: ['equity', 'commodity'], venue: createAlpacaVenue({ keyId: ALPACA_KEY, secretKey: ALPACA_SECRET, baseUrl: alpaca.baseUrl }) },
  ]);
});
afterEach(() => Promise.all([kraken.close(), alpaca.close()]));

describe('routed live venue', () => {
  it('sends crypto to the exchange, ETFs to Alpaca, and rejects what no venue trades', async () => {
    expect(venue.name).toBe('ccxt:kraken+alpaca');
    expect(await venue.submit({ clientOrderId: 'b1', symbol: 'BTC-USD', side: 'buy', qty: 0.01, type: 'market' })).toMatchObject({ state: 'new' });
    expect(await venue.submit({ clientOrderId: 'g1', symbol: 'GLD', side: 'buy', qty: 2, type: 'market' })).toMatchObject({ state: 'new' });
    expect(await venue.submit({ clientOrderId: 'e1', symbol: 'EURUSD', side: 'buy', qty: 1000, type: 'market' })).toMatchObject({ state: 'rejected', code: 'NO_VENUE_FOR_SYMBOL' });
    expect([kraken.ordersReceived(), alpaca.booked()]).toEqual([1, 1]);
    expect(await venue.order('g1')).toMatchObject({ symbol: 'GLD', state: 'new' });
    expect(await venue.order('b1')).toMatchObject({ symbol: 'BTC-USD', state: 'new' });
    expect(await venue.order('e1')).toBeUndefined();
    expect((await venue.openOrders()).map((o) => o.clientOrderId).sort()).toEqual(['b1', 'g1']);
  });

  it('adds the venues cash, merges positions and reports each venue fill once through one cursor', async () => {
    await venue.submit({ clientOrderId: 'b1', symbol: 'BTC-USD', side: 'buy', qty: 0.01, type: 'market' });
    await venue.submit({ clientOrderId: 'g1', symbol: 'GLD', side: 'buy', qty: 2, type: 'market' });
    kraken.fill(kraken.txidOf('b1'), 0.01, '96000.0', '2.49600', 1_767_300_000);
    alpaca.fill('g1', 2, '240.125', '2026-01-01T20:40:01Z'); // 1 767 300 001 s: after the Kraken fill
    alpaca.account.cash = '9519.75';
    const b = await venue.balances();
    // Kraken: 10,000 − 960 − 2.496 = 9,037.504 → 903,750 cents (BalanceEx has 4 decimals); Alpaca 951,975.
    expect(b).toEqual({ cashCents: 903_750 + 951_975, positions: { 'BTC-USD': { qty: 0.01, avgPrice: 0 }, GLD: { qty: 2, avgPrice: 240.125 } } });
    const first = await venue.fillsSince(undefined);
    expect(first.fills.map((f) => [f.clientOrderId, f.notionalCents, f.feeCents])).toEqual([['b1', 96_000, 250], ['g1', 48_025, 0]]);
    expect((await venue.fillsSince(first.cursor)).fills).toEqual([]);
    await expect(venue.fillsSince('not-json')).rejects.toMatchObject({ code: 'NL_ERR_BAD_INPUT' });
  });
});
