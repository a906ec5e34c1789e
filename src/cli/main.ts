#!/usr/bin/env node
/**
 * The `neolight` command: one subcommand per file under ./commands, listed in commands/index.ts.
 * The data directory is checked first, then only the subcommand being run is imported (its agents,
 * feeds and HTTP server with it): `neolight --help` loads none, so it starts about as fast as node.
 */
import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands/index.js';
import { preflightDataDir } from './preflight.js';
import { reportAndExit } from './run.js';

try {
  preflightDataDir(process.argv, process.env);
} catch (err) {
  reportAndExit(err);
}

const program = new Command('neolight')
  .description('NeoLight: a self-hosted wealth mesh of trading, risk and revenue agents')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

/** The subcommand the arguments name (`neolight help X` names X), if any. */
function requested(argv: readonly string[]): string | undefined {
  const words = argv.slice(2).filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

const name = requested(process.argv);
for (const c of COMMANDS) {
  if (c.name === name) (await c.load())(program);
  // A stub for the overview and for commander's "unknown command" suggestions; never run.
  else program.command(c.name).description(c.summary);
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version exit 0; every usage error exits 2 as DESIGN.md promises.
    process.exit(err.exitCode === 0 ? 0 : 2);
  }
  throw err;
}
