/**
 * The store contract: what every StateStore promises, run against the file store and PostgreSQL
 * (store-contract.test.ts). `open` gives a fresh store; `again` opens a second handle on the same
 * data, as another process would (its own file readers, or its own worker and connection).
 */
import { describe, expect, it } from 'vitest';
import { atlasBrain, pnlHistory } from '../../src/contracts/index.js';
import { NeoLightError } from '../../src/core/errors.js';
import type { StateStore } from '../../src/store/state-store.js';

export interface StoreFixture {
  store: StateStore;
  again(): StateStore;
}

const brain = (risk: number) => ({ risk_scaler: risk, confidence: 0.5, updated_at: '2026-01-02T03:04:05.000Z', reasons: ['a, "quoted" reason'] });
const fill = (i: number, agent = 'smart_trader') => ({
  ts: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
  agent,
  mode: 'sim' as const,
  symbol: 'SPY',
  side: 'buy' as const,
  qty: 1.5,
  price: 100 + i / 100,
  fee: 0.07,
  notional: 150 + i,
  realized_pnl: -0.25,
  order_id: `o-${i}`,
  reason: 'a reason, with a comma',
});

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`no ${what} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function storeContractSuite(name: string, open: () => StoreFixture, skip: string | undefined): void {
  describe.skipIf(skip !== undefined)(`store contract: ${name}`, () => {
    it('a document is absent, then written, read back equal, and seen by a second handle', () => {
      const { store, again } = open();
      expect(store.get(atlasBrain)).toBeUndefined();
      expect(store.exists(atlasBrain)).toBe(false);
      expect(store.readVersioned(atlasBrain)).toEqual({ value: undefined, version: null });
      store.write(atlasBrain, brain(0.9));
      expect(store.exists(atlasBrain)).toBe(true);
      expect(store.read(atlasBrain)).toMatchObject({ ok: true, value: brain(0.9) });
      expect(again().get(atlasBrain)).toEqual(brain(0.9));
    });

    it('an invalid document is refused, naming the field, and the stored one is kept', () => {
      const { store } = open();
      store.write(atlasBrain, brain(0.9));
      expect(() => store.write(atlasBrain, brain(7))).toThrow(/risk_scaler/);
      expect(store.get(atlasBrain)).toEqual(brain(0.9));
    });

    it('compare-and-set: a write based on an old version is a conflict, detected and reported', () => {
      const { store, again } = open();
      const other = again();
      expect(store.writeIfVersion(atlasBrain, brain(0.5), null)).toMatchObject({ ok: true });
      // Both read the same version, as two agents doing read-modify-write would.
      const mine = store.readVersioned(atlasBrain);
      const theirs = other.readVersioned(atlasBrain);
      expect(mine.version).not.toBeNull();
      expect(theirs.version).toBe(mine.version);
      const won = other.writeIfVersion(atlasBrain, brain(0.6), theirs.version);
      expect(won.ok).toBe(true);
      const lost = store.writeIfVersion(atlasBrain, brain(0.7), mine.version);
      expect(lost).toEqual({ ok: false, version: won.version });
      expect(store.get(atlasBrain)).toEqual(brain(0.6));
      // "only if absent" fails on an existing document; a retry on the current version succeeds.
      expect(store.writeIfVersion(atlasBrain, brain(0.8), null)).toEqual({ ok: false, version: won.version });
      expect(store.writeIfVersion(atlasBrain, brain(0.8), lost.version)).toMatchObject({ ok: true });
      expect(other.get(atlasBrain)).toEqual(brain(0.8));
    });

    it('a ledger: gapless seq from 1, a known key writes nothing, rows read back equal', () => {
      const { store, again } = open();
      // Checked before opening it: opening a file ledger writes its header.
      expect(store.exists(pnlHistory)).toBe(false);
      const l = store.ledger(pnlHistory);
      expect(l.lastSeq()).toBe(0);
      const first = l.append([{ key: 'k1', row: fill(1) }, { key: 'k2', row: fill(2) }, { key: 'k1', row: fill(3) }]);
      expect(first.map((r) => [r.seq, r.key])).toEqual([[1, 'k1'], [2, 'k2']]);
      expect(l.append([{ key: 'k2', row: fill(9) }, { key: 'k3', row: fill(3) }]).map((r) => r.seq)).toEqual([3]);
      expect(store.exists(pnlHistory)).toBe(true);
      const rows = again().ledger(pnlHistory).readAll();
      expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
      expect(rows[0]).toEqual({ ...fill(1), seq: 1, key: 'k1' });
      expect(rows[2]).toEqual({ ...fill(3), seq: 3, key: 'k3' });
      expect(l.readSince(1).map((r) => r.key)).toEqual(['k2', 'k3']);
      expect(l.has('k3')).toBe(true);
      expect(l.has('k4')).toBe(false);
      expect(l.count()).toBe(3);
    });

    it('a ledger refuses empty or multi-line keys and invalid rows, writing nothing', () => {
      const { store } = open();
      const l = store.ledger(pnlHistory);
      expect(() => l.append([{ key: '', row: fill(1) }])).toThrow(NeoLightError);
      expect(() => l.append([{ key: 'a\nb', row: fill(1) }])).toThrow(/single line/);
      expect(() => l.append([{ key: 'bad', row: { ...fill(1), qty: -1 } }])).toThrow(/qty/);
      expect(l.count()).toBe(0);
    });

    it('rows appended through another handle are seen, in seq order', () => {
      const { store, again } = open();
      const a = store.ledger(pnlHistory);
      const b = again().ledger(pnlHistory);
      a.append([{ key: 'a1', row: fill(1) }]);
      b.append([{ key: 'b1', row: fill(2) }]);
      expect(a.append([{ key: 'a2', row: fill(3) }]).map((r) => r.seq)).toEqual([3]);
      expect(a.readAll().map((r) => r.key)).toEqual(['a1', 'b1', 'a2']);
      expect(b.has('a2')).toBe(true);
    });

    it('a watcher hears a document written and a ledger appended by another handle', async () => {
      const { store, again } = open();
      const other = again();
      let docs = 0;
      let rows = 0;
      const stopDoc = store.watch(atlasBrain, () => docs++, { debounceMs: 20, pollMs: 60_000 });
      const stopLedger = store.watch(pnlHistory, () => rows++, { debounceMs: 20, pollMs: 60_000 });
      try {
        other.write(atlasBrain, brain(1));
        await until(() => docs === 1, 5000, 'document notification');
        other.ledger(pnlHistory).append([{ key: 'w1', row: fill(1) }]);
        await until(() => rows === 1, 5000, 'ledger notification');
      } finally {
        stopDoc();
        stopLedger();
      }
    });

    it('a single-instance lock: a second holder is refused with the owner named, and gets it after release', () => {
      const { store, again } = open();
      const other = again();
      const held = store.tryLock('agent-smart_trader');
      expect('release' in held).toBe(true);
      const refused = other.tryLock('agent-smart_trader');
      expect(refused).toMatchObject({ owner: expect.stringContaining(String(process.pid)) as string });
      expect('release' in other.tryLock('agent-other')).toBe(true);
      if ('release' in held) held.release();
      expect('release' in other.tryLock('agent-smart_trader')).toBe(true);
    });
  });
}
