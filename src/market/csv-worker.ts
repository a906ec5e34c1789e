/**
 * Worker thread of the CSV loader (csv-history.ts): reads bytes [from, to) of a large file — the
 * part after the split line, every line of it a row or blank — with the layout the main thread
 * sniffed, and posts the columns back with their buffers transferred (no copy). Any failure,
 * a bad row included, is posted as `ok: false` only: the main thread then reads that part itself,
 * where the error gets its right line number (a worker does not know how many lines precede it).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { CsvReader, type CsvLayout } from './csv-reader.js';

export interface PartJob {
  path: string;
  from: number;
  to: number;
  layout: CsvLayout;
  symbol: string;
  adjusted: boolean;
  expectedRows: number;
}

export type PartResult = { ok: true; columns: Float64Array[] } | { ok: false; message: string };

const CHUNK = 1 << 20;

/** Reads one part of a file into columns (also called in-thread by tests). */
export function readPart(job: PartJob): Float64Array[] {
  const reader = new CsvReader({ symbol: job.symbol, source: job.path, adjusted: job.adjusted }, job.expectedRows, job.layout);
  const fd = openSync(job.path, 'r');
  try {
    let buf = Buffer.allocUnsafe(CHUNK);
    let len = 0;
    let pos = job.from;
    for (;;) {
      if (len === buf.length) buf = Buffer.concat([buf, Buffer.allocUnsafe(buf.length)]);
      const got = pos < job.to ? readSync(fd, buf, len, Math.min(buf.length - len, job.to - pos), pos) : 0;
      pos += got;
      len += got;
      const rest = reader.feed(buf, len, got === 0);
      if (got === 0) break;
      buf.copyWithin(0, rest, len);
      len -= rest;
    }
  } finally {
    closeSync(fd);
  }
  return reader.columns();
}

if (parentPort && workerData) {
  let result: PartResult;
  try {
    result = { ok: true, columns: readPart(workerData as PartJob) };
  } catch (err) {
    result = { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort.postMessage(result, result.ok ? result.columns.map((c) => c.buffer as ArrayBuffer) : []);
}
