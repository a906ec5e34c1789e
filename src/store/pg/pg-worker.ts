/**
 * The worker thread that owns the PostgreSQL connections of one PostgreSQL store (see
 * sync-bridge.ts). One connection serves every request in order, and holds the session-level
 * advisory locks (single-instance locks end with the connection, so a killed process frees its
 * lock at once); a second one LISTENs for change notifications and forwards them to the store.
 */
import { hostname } from 'node:os';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import pg from 'pg';
import { NeoLightError } from '../../core/errors.js';
import { migrate, NOTIFY_CHANNEL, quoteIdent } from './migrations.js';
import { serveSyncBridge } from './sync-bridge.js';

interface WorkerInput {
  connectionString: string;
  schema: string;
  port: MessagePort;
  state: Int32Array;
}

export interface StoredRow {
  seq: number;
  key: string;
  row: Record<string, unknown>;
}

const input = workerData as WorkerInput;
const applicationName = `neolight ${hostname()} pid ${process.pid}`.slice(0, 63);

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: input.connectionString, application_name: applicationName });
  await client.connect();
  await client.query(`SET search_path TO ${quoteIdent(input.schema)}`);
  return client;
}

let main: pg.Client | undefined;
let listener: pg.Client | undefined;
const held = new Map<string, string>();

const db = (): pg.Client => {
  if (!main) throw new NeoLightError('NL_ERR_INTERNAL', 'PostgreSQL store used before init');
  return main;
};
const lockKey = (name: string): string => `neolight-lock:${input.schema}:${name}`;

/** The session holding an advisory lock: its application_name (host and pid) and address. */
async function lockHolder(name: string): Promise<string | undefined> {
  const owner = await db().query<{ application_name: string; client_addr: string | null }>(
    `SELECT a.application_name, a.client_addr::text AS client_addr FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended($1, 0) LIMIT 1`,
    [lockKey(name)],
  );
  const o = owner.rows[0];
  return o ? `${o.application_name}${o.client_addr ? ` from ${o.client_addr}` : ''}` : undefined;
}

const ops: Record<string, (...args: never[]) => Promise<unknown>> = {
  async init() {
    main = await connect();
    main.on('error', () => undefined); // a dropped connection fails the next request instead
    const applied = await migrate(main, input.schema);
    const v = await main.query<{ server_version: string }>('SHOW server_version');
    return { applied, serverVersion: v.rows[0]?.server_version ?? '' };
  },

  async docGet(path: string) {
    const r = await db().query<{ body: unknown; version: string }>('SELECT body, version FROM documents WHERE path = $1', [path]);
    const row = r.rows[0];
    return row ? { body: row.body, version: Number(row.version) } : null;
  },

  async docPut(path: string, body: unknown) {
    const r = await db().query<{ version: string }>(
      `INSERT INTO documents (path, body, version) VALUES ($1, $2, 1)
       ON CONFLICT (path) DO UPDATE SET body = EXCLUDED.body, version = documents.version + 1, updated_at = now()
       RETURNING version`,
      [path, JSON.stringify(body)],
    );
    return Number(r.rows[0]?.version);
  },

  /** Write only if the stored version is `expected` (null: only if there is no document yet). */
  async docCas(path: string, body: unknown, expected: number | null) {
    const json = JSON.stringify(body);
    const r =
      expected === null
        ? await db().query<{ version: string }>('INSERT INTO documents (path, body, version) VALUES ($1, $2, 1) ON CONFLICT (path) DO NOTHING RETURNING version', [path, json])
        : await db().query<{ version: string }>('UPDATE documents SET body = $2, version = version + 1, updated_at = now() WHERE path = $1 AND version = $3 RETURNING version', [path, json, expected]);
    if (r.rows[0]) return { ok: true, version: Number(r.rows[0].version) };
    const now = await db().query<{ version: string }>('SELECT version FROM documents WHERE path = $1', [path]);
    return { ok: false, version: now.rows[0] ? Number(now.rows[0].version) : null };
  },

  async docList(prefix: string) {
    const r = await db().query<{ path: string }>("SELECT path FROM documents WHERE starts_with(path, $1) ORDER BY path", [prefix]);
    return r.rows.map((x) => x.path);
  },

  /**
   * Append the rows whose keys are new, numbering them after the ledger's last seq, in one
   * statement (neolight_append, migrations.ts): it locks the ledger's head row, so concurrent
   * appenders queue up and seq stays gapless; the unique (ledger, key) index is the last word on
   * duplicates.
   */
  async ledgerAppend(ledger: string, rows: { key: string; row: Record<string, unknown> }[]) {
    const r = await db().query<{ out_seq: string; out_key: string }>('SELECT out_seq, out_key FROM neolight_append($1, $2::text[], $3::jsonb[])', [
      ledger,
      rows.map((x) => x.key),
      rows.map((x) => JSON.stringify(x.row)),
    ]);
    const byKey = new Map(rows.map((x) => [x.key, x.row] as const));
    return r.rows.map((x): StoredRow => ({ seq: Number(x.out_seq), key: x.out_key, row: byKey.get(x.out_key) ?? {} }));
  },

  async ledgerSince(ledger: string, afterSeq: number) {
    const r = await db().query<{ seq: string; key: string; row: Record<string, unknown> }>('SELECT seq, key, row FROM ledger_rows WHERE ledger = $1 AND seq > $2 ORDER BY seq', [ledger, afterSeq]);
    return r.rows.map((x): StoredRow => ({ seq: Number(x.seq), key: x.key, row: x.row }));
  },

  /** Last seq, or -1 when the ledger was never written (the file store's "no file"). */
  async ledgerHead(ledger: string) {
    const r = await db().query<{ last_seq: string }>('SELECT last_seq FROM ledger_heads WHERE ledger = $1', [ledger]);
    return r.rows[0] ? Number(r.rows[0].last_seq) : -1;
  },

  async ledgerList() {
    const r = await db().query<{ ledger: string; last_seq: string }>('SELECT ledger, last_seq FROM ledger_heads ORDER BY ledger');
    return r.rows.map((x) => ({ ledger: x.ledger, lastSeq: Number(x.last_seq) }));
  },

  /** Take a session-level advisory lock, or report who holds it (their application_name). */
  async lockTry(name: string) {
    if (held.has(name)) return { ok: true };
    const r = await db().query<{ got: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS got', [lockKey(name)]);
    if (r.rows[0]?.got) {
      held.set(name, lockKey(name));
      return { ok: true };
    }
    return { ok: false, owner: (await lockHolder(name)) ?? 'another session' };
  },

  async lockOwner(name: string) {
    return (await lockHolder(name)) ?? null;
  },

  async lockRelease(name: string) {
    if (!held.delete(name)) return false;
    const r = await db().query<{ done: boolean }>('SELECT pg_advisory_unlock(hashtextextended($1, 0)) AS done', [lockKey(name)]);
    return r.rows[0]?.done ?? false;
  },

  /** Start forwarding NOTIFYs of this schema to the store as { type: 'change', path }. */
  async listen() {
    if (listener) return true;
    const l = await connect();
    l.on('notification', (n) => {
      const payload = n.payload ?? '';
      const prefix = `${input.schema}:`;
      if (n.channel === NOTIFY_CHANNEL && payload.startsWith(prefix)) parentPort?.postMessage({ type: 'change', path: payload.slice(prefix.length) });
    });
    l.on('error', (err) => {
      // The store's polling fallback keeps watchers informed; listening resumes on the next watch.
      parentPort?.postMessage({ type: 'listen-lost', message: err.message });
      listener = undefined;
    });
    await l.query(`LISTEN ${NOTIFY_CHANNEL}`);
    listener = l;
    return true;
  },

  async close() {
    await listener?.end().catch(() => undefined);
    await main?.end().catch(() => undefined);
    listener = undefined;
    main = undefined;
    return true;
  },
};

serveSyncBridge(input.port, input.state, async (op, args) => {
  const fn = ops[op];
  if (!fn) throw new NeoLightError('NL_ERR_INTERNAL', `PostgreSQL store: unknown operation ${op}`);
  return (fn as (...a: unknown[]) => Promise<unknown>)(...args);
});
