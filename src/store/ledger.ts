/**
 * Append-only CSV ledgers. Each row starts with a gapless, increasing `seq` and an idempotency
 * `key`; appending a key that is already there writes nothing. Appends from several processes are
 * serialised by a short-held lock file, so bytes never interleave. A torn last line (a crash in the
 * middle of a write) is cut off when the ledger is opened or next appended to.
 */
import { closeSync, fsyncSync, openSync, readSync, fstatSync, ftruncateSync, writeSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LedgerContract, RowOf } from '../contracts/contract.js';
import { formatIssues } from '../contracts/contract.js';
import { NeoLightError } from '../core/errors.js';
import { csvLine, splitCsvLine } from './csv.js';
import { acquireBriefLock, type HeldLock } from './lock.js';

export type LedgerEntry<R> = R & { seq: number; key: string };

export interface Ledger<R> {
  readonly path: string;
  /** Append rows whose keys are new; returns the rows actually written, with their seq. */
  append(rows: readonly { key: string; row: R }[]): LedgerEntry<R>[];
  /** Every row, validated. */
  readAll(): LedgerEntry<R>[];
  /** Rows with seq greater than `afterSeq`. */
  readSince(afterSeq: number): LedgerEntry<R>[];
  has(key: string): boolean;
  lastSeq(): number;
  count(): number;
}

export function openLedger<C extends LedgerContract>(contract: C, file: string): Ledger<RowOf<C>> {
  type R = RowOf<C>;
  const header = csvLine(['seq', 'key', ...contract.columns]);
  // What this process knows of the file: rows are parsed incrementally from `offset` on.
  let offset = 0;
  let seq = 0;
  const keys = new Set<string>();
  const rows: LedgerEntry<R>[] = [];
  let lineNo = 0;

  mkdirSync(dirname(file), { recursive: true });

  const fail = (line: number, problem: string): never => {
    throw new NeoLightError('NL_ERR_LEDGER_CORRUPT', `${contract.path} line ${line}: ${problem}`, { path: file, line });
  };

  /** Check one line against the header, seq, key and row schema; nothing is changed when it throws. */
  const checkLine = (text: string, at: number, expectSeq: number, knownKeys: ReadonlySet<string>): LedgerEntry<R> => {
    const fields = splitCsvLine(text);
    if (fields.length !== contract.columns.length + 2) fail(at, `has ${fields.length} fields, expected ${contract.columns.length + 2}`);
    const rowSeq = Number(fields[0]);
    const key = fields[1] ?? '';
    if (!Number.isInteger(rowSeq) || rowSeq !== expectSeq) fail(at, `seq is "${fields[0]}", expected ${expectSeq}`);
    if (key === '') fail(at, 'key is empty');
    if (knownKeys.has(key)) fail(at, `key "${key}" appears twice`);
    const obj: Record<string, string> = {};
    contract.columns.forEach((c, i) => (obj[c] = fields[i + 2] ?? ''));
    const parsed = contract.row.safeParse(obj);
    if (!parsed.success) fail(at, formatIssues(parsed.error));
    return { ...(parsed.data as R), seq: rowSeq, key };
  };

  const parseLine = (text: string): void => {
    const at = lineNo + 1;
    if (at === 1) {
      if (text !== header) fail(1, `header is "${text}", expected "${header}"`);
    } else if (text !== '') {
      // Blank lines (an editor's doing) are skipped but still counted, so line numbers stay true.
      const entry = checkLine(text, at, seq + 1, keys);
      seq = entry.seq;
      keys.add(entry.key);
      rows.push(entry);
    }
    lineNo = at;
  };

  /** Read bytes past `offset`; with `repair`, cut a torn tail (caller holds the lock). */
  const catchUp = (fd: number, repair: boolean): void => {
    const size = fstatSync(fd).size;
    if (size < offset) {
      throw new NeoLightError('NL_ERR_LEDGER_CORRUPT', `${contract.path} shrank from ${offset} to ${size} bytes; it was truncated or replaced outside NeoLight`, { path: file });
    }
    if (size === offset) return;
    const buf = Buffer.alloc(size - offset);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, offset + got);
      if (n === 0) break;
      got += n;
    }
    const lastNl = buf.lastIndexOf(0x0a, got - 1);
    const complete = lastNl < 0 ? 0 : lastNl + 1;
    if (complete < got && repair) {
      // Torn last line: the writer died mid-append before its fsync; it never counted.
      ftruncateSync(fd, offset + complete);
      fsyncSync(fd);
    }
    // Line by line, advancing `offset` only past lines that parsed: a corrupt line fails the same
    // way (same line number) every time it is read again.
    const base = offset;
    let start = 0;
    while (start < complete) {
      const nl = buf.indexOf(0x0a, start);
      parseLine(buf.toString('utf8', start, nl).replace(/\r$/, ''));
      start = nl + 1;
      offset = base + start;
    }
  };

  const withLock = <T>(fn: (fd: number) => T): T => {
    const lock = lockLedger(`${file}.lock`, contract.path);
    try {
      const fd = openSync(file, 'a+');
      try {
        catchUp(fd, true);
        if (offset === 0) {
          writeAll(fd, `${header}\n`);
          fsyncSync(fd);
          parseLine(header);
          offset = Buffer.byteLength(`${header}\n`);
        }
        return fn(fd);
      } finally {
        closeSync(fd);
      }
    } finally {
      lock.release();
    }
  };

  const readOnly = (): void => {
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    try {
      catchUp(fd, false);
    } finally {
      closeSync(fd);
    }
  };

  // Open: repair a torn tail and load what is there.
  withLock(() => undefined);

  return {
    path: file,
    append(input) {
      if (input.length === 0) return [];
      return withLock((fd) => {
        const written: LedgerEntry<R>[] = [];
        const lines: string[] = [];
        const batchKeys = new Set<string>();
        for (const { key, row } of input) {
          if (key === '' || /[\r\n]/.test(key)) throw new NeoLightError('NL_ERR_BAD_INPUT', `${contract.path}: idempotency key must be a non-empty single line, got ${JSON.stringify(key)}`);
          if (keys.has(key) || batchKeys.has(key)) continue;
          const parsed = contract.row.safeParse(row);
          if (!parsed.success) throw new NeoLightError('NL_ERR_CONTRACT_INVALID', `${contract.path}: row rejected: ${formatIssues(parsed.error)}`, { path: file, key });
          batchKeys.add(key);
          const entrySeq = seq + written.length + 1;
          const values = contract.columns.map((c) => sanitize((parsed.data as Record<string, unknown>)[c]));
          const line = csvLine([entrySeq, key, ...values]);
          // Read the line back before writing it: a row that would not parse from the file would
          // corrupt the ledger for every later reader.
          try {
            written.push(checkLine(line, lineNo + lines.length + 1, entrySeq, keys));
          } catch (err) {
            throw new NeoLightError('NL_ERR_CONTRACT_INVALID', `${contract.path}: row rejected: it would not read back from CSV (${(err as Error).message})`, { path: file, key });
          }
          lines.push(line);
        }
        if (lines.length === 0) return [];
        writeAll(fd, `${lines.join('\n')}\n`);
        fsyncSync(fd);
        catchUp(fd, false);
        return written;
      });
    },
    readAll() {
      readOnly();
      return rows.slice();
    },
    readSince(afterSeq) {
      readOnly();
      // seq is gapless from 1, so the index of seq s is s - 1.
      return rows.slice(Math.max(0, afterSeq));
    },
    has(key) {
      readOnly();
      return keys.has(key);
    },
    lastSeq() {
      readOnly();
      return seq;
    },
    count() {
      readOnly();
      return rows.length;
    },
  };
}

function sanitize(v: unknown): unknown {
  return typeof v === 'string' ? v.replace(/[\r\n]+/g, ' ') : v;
}

function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

/** Spin on the ledger's lock file; holders keep it for one write, so waits are short. */
function lockLedger(lockPath: string, what: string): HeldLock {
  return acquireBriefLock(lockPath, `ledger ${what}`);
}
