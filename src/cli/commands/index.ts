/**
 * The catalogue of subcommands: name, one-line summary and how to load it. \`neolight --help\`
 * prints the summaries without loading any command, and a command's module (with the agents,
 * feeds and HTTP server it needs) is imported only when that command runs or shows its own help.
 */
import type { Command } from 'commander';

export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<(program: Command) => void>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'up', summary: 'start the supervised mesh: every agent, the scheduler, the status API and dashboard', load: async () => (await import('./up.js')).registerUp },
  { name: 'stop', summary: 'stop the mesh running on a data directory (SIGTERM to its guardian, waits up to 15 s)', load: async () => (await import('./stop.js')).registerStop },
  { name: 'status', summary: 'show the agents (state, restarts, last tick, log age) and headline numbers of a running mesh', load: async () => (await import('./status.js')).registerStatus },
  { name: 'agent', summary: 'run one agent in the foreground until Ctrl-C (logs to logs/<name>.log and stderr)', load: async () => (await import('./agent.js')).registerAgent },
  { name: 'agent-host', summary: 'run several agents in one process (the guardian runs the light agents this way; by hand: the named agents until Ctrl-C)', load: async () => (await import('./agent-host.js')).registerAgentHost },
  { name: 'backtest', summary: 'run a strategy with the SmartTrader’s sizing, risk checks and drawdown guard over simulated or CSV history', load: async () => (await import('./backtest.js')).registerBacktest },
  { name: 'doctor', summary: 'check the configuration, the data directory and which integrations are active', load: async () => (await import('./doctor.js')).registerDoctor },
  { name: 'metrics', summary: 'tearsheet (Sharpe, Sortino, drawdown, VaR/CVaR, ...) of a file of simple returns', load: async () => (await import('./metrics.js')).registerMetrics },
  { name: 'tune', summary: 'walk-forward optimisation: grid search in sample, score out of sample, sensitivity to ±10/20 % changes', load: async () => (await import('./tune.js')).registerTune },
  { name: 'data', summary: 'market history: download into the freqtrade data layout, list what a data dir holds', load: async () => (await import('./data.js')).registerData },
  { name: 'backup', summary: 'snapshot state/, runtime/ and the config file into DIR with a manifest of sha256 checksums (safe while the mesh runs)', load: async () => (await import('./backup.js')).registerBackup },
  { name: 'restore', summary: 'verify every file of a backup against its manifest, then copy it into a new or empty data directory', load: async () => (await import('./restore.js')).registerRestore },
  { name: 'approvals', summary: 'the human approval queue (state/approvals.json): list, approve or reject what agents may not do alone', load: async () => (await import('./approvals.js')).registerApprovals },
  { name: 'migrate-store', summary: 'move a file store (a data directory’s documents and ledgers) into PostgreSQL without loss, and print what moved', load: async () => (await import('./migrate-store.js')).registerMigrateStore },
  { name: 'health', summary: 'healthcare research prototypes: `health evaluate` measures the risk and survival models on the shipped open datasets (not for clinical use)', load: async () => (await import('./health.js')).registerHealth },
  { name: 'sports', summary: 'sports models on real match data: evaluate --data nfl|football (walk-forward accuracy, Brier, log loss, calibration vs baselines); sizing (learned bet sizing vs fractional Kelly out of sample, SIMULATED)', load: async () => (await import('./sports.js')).registerSports },
  { name: 'cash', summary: 'deposits and withdrawals of the trading book (state/cash_movements.csv)', load: async () => (await import('./cash.js')).registerCash },
];

export function summaryOf(name: string): string {
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) throw new Error(`no command "${name}" in the catalogue`);
  return entry.summary;
}
