import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkBet } from '../../../src/ventures/sports/betfair/controls.js';
import { betfairExchange, customerRef } from '../../../src/ventures/sports/betfair/exchange.js';
import { betfairHttp, retryDelay } from '../../../src/ventures/sports/betfair/http.js';

type Reply = { status?: number; body: unknown; headers?: Record<string, string>; raw?: string };
type Handler = (body: string, req: IncomingMessage) => Reply;

let server: Server;
let base = '';
const seen: { path: string; body: string; headers: IncomingMessage['headers'] }[] = [];
let handlers: Record<string, Handler[]> = {};

function reply(res: ServerResponse, r: Reply) {
  res.writeHead(r.status ?? 200, { 'content-type': 'application/json', ...r.headers });
  res.end(r.raw ?? JSON.stringify(r.body));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const path = req.url ?? '';
      seen.push({ path, body, headers: req.headers });
      const queue = handlers[path];
      const h = queue && queue.length > 1 ? queue.shift() : queue?.[0];
      if (!h) return reply(res, { status: 404, body: { error: `no handler for ${path}` } });
      reply(res, h(body, req));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const NOW = Date.parse('2026-11-29T12:00:00Z');
const sleeps: number[] = [];
const LOGIN_OK: Handler = () => ({ body: { token: `tok-${seen.filter((s) => s.path === '/api/login').length}`, product: 'app', status: 'SUCCESS', error: '' } });
const CATALOGUE: Handler = () => ({
  body: [
    {
      marketId: '1.234',
      marketName: 'Match Odds',
      marketStartTime: '2026-11-30T15:00:00.000Z',
      event: { name: 'Arsenal v Chelsea' },
      competition: { name: 'English Premier League' },
      runners: [
        { selectionId: 11, runnerName: 'Arsenal', sortPriority: 1 },
        { selectionId: 22, runnerName: 'Chelsea', sortPriority: 2 },
        { selectionId: 58805, runnerName: 'The Draw', sortPriority: 3 },
      ],
    },
  ],
});
const book = (status = 'OPEN', inplay = false): Handler => () => ({
  body: [
    {
      marketId: '1.234',
      status,
      inplay,
      runners: [
        { selectionId: 11, status: 'ACTIVE', ex: { availableToBack: [{ price: 2.1, size: 500 }] } },
        { selectionId: 22, status: 'ACTIVE', ex: { availableToBack: [{ price: 3.6, size: 300 }] } },
        { selectionId: 58805, status: 'ACTIVE', ex: { availableToBack: [{ price: 3.5, size: 200 }] } },
      ],
    },
  ],
});
const SESSION_EXPIRED: Handler = () => ({ status: 400, body: { detail: { APINGException: { errorCode: 'INVALID_SESSION_INFORMATION', errorDetails: 'session expired', requestUUID: 'x' } }, faultcode: 'Client', faultstring: 'ANGX-0003' } });

function exchange(over: Partial<Parameters<typeof betfairExchange>[1]> = {}) {
  const call = betfairHttp({ loginUrl: `${base}/api/login`, bettingUrl: `${base}/exchange/betting/rest/v1.0`, appKey: 'APPKEY', username: 'me', password: 's3cret-pw', timeoutMs: 2000, retries: 2, sleep: async (ms) => void sleeps.push(ms) });
  return { call, ex: betfairExchange(call, { liveBetting: true, minStakeCents: 200, allowInPlay: false, maxExposureCents: 50_000, maxTransactionsPerHour: 100, commission: 0.05, ...over }) };
}

const P = '/exchange/betting/rest/v1.0';
beforeEach(() => {
  seen.length = 0;
  sleeps.length = 0;
  handlers = { '/api/login': [LOGIN_OK], [`${P}/listMarketCatalogue/`]: [CATALOGUE], [`${P}/listMarketBook/`]: [book()] };
});

describe('Betfair connector against a fake API-NG on 127.0.0.1', () => {
  it('logs in (form post with the app key) and lists MATCH_ODDS markets with home, away and draw prices', async () => {
    const { ex } = exchange();
    const [m] = await ex.listMarkets(NOW);
    expect(m).toMatchObject({ marketId: '1.234', home: 'Arsenal', away: 'Chelsea', league: 'English Premier League', status: 'OPEN', inPlay: false, kickoff: '2026-11-30T15:00:00.000Z' });
    expect(m?.prices).toEqual([
      { book: 'betfair', selection: 'home', decimalOdds: 2.1, commission: 0.05 },
      { book: 'betfair', selection: 'away', decimalOdds: 3.6, commission: 0.05 },
      { book: 'betfair', selection: 'draw', decimalOdds: 3.5, commission: 0.05 },
    ]);
    const login = seen.find((s) => s.path === '/api/login');
    expect(login?.headers['x-application']).toBe('APPKEY');
    expect(login?.body).toBe('username=me&password=s3cret-pw');
    const cat = seen.find((s) => s.path.endsWith('/listMarketCatalogue/'));
    expect(cat?.headers['x-authentication']).toBe('tok-1');
    expect(JSON.parse(cat?.body ?? '{}')).toMatchObject({ filter: { eventTypeIds: ['1'], marketTypeCodes: ['MATCH_ODDS'] } });
  });

  it('places a matched back bet as a LIMIT fill-or-kill order in currency units', async () => {
    handlers[`${P}/placeOrders/`] = [() => ({ body: { status: 'SUCCESS', marketId: '1.234', instructionReports: [{ status: 'SUCCESS', betId: '3141', orderStatus: 'EXECUTION_COMPLETE', averagePriceMatched: 2.12, sizeMatched: 12.5 }] } })];
    const { ex } = exchange();
    await ex.listMarkets(NOW);
    const r = await ex.placeBet({ marketId: '1.234', book: 'betfair', selection: 'draw', decimalOdds: 3.5, stakeCents: 1250, customerRef: 'sports_betting:sim:1.234:draw' }, NOW);
    expect(r).toEqual({ status: 'MATCHED', betId: '3141', decimalOdds: 2.12, stakeCents: 1250 });
    const sent = JSON.parse(seen.find((s) => s.path.endsWith('/placeOrders/'))?.body ?? '{}') as { instructions: unknown[]; customerRef: string };
    expect(sent.instructions).toEqual([{ selectionId: 58805, handicap: 0, side: 'BACK', orderType: 'LIMIT', limitOrder: { size: 12.5, price: 3.5, persistenceType: 'LAPSE', timeInForce: 'FILL_OR_KILL' } }]);
    expect(sent.customerRef.length).toBeLessThanOrEqual(32);
  });

  it('a rejected order (INSUFFICIENT_FUNDS) is REJECTED with the exchange code', async () => {
    handlers[`${P}/placeOrders/`] = [() => ({ body: { status: 'FAILURE', errorCode: 'INSUFFICIENT_FUNDS', marketId: '1.234', instructionReports: [{ status: 'FAILURE', errorCode: 'ERROR_IN_ORDER' }] } })];
    const { ex } = exchange();
    await ex.listMarkets(NOW);
    expect(await ex.placeBet({ marketId: '1.234', book: 'betfair', selection: 'home', decimalOdds: 2.1, stakeCents: 1000, customerRef: 'r' }, NOW)).toMatchObject({ status: 'REJECTED', code: 'ERROR_IN_ORDER' });
  });

  it('a lapsed bet: nothing matched at the limit (EXPIRED), and a price improvement too large', async () => {
    handlers[`${P}/placeOrders/`] = [
      () => ({ body: { status: 'SUCCESS', instructionReports: [{ status: 'SUCCESS', betId: '9', orderStatus: 'EXPIRED', sizeMatched: 0 }] } }),
      () => ({ body: { status: 'FAILURE', errorCode: 'BET_ACTION_ERROR', instructionReports: [{ status: 'FAILURE', errorCode: 'BET_LAPSED_PRICE_IMPROVEMENT_TOO_LARGE' }] } }),
    ];
    const { ex } = exchange();
    await ex.listMarkets(NOW);
    const req = { marketId: '1.234', book: 'betfair', selection: 'home' as const, decimalOdds: 2.1, stakeCents: 1000, customerRef: 'r' };
    expect(await ex.placeBet(req, NOW)).toMatchObject({ status: 'LAPSED', code: 'EXPIRED' });
    expect(await ex.placeBet(req, NOW)).toMatchObject({ status: 'LAPSED', code: 'BET_LAPSED_PRICE_IMPROVEMENT_TOO_LARGE' });
  });

  it('a session expiry (ANGX-0003 INVALID_SESSION_INFORMATION) logs in again once and repeats the call', async () => {
    handlers[`${P}/listMarketCatalogue/`] = [SESSION_EXPIRED, CATALOGUE];
    const { ex, call } = exchange();
    expect(await ex.listMarkets(NOW)).toHaveLength(1);
    expect(seen.filter((s) => s.path === '/api/login')).toHaveLength(2);
    expect(call.sessionToken()).toBe('tok-2');
  });

  it('a session refused again after a new login is an auth error, not a loop', async () => {
    handlers[`${P}/listMarketCatalogue/`] = [SESSION_EXPIRED];
    const { ex } = exchange();
    await expect(ex.listMarkets(NOW)).rejects.toMatchObject({ code: 'NL_ERR_UPSTREAM', detail: { reason: 'auth', code: 'INVALID_SESSION_INFORMATION' } });
    expect(seen.filter((s) => s.path === '/api/login')).toHaveLength(2);
  });

  it('429 is retried after its Retry-After; still limited after the retries is a rate_limited error', async () => {
    const limited: Handler = () => ({ status: 429, body: {}, headers: { 'retry-after': '3' } });
    handlers[`${P}/listMarketCatalogue/`] = [limited, CATALOGUE];
    expect(await exchange().ex.listMarkets(NOW)).toHaveLength(1);
    expect(sleeps).toEqual([3000]);
    handlers[`${P}/listMarketCatalogue/`] = [limited];
    await expect(exchange().ex.listMarkets(NOW)).rejects.toMatchObject({ detail: { reason: 'rate_limited' } });
    expect(retryDelay(null, 2, 0)).toBe(4000);
  });

  it('an auth failure names the settings and never the password', async () => {
    handlers['/api/login'] = [() => ({ body: { token: '', product: 'app', status: 'FAIL', error: 'INVALID_USERNAME_OR_PASSWORD' } })];
    const err = await exchange().ex.listMarkets(NOW).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'NL_ERR_UPSTREAM', detail: { reason: 'auth' } });
    expect((err as Error).message).toMatch(/INVALID_USERNAME_OR_PASSWORD.*BETFAIR_API_KEY, BETFAIR_USERNAME, BETFAIR_PASSWORD/);
    expect((err as Error).message).not.toContain('s3cret-pw');
  });

  it('a malformed answer (not JSON, or JSON of the wrong shape) is an upstream error, not a crash', async () => {
    handlers[`${P}/listMarketBook/`] = [() => ({ body: null, raw: '<html>proxy error</html>' })];
    await expect(exchange().ex.listMarkets(NOW)).rejects.toMatchObject({ detail: { reason: 'malformed' } });
    handlers[`${P}/listMarketBook/`] = [() => ({ body: [{ marketId: '1.234', status: 'OPEN' }] })];
    await expect(exchange().ex.listMarkets(NOW)).rejects.toThrow(/listMarketBook answered in an unexpected shape: 0\.inplay/);
  });

  it('settles from cleared orders (SETTLED won, VOIDED void) and cancels with cancelOrders', async () => {
    handlers[`${P}/listClearedOrders/`] = [
      () => ({ body: { clearedOrders: [{ betId: '1', betOutcome: 'WON', settledDate: '2026-11-30T17:00:00.000Z', profit: 13.5 }, { betId: '2', betOutcome: 'LOST', settledDate: '2026-11-30T17:00:00.000Z', profit: -10 }], moreAvailable: false } }),
      () => ({ body: { clearedOrders: [{ betId: '3', settledDate: '2026-11-30T17:05:00.000Z' }], moreAvailable: false } }),
    ];
    handlers[`${P}/cancelOrders/`] = [() => ({ body: { status: 'SUCCESS', instructionReports: [{ status: 'SUCCESS', sizeCancelled: 5 }] } })];
    const { ex } = exchange();
    const bet = (betId: string) => ({ betId, marketId: '1.234', book: 'betfair', selection: 'home' as const, decimalOdds: 2.1, stakeCents: 1000 });
    expect(await ex.settlements([bet('1'), bet('2'), bet('3')], NOW)).toEqual([
      { betId: '1', result: 'won', winner: 'home', settledAt: '2026-11-30T17:00:00.000Z' },
      { betId: '2', result: 'lost', winner: null, settledAt: '2026-11-30T17:00:00.000Z' },
      { betId: '3', result: 'void', winner: null, settledAt: '2026-11-30T17:05:00.000Z' },
    ]);
    expect(JSON.parse(seen.filter((s) => s.path.endsWith('/listClearedOrders/'))[1]?.body ?? '{}')).toMatchObject({ betStatus: 'VOIDED', betIds: ['1', '2', '3'] });
    expect(await ex.cancelBet('1.234', '77')).toBe(true);
  });
});

describe('exchange controls (no request reaches placeOrders when one refuses)', () => {
  it('live betting is off by default, and an in-play market is refused', async () => {
    const off = exchange({ liveBetting: false });
    await off.ex.listMarkets(NOW);
    expect(await off.ex.placeBet({ marketId: '1.234', book: 'betfair', selection: 'home', decimalOdds: 2.1, stakeCents: 1000, customerRef: 'r' }, NOW)).toMatchObject({ status: 'REJECTED', code: 'LIVE_BETTING_DISABLED' });
    handlers[`${P}/listMarketBook/`] = [book('OPEN', true)];
    const inplay = exchange();
    await inplay.ex.listMarkets(NOW);
    expect(await inplay.ex.placeBet({ marketId: '1.234', book: 'betfair', selection: 'home', decimalOdds: 2.1, stakeCents: 1000, customerRef: 'r' }, NOW)).toMatchObject({ status: 'REJECTED', code: 'MARKET_IN_PLAY' });
    expect(seen.some((s) => s.path.endsWith('/placeOrders/'))).toBe(false);
  });

  it('order, market, exposure and transaction checks in order', () => {
    const limits = { liveBetting: true, minStakeCents: 200, allowInPlay: false, maxExposureCents: 5000, maxTransactionsPerHour: 2 };
    const base = { stakeCents: 1000, decimalOdds: 2, market: { status: 'OPEN', inPlay: false }, openExposureCents: 0, placements: [] as number[], nowMs: NOW };
    expect(checkBet(base, limits)).toEqual({ ok: true });
    expect(checkBet({ ...base, stakeCents: 150 }, limits)).toMatchObject({ code: 'BELOW_MIN_STAKE' });
    expect(checkBet({ ...base, decimalOdds: 1001 }, limits)).toMatchObject({ code: 'INVALID_PRICE' });
    expect(checkBet({ ...base, market: { status: 'SUSPENDED', inPlay: false } }, limits)).toMatchObject({ code: 'MARKET_NOT_OPEN' });
    expect(checkBet({ ...base, openExposureCents: 4500 }, limits)).toMatchObject({ code: 'STRATEGY_EXPOSURE' });
    expect(checkBet({ ...base, placements: [NOW - 10, NOW - 20] }, limits)).toMatchObject({ code: 'MAX_TRANSACTIONS' });
    expect(checkBet({ ...base, placements: [NOW - 3_700_000, NOW - 20] }, limits)).toEqual({ ok: true });
  });

  it('customer refs longer than 32 characters are shortened stably', () => {
    const long = 'sports_betting:2026-11-29:sim:en.1:20420:3:home';
    expect(customerRef(long)).toHaveLength(32);
    expect(customerRef(long)).toBe(customerRef(long));
    expect(customerRef(`${long}x`)).not.toBe(customerRef(long));
  });
});
