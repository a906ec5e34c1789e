/**
 * What a synchronous call into the PostgreSQL store costs (docs/store.md quotes these figures):
 * the bridge's round trip alone, a document read, a document write and a ledger append, as
 * medians over repeated calls. The bounds only catch a bridge that stopped waking its caller
 * promptly (a lost Atomics.notify would show as seconds).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atlasBrain, pnlHistory } from '../../src/contracts/index.js';
import { openPgStore } from '../../src/store/pg/pg-store.js';
import { workerFile } from '../../src/store/pg/store-url.js';
import { startSyncBridge } from '../../src/store/pg/sync-bridge.js';
import { freshStoreUrl, PG_ABSENT } from './pg-helpers.js';

const N = 100;
const median = (fn: (i: number) => void): number => {
  const t: number[] = [];
  for (let i = 0; i < N; i++) {
    const s = performance.now();
    fn(i);
    t.push(performance.now() - s);
  }
  return t.sort((a, b) => a - b)[N >> 1]!;
};

describe('synchronous bridge', () => {
  it('answers an unknown operation with an error, promptly', () => {
    const bridge = startSyncBridge(workerFile(), { connectionString: 'postgres://127.0.0.1:1/none', schema: 'none' });
    try {
      const ms = median(() => expect(() => bridge.call('no_such_op', [])).toThrow(/unknown operation no_such_op/));
      console.log(`bridge round trip without a query: median ${ms.toFixed(3)} ms`);
      expect(ms).toBeLessThan(50);
    } finally {
      bridge.close();
    }
    // A call after close fails at once rather than waiting out its 30 s timeout.
    const started = Date.now();
    expect(() => bridge.call('no_such_op', [])).toThrow(/closed/);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe.skipIf(PG_ABSENT !== undefined)('PostgreSQL store latency', () => {
  it(`median of ${N} reads, writes and appends`, () => {
    const home = mkdtempSync(join(tmpdir(), 'nl-pglat-'));
    const store = openPgStore(freshStoreUrl(), home);
    try {
      const brain = (i: number) => ({ risk_scaler: 1, confidence: 0.5, updated_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString() });
      const write = median((i) => store.write(atlasBrain, brain(i)));
      const read = median(() => store.get(atlasBrain));
      const ledger = store.ledger(pnlHistory);
      const append = median((i) =>
        ledger.append([{ key: `k-${i}`, row: { ts: brain(i).updated_at, agent: 'bench', mode: 'sim', symbol: 'SPY', side: 'buy', qty: 1, price: 100, fee: 0.01, notional: 100, realized_pnl: 0, order_id: `o-${i}`, reason: 'latency' } }]),
      );
      console.log(`PostgreSQL store medians: read ${read.toFixed(2)} ms, write ${write.toFixed(2)} ms, append ${append.toFixed(2)} ms`);
      expect(ledger.count()).toBe(N);
      expect(read).toBeLessThan(250);
    } finally {
      store.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
