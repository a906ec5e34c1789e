/** Append-only CSV ledgers: header, gapless seq, idempotency, torn-tail repair, corruption reports, quoting. */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentRevenue, pnlHistory, type RowOf } from '../../src/contracts/index.js';
import { NeoLightError } from '../../src/core/errors.js';
import { openFileStore, openLedger } from '../../src/store/index.js';
import { tempHome } from './helpers.js';

const T = '2025-01-01T00:00:00.000Z';
const fill = (i: number, reason = 'test'): RowOf<typeof pnlHistory> => ({
  ts: T,
  agent: 'smart_trader',
  mode: 'sim',
  symbol: 'SPY',
  side: i % 2 ? 'sell' : 'buy',
  qty: i + 1,
  price: 100 + i,
  fee: 0.1,
  notional: (i + 1) * (100 + i),
  realized_pnl: i % 2 ? 1.5 : 0,
  order_id: `o-${i}`,
  reason,
});
const HEADER = 'seq,key,ts,agent,mode,symbol,side,qty,price,fee,notional,realized_pnl,order_id,reason';

function corruptError(fn: () => unknown): NeoLightError {
  try {
    fn();
  } catch (err) {
    if (err instanceof NeoLightError) return err;
    throw err;
  }
  throw new Error('expected NL_ERR_LEDGER_CORRUPT, nothing was thrown');
}

describe('ledger', () => {
  it('writes one header and rows with a gapless seq', () => {
    const store = openFileStore(tempHome());
    const l = store.ledger(pnlHistory);
    expect(readFileSync(l.path, 'utf8')).toBe(`${HEADER}\n`);
    const a = l.append([{ key: 'k1', row: fill(1) }]);
    const b = l.append([
      { key: 'k2', row: fill(2) },
      { key: 'k3', row: fill(3) },
    ]);
    expect([...a, ...b].map((e) => e.seq)).toEqual([1, 2, 3]);
    const lines = readFileSync(l.path, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines.filter((x) => x === HEADER)).toHaveLength(1);
    expect(lines.slice(1).map((x) => x.split(',')[0])).toEqual(['1', '2', '3']);
    // a second handle on the same file continues the sequence
    const again = openLedger(pnlHistory, l.path);
    expect(again.append([{ key: 'k4', row: fill(4) }])[0]?.seq).toBe(4);
    expect(l.lastSeq()).toBe(4);
    expect(l.readSince(2).map((e) => e.key)).toEqual(['k3', 'k4']);
    expect(l.readAll()[0]).toEqual({ ...fill(1), seq: 1, key: 'k1' });
  });

  it('writes a key once, across calls and within one batch', () => {
    const l = openFileStore(tempHome()).ledger(pnlHistory);
    expect(l.append([{ key: 'same', row: fill(1) }])).toHaveLength(1);
    expect(l.append([{ key: 'same', row: fill(2) }])).toEqual([]);
    const batch = l.append([
      { key: 'b', row: fill(3) },
      { key: 'b', row: fill(4) },
      { key: 'same', row: fill(5) },
    ]);
    expect(batch.map((e) => [e.key, e.seq])).toEqual([['b', 2]]);
    expect(l.count()).toBe(2);
    expect(l.has('b')).toBe(true);
    expect(l.has('nope')).toBe(false);
    expect(openLedger(pnlHistory, l.path).count()).toBe(2);
  });

  it('refuses an invalid row naming the field, and bad keys', () => {
    const l = openFileStore(tempHome()).ledger(pnlHistory);
    expect(() => l.append([{ key: 'k', row: { ...fill(1), qty: 0 } }])).toThrow(/state\/pnl_history\.csv: row rejected: qty: /);
    expect(() => l.append([{ key: '', row: fill(1) }])).toThrow(/idempotency key/);
    expect(() => l.append([{ key: 'a\nb', row: fill(1) }])).toThrow(/idempotency key/);
    expect(l.count()).toBe(0);
  });

  it('repairs a torn last line on open', () => {
    const l = openFileStore(tempHome()).ledger(pnlHistory);
    l.append([{ key: 'k1', row: fill(1) }]);
    const good = readFileSync(l.path, 'utf8');
    appendFileSync(l.path, '2,k2,2025-01-01T00:00:00.000Z,smart_tra');
    const reopened = openLedger(pnlHistory, l.path);
    expect(readFileSync(l.path, 'utf8')).toBe(good);
    expect(reopened.count()).toBe(1);
    expect(reopened.append([{ key: 'k2', row: fill(2) }])[0]?.seq).toBe(2);
  });

  it('repairs a torn header', () => {
    const file = join(tempHome(), 'state', 'pnl_history.csv');
    openLedger(pnlHistory, file); // creates the folder and header
    writeFileSync(file, 'seq,key,ts,ag');
    const l = openLedger(pnlHistory, file);
    expect(readFileSync(file, 'utf8')).toBe(`${HEADER}\n`);
    expect(l.count()).toBe(0);
  });

  it('a torn tail seen by a reader is not counted until repaired by a writer', () => {
    const l = openFileStore(tempHome()).ledger(pnlHistory);
    l.append([{ key: 'k1', row: fill(1) }]);
    appendFileSync(l.path, '2,k2,2025');
    expect(l.count()).toBe(1);
    expect(l.append([{ key: 'k2', row: fill(2) }]).map((e) => e.seq)).toEqual([2]);
    expect(openLedger(pnlHistory, l.path).readAll().map((e) => e.key)).toEqual(['k1', 'k2']);
  });

  it('reports a bad header as corrupt, naming line 1', () => {
    const file = join(tempHome(), 'pnl.csv');
    writeFileSync(file, 'seq,key,when,what\n1,a,b,c\n');
    const err = corruptError(() => openLedger(pnlHistory, file));
    expect(err.code).toBe('NL_ERR_LEDGER_CORRUPT');
    expect(err.message).toMatch(/state\/pnl_history\.csv line 1: header is "seq,key,when,what"/);
  });

  it('reports a corrupt middle line naming the line, the same way every time', () => {
    const l = openFileStore(tempHome()).ledger(pnlHistory);
    l.append([1, 2, 3].map((i) => ({ key: `k${i}`, row: fill(i) })));
    const lines = readFileSync(l.path, 'utf8').split('\n');
    lines[2] = lines[2]?.replace(',buy,', ',short,') ?? ''; // seq 2 is on line 3
    writeFileSync(l.path, lines.join('\n'));
    for (let i = 0; i < 2; i++) {
      const err = corruptError(() => openLedger(pnlHistory, l.path));
      expect(err.code).toBe('NL_ERR_LEDGER_CORRUPT');
      expect(err.message).toMatch(/line 3: side: /);
    }
  });

  it('a reader meeting a corrupt appended line reports the same line on every read', () => {
    const l = openFileStore(tempHome()).ledger(pnlHistory);
    l.append([{ key: 'k1', row: fill(1) }]);
    appendFileSync(l.path, '2,k2,not-a-time,smart_trader,sim,SPY,buy,1,1,0,1,0,o,r\n');
    for (let i = 0; i < 2; i++) expect(corruptError(() => l.readAll()).message).toMatch(/line 3: ts: /);
  });

  it('reports a seq gap and a duplicate key', () => {
    const l = openFileStore(tempHome()).ledger(pnlHistory);
    l.append([1, 2].map((i) => ({ key: `k${i}`, row: fill(i) })));
    const text = readFileSync(l.path, 'utf8');
    writeFileSync(l.path, text.replace('\n2,k2,', '\n3,k2,'));
    expect(corruptError(() => openLedger(pnlHistory, l.path)).message).toMatch(/line 3: seq is "3", expected 2/);
    writeFileSync(l.path, text.replace('\n2,k2,', '\n2,k1,'));
    expect(corruptError(() => openLedger(pnlHistory, l.path)).message).toMatch(/line 3: key "k1" appears twice/);
  });

  it('round-trips values with commas, quotes and line breaks', () => {
    const l = openFileStore(tempHome()).ledger(pnlHistory);
    const tricky = 'bought "dip", then, sold\r\nnext day';
    l.append([{ key: 'key, with "quotes"', row: fill(1, tricky) }]);
    const back = openLedger(pnlHistory, l.path).readAll();
    expect(back).toHaveLength(1);
    expect(back[0]?.key).toBe('key, with "quotes"');
    expect(back[0]?.reason).toBe('bought "dip", then, sold next day');
    expect(readFileSync(l.path, 'utf8').trimEnd().split('\n')).toHaveLength(2);
  });

  it('reads numbers written as CSV text back as numbers', () => {
    const l = openFileStore(tempHome()).ledger(contentRevenue);
    l.append([{ key: 'r1', row: { ts: T, mode: 'sim', platform: 'youtube', channel: 'c', stream: 'ads', amount: 12.5 } }]);
    const [row] = openLedger(contentRevenue, l.path).readAll();
    expect(row?.amount).toBe(12.5);
    expect(typeof row?.amount).toBe('number');
  });
});
