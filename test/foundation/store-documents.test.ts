/** Documents in the embedded store: validated on write and read, last good version kept, size limit, watch. */
import { writeFileSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { atlasBrain, strategyWeights, type DocOf } from '../../src/contracts/index.js';
import { NeoLightError } from '../../src/core/errors.js';
import { documentReader, MAX_DOCUMENT_BYTES, openFileStore } from '../../src/store/index.js';
import { tempHome, waitFor } from './helpers.js';

const brain = (risk_scaler: number): DocOf<typeof atlasBrain> => ({ risk_scaler, confidence: 0.5, updated_at: '2025-01-01T00:00:00.000Z' });

describe('documents', () => {
  it('creates state/, runtime/ and logs/ and reads back what was written', () => {
    const store = openFileStore(tempHome());
    expect(readdirSync(store.home).sort()).toEqual(['logs', 'runtime', 'state']);
    expect(store.read(atlasBrain)).toEqual({ ok: true, value: undefined, mtimeMs: undefined });
    store.write(atlasBrain, brain(0.8));
    const r = store.read(atlasBrain);
    expect(r.ok).toBe(true);
    expect(r.value).toEqual(brain(0.8));
    expect(JSON.parse(readFileSync(store.pathOf('runtime/atlas_brain.json'), 'utf8'))).toEqual(brain(0.8));
    // no temp files are left beside the document
    expect(readdirSync(store.pathOf('runtime'))).toEqual(['atlas_brain.json']);
  });

  it('writes the canonical form of a document that accepts two shapes', () => {
    const store = openFileStore(tempHome());
    const raw: unknown = { SPY: 0.5, QQQ: 0.5 };
    const parsed = strategyWeights.schema.parse(raw);
    store.write(strategyWeights, parsed);
    expect(store.get(strategyWeights)).toEqual({ weights: { SPY: 0.5, QQQ: 0.5 } });
  });

  it('refuses an invalid write with the field named and leaves the file alone', () => {
    const store = openFileStore(tempHome());
    store.write(atlasBrain, brain(1));
    let caught: unknown;
    try {
      store.write(atlasBrain, brain(1.5));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(NeoLightError);
    expect((caught as NeoLightError).code).toBe('NL_ERR_CONTRACT_INVALID');
    expect((caught as NeoLightError).message).toMatch(/runtime\/atlas_brain\.json: risk_scaler: /);
    expect(store.get(atlasBrain)).toEqual(brain(1));
  });

  it('reports a corrupt file naming file and field, and keeps serving the last good version', () => {
    const problems: string[] = [];
    const store = openFileStore(tempHome(), { onInvalid: (path, message) => problems.push(`${path} ${message}`) });
    store.write(atlasBrain, brain(0.9));
    expect(store.read(atlasBrain).ok).toBe(true);
    const file = store.pathOf(atlasBrain.path);
    writeFileSync(file, JSON.stringify({ ...brain(0.9), confidence: 2 }));
    const r = store.read(atlasBrain);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('NL_ERR_CONTRACT_INVALID');
    expect(r.error.message).toContain('runtime/atlas_brain.json');
    expect(r.error.message).toMatch(/confidence: /);
    expect(r.value).toEqual(brain(0.9));
    expect(store.get(atlasBrain)).toEqual(brain(0.9));
    // told once per distinct problem, not on every read
    store.read(atlasBrain);
    expect(problems).toHaveLength(1);
    writeFileSync(file, '{"risk_scaler": 0.9, "conf');
    const torn = store.read(atlasBrain);
    expect(torn.ok).toBe(false);
    if (!torn.ok) expect(torn.error.message).toMatch(/atlas_brain\.json: not valid JSON/);
    expect(torn.value).toEqual(brain(0.9));
    expect(problems).toHaveLength(2);
  });

  it('says whether a last good version is kept: at start there is none', () => {
    const home = tempHome();
    writeFileSync(openFileStore(home).pathOf(atlasBrain.path), '{ torn');
    const told: boolean[] = [];
    const store = openFileStore(home, { onInvalid: (_path, _message, kept) => told.push(kept) });
    expect(store.read(atlasBrain).value).toBeUndefined();
    store.write(atlasBrain, brain(0.7));
    store.read(atlasBrain);
    writeFileSync(store.pathOf(atlasBrain.path), '{ torn again');
    expect(store.read(atlasBrain).value).toEqual(brain(0.7));
    expect(told).toEqual([false, true]);
  });

  it('a fresh reader of a corrupt file gets ok:false and no value', () => {
    const home = tempHome();
    const store = openFileStore(home);
    writeFileSync(store.pathOf(atlasBrain.path), JSON.stringify({ ...brain(0.9), updated_at: 'noon' }));
    const r = openFileStore(home).read(atlasBrain);
    expect(r.ok).toBe(false);
    expect(r.value).toBeUndefined();
    if (!r.ok) expect(r.error.message).toMatch(/updated_at: /);
  });

  it('refuses a file over the size limit without reading it', () => {
    const store = openFileStore(tempHome());
    store.write(atlasBrain, brain(1.1));
    expect(store.read(atlasBrain).ok).toBe(true);
    const file = store.pathOf(atlasBrain.path);
    writeFileSync(file, Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x20));
    const r = store.read(atlasBrain);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/runtime\/atlas_brain\.json: file is \d+ bytes, over the \d+-byte limit/);
    expect(r.value).toEqual(brain(1.1));
    // a reader with a smaller limit refuses earlier
    store.write(atlasBrain, brain(1.1));
    const small = documentReader(atlasBrain, file, 16)();
    expect(small.ok).toBe(false);
  });

  it('refuses to write a document over the size limit', () => {
    const store = openFileStore(tempHome());
    const huge = { ...brain(1), reasons: [Array.from({ length: MAX_DOCUMENT_BYTES / 8 }, () => 'abcdefgh').join('')] };
    expect(() => store.write(atlasBrain, huge)).toThrow(/over the \d+-byte limit/);
    expect(store.read(atlasBrain).value).toBeUndefined();
  });
});

describe('watch', () => {
  it('fires after a write (debounced: one burst, one call)', async () => {
    const store = openFileStore(tempHome());
    let calls = 0;
    const stop = store.watch(atlasBrain, () => calls++, { debounceMs: 40 });
    try {
      for (let i = 0; i < 5; i++) store.write(atlasBrain, brain(0.5 + i / 10));
      await waitFor(() => calls > 0, 3000, 'the watch callback');
      await new Promise((r) => setTimeout(r, 150));
      expect(calls).toBe(1);
      store.write(atlasBrain, brain(1.2));
      await waitFor(() => calls === 2, 3000, 'a second callback');
    } finally {
      stop();
    }
  });

  it('fires by polling alone when fs.watch is not used', async () => {
    const store = openFileStore(tempHome());
    let calls = 0;
    const stop = store.watch(atlasBrain, () => calls++, { native: false, pollMs: 30, debounceMs: 5 });
    try {
      store.write(atlasBrain, brain(0.7));
      await waitFor(() => calls === 1, 3000, 'the polling callback');
      // a change that keeps size and inode but moves mtime is seen too
      const file = store.pathOf(atlasBrain.path);
      const t = statSync(file).mtime;
      utimesSync(file, t, new Date(t.getTime() + 5000));
      await waitFor(() => calls === 2, 3000, 'the mtime change');
    } finally {
      stop();
    }
  });

  it('is not starved by a writer faster than the debounce', async () => {
    const store = openFileStore(tempHome());
    let calls = 0;
    const stop = store.watch(atlasBrain, () => calls++, { debounceMs: 60 });
    let i = 0;
    const writer = setInterval(() => store.write(atlasBrain, brain(0.4 + (i++ % 8) / 10)), 10);
    try {
      await waitFor(() => calls > 0, 2000, 'a callback while writes continue');
    } finally {
      clearInterval(writer);
      stop();
    }
  });

  it('stops calling after unsubscribe', async () => {
    const store = openFileStore(tempHome());
    let calls = 0;
    const stop = store.watch(atlasBrain, () => calls++, { debounceMs: 5, pollMs: 20 });
    stop();
    store.write(atlasBrain, brain(0.6));
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toBe(0);
  });
});
