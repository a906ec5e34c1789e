/**
 * The embedded store: every contract as a file under the data directory (NEOLIGHT_HOME), holding
 * `state/`, `runtime/` and `logs/`. This is the default; it needs no server.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DocumentContract, DocOf, LedgerContract, RowOf } from '../contracts/contract.js';
import { documentReader, writeDocument, type ReadResult } from './documents.js';
import { openLedger, type Ledger } from './ledger.js';
import { removeStaleTempFiles } from './temp-files.js';
import { watchFile, type WatchOptions } from './watch.js';

export interface StateStore {
  readonly home: string;
  /** Absolute path of a file under the data directory. */
  pathOf(relative: string): string;
  /** Read a document; on invalid content `ok` is false and `value` is the last good version. */
  read<C extends DocumentContract>(contract: C): ReadResult<DocOf<C>>;
  /** The document, the last good version if the file is invalid now, or undefined. */
  get<C extends DocumentContract>(contract: C): DocOf<C> | undefined;
  write<C extends DocumentContract>(contract: C, value: DocOf<C>): void;
  ledger<C extends LedgerContract>(contract: C): Ledger<RowOf<C>>;
  watch(contract: DocumentContract | LedgerContract, onChange: () => void, opts?: WatchOptions): () => void;
}

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

  return {
    home: root,
    pathOf: (relative) => join(root, relative),
    read,
    get: (contract) => read(contract).value,
    write: (contract, value) => writeDocument(contract, join(root, contract.path), value),
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
