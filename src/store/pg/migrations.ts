/**
 * The PostgreSQL store's schema, as numbered migrations applied in order on every start (each
 * once, recorded in neolight_migrations). Concurrent starts are serialised by a transaction-level
 * advisory lock, so two agents starting at once never both create the tables.
 *
 * - documents: one row per JSON document, with a version that every write increments (compare-and-set).
 * - ledger_rows: every ledger in one table keyed by ledger path; (ledger, seq) and (ledger, key) unique.
 * - ledger_heads: the last seq per ledger; appenders lock its row, which keeps seq gapless.
 * - neolight_append(): one append as one statement (one round trip, one commit).
 * - triggers NOTIFY channel `neolight` with `<schema>:<path>` on every document write and ledger append.
 */
import type { PoolClient } from 'pg';

export const NOTIFY_CHANNEL = 'neolight';

export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'documents, ledgers and change notification',
    sql: `
      CREATE TABLE documents (
        path text PRIMARY KEY,
        body jsonb NOT NULL,
        version bigint NOT NULL CHECK (version > 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE ledger_heads (
        ledger text PRIMARY KEY,
        last_seq bigint NOT NULL CHECK (last_seq >= 0)
      );
      CREATE TABLE ledger_rows (
        ledger text NOT NULL REFERENCES ledger_heads (ledger),
        seq bigint NOT NULL CHECK (seq > 0),
        key text NOT NULL CHECK (key <> ''),
        row jsonb NOT NULL,
        written_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ledger, seq),
        UNIQUE (ledger, key)
      );
      CREATE FUNCTION neolight_append(p_ledger text, p_keys text[], p_rows jsonb[]) RETURNS TABLE (out_seq bigint, out_key text)
      LANGUAGE plpgsql AS $$
        DECLARE
          last bigint;
        BEGIN
          INSERT INTO ledger_heads (ledger, last_seq) VALUES (p_ledger, 0) ON CONFLICT (ledger) DO NOTHING;
          -- The head row's lock queues concurrent appenders of this ledger until we commit.
          SELECT h.last_seq INTO last FROM ledger_heads h WHERE h.ledger = p_ledger FOR UPDATE;
          FOR i IN 1 .. coalesce(array_length(p_keys, 1), 0) LOOP
            CONTINUE WHEN EXISTS (SELECT 1 FROM ledger_rows r WHERE r.ledger = p_ledger AND r.key = p_keys[i]);
            last := last + 1;
            INSERT INTO ledger_rows (ledger, seq, key, row) VALUES (p_ledger, last, p_keys[i], p_rows[i]);
            out_seq := last;
            out_key := p_keys[i];
            RETURN NEXT;
          END LOOP;
          UPDATE ledger_heads h SET last_seq = last WHERE h.ledger = p_ledger;
        END $$;
      CREATE FUNCTION neolight_notify_document() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_notify('${NOTIFY_CHANNEL}', TG_TABLE_SCHEMA || ':' || NEW.path); RETURN NULL; END $$;
      CREATE FUNCTION neolight_notify_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_notify('${NOTIFY_CHANNEL}', TG_TABLE_SCHEMA || ':' || NEW.ledger); RETURN NULL; END $$;
      CREATE TRIGGER documents_notify AFTER INSERT OR UPDATE ON documents FOR EACH ROW EXECUTE FUNCTION neolight_notify_document();
      CREATE TRIGGER ledger_rows_notify AFTER INSERT ON ledger_rows FOR EACH ROW EXECUTE FUNCTION neolight_notify_ledger();
    `,
  },
];

/** Apply the migrations this schema lacks; returns the versions applied now. */
export async function migrate(client: PoolClient | import('pg').Client, schema: string): Promise<number[]> {
  const applied: number[] = [];
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`neolight-migrate:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await client.query(`CREATE TABLE IF NOT EXISTS neolight_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM neolight_migrations')).rows.map((r) => r.version));
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO neolight_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
  return applied;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
