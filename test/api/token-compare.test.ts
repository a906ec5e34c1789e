/**
 * The token comparison must not return early on a length mismatch (a timing oracle for the token's
 * length): both sides are hashed to fixed-length sha256 digests and compared with timingSafeEqual,
 * whatever the given token's length.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls: [number, number][] = [];
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return {
    ...real,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      calls.push([a.byteLength, b.byteLength]);
      return real.timingSafeEqual(a, b);
    },
  };
});

const { createApiServer } = await import('../../src/api/server.js');
const { loadConfig } = await import('../../src/config/config.js');
const { createFixture, fakeSupervisor, TOKEN } = await import('./fixture.js');

beforeEach(() => {
  calls.length = 0;
});

describe('token comparison', () => {
  it('compares 32-byte digests in constant time for every given length', async () => {
    const fx = createFixture();
    const app = await createApiServer({ config: loadConfig({ home: fx.home, apiHost: '0.0.0.0' }, { NEOLIGHT_API_TOKEN: TOKEN }), supervisor: fakeSupervisor, webDist: fx.webDist });
    try {
      for (const given of ['x', TOKEN.slice(0, -1), `${TOKEN}-and-more`, 'z'.repeat(TOKEN.length)]) {
        calls.length = 0;
        const r = await app.inject({ url: '/status', headers: { authorization: `Bearer ${given}` } });
        expect(r.statusCode, given).toBe(401);
        expect(calls.length, given).toBeGreaterThan(0);
        for (const c of calls) expect(c, given).toEqual([32, 32]);
      }
      calls.length = 0;
      expect((await app.inject({ url: '/status', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(200);
      expect(calls).toContainEqual([32, 32]);
    } finally {
      await app.close();
      await fx.cleanup();
    }
  });
});
