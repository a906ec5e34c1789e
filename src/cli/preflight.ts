/**
 * The data-directory check, run before the command modules (and the agents they pull in) are even
 * loaded, so an unusable `--home` or NEOLIGHT_HOME fails in a fraction of a second. loadConfig runs
 * the same check again with every source (the config file included); this is only the fast path.
 */
import { resolve } from 'node:path';
import { checkDataDir } from '../config/data-dir.js';

/** Commands that never touch the data directory. */
const NO_DATA_DIR = new Set(['backtest', 'metrics', 'help']);

export function preflightDataDir(argv: readonly string[], env: NodeJS.ProcessEnv): void {
  const args = argv.slice(2);
  const command = args.find((a) => !a.startsWith('-'));
  if (command === undefined || NO_DATA_DIR.has(command) || args.includes('--help') || args.includes('-h')) return;
  let flag: string | undefined;
  args.forEach((a, i) => {
    if (a === '--home') flag = args[i + 1];
    else if (a.startsWith('--home=')) flag = a.slice('--home='.length);
  });
  if (flag !== undefined && flag !== '') checkDataDir(resolve(flag), '--home', 'flag');
  else if (flag === undefined && env.NEOLIGHT_HOME) checkDataDir(resolve(env.NEOLIGHT_HOME), 'NEOLIGHT_HOME', 'env');
}
