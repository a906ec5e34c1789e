/**
 * `neolight migrate-store --from DIR --to postgres://...`: move a file store (a data directory's
 * state/ and runtime/ documents and ledgers) into PostgreSQL without loss, and print what moved.
 * The source is only read; run it with the mesh of DIR stopped.
 */
import { summaryOf } from './index.js';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { CONTRACTS } from '../../contracts/index.js';
import { NeoLightError } from '../../core/errors.js';
import { LOCK_PATH } from '../../mesh/guardian.js';
import { openFileStore } from '../../store/file-store.js';
import { isPidAlive, readLock } from '../../store/lock.js';
import { migrateStore } from '../../store/migrate.js';
import { openPgStore } from '../../store/pg/pg-store.js';
import { isPostgresUrl, parseStoreUrl } from '../../store/pg/store-url.js';
import { action, printJson } from '../run.js';

export function registerMigrateStore(program: Command): void {
  program
    .command('migrate-store')
    .description(summaryOf('migrate-store'))
    .requiredOption('--from <dir>', 'the data directory whose file store is moved (only read)')
    .requiredOption('--to <url>', 'the PostgreSQL store: postgres://user@host:port/database[?schema=name]')
    .option('--json', 'print one JSON document: from, to, schema, documents, ledgers (rows and rows moved), skipped')
    .action(
      action((opts: { from: string; to: string; json?: boolean }) => {
        const from = resolve(opts.from);
        if (!existsSync(from) || !statSync(from).isDirectory()) throw new NeoLightError('NL_ERR_BAD_FLAG', `--from "${opts.from}" is not accepted: expected an existing data directory`);
        if (!existsSync(join(from, 'state')) && !existsSync(join(from, 'runtime'))) {
          throw new NeoLightError('NL_ERR_BAD_FLAG', `--from "${opts.from}" is not accepted: it has neither state/ nor runtime/, so it is no NeoLight data directory`);
        }
        if (!isPostgresUrl(opts.to)) throw new NeoLightError('NL_ERR_BAD_FLAG', `--to is not accepted: expected a postgres://user@host:port/database URL (optionally ?schema=name)`);
        const target = parseStoreUrl(opts.to, '--to');
        const guardian = readLock(join(from, LOCK_PATH));
        if (guardian && isPidAlive(guardian.pid)) {
          throw new NeoLightError('NL_ERR_LOCK_HELD', `a mesh is running on ${from} (guardian pid ${guardian.pid}); stop it first (neolight stop --home ${from}) so nothing is written while it moves`);
        }
        const source = openFileStore(from);
        const dest = openPgStore(opts.to, from);
        try {
          const report = migrateStore(source, dest, CONTRACTS);
          const doc = { from, to: target.display, schema: target.schema, ...report };
          if (opts.json) printJson(doc);
          else process.stdout.write(render(doc));
        } finally {
          dest.close();
        }
      }),
    );
}

function render(doc: { from: string; to: string } & ReturnType<typeof migrateStore>): string {
  const moved = doc.documents.filter((d) => d.status === 'moved').length;
  const lines = [`moved ${doc.from} into ${doc.to}`, '', `documents: ${moved} moved, ${doc.documents.length - moved} already there and equal`];
  for (const d of doc.documents) lines.push(`  ${d.status === 'moved' ? 'moved    ' : 'unchanged'} ${d.path}`);
  lines.push('', `ledgers: ${doc.ledgers.length}, ${doc.ledgers.reduce((n, l) => n + l.moved, 0)} rows moved`);
  for (const l of doc.ledgers) lines.push(`  ${String(l.rows).padStart(7)} rows (${l.moved} moved)  ${l.path}`);
  if (doc.skipped.length > 0) {
    lines.push('', 'not moved:');
    for (const s of doc.skipped) lines.push(`  ${s.path}: ${s.why}`);
  }
  return `${lines.join('\n')}\n`;
}
