/**
 * `neolight approvals [list|approve ID|reject ID]`: the human approval queue (state/approvals.json)
 * from the command line, beside the dashboard. A decision is recorded with its time and
 * `decided_by: "cli"` (also in state/approval_decisions.csv); an expired item can no longer be decided; the waiting agent reads it on its next tick (the first live order of a run
 * is submitted then, once).
 */
import { summaryOf } from './index.js';
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import type { ApprovalItem } from '../../contracts/status.js';
import { NeoLightError } from '../../core/errors.js';
import { openFileStore } from '../../store/file-store.js';
import { approvalQueue, decideApproval, expireApprovals, type Decision } from '../../store/approval-queue.js';
import { action, printJson } from '../run.js';

interface Opts {
  home?: string;
  json?: boolean;
  reason?: string;
}

const line = (i: ApprovalItem): string =>
  `${i.id}  ${i.status}${i.decided_at ? ` ${i.decided_at}${i.decided_by ? ` by ${i.decided_by}` : ''}` : ''}  ${i.agent}  ${i.amount !== null ? `$${i.amount.toFixed(2)}  ` : ''}${i.summary}${i.status === 'pending' && i.expires_at ? `  (expires ${i.expires_at})` : ''}${i.reason ? `  (${i.reason})` : ''}`;

/** snake_case as stored: the JSON output is the queue's own document. */
const storeOf = (home: string | undefined) => openFileStore(loadConfig({ home }).home);

/** An unknown ID is bad input on the command line (exit 2, the message lists the pending ids); the API answers 404. */
function decided(id: string, decide: () => ApprovalItem): ApprovalItem {
  try {
    return decide();
  } catch (err) {
    if (err instanceof NeoLightError && err.code === 'NL_ERR_NOT_FOUND') throw new NeoLightError('NL_ERR_BAD_INPUT', `ID "${id}" is not accepted: ${err.message}`, err.detail);
    throw err;
  }
}

export function registerApprovals(program: Command): void {
  const cmd = program.command('approvals').description(summaryOf('approvals'));
  cmd
    .command('list', { isDefault: true })
    .description('every item, pending first')
    .option('--home <dir>', 'data directory (NEOLIGHT_HOME)')
    .option('--json', 'print the queue as one JSON document')
    .action(
      action((o: Opts) => {
        const store = storeOf(o.home);
        // Approvals live in wall time: what expired while nobody looked is dropped (and logged) first.
        expireApprovals(store, Date.now());
        const doc = approvalQueue(store);
        const items = [...doc.items].sort((a, b) => Number(b.status === 'pending') - Number(a.status === 'pending') || a.created_at.localeCompare(b.created_at));
        if (o.json) return printJson({ updated_at: doc.updated_at, items });
        if (items.length === 0) return void process.stdout.write('no approvals\n');
        process.stdout.write(`${items.map(line).join('\n')}\n`);
      }),
    );
  for (const decision of ['approve', 'reject'] as const satisfies readonly Decision[]) {
    cmd
      .command(`${decision} <id>`)
      .description(decision === 'approve' ? 'approve a pending item: the agent acts on its next tick' : 'reject a pending item: the agent drops it')
      .option('--home <dir>', 'data directory (NEOLIGHT_HOME)')
      .option('--reason <text>', 'why, kept with the decision')
      .option('--json', 'print the decided item as one JSON document')
      .action(
        action((id: string, o: Opts) => {
          const item = decided(id, () => decideApproval(storeOf(o.home), id, decision, 'cli', Date.now(), o.reason));
          if (o.json) printJson(item);
          else process.stdout.write(`${line(item)}\n`);
        }),
      );
  }
}
