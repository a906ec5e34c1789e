/**
 * One ledger of the PostgreSQL store, with the file ledger's contract (ledger.ts): rows are checked
 * against the contract before they are sent, keys must be non-empty single lines, a known key is
 * skipped, and seq is gapless from 1. Rows read are cached, so a read fetches only rows newer than
 * the last one this process has seen.
 */
import type { LedgerContract, RowOf } from '../../contracts/contract.js';
import { formatIssues } from '../../contracts/contract.js';
import { NeoLightError } from '../../core/errors.js';
import type { Ledger, LedgerEntry } from '../ledger.js';

type Call = <T>(op: string, ...args: unknown[]) => T;
type Stored = { seq: number; key: string; row: Record<string, unknown> };

export function openPgLedger<C extends LedgerContract>(contract: C, call: Call): Ledger<RowOf<C>> {
  type R = RowOf<C>;
  const rows: LedgerEntry<R>[] = [];
  const keys = new Set<string>();

  const take = (stored: readonly Stored[]): LedgerEntry<R>[] =>
    stored.map((s) => {
      if (s.seq <= rows.length) return rows[s.seq - 1]!; // already cached (written by this process)
      const entry = { ...checkStoredRow(contract, s, rows.length + 1), seq: s.seq, key: s.key } as LedgerEntry<R>;
      rows.push(entry);
      keys.add(s.key);
      return entry;
    });
  const catchUp = (): void => void take(call<Stored[]>('ledgerSince', contract.path, rows.length));

  return {
    path: contract.path,
    append(input) {
      if (input.length === 0) return [];
      const batch: { key: string; row: Record<string, unknown> }[] = [];
      for (const { key, row } of input) {
        if (key === '' || /[\r\n]/.test(key)) throw new NeoLightError('NL_ERR_BAD_INPUT', `${contract.path}: idempotency key must be a non-empty single line, got ${JSON.stringify(key)}`);
        const parsed = contract.row.safeParse(row);
        if (!parsed.success) throw new NeoLightError('NL_ERR_CONTRACT_INVALID', `${contract.path}: row rejected: ${formatIssues(parsed.error)}`, { path: contract.path, key });
        batch.push({ key, row: parsed.data as Record<string, unknown> });
      }
      const written = call<Stored[]>('ledgerAppend', contract.path, batch);
      // Rows other processes appended before ours come first, so the cache stays in seq order.
      if (written.length > 0 && written[0]!.seq > rows.length + 1) catchUp();
      return take(written);
    },
    readAll() {
      catchUp();
      return rows.slice();
    },
    readSince(afterSeq) {
      catchUp();
      return rows.slice(Math.max(0, afterSeq));
    },
    has(key) {
      if (keys.has(key)) return true;
      catchUp();
      return keys.has(key);
    },
    lastSeq() {
      catchUp();
      return rows.length;
    },
    count() {
      catchUp();
      return rows.length;
    },
  };
}

/** Check one stored ledger row against its contract, as the file store checks each line. */
export function checkStoredRow<C extends LedgerContract>(contract: C, stored: { seq: number; key: string; row: Record<string, unknown> }, expectSeq: number): RowOf<C> {
  if (stored.seq !== expectSeq) throw new NeoLightError('NL_ERR_LEDGER_CORRUPT', `${contract.path} seq ${stored.seq}: expected ${expectSeq}`, { path: contract.path });
  const parsed = contract.row.safeParse(stored.row);
  if (!parsed.success) throw new NeoLightError('NL_ERR_LEDGER_CORRUPT', `${contract.path} seq ${stored.seq}: ${formatIssues(parsed.error)}`, { path: contract.path, seq: stored.seq });
  return parsed.data as RowOf<C>;
}
