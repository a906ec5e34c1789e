/** `neolight backup DIR`: a consistent, checksummed snapshot of the data directory, safe while the mesh runs. */
import { summaryOf } from './index.js';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { backup } from '../backup/snapshot.js';
import { action, printJson, say } from '../run.js';

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .argument('<dir>', 'new or empty directory to write the snapshot into')
    .description(summaryOf('backup'))
    .option('--home <dir>', 'data directory (NEOLIGHT_HOME)')
    .option('--json', 'print one JSON document: dir, files, bytes, created_at, ledgers (last seq of each)')
    .action(
      action((dir: string, opts: { home?: string; json?: boolean }) => {
        const config = loadConfig({ home: opts.home });
        const r = backup(config.home, resolve(dir));
        if (opts.json) printJson(r);
        else say(false, `backup of ${config.home}: ${r.files} files, ${r.bytes} bytes, in ${r.dir} (manifest.json lists their sha256)`);
      }),
    );
}
