/**
 * The store port every agent, command and API route uses: documents and ledgers by contract,
 * change notification, compare-and-set and single-instance locks. Two implementations keep the
 * same contract (test/store/contract-suite.ts runs against both): files under the data directory
 * (file-store.ts, the default) and PostgreSQL (pg/pg-store.ts, NEOLIGHT_STORE=postgres://...).
 */
import type { DocumentContract, DocOf, LedgerContract, RowOf } from '../contracts/contract.js';
import type { ReadResult } from './documents.js';
import type { Ledger } from './ledger.js';
import type { WatchOptions } from './watch.js';

export type StoreKind = 'file' | 'postgres';

/** Outcome of a compare-and-set write: `version` is the new version, or the one found instead. */
export type CasResult = { ok: true; version: string } | { ok: false; version: string | null };

export interface StoreLock {
  readonly name: string;
  release(): void;
}

export interface StateStore {
  readonly kind: StoreKind;
  readonly home: string;
  /** Where the state lives, without secrets: the data directory, or the PostgreSQL URL and schema. */
  readonly location: string;
  /** Absolute path of a file under the data directory (logs, and files set aside, stay on disk in every store). */
  pathOf(relative: string): string;
  /** Read a document; on invalid content `ok` is false and `value` is the last good version. */
  read<C extends DocumentContract>(contract: C): ReadResult<DocOf<C>>;
  /** The document, the last good version if it is invalid now, or undefined. */
  get<C extends DocumentContract>(contract: C): DocOf<C> | undefined;
  write<C extends DocumentContract>(contract: C, value: DocOf<C>): void;
  /** The document and an opaque version token (null when there is no document), for writeIfVersion. */
  readVersioned<C extends DocumentContract>(contract: C): { value: DocOf<C> | undefined; version: string | null };
  /** Write only while the document's version is still `expected` (null: only if absent). */
  writeIfVersion<C extends DocumentContract>(contract: C, value: DocOf<C>, expected: string | null): CasResult;
  ledger<C extends LedgerContract>(contract: C): Ledger<RowOf<C>>;
  /** Whether the document or ledger has ever been written. */
  exists(contract: DocumentContract | LedgerContract): boolean;
  watch(contract: DocumentContract | LedgerContract, onChange: () => void, opts?: WatchOptions): () => void;
  /**
   * A single-instance lock shared by every process on this store (a lock file, or a PostgreSQL
   * advisory lock held by the process's session); `owner` describes the live holder when taken.
   */
  tryLock(name: string): StoreLock | { owner: string };
  /** Who holds the lock `name` now, or undefined when no live process does. */
  lockOwner(name: string): string | undefined;
  /** Release the store's resources (the PostgreSQL worker and its connections). */
  close(): void;
}
