/**
 * The eBay Sell API client against a fake eBay on 127.0.0.1: the User access token renewed from the
 * refresh token (HTTP Basic client credentials, form body) before the first call and again after a
 * 401; a refused refresh token, a 429 beyond its retries and a server error each a clear error with
 * its reason; half-set refresh settings refused at start, naming what is missing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NeoLightError } from '../../../src/core/errors.js';
import { ebayClient, ebayClientFromConfig } from '../../../src/ventures/luxury/ebay-client.js';
import { CLIENT, fakeEbay, send, type FakeEbay } from './fake-ebay.js';

let fake: FakeEbay;
beforeEach(async () => {
  fake = await fakeEbay();
});
afterEach(() => fake.close());

async function failure(p: Promise<unknown>): Promise<NeoLightError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(NeoLightError);
  return e as NeoLightError;
}
const tokenCalls = () => fake.seen.filter((s) => s.path === '/identity/v1/oauth2/token');

describe('eBay client', () => {
  it('mints a User access token from the refresh token, reuses it, and renews it once after a 401', async () => {
    const c = ebayClient({ baseUrl: fake.base, refresh: CLIENT });
    expect(await c.offersForSku('NL-none')).toEqual([]);
    expect(tokenCalls()).toHaveLength(1);
    const t = tokenCalls()[0]!;
    expect(t.headers.authorization).toBe(`Basic ${Buffer.from('NeoLight-app-PRD-1:PRD-secret-1').toString('base64')}`);
    expect(t.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(String(t.body)))).toEqual({ grant_type: 'refresh_token', refresh_token: CLIENT.refreshToken });
    expect(fake.seen.at(-1)!.headers.authorization).toBe(`Bearer ${fake.token}`);
    await c.offersForSku('NL-none');
    expect(tokenCalls()).toHaveLength(1);
    // eBay revokes the token: the next call renews it and goes through.
    fake.token = 'revoked-elsewhere';
    expect(await c.offersForSku('NL-none')).toEqual([]);
    expect(tokenCalls()).toHaveLength(2);
  });

  it('renews the token when it expires by its expires_in', async () => {
    let now = Date.parse('2026-01-10T12:00:00Z');
    const c = ebayClient({ baseUrl: fake.base, refresh: CLIENT, now: () => now });
    await c.offersForSku('NL-none');
    now += 7_200_000 - 61_000;
    await c.offersForSku('NL-none');
    expect(tokenCalls()).toHaveLength(1);
    now += 1_000; // a minute before it expires (expires_in 7200 s) it is renewed
    await c.offersForSku('NL-none');
    expect(tokenCalls()).toHaveLength(2);
  });

  it('says what to check when eBay refuses the refresh token', async () => {
    const e = await failure(ebayClient({ baseUrl: fake.base, refresh: { ...CLIENT, refreshToken: 'old' } }).offersForSku('NL-none'));
    expect(e.message).toMatch(/ebay: token refresh failed: HTTP 400 invalid_grant .*check EBAY_CLIENT_ID, EBAY_CLIENT_SECRET and EBAY_REFRESH_TOKEN/);
    expect(e.detail).toMatchObject({ venue: 'ebay', reason: 'auth' });
  });

  it('gives up on a 429 after its retries with the wait eBay asked for, and reports a server error', async () => {
    const sleeps: number[] = [];
    const c = ebayClient({ baseUrl: fake.base, accessToken: fake.token, sleep: async (ms) => void sleeps.push(ms), rateLimitRetries: 1 });
    for (let i = 0; i < 2; i++) fake.queued.push((_r, reply) => send(reply, 429, { errors: [{ errorId: 2001, message: 'Too many requests' }] }, { 'retry-after': '7' }));
    const e = await failure(c.getOffer('5000001'));
    expect(e.message).toMatch(/ebay: GET \/sell\/inventory\/v1\/offer\/5000001 failed: HTTP 429 after 2 tries; retry after 7 s/);
    expect(e.detail).toMatchObject({ reason: 'rate_limited', retry_after_ms: 7_000 });
    expect(sleeps).toEqual([7_000]);
    fake.queued.push((_r, reply) => send(reply, 500, { errors: [{ errorId: 25001, message: 'A system error has occurred.' }] }));
    expect((await failure(c.getOffer('5000001'))).detail).toMatchObject({ reason: 'server' });
    // A documented refusal carries eBay's error id and message.
    const r = await failure(c.publishOffer('404404'));
    expect(r.message).toMatch(/HTTP 404 25713 This Offer is not available\./);
    expect(r.detail).toMatchObject({ reason: 'rejected', status: 404 });
  });

  it('refuses half-set refresh settings and no credentials at all, naming the variables', () => {
    const base = { ebayAccessToken: undefined, ebayClientId: undefined, ebayClientSecret: undefined, ebayRefreshToken: undefined, ebayBaseUrl: undefined };
    expect(() => ebayClientFromConfig({ ...base, ebayAccessToken: 't', ebayClientId: 'id' })).toThrow(/ebay: set EBAY_CLIENT_SECRET and EBAY_REFRESH_TOKEN too/);
    expect(() => ebayClientFromConfig(base)).toThrow(/set EBAY_ACCESS_TOKEN, or EBAY_CLIENT_ID, EBAY_CLIENT_SECRET and EBAY_REFRESH_TOKEN/);
    expect(() => ebayClientFromConfig({ ...base, ebayAccessToken: 't' })).not.toThrow();
  });
});
