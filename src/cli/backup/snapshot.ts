/**
 * Backups ("Drive Sync"): a consistent snapshot of a data directory while the mesh runs, and its
 * verified restore. Consistency rule: documents are copied first, then each ledger under its own
 * append lock up to its last complete row, so every seq a document refers to (the trader's
 * `last_fill_seq`) is in the copied ledger, and fills after it are replayed on start exactly as
 * after a crash. A manifest lists every file with size and sha256; restore checks them all before
 * writing anything and refuses a non-empty target.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { z } from 'zod';
import { CONTRACTS, smartTraderState, pnlHistory } from '../../contracts/index.js';
import { NeoLightError } from '../../core/errors.js';
import { writeFileAtomic } from '../../store/atomic.js';
import { parseDocument } from '../../store/documents.js';
import { openLedger } from '../../store/ledger.js';
import { tryAcquireLock, sleepMs } from '../../store/lock.js';

export const MANIFEST = 'manifest.json';
const FORMAT = 'neolight-backup/1';

export const manifestSchema = z.object({
  format: z.literal(FORMAT),
  created_at: z.iso.datetime({ offset: true }),
  source_home: z.string(),
  files: z.array(z.object({ path: z.string().min(1), size: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
  ledgers: z.record(z.string(), z.number().int().min(0)),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** What a backup leaves out: live locks, temp files, pids of running processes, logs. */
export function isBackedUp(rel: string): boolean {
  const name = rel.split('/').at(-1) ?? rel;
  if (rel.startsWith('logs/') || rel.startsWith('runtime/agents/')) return false;
  if (name.startsWith('.') || name.endsWith('.lock') || name.includes('.tmp-')) return false;
  if (rel === 'runtime/guardian_children.json') return false;
  return rel === 'neolight.config.json' || rel.startsWith('state/') || rel.startsWith('runtime/');
}

function walk(root: string, dir = root): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? walk(root, p) : e.isFile() ? [relative(root, p).split(sep).join('/')] : [];
  });
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

const LEDGER_PATHS = new Set(CONTRACTS.filter((c) => c.kind === 'ledger').map((c) => c.path));

/** A ledger's bytes up to its last complete row, read while its append lock is held. */
function readLedgerConsistent(file: string): Buffer {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const held = tryAcquireLock(`${file}.lock`, { what: `backup of ${file}` });
    if (!('owner' in held)) {
      try {
        const b = readFileSync(file);
        const nl = b.lastIndexOf(0x0a);
        return b.subarray(0, nl + 1);
      } finally {
        held.release();
      }
    }
    if (Date.now() > deadline) throw new NeoLightError('NL_ERR_LOCK_HELD', `${file}.lock was held for 10 s; cannot take a consistent copy`);
    sleepMs(2);
  }
}

export interface BackupResult {
  dir: string;
  files: number;
  bytes: number;
  created_at: string;
  ledgers: Record<string, number>;
}

/** Write a snapshot of `home` into `dir` (which must not exist or be empty). */
export function backup(home: string, dir: string): BackupResult {
  if (!existsSync(join(home, 'state')) && !existsSync(join(home, 'runtime'))) throw new NeoLightError('NL_ERR_BAD_INPUT', `--home ${home} has no state/ or runtime/: not a NeoLight data directory`);
  assertEmptyTarget(dir, 'DIR');
  const created = new Date().toISOString();
  const all = walk(home).filter(isBackedUp);
  const docs = all.filter((p) => !LEDGER_PATHS.has(p));
  const ledgers = all.filter((p) => LEDGER_PATHS.has(p));
  const copied = new Map<string, Buffer>();
  // Documents first, then ledgers: a document never refers past the copied ledger.
  for (const p of docs) {
    try {
      copied.set(p, readFileSync(join(home, p)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err; // replaced or removed meanwhile
    }
  }
  for (const p of ledgers) copied.set(p, readLedgerConsistent(join(home, p)));
  const files: Manifest['files'] = [];
  let bytes = 0;
  for (const [p, b] of copied) {
    writeFileAtomic(join(dir, p), b);
    files.push({ path: p, size: b.length, sha256: sha256(b) });
    bytes += b.length;
  }
  const seqs = verifySnapshot(dir);
  const manifest: Manifest = { format: FORMAT, created_at: created, source_home: home, files: files.sort((a, b) => a.path.localeCompare(b.path)), ledgers: seqs };
  writeFileAtomic(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, files: files.length, bytes, created_at: created, ledgers: seqs };
}

/** Every ledger reads cleanly, every known document matches its contract, and the book refers to no missing fill. */
export function verifySnapshot(dir: string): Record<string, number> {
  const seqs: Record<string, number> = {};
  for (const c of CONTRACTS) {
    const file = join(dir, c.path);
    if (!existsSync(file)) continue;
    if (c.kind === 'ledger') seqs[c.path] = openLedger(c, file).lastSeq();
    else {
      const r = parseDocument(c, readFileSync(file, 'utf8'));
      if (!r.ok) throw new NeoLightError('NL_ERR_CONTRACT_INVALID', `snapshot ${r.error.message}`, { path: c.path });
    }
  }
  const st = join(dir, smartTraderState.path);
  if (existsSync(st)) {
    const r = parseDocument(smartTraderState, readFileSync(st, 'utf8'));
    const last = seqs[pnlHistory.path] ?? 0;
    if (r.ok && r.value.last_fill_seq > last) throw new NeoLightError('NL_ERR_INTERNAL', `snapshot inconsistent: ${smartTraderState.path} refers to fill seq ${r.value.last_fill_seq}, the copied ${pnlHistory.path} ends at ${last}`);
  }
  return seqs;
}

function assertEmptyTarget(dir: string, flag: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new NeoLightError('NL_ERR_BAD_INPUT', `${flag} ${dir} is not accepted: it is a file; expected a new or empty directory`);
  if (readdirSync(dir).length > 0) throw new NeoLightError('NL_ERR_BAD_INPUT', `${flag} ${dir} is not accepted: it is not empty; expected a new or empty directory`);
}

export function readManifest(dir: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
  } catch (err) {
    throw new NeoLightError('NL_ERR_BAD_INPUT', `DIR ${dir}: cannot read ${MANIFEST} (${(err as Error).message.split('\n')[0]}); expected a directory written by 'neolight backup'`);
  }
  const m = manifestSchema.safeParse(json);
  if (!m.success) throw new NeoLightError('NL_ERR_BAD_INPUT', `DIR ${dir}: ${MANIFEST} is not a NeoLight backup manifest: ${m.error.issues[0]?.path.join('.')}: ${m.error.issues[0]?.message}`);
  for (const f of m.data.files) {
    const n = normalize(f.path);
    if (isAbsolute(f.path) || n.startsWith('..') || n !== f.path || f.path === MANIFEST) throw new NeoLightError('NL_ERR_BAD_INPUT', `DIR ${dir}: ${MANIFEST} names "${f.path}", which is not a plain relative path inside the backup`);
  }
  return m.data;
}

/** Check every file of a backup against its manifest; returns the problems (empty when intact). */
export function checkBackup(dir: string, m: Manifest): string[] {
  const problems: string[] = [];
  for (const f of m.files) {
    let b: Buffer;
    try {
      b = readFileSync(join(dir, f.path));
    } catch {
      problems.push(`${f.path}: missing`);
      continue;
    }
    if (b.length !== f.size) problems.push(`${f.path}: ${b.length} bytes, the manifest says ${f.size}`);
    else if (sha256(b) !== f.sha256) problems.push(`${f.path}: sha256 differs from the manifest`);
  }
  return problems;
}

export interface RestoreResult {
  home: string;
  files: number;
  bytes: number;
  created_at: string;
  ledgers: Record<string, number>;
}

/** Verify a backup and copy it into a new data directory. */
export function restore(dir: string, home: string): RestoreResult {
  const m = readManifest(dir);
  const problems = checkBackup(dir, m);
  if (problems.length > 0) throw new NeoLightError('NL_ERR_DATA', `backup ${dir} failed verification: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (+${problems.length - 5} more)` : ''}`);
  assertEmptyTarget(home, '--home');
  let bytes = 0;
  for (const f of m.files) {
    const b = readFileSync(join(dir, f.path));
    mkdirSync(dirname(join(home, f.path)), { recursive: true });
    writeFileAtomic(join(home, f.path), b);
    bytes += b.length;
  }
  for (const d of ['state', 'runtime', 'logs']) mkdirSync(join(home, d), { recursive: true });
  const ledgers = verifySnapshot(home);
  return { home, files: m.files.length, bytes, created_at: m.created_at, ledgers };
}
