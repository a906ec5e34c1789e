/**
 * Human-readable description of the contracts, generated from the zod schemas themselves, so
 * docs/contracts.md cannot drift from the code (a test compares them; `node scripts/gen-docs.mjs`
 * rewrites the file). Pure: no file access here.
 */
import type { z } from 'zod';
import type { Contract } from './contract.js';

interface Def {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  [k: string]: unknown;
}
interface CheckDef {
  check: string;
  value?: unknown;
  inclusive?: boolean;
  format?: string;
  minimum?: number;
  error?: unknown;
}

const defOf = (s: z.ZodType): Def => s._zod.def as unknown as Def;

function checkText(c: CheckDef): string | undefined {
  const custom = typeof c.error === 'function' ? (c.error as (i: object) => unknown)({}) : c.error;
  if (typeof custom === 'string') return custom.replace(/^must be /, '');
  switch (c.check) {
    case 'greater_than':
      return `${c.inclusive ? '≥' : '>'} ${String(c.value)}`;
    case 'less_than':
      return `${c.inclusive ? '≤' : '<'} ${String(c.value)}`;
    case 'number_format':
      return c.format === 'safeint' ? 'whole number' : undefined;
    case 'min_length':
      return c.minimum === 1 ? 'non-empty' : `length ≥ ${String(c.minimum)}`;
    default:
      return undefined;
  }
}

/** One schema's type and range in a few words (without the fields of nested objects). */
export function describeType(schema: z.ZodType): string {
  const def = defOf(schema);
  const checks = (def.checks ?? []).map((c) => checkText(c._zod.def)).filter((t): t is string => t !== undefined);
  const withChecks = (base: string): string => (checks.length ? `${base} (${checks.join(', ')})` : base);
  switch (def.type) {
    case 'optional':
      return `${describeType(def.innerType as z.ZodType)}, optional`;
    case 'nullable':
      return `${describeType(def.innerType as z.ZodType)} or null`;
    case 'default':
      return `${describeType(def.innerType as z.ZodType)}, default \`${JSON.stringify(def.defaultValue)}\``;
    case 'pipe': {
      const inner = def.in as z.ZodType;
      const base = describeType(defOf(inner).type === 'transform' ? (def.out as z.ZodType) : inner);
      return withChecks(base);
    }
    case 'number':
      return withChecks('number');
    case 'string':
      if (def.format === 'datetime') return 'ISO-8601 time with offset';
      return withChecks('text');
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${Object.values(def.entries as Record<string, string>).map((v) => `\`${v}\``).join(', ')}`;
    case 'literal':
      return (def.values as unknown[]).map((v) => `\`${JSON.stringify(v)}\``).join(' or ');
    case 'union':
      return (def.options as z.ZodType[]).map(describeType).join(' or ');
    case 'array':
      return withChecks(`list of ${describeType(def.element as z.ZodType)}`);
    case 'record':
      return withChecks(`map from ${describeType(def.keyType as z.ZodType)} to ${describeType(def.valueType as z.ZodType)}`);
    case 'object':
      return withChecks('object');
    default:
      return def.type;
  }
}

/** Every field of a schema with its type, nested fields as `a[].b` (lists) and `a.<key>.b` (maps). */
export function describeFields(schema: z.ZodType, prefix = ''): { field: string; type: string }[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return describeFields(def.innerType as z.ZodType, prefix);
    case 'pipe': {
      const inner = def.in as z.ZodType;
      return describeFields(defOf(inner).type === 'transform' ? (def.out as z.ZodType) : inner, prefix);
    }
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, v]) => {
        const path = prefix ? `${prefix}.${k}` : k;
        return [{ field: path, type: describeType(v) }, ...describeFields(v, path)];
      });
    case 'array':
      return describeFields(def.element as z.ZodType, `${prefix}[]`);
    case 'record':
      return describeFields(def.valueType as z.ZodType, `${prefix}.<key>`);
    default:
      return [];
  }
}

const cell = (s: string): string => s.replace(/\|/g, '\\|');

export function contractsMarkdown(contracts: readonly Contract[]): string {
  const out: string[] = [
    '# State contracts',
    '',
    '<!-- Generated from src/contracts by `npm run build && node scripts/gen-docs.mjs`; test/foundation/docs.test.ts fails when it is stale. -->',
    '',
    'Every file agents exchange, relative to the data directory (`NEOLIGHT_HOME`). Documents are JSON',
    'replaced atomically and validated on write and read; ledgers are append-only CSV files whose',
    'header is `seq,key,` followed by the columns below (`seq` gapless from 1, `key` the idempotency key).',
    '',
    '| contract | path | kind | what it holds |',
    '|---|---|---|---|',
    ...contracts.map((c) => `| [${c.name}](#${c.name}) | \`${c.path}\` | ${c.kind} | ${cell(c.description)} |`),
  ];
  for (const c of contracts) {
    const schema = c.kind === 'document' ? c.schema : c.row;
    out.push('', `## ${c.name}`, '', `\`${c.path}\` (${c.kind}): ${c.description}`, '');
    const whole = describeType(schema);
    if (whole.startsWith('object (')) out.push(`Whole document: ${whole.slice('object ('.length, -1)}.`, '');
    out.push(c.kind === 'ledger' ? '| column | type and range |' : '| field | type and range |', '|---|---|');
    if (c.kind === 'ledger') out.push('| `seq` | whole number, 1, 2, 3, ... without gaps |', '| `key` | text, unique (idempotency key) |');
    for (const f of describeFields(schema)) out.push(`| \`${f.field}\` | ${cell(f.type)} |`);
  }
  return `${out.join('\n')}\n`;
}
