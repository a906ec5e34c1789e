/**
 * PostgreSQL for the store tests: the server at NEOLIGHT_TEST_PG (default the machine's own,
 * postgres://postgres@127.0.0.1:5432/test with trust auth; .ci/run starts it). Each test gets a
 * schema of its own, dropped after the test. When no server answers, the tests that need one are
 * skipped, and say so once on stderr.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach } from 'vitest';

export const PG_BASE = process.env.NEOLIGHT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

async function probe(): Promise<string | undefined> {
  const c = new pg.Client({ connectionString: PG_BASE, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return undefined;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await c.end().catch(() => undefined);
  }
}

const problem = await probe();
/** Why PostgreSQL tests are skipped, or undefined when the server answers. */
export const PG_ABSENT = problem === undefined ? undefined : `PostgreSQL is not reachable at ${PG_BASE} (${problem}): skipping the tests that need it; start it (pg_ctlcluster 15 main start) or set NEOLIGHT_TEST_PG`;
if (PG_ABSENT) process.stderr.write(`${PG_ABSENT}\n`);

const schemas: string[] = [];
afterEach(async () => {
  const drop = schemas.splice(0);
  if (drop.length === 0 || PG_ABSENT) return;
  const c = new pg.Client({ connectionString: PG_BASE });
  await c.connect();
  try {
    for (const s of drop) await c.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  } finally {
    await c.end();
  }
});

/** A store URL with a fresh schema, dropped after the current test. */
export function freshStoreUrl(): string {
  const schema = `nl_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  schemas.push(schema);
  return `${PG_BASE}${PG_BASE.includes('?') ? '&' : '?'}schema=${schema}`;
}

