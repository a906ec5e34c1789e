/**
 * The embedded store: every contract as a file under the data directory (NEOLIGHT_HOME), holding
 * `state/`, `runtime/` and `logs/`. This is the default; it needs no server.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DocumentContract, DocOf, LedgerContract, RowOf } from '../contracts/contract.js';
import { documentReader, parseDocument, writeDocument, type ReadResult } from './documents.js';
import { openLedger, type Ledger } from './ledger.js';
import type { LockContent } from '../contracts/guardian.js';
import { holdLockWhile, isPidAlive, readLock, tryAcquireLock } from './lock.js';
import type { StateStore } from './state-store.js';
import { removeStaleTempFiles } from './temp-files.js';
import { watchFile } from './watch.js';

export type { StateStore } from './state-store.js';

export interface FileStoreOptions {
  /**
   * Told about every invalid document read, once per distinct problem, and whether a good version
   * read earlier by this process is served in its place (at start there is none).
   */
  onInvalid?: (path: string, message: string, keptLastGood: boolean) => void;
}

export function openFileStore(home: string, opts: FileStoreOptions = {}): StateStore {
  const root = resolve(home);
  for (const dir of ['state', 'runtime', 'logs']) mkdirSync(join(root, dir), { recursive: true });
  for (const dir of ['state', 'runtime']) removeStaleTempFiles(join(root, dir));
  const readers = new Map<string, () => ReadResult<unknown>>();
  const ledgers = new Map<string, Ledger<unknown>>();
  const reported = new Map<string, string>();

  const read = <C extends DocumentContract>(contract: C): ReadResult<DocOf<C>> => {
    let reader = readers.get(contract.path);
    if (!reader) {
      reader = documentReader(contract, join(root, contract.path)) as () => ReadResult<unknown>;
      readers.set(contract.path, reader);
    }
    const r = reader() as ReadResult<DocOf<C>>;
    if (!r.ok && reported.get(contract.path) !== r.error.message) {
      reported.set(contract.path, r.error.message);
      opts.onInvalid?.(contract.path, r.error.message, r.value !== undefined);
    } else if (r.ok) reported.delete(contract.path);
    return r;
  };

  const lockFile = (name: string): string => join(root, 'runtime', `.${name.replace(/[^A-Za-z0-9_.-]/g, '_')}.lock`);
  const ownerText = (o: LockContent): string => `pid ${o.pid} on ${o.hostname} since ${o.started_at}`;
  /** The file's bytes and their hash (the document's version in this store), or null when absent. */
  const readRaw = (file: string): { text: string; version: string } | null => {
    try {
      const text = readFileSync(file, 'utf8');
      return { text, version: createHash('sha256').update(text).digest('hex').slice(0, 32) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  };

  return {
    kind: 'file',
    home: root,
    location: root,
    pathOf: (relative) => join(root, relative),
    read,
    get: (contract) => read(contract).value,
    write: (contract, value) => writeDocument(contract, join(root, contract.path), value),
    readVersioned: (contract) => {
      const raw = readRaw(join(root, contract.path));
      if (!raw) return { value: undefined, version: null };
      const parsed = parseDocument(contract, raw.text);
      return { value: parsed.ok ? parsed.value : undefined, version: raw.version };
    },
    // Atomic against other compare-and-set writers (they hold the same lock file); a plain write()
    // is last-writer-wins, as it always was.
    writeIfVersion: (contract, value, expected) => {
      const file = join(root, contract.path);
      return holdLockWhile(`${file}.lock`, `document ${contract.path}`, () => {
        const now = readRaw(file)?.version ?? null;
        if (now !== expected) return { ok: false, version: now };
        writeDocument(contract, file, value);
        return { ok: true, version: readRaw(file)?.version ?? '' };
      });
    },
    exists: (contract) => existsSync(join(root, contract.path)),
    tryLock: (name) => {
      const got = tryAcquireLock(lockFile(name), { what: name });
      if ('owner' in got) return { owner: ownerText(got.owner) };
      return { name, release: () => got.release() };
    },
    lockOwner: (name) => {
      const owner = readLock(lockFile(name));
      return owner && isPidAlive(owner.pid) ? ownerText(owner) : undefined;
    },
    close: () => undefined,
    ledger: <C extends LedgerContract>(contract: C) => {
      let l = ledgers.get(contract.path);
      if (!l) {
        l = openLedger(contract, join(root, contract.path)) as Ledger<unknown>;
        ledgers.set(contract.path, l);
      }
      return l as Ledger<RowOf<C>>;
    },
    watch: (contract, onChange, wopts) => watchFile(join(root, contract.path), onChange, wopts),
  };
}
