/**
 * NEOLIGHT_STORE: `postgres://user:pass@host:port/db` (or postgresql://), with an optional
 * `schema=NAME` query parameter (default `neolight`) naming the schema that holds the tables, so
 * several meshes or test runs can share one database.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NeoLightError } from '../../core/errors.js';

export const DEFAULT_SCHEMA = 'neolight';
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface StoreTarget {
  /** What pg connects with (the schema parameter removed). */
  connectionString: string;
  schema: string;
  /** The URL with its password replaced by ***, for messages and doctor. */
  display: string;
}

export function isPostgresUrl(value: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(value);
}

export function parseStoreUrl(value: string, what = 'NEOLIGHT_STORE'): StoreTarget {
  let url: URL;
  try {
    if (!isPostgresUrl(value)) throw new Error('not postgres');
    url = new URL(value);
  } catch {
    throw new NeoLightError('NL_ERR_BAD_CONFIG', `${what} is "${redact(value)}"; accepted: a postgres://user@host:port/database URL (optionally ?schema=name)`);
  }
  const schema = url.searchParams.get('schema') ?? DEFAULT_SCHEMA;
  if (!SCHEMA_NAME.test(schema)) throw new NeoLightError('NL_ERR_BAD_CONFIG', `${what}: schema "${schema}" is not accepted; use lower-case letters, digits and _ (at most 63, not starting with a digit)`);
  url.searchParams.delete('schema');
  const display = new URL(url.href);
  if (display.password) display.password = '***';
  return { connectionString: url.href, schema, display: `${display.href}${schema === DEFAULT_SCHEMA ? '' : `${display.search ? '&' : '?'}schema=${schema}`}` };
}

function redact(value: string): string {
  return value.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
}

/**
 * The worker's file beside this one. Under vitest this module is TypeScript that a worker thread
 * cannot load, so the built worker is used (test/global-setup.ts builds dist/ before tests run).
 */
export function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return here.replace(/store-url\.js$/, 'pg-worker.js');
  const built = fileURLToPath(new URL('../../../dist/store/pg/pg-worker.js', import.meta.url));
  if (!existsSync(built)) throw new NeoLightError('NL_ERR_INTERNAL', `the PostgreSQL store worker is not built (${built}); run npm run build`);
  return built;
}
