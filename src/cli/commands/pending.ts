/** Commands whose issue is still open: they exist, show --help, say so and exit 2. Remove each line as its command lands. */
import type { Command } from 'commander';
import { action, notBuiltYet } from '../run.js';

const PENDING: { name: string; args?: string; description: string; issue: number }[] = [
];

export function registerPending(program: Command): void {
  for (const p of PENDING) {
    const cmd = program.command(p.args ? `${p.name} ${p.args}` : p.name).description(`${p.description} (not built yet: issue #${p.issue})`);
    cmd.allowUnknownOption(true).action(action(() => notBuiltYet(p.name, p.issue)));
  }
}
