/** `neolight restore DIR --home NEW`: verify a backup's checksums and bring it back into a new data directory. */
import { summaryOf } from './index.js';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { NeoLightError } from '../../core/errors.js';
import { restore } from '../backup/snapshot.js';
import { action, printJson, say } from '../run.js';

export function registerRestore(program: Command): void {
  program
    .command('restore')
    .argument('<dir>', 'a directory written by neolight backup')
    .description(summaryOf('restore'))
    .requiredOption('--home <dir>', 'the new data directory (must not exist or be empty)')
    .option('--json', 'print one JSON document: home, files, bytes, created_at, ledgers (last seq of each)')
    .action(
      action((dir: string, opts: { home: string; json?: boolean }) => {
        if (opts.home.trim() === '') throw new NeoLightError('NL_ERR_BAD_FLAG', '--home "" is not accepted: expected a directory path');
        const r = restore(resolve(dir), resolve(opts.home));
        if (opts.json) printJson(r);
        else say(false, `restored ${r.files} files (${r.bytes} bytes, backup of ${r.created_at}) into ${r.home}; start it with 'neolight up --home ${r.home}'`);
      }),
    );
}
