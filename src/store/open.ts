/**
 * The one place that picks the store: PostgreSQL when NEOLIGHT_STORE names a postgres:// URL, the
 * file store under the data directory otherwise. Composition roots and commands open their store
 * here, so with NEOLIGHT_STORE set nothing reads or writes the data directory's state/ files.
 */
import { openFileStore, type FileStoreOptions } from './file-store.js';
import { openPgStore } from './pg/pg-store.js';
import type { StateStore } from './state-store.js';

export interface OpenStoreOptions extends FileStoreOptions {
  home: string;
  /** NEOLIGHT_STORE: a postgres:// URL, or undefined for the file store. */
  storeUrl?: string | undefined;
}

export function openStore(opts: OpenStoreOptions): StateStore {
  return opts.storeUrl ? openPgStore(opts.storeUrl, opts.home, { onInvalid: opts.onInvalid }) : openFileStore(opts.home, opts);
}
