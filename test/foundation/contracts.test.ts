/**
 * Every state contract against its table of examples (test/fixtures/foundation/contract-examples.ts):
 * the valid example parses, boundary values are accepted, and each field has an invalid value that
 * is rejected with a message naming the field. The schema walk below makes a missing example fail.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CONTRACTS, formatIssues, type Contract } from '../../src/contracts/index.js';
import { EXAMPLES } from '../fixtures/foundation/contract-examples.js';

const schemaOf = (c: Contract): z.ZodType => (c.kind === 'document' ? c.schema : c.row);

function setPath(doc: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const out = structuredClone(doc);
  const parts = path.split('.');
  let cur: Record<string, unknown> = out;
  for (const p of parts.slice(0, -1)) {
    const next = cur[p];
    if (next === null || typeof next !== 'object') throw new Error(`example has no ${path}`);
    cur = next as Record<string, unknown>;
  }
  // Optional fields may be absent from the valid example; setting them is still meaningful.
  cur[parts[parts.length - 1] ?? ''] = value;
  return out;
}

/**
 * The concrete leaf paths of a schema, following the valid example into arrays (element 0) and
 * records (their first key), so every field, nested or not, is listed once.
 */
function leafPaths(schema: z.ZodType, value: unknown, prefix: string): string[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const join = (k: string): string => (prefix ? `${prefix}.${k}` : k);
  switch (def.type) {
    case 'optional':
    case 'nullable':
      return leafPaths(def.innerType as z.ZodType, value, prefix);
    case 'pipe': {
      const inner = def.in as z.ZodType;
      return leafPaths(inner._zod.def.type === 'transform' ? (def.out as z.ZodType) : inner, value, prefix);
    }
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const obj = (value ?? {}) as Record<string, unknown>;
      return Object.keys(shape).flatMap((k) => leafPaths(shape[k] as z.ZodType, obj[k], join(k)));
    }
    case 'array': {
      const el = def.element as z.ZodType;
      const isObject = el._zod.def.type === 'object' || el._zod.def.type === 'pipe';
      if (!Array.isArray(value) || value.length === 0 || !isObject) return [prefix];
      return [prefix, ...leafPaths(el, value[0], join('0'))];
    }
    case 'record': {
      const first = value && typeof value === 'object' ? Object.keys(value)[0] : undefined;
      if (first === undefined) return [prefix];
      return leafPaths(def.valueType as z.ZodType, (value as Record<string, unknown>)[first], join(first));
    }
    default:
      return [prefix];
  }
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function expectRejectedNaming(schema: z.ZodType, doc: unknown, field: string): void {
  const r = schema.safeParse(doc);
  expect(r.success, `expected ${field} to be rejected`).toBe(false);
  if (r.success) return;
  const message = formatIssues(r.error);
  expect(message).toMatch(new RegExp(`(^|; )${escape(field)}[.:]`));
}

describe('contract examples table', () => {
  it('has examples for every contract, and none for contracts that do not exist', () => {
    const names = CONTRACTS.map((c) => c.name);
    expect(names.filter((n) => !(n in EXAMPLES))).toEqual([]);
    expect(Object.keys(EXAMPLES).filter((n) => !names.includes(n))).toEqual([]);
  });

  it('contract names and paths are unique and paths are under state/ or runtime/', () => {
    expect(new Set(CONTRACTS.map((c) => c.name)).size).toBe(CONTRACTS.length);
    expect(new Set(CONTRACTS.map((c) => c.path)).size).toBe(CONTRACTS.length);
    for (const c of CONTRACTS) {
      // One folder level is allowed for the specification's model folders (state/sports_models/).
      expect(c.path).toMatch(/^(state|runtime)\/([a-z_]+\/)?[^/]+\.(json|csv|lock)$/);
      expect(c.path.endsWith('.csv')).toBe(c.kind === 'ledger');
    }
  });
});

describe.each(CONTRACTS.map((c) => [c.name, c] as const))('contract %s', (name, contract) => {
  const ex = EXAMPLES[name];
  const schema = schemaOf(contract);
  if (!ex) {
    it('has examples', () => expect.fail(`no examples for contract ${name} in test/fixtures/foundation/contract-examples.ts`));
    return;
  }

  it('accepts the valid example and its variants', () => {
    for (const doc of [ex.valid, ...(ex.alsoValid ?? [])]) {
      const r = schema.safeParse(doc);
      expect(r.success, r.success ? '' : formatIssues(r.error)).toBe(true);
    }
  });

  it('accepts boundary values', () => {
    for (const b of ex.boundaries) {
      for (const v of b.values) {
        const r = schema.safeParse(setPath(ex.valid, b.path, v));
        expect(r.success, `${b.path}=${JSON.stringify(v)}: ${r.success ? '' : formatIssues(r.error)}`).toBe(true);
      }
    }
  });

  it('rejects one invalid value per field, naming the field', () => {
    for (const bad of ex.invalid) expectRejectedNaming(schema, setPath(ex.valid, bad.path, bad.value), bad.names ?? bad.path);
  });

  it('has an invalid example for every field', () => {
    const covered = new Set(ex.invalid.map((i) => i.path));
    const missing = leafPaths(schema, ex.valid, '').filter((p) => !covered.has(p));
    expect(missing, `fields of ${name} without an invalid example`).toEqual([]);
  });

  if (contract.kind === 'ledger') {
    it('parses the row from CSV text (numbers as strings)', () => {
      const text = Object.fromEntries(Object.entries(ex.valid).map(([k, v]) => [k, String(v)]));
      const fromText = contract.row.safeParse(text);
      const typed = contract.row.safeParse(ex.valid);
      expect(fromText.success, fromText.success ? '' : formatIssues(fromText.error)).toBe(true);
      expect(fromText.data).toEqual(typed.data);
      expect(Object.keys(ex.valid)).toEqual([...contract.columns]);
    });

    it('rejects invalid values given as CSV text too, and blank numbers are not read as 0', () => {
      for (const bad of ex.invalid) {
        if (typeof bad.value !== 'string') continue;
        expectRejectedNaming(contract.row, setPath(ex.valid, bad.path, bad.value), bad.names ?? bad.path);
      }
      const numeric = contract.columns.filter((c) => typeof ex.valid[c] === 'number');
      for (const col of numeric) {
        for (const blank of ['', '  ']) {
          const r = contract.row.safeParse({ ...ex.valid, [col]: blank });
          // performance_metrics.sharpe is the one column where an empty cell means "not enough data yet".
          if (name === 'performance_metrics' && col === 'sharpe' && blank === '') expect(r.success).toBe(true);
          else expect(r.success, `${name}.${col}=${JSON.stringify(blank)}`).toBe(false);
        }
      }
    });
  }
});

describe('formatIssues', () => {
  it('names the root when the whole value is wrong', () => {
    const c = CONTRACTS.find((x) => x.name === 'atlas_brain');
    if (!c || c.kind !== 'document') throw new Error('atlas_brain missing');
    const r = c.schema.safeParse('nope');
    expect(r.success).toBe(false);
    if (!r.success) expect(formatIssues(r.error)).toMatch(/^\(root\): /);
  });
});
