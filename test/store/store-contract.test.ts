/** The store contract suite against both stores: files under a data dir, and PostgreSQL. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openFileStore } from '../../src/store/file-store.js';
import { openPgStore } from '../../src/store/pg/pg-store.js';
import type { StateStore } from '../../src/store/state-store.js';
import { storeContractSuite } from './contract-suite.js';
import { freshStoreUrl, PG_ABSENT } from './pg-helpers.js';

const opened: StateStore[] = [];
const homes: string[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});
const home = (): string => {
  const h = mkdtempSync(join(tmpdir(), 'nl-store-'));
  homes.push(h);
  return h;
};
const keep = (s: StateStore): StateStore => (opened.push(s), s);

storeContractSuite(
  'file store',
  () => {
    const h = home();
    return { store: keep(openFileStore(h)), again: () => keep(openFileStore(h)) };
  },
  undefined,
);

storeContractSuite(
  'PostgreSQL',
  () => {
    const url = freshStoreUrl();
    return { store: keep(openPgStore(url, home())), again: () => keep(openPgStore(url, home())) };
  },
  PG_ABSENT,
);

describe.skipIf(PG_ABSENT !== undefined)('PostgreSQL store migrations', () => {
  it('run on the first open of a schema, and not again on the next', () => {
    const url = freshStoreUrl();
    const first = openPgStore(url, home());
    keep(first);
    const second = openPgStore(url, home());
    keep(second);
    expect(first.describe.migrationsApplied).toEqual([1]);
    expect(second.describe.migrationsApplied).toEqual([]);
    expect(first.location).toContain('schema=nl_test_');
  });
});
