#!/usr/bin/env node
/** The `neolight` command: one subcommand per file under ./commands. */
import { Command, CommanderError } from 'commander';
import { registerAgent } from './commands/agent.js';
import { registerBacktest } from './commands/backtest.js';
import { registerBackup } from './commands/backup.js';
import { registerDoctor } from './commands/doctor.js';
import { registerMetrics } from './commands/metrics.js';
import { registerPending } from './commands/pending.js';
import { registerRestore } from './commands/restore.js';
import { registerStatus } from './commands/status.js';
import { registerStop } from './commands/stop.js';
import { registerTune } from './commands/tune.js';
import { registerUp } from './commands/up.js';

const program = new Command('neolight')
  .description('NeoLight: a self-hosted wealth mesh of trading, risk and revenue agents')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerUp(program);
registerStop(program);
registerStatus(program);
registerAgent(program);
registerBacktest(program);
registerDoctor(program);
registerMetrics(program);
registerTune(program);
registerPending(program);
registerBackup(program);
registerRestore(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version exit 0; every usage error exits 2 as DESIGN.md promises.
    process.exit(err.exitCode === 0 ? 0 : 2);
  }
  throw err;
}
