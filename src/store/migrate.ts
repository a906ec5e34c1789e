/**
 * Moving a file store into another store (PostgreSQL) without loss: every document and ledger of
 * the contracts is read and validated first, so a corrupt source stops the move before anything
 * is written; then documents are created only where the target has none (an equal one is left as
 * it is, a different one is a conflict), and ledger rows are appended with their own keys, which
 * keeps their seq because a target ledger may only hold a prefix of the source's rows. Every row
 * written is read back and compared. Running it again moves nothing and reports so.
 */
import { isDeepStrictEqual } from 'node:util';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Contract, DocumentContract, LedgerContract } from '../contracts/contract.js';
import { NeoLightError } from '../core/errors.js';
import type { StateStore } from './state-store.js';

export interface MigrationReport {
  documents: { path: string; status: 'moved' | 'unchanged' }[];
  ledgers: { path: string; rows: number; moved: number }[];
  /** Files under state/ and runtime/ that no contract names, with why they stay behind. */
  skipped: { path: string; why: string }[];
}

/** Locks and liveness files belong to the processes of one host, not to the state being moved. */
const isHostLocal = (path: string): boolean => /^runtime\/\.|^runtime\/agents\//.test(path);
const BATCH = 500;

export function migrateStore(from: StateStore, to: StateStore, contracts: readonly Contract[]): MigrationReport {
  const docs = contracts.filter((c): c is DocumentContract => c.kind === 'document' && !isHostLocal(c.path) && from.exists(c));
  const ledgers = contracts.filter((c): c is LedgerContract => c.kind === 'ledger' && from.exists(c));

  // Read and validate everything before writing anything.
  const docValues = docs.map((c) => {
    const r = from.read(c);
    if (!r.ok) throw new NeoLightError('NL_ERR_CONTRACT_INVALID', `not moving anything: ${r.error.message}; repair or remove ${c.path} first`, { path: c.path });
    return { contract: c, value: r.value };
  });
  const ledgerRows = ledgers.map((c) => ({ contract: c, rows: from.ledger(c).readAll() }));

  const report: MigrationReport = { documents: [], ledgers: [], skipped: unknownFiles(from.home, contracts) };
  for (const { contract, value } of docValues) {
    const there = to.readVersioned(contract);
    if (there.version !== null) {
      if (isDeepStrictEqual(there.value, value)) {
        report.documents.push({ path: contract.path, status: 'unchanged' });
        continue;
      }
      throw new NeoLightError('NL_ERR_CONFLICT', `the target already holds a different ${contract.path}; refusing to overwrite it (remove it there, or move into an empty schema)`, { path: contract.path });
    }
    const w = to.writeIfVersion(contract, value, null);
    if (!w.ok) throw new NeoLightError('NL_ERR_CONFLICT', `${contract.path} was written in the target while moving it; run the move again`, { path: contract.path });
    if (!isDeepStrictEqual(to.get(contract), value)) throw new NeoLightError('NL_ERR_INTERNAL', `${contract.path} reads back different from the source after moving it`, { path: contract.path });
    report.documents.push({ path: contract.path, status: 'moved' });
  }

  for (const { contract, rows } of ledgerRows) {
    const target = to.ledger(contract);
    const present = target.readAll();
    present.forEach((row, i) => {
      if (!isDeepStrictEqual(row, rows[i])) {
        throw new NeoLightError('NL_ERR_CONFLICT', `the target's ${contract.path} differs from the source at seq ${row.seq} (key ${row.key}); refusing to merge ledgers`, { path: contract.path, seq: row.seq });
      }
    });
    let moved = 0;
    for (let i = present.length; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH).map(({ seq: _seq, key, ...row }) => ({ key, row }));
      moved += target.append(batch).length;
    }
    const after = target.readAll();
    if (!isDeepStrictEqual(after, rows)) {
      const at = after.findIndex((r, i) => !isDeepStrictEqual(r, rows[i]));
      throw new NeoLightError('NL_ERR_CONFLICT', `${contract.path} in the target does not match the source after the move (first difference at row ${at + 1}; rows ${after.length} vs ${rows.length}): another writer appended during the move`, { path: contract.path });
    }
    report.ledgers.push({ path: contract.path, rows: rows.length, moved });
  }
  return report;
}

/** Files under the source's state/ and runtime/ that no moved contract covers. */
function unknownFiles(home: string, contracts: readonly Contract[]): { path: string; why: string }[] {
  const known = new Set(contracts.map((c) => c.path));
  const out: { path: string; why: string }[] = [];
  const walk = (rel: string): void => {
    let names: string[];
    try {
      names = readdirSync(join(home, rel));
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const path = `${rel}/${name}`;
      if (statSync(join(home, path)).isDirectory()) walk(path);
      else if (isHostLocal(path)) out.push({ path, why: 'lock or heartbeat of a process on the source host' });
      else if (!known.has(path) && !path.endsWith('.lock')) out.push({ path, why: 'no state contract names this file' });
    }
  };
  walk('state');
  walk('runtime');
  return out;
}
