/**
 * What a state contract is: a named file under the data directory (its exact relative path from
 * the specification) and the zod schema that every write and every read is checked against.
 * Documents are whole JSON files replaced atomically; ledgers are append-only CSV files whose rows
 * carry a `seq` and an idempotency `key` before the row's own columns.
 */
import { z } from 'zod';

export interface DocumentContract<S extends z.ZodType = z.ZodType> {
  readonly kind: 'document';
  readonly name: string;
  /** Path relative to the data directory, exactly as the specification names it. */
  readonly path: string;
  readonly description: string;
  readonly schema: S;
}

export interface LedgerContract<S extends z.ZodObject = z.ZodObject> {
  readonly kind: 'ledger';
  readonly name: string;
  readonly path: string;
  readonly description: string;
  /** Schema of one row's own columns (without seq and key); CSV text is coerced by it. */
  readonly row: S;
  /** The row's own columns in file order (the header is `seq,key,` + these). */
  readonly columns: readonly (keyof z.infer<S> & string)[];
}

export type Contract = DocumentContract | LedgerContract;
export type DocOf<C extends DocumentContract> = z.infer<C['schema']>;
export type RowOf<C extends LedgerContract> = z.infer<C['row']>;

export function defineDocument<S extends z.ZodType>(c: Omit<DocumentContract<S>, 'kind'>): DocumentContract<S> {
  return { kind: 'document', ...c };
}

export function defineLedger<S extends z.ZodObject>(c: Omit<LedgerContract<S>, 'kind' | 'columns'>): LedgerContract<S> {
  const columns = Object.keys(c.row.shape) as (keyof z.infer<S> & string)[];
  for (const reserved of ['seq', 'key']) {
    if ((columns as string[]).includes(reserved)) throw new Error(`ledger ${c.name}: column "${reserved}" is reserved`);
  }
  return { kind: 'ledger', columns, ...c };
}

/** One line per zod issue: `field.path: problem`, so an error names the field and what is wrong. */
export function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}${nestedDetail(i)}`).join('; ');
}

/** A bad record key or set element hides what was wrong in nested issues; surface them. */
function nestedDetail(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'invalid_key' && issue.code !== 'invalid_element') return '';
  const inner = issue.issues.map((i) => i.message).join(', ');
  return inner ? ` (${inner})` : '';
}

// Shared field schemas. Numbers in ledgers arrive as CSV text, hence the coercing variants.
export const isoTime = z.iso.datetime({ offset: true });
export const symbol = z.string().regex(/^[A-Z0-9][A-Z0-9.\-=/^]{0,23}$/, 'must be an upper-case ticker such as BTC-USD or SPY');
export const finite = z.number().refine(Number.isFinite, 'must be a finite number');
/**
 * A number, or CSV text holding one. Unlike z.coerce.number(), empty or blank text is rejected
 * rather than read as 0 (an empty cell is missing data, not zero), and so are null and booleans.
 */
export const csvNumber = z
  .preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), z.number('must be a number'))
  .refine(Number.isFinite, 'must be a finite number');
export const csvNonNegative = csvNumber.refine((n) => n >= 0, 'must be >= 0');
export const csvString = z.string();
export const nonNegative = z.number().min(0).refine(Number.isFinite, 'must be a finite number');
export const mode = z.enum(['backtest', 'sim', 'paper', 'live']);
export type Mode = z.infer<typeof mode>;

/**
 * The one rule for which figures are simulated: only live fills are real. Backtest, sim and paper
 * (live quotes, simulated fills) are all simulated; every document, roll-up and banner uses this.
 */
export function isSimulatedMode(m: Mode): boolean {
  return m !== 'live';
}
