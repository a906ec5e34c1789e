/** The fuzzers find what they look for: a server that leaks or crashes is caught; the contracts hold. */
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { PLANTED_CASH_CENTS, type ApiFactory } from '../../src/drill/fixtures.js';
import { Failures, fuzzApi, fuzzContracts, fuzzLedgers } from '../../src/drill/fuzz.js';

describe('fuzzers', () => {
  it('catch a server that serves the book without the token and one that answers 500', async () => {
    const leaky: ApiFactory = async () => {
      const app = Fastify();
      app.all('/*', async (req, reply) => (req.url.includes('metrics') ? reply.code(500).send('boom') : { cash_cents: PLANTED_CASH_CENTS }));
      return app;
    };
    const f = new Failures();
    await fuzzApi(200, 3, f, leaky);
    const checks = f.list.map((x) => x.detail).join('\n');
    expect(checks).toMatch(/served the trader's book without the token/);
    expect(checks).toMatch(/HTTP 500/);
  });

  it('every contract answers arbitrary JSON with a named error, never a throw', () => {
    const f = new Failures();
    fuzzContracts(400, 5, f);
    fuzzLedgers(60, 5, f);
    expect(f.list).toEqual([]);
  });
});
