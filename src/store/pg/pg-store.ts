/**
 * The PostgreSQL store (NEOLIGHT_STORE=postgres://...): the same contracts as the file store, as
 * rows. Documents carry a version that every write increments (compare-and-set with
 * writeIfVersion); ledgers share one table keyed by ledger path with a gapless seq and a unique
 * idempotency key; watchers hear LISTEN/NOTIFY with polling of the version as the fallback;
 * single-instance locks are session advisory locks. Calls are synchronous through a worker thread
 * (sync-bridge.ts); migrations run when the store opens. Logs stay files under the data directory.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DocumentContract, DocOf, LedgerContract } from '../../contracts/contract.js';
import { NeoLightError } from '../../core/errors.js';
import { parseDocument, serializeDocument, type ReadResult } from '../documents.js';
import type { StateStore } from '../state-store.js';
import { openPgLedger } from './pg-ledger.js';
import { parseStoreUrl, workerFile } from './store-url.js';
import { startSyncBridge } from './sync-bridge.js';

export interface PgStoreOptions {
  /** Told about every stored document that fails its contract, once per distinct problem. */
  onInvalid?: (path: string, message: string, keptLastGood: boolean) => void;
  /** Per-call timeout (default 30 s). */
  timeoutMs?: number;
}

export interface PgStore extends StateStore {
  readonly kind: 'postgres';
  /** The URL without its password, and the schema the tables live in. */
  readonly describe: { url: string; schema: string; serverVersion: string; migrationsApplied: number[] };
  /** Every ledger path with rows, and its last seq. */
  ledgers(): { ledger: string; lastSeq: number }[];
  /** Paths of the stored documents starting with `prefix`. */
  documentPaths(prefix?: string): string[];
}

export function openPgStore(url: string, home: string, opts: PgStoreOptions = {}): PgStore {
  const target = parseStoreUrl(url);
  const root = resolve(home);
  // Logs (and documents set aside for a person to read) stay on this host's disk.
  mkdirSync(join(root, 'logs'), { recursive: true });
  const bridge = startSyncBridge(workerFile(), { connectionString: target.connectionString, schema: target.schema }, opts.timeoutMs);
  const call = <T>(op: string, ...args: unknown[]): T => bridge.call(op, args) as T;
  let init: { applied: number[]; serverVersion: string };
  try {
    init = call('init');
  } catch (err) {
    bridge.close();
    throw new NeoLightError('NL_ERR_UPSTREAM', `cannot open the PostgreSQL store ${target.display}: ${(err as Error).message}`, { url: target.display }, { cause: err });
  }

  const lastGood = new Map<string, unknown>();
  const reported = new Map<string, string>();
  const ledgers = new Map<string, unknown>();
  const listeners = new Map<string, Set<() => void>>();
  let listening = false;
  bridge.onMessage((m) => {
    const msg = m as { type?: string; path?: string };
    if (msg.type === 'change' && msg.path) listeners.get(msg.path)?.forEach((l) => l());
    if (msg.type === 'listen-lost') listening = false;
  });

  const readStored = <C extends DocumentContract>(contract: C): { result: ReadResult<DocOf<C>>; version: string | null } => {
    const got = call<{ body: unknown; version: number } | null>('docGet', contract.path);
    if (!got) return { result: { ok: true, value: undefined, mtimeMs: undefined }, version: null };
    const parsed = parseDocument(contract, JSON.stringify(got.body));
    const version = String(got.version);
    if (parsed.ok) {
      lastGood.set(contract.path, parsed.value);
      reported.delete(contract.path);
      return { result: { ok: true, value: parsed.value, mtimeMs: undefined }, version };
    }
    // A schema that changed under stored rows: the same last-good rule as the file store.
    const kept = lastGood.get(contract.path) as DocOf<C> | undefined;
    if (reported.get(contract.path) !== parsed.error.message) {
      reported.set(contract.path, parsed.error.message);
      opts.onInvalid?.(contract.path, parsed.error.message, kept !== undefined);
    }
    return { result: { ok: false, error: parsed.error, value: kept, mtimeMs: undefined }, version };
  };
  /** The JSON a document is stored as: exactly what the file store would write. */
  const body = <C extends DocumentContract>(contract: C, value: DocOf<C>): unknown => JSON.parse(serializeDocument(contract, value));

  const signature = (contract: DocumentContract | LedgerContract): string =>
    contract.kind === 'document' ? String(call<{ version: number } | null>('docGet', contract.path)?.version ?? 'missing') : String(call<number>('ledgerHead', contract.path));

  return {
    kind: 'postgres',
    home: root,
    location: target.display,
    describe: { url: target.display, schema: target.schema, serverVersion: init.serverVersion, migrationsApplied: init.applied },
    pathOf: (relative) => join(root, relative),
    read: (contract) => readStored(contract).result,
    get: (contract) => readStored(contract).result.value,
    write: (contract, value) => void call('docPut', contract.path, body(contract, value)),
    readVersioned: (contract) => {
      const { result, version } = readStored(contract);
      return { value: result.ok ? result.value : undefined, version };
    },
    writeIfVersion: (contract, value, expected) => {
      const expectedNumber = expected === null ? null : Number(expected);
      if (expectedNumber !== null && !Number.isInteger(expectedNumber)) throw new NeoLightError('NL_ERR_BAD_INPUT', `${contract.path}: version "${expected}" is not one this store gave out`);
      const r = call<{ ok: boolean; version: number | null }>('docCas', contract.path, body(contract, value), expectedNumber);
      return r.ok ? { ok: true, version: String(r.version) } : { ok: false, version: r.version === null ? null : String(r.version) };
    },
    ledger: <C extends LedgerContract>(contract: C) => {
      let l = ledgers.get(contract.path);
      if (!l) {
        l = openPgLedger(contract, call);
        ledgers.set(contract.path, l);
      }
      return l as ReturnType<typeof openPgLedger<C>>;
    },
    exists: (contract) => (contract.kind === 'document' ? call('docGet', contract.path) !== null : call<number>('ledgerHead', contract.path) >= 0),
    watch: (contract, onChange, wopts = {}) => {
      if (!listening) listening = call<boolean>('listen');
      const debounceMs = wopts.debounceMs ?? 50;
      let last = signature(contract);
      let timer: NodeJS.Timeout | undefined;
      // As in watch.ts: a notification starts a debounce timer (left alone by later ones), and
      // the change is reported only if the version really moved.
      const fire = (): void => {
        if (timer) return;
        timer = setTimeout(() => {
          timer = undefined;
          let now: string;
          try {
            now = signature(contract);
          } catch {
            return; // the database is away: the next poll or notification tries again
          }
          if (now === last) return;
          last = now;
          onChange();
        }, debounceMs);
      };
      const set = listeners.get(contract.path) ?? new Set();
      set.add(fire);
      listeners.set(contract.path, set);
      // Notifications sent while the listening connection was down are lost: poll the version too.
      const poll = setInterval(() => {
        if (!listening) {
          try {
            listening = call<boolean>('listen');
          } catch {
            // still away
          }
        }
        fire();
      }, wopts.pollMs ?? 5000);
      poll.unref();
      return () => {
        set.delete(fire);
        clearInterval(poll);
        if (timer) clearTimeout(timer);
      };
    },
    tryLock: (name) => {
      const r = call<{ ok: boolean; owner?: string }>('lockTry', name);
      if (!r.ok) return { owner: r.owner ?? 'another session' };
      return { name, release: () => void call('lockRelease', name) };
    },
    lockOwner: (name) => call<string | null>('lockOwner', name) ?? undefined,
    ledgers: () => call('ledgerList'),
    documentPaths: (prefix = '') => call('docList', prefix),
    close: () => {
      try {
        bridge.call('close', [], 5000);
      } finally {
        bridge.close();
      }
    },
  };
}
