/**
 * JSON state documents: validated by their contract on every write and every read, replaced
 * atomically. A document that fails validation on read is reported (file, field, problem) and the
 * reader keeps serving the last good version it saw.
 */
import { readFileSync, statSync } from 'node:fs';
import type { DocumentContract, DocOf } from '../contracts/contract.js';
import { formatIssues } from '../contracts/contract.js';
import { NeoLightError } from '../core/errors.js';
import { writeFileAtomic } from './atomic.js';

/** Documents larger than this are refused unread (a runaway writer must not exhaust memory). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export type ReadResult<T> =
  | { ok: true; value: T | undefined; mtimeMs: number | undefined }
  | { ok: false; error: NeoLightError; value: T | undefined; mtimeMs: number | undefined };

export function serializeDocument<C extends DocumentContract>(contract: C, value: DocOf<C>): string {
  const parsed = contract.schema.safeParse(value);
  if (!parsed.success) {
    throw new NeoLightError('NL_ERR_CONTRACT_INVALID', `refusing to write ${contract.path}: ${formatIssues(parsed.error)}`, {
      path: contract.path,
      issues: parsed.error.issues,
    });
  }
  const text = `${JSON.stringify(parsed.data, null, 2)}\n`;
  const size = Buffer.byteLength(text);
  if (size > MAX_DOCUMENT_BYTES) {
    // Readers refuse such a file, so writing it would only replace a good document with an unreadable one.
    throw new NeoLightError('NL_ERR_CONTRACT_INVALID', `refusing to write ${contract.path}: ${size} bytes, over the ${MAX_DOCUMENT_BYTES}-byte limit`, { path: contract.path, size });
  }
  return text;
}

export function writeDocument<C extends DocumentContract>(contract: C, file: string, value: DocOf<C>): void {
  writeFileAtomic(file, serializeDocument(contract, value));
}

/** Parse document text; errors name the file, the field and the problem. */
export function parseDocument<C extends DocumentContract>(contract: C, text: string): { ok: true; value: DocOf<C> } | { ok: false; error: NeoLightError } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: new NeoLightError('NL_ERR_CONTRACT_INVALID', `${contract.path}: not valid JSON (${(err as Error).message})`, { path: contract.path }) };
  }
  const parsed = contract.schema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      error: new NeoLightError('NL_ERR_CONTRACT_INVALID', `${contract.path}: ${formatIssues(parsed.error)}`, { path: contract.path, issues: parsed.error.issues }),
    };
  }
  return { ok: true, value: parsed.data as DocOf<C> };
}

/** A reader of one document that remembers the last good version. */
export function documentReader<C extends DocumentContract>(contract: C, file: string, maxBytes = MAX_DOCUMENT_BYTES): () => ReadResult<DocOf<C>> {
  let lastGood: DocOf<C> | undefined;
  let lastGoodMtime: number | undefined;
  return () => {
    let size: number;
    let mtimeMs: number;
    try {
      ({ size, mtimeMs } = statSync(file));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, value: undefined, mtimeMs: undefined };
      throw err;
    }
    if (size > maxBytes) {
      return {
        ok: false,
        error: new NeoLightError('NL_ERR_CONTRACT_INVALID', `${contract.path}: file is ${size} bytes, over the ${maxBytes}-byte limit; not read`, { path: contract.path, size }),
        value: lastGood,
        mtimeMs: lastGoodMtime,
      };
    }
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, value: undefined, mtimeMs: undefined };
      throw err;
    }
    const r = parseDocument(contract, text);
    if (!r.ok) return { ok: false, error: r.error, value: lastGood, mtimeMs: lastGoodMtime };
    lastGood = r.value;
    lastGoodMtime = mtimeMs;
    return { ok: true, value: r.value, mtimeMs };
  };
}
