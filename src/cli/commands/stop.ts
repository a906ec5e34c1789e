/** `neolight stop`: ask the guardian that holds this data directory's lock to stop, and wait for it. */
import { summaryOf } from './index.js';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { NeoLightError } from '../../core/errors.js';
import { guardianLock } from '../../contracts/guardian.js';
import { isPidAlive, readLock } from '../../store/lock.js';
import { action } from '../run.js';

export function registerStop(program: Command): void {
  program
    .command('stop')
    .description(summaryOf('stop'))
    .option('--home <dir>', 'data directory (NEOLIGHT_HOME)')
    .action(
      action(async (opts: { home?: string }) => {
        const config = loadConfig({ home: opts.home });
        const lock = readLock(join(config.home, guardianLock.path));
        if (!lock || !isPidAlive(lock.pid)) throw new NeoLightError('NL_ERR_NOT_RUNNING', `no guardian runs on ${config.home}`);
        process.kill(lock.pid, 'SIGTERM');
        const deadline = Date.now() + 15_000;
        while (isPidAlive(lock.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        if (isPidAlive(lock.pid)) throw new NeoLightError('NL_ERR_INTERNAL', `guardian pid ${lock.pid} did not stop within 15 s`);
        process.stdout.write(`stopped guardian pid ${lock.pid} on ${config.home}\n`);
      }),
    );
}
