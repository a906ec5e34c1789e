#!/usr/bin/env node
/**
 * The `neolight` command: one subcommand per file under ./commands. The data directory is checked
 * first and the command modules loaded after, so a bad --home fails before the agents are imported.
 */
import { Command, CommanderError } from 'commander';
import { preflightDataDir } from './preflight.js';
import { reportAndExit } from './run.js';

try {
  preflightDataDir(process.argv, process.env);
} catch (err) {
  reportAndExit(err);
}

const [agent, approvals, backtest, cash, data, doctor, metrics, pending, status, stop, tune, up] = await Promise.all([
  import('./commands/agent.js'),
  import('./commands/approvals.js'),
  import('./commands/backtest.js'),
  import('./commands/cash.js'),
  import('./commands/data.js'),
  import('./commands/doctor.js'),
  import('./commands/metrics.js'),
  import('./commands/pending.js'),
  import('./commands/status.js'),
  import('./commands/stop.js'),
  import('./commands/tune.js'),
  import('./commands/up.js'),
]);

const program = new Command('neolight')
  .description('NeoLight: a self-hosted wealth mesh of trading, risk and revenue agents')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

up.registerUp(program);
stop.registerStop(program);
status.registerStatus(program);
agent.registerAgent(program);
backtest.registerBacktest(program);
doctor.registerDoctor(program);
metrics.registerMetrics(program);
tune.registerTune(program);
data.registerData(program);
cash.registerCash(program);
approvals.registerApprovals(program);
pending.registerPending(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version exit 0; every usage error exits 2 as DESIGN.md promises.
    process.exit(err.exitCode === 0 ? 0 : 2);
  }
  throw err;
}
