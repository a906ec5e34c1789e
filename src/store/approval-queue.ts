/**
 * The approval queue (`state/approvals.json`) and its decision ledger (`state/approval_decisions.csv`):
 * actions an agent may not take alone wait here for a person. One module for every user — the
 * trader's live-order gate, the ventures, the API (dashboard) and `neolight approvals` — so the rules
 * are the same everywhere:
 * - a request is idempotent by id (asking twice queues once);
 * - a pending item past its `expires_at` is dropped as `expired`, logged in the ledger, never acted on;
 * - a decision is taken once (a second one is NL_ERR_CONFLICT), recorded with who and when;
 * - an agent acts on an approved item at most once: `claimExecution` appends the `executed` row
 *   whose idempotency key cannot be written twice, also by a restarted agent.
 * Read-modify-write of the queue happens under a short lock, so an agent adding an item and a person
 * deciding another never lose each other's change.
 */
import { join } from 'node:path';
import { approvalDecisions, approvals, type ApprovalItem } from '../contracts/status.js';
import { NeoLightError } from '../core/errors.js';
import type { StateStore } from './file-store.js';
import { acquireBriefLock } from './lock.js';

export type Decision = 'approve' | 'reject';
type Queue = { updated_at: string; items: ApprovalItem[] };

export function approvalQueue(store: StateStore): Queue {
  return store.get(approvals) ?? { updated_at: new Date(0).toISOString(), items: [] };
}

/** True when a pending item's expiry has passed at `nowMs` (pure). */
export function isExpired(item: Pick<ApprovalItem, 'status' | 'expires_at'>, nowMs: number): boolean {
  return item.status === 'pending' && typeof item.expires_at === 'string' && Date.parse(item.expires_at) <= nowMs;
}

function amountText(item: ApprovalItem): string {
  return item.amount === null ? '' : item.amount.toFixed(2);
}

function record(store: StateStore, item: ApprovalItem, decision: 'approved' | 'rejected' | 'expired' | 'executed' | 'abandoned', by: string, at: string): boolean {
  const written = store.ledger(approvalDecisions).append([
    { key: `${item.id}:${decision}`, row: { ts: at, approval_id: item.id, agent: item.agent, kind: item.kind, decision, by, amount: amountText(item) } },
  ]);
  return written.length === 1;
}

/** Update the queue under its lock: `fn` gets the current items and returns the new ones (or undefined for no change). */
function update<T>(store: StateStore, nowMs: number, fn: (items: ApprovalItem[]) => { items?: ApprovalItem[]; result: T }): T {
  const lock = acquireBriefLock(join(store.home, 'runtime', '.approvals.lock'), 'approval queue');
  try {
    const doc = approvalQueue(store);
    const at = new Date(nowMs).toISOString();
    // Expire first, so nothing below ever decides or acts on an item whose time ran out.
    let changed = false;
    const items = doc.items.map((i) => {
      if (!isExpired(i, nowMs)) return i;
      changed = true;
      const expired: ApprovalItem = { ...i, status: 'expired', decided_at: at, decided_by: 'expiry' };
      record(store, expired, 'expired', 'expiry', at);
      return expired;
    });
    const out = fn(items);
    if (out.items || changed) store.write(approvals, { updated_at: at, items: out.items ?? items });
    return out.result;
  } finally {
    lock.release();
  }
}

/** Drop every pending item whose expiry passed (each logged as `expired` in the decision ledger). */
export function expireApprovals(store: StateStore, nowMs: number): void {
  update(store, nowMs, () => ({ result: undefined }));
}

export interface ApprovalRequest {
  id: string;
  agent: string;
  kind: string;
  summary: string;
  /** Dollars, or null when the action spends nothing. */
  amount: number | null;
  /** Epoch ms after which the request is dropped; undefined: it waits until decided. */
  expiresAtMs?: number;
  action?: ApprovalItem['action'];
  order?: ApprovalItem['order'];
}

/** Queue a request unless one with its id exists (in any status); returns the item in force. */
export function requestApproval(store: StateStore, req: ApprovalRequest, nowMs: number): ApprovalItem {
  return update(store, nowMs, (items) => {
    const existing = items.find((i) => i.id === req.id);
    if (existing) return { result: existing };
    const item: ApprovalItem = {
      id: req.id,
      agent: req.agent,
      kind: req.kind,
      summary: req.summary,
      amount: req.amount === null ? null : Math.round(req.amount * 100) / 100,
      created_at: new Date(nowMs).toISOString(),
      status: 'pending',
      decided_at: null,
      ...(req.expiresAtMs !== undefined ? { expires_at: new Date(req.expiresAtMs).toISOString() } : {}),
      ...(req.action ? { action: req.action } : {}),
      ...(req.order ? { order: req.order } : {}),
    };
    return { items: [...items, item], result: item };
  });
}

/** A request's status at `nowMs` ('missing' when there is none); expiry is applied first. */
export function approvalStatus(store: StateStore, id: string, nowMs: number): ApprovalItem['status'] | 'missing' {
  const item = approvalQueue(store).items.find((i) => i.id === id);
  if (!item) return 'missing';
  if (isExpired(item, nowMs)) expireApprovals(store, nowMs);
  return isExpired(item, nowMs) ? 'expired' : item.status;
}

/** A person's decision, once; `by` is `cli`, `api` or the API token's label. */
export function decideApproval(store: StateStore, id: string, decision: Decision, by: string, nowMs: number, reason?: string): ApprovalItem {
  return update(store, nowMs, (items) => {
    const item = items.find((i) => i.id === id);
    if (!item) {
      const pending = items.filter((i) => i.status === 'pending').map((i) => i.id);
      throw new NeoLightError('NL_ERR_NOT_FOUND', `no approval with id "${id}"; pending: ${pending.length > 0 ? pending.join(', ') : 'none'}`, { id });
    }
    if (item.status !== 'pending') throw new NeoLightError('NL_ERR_CONFLICT', `approval "${id}" was already ${item.status} at ${item.decided_at}`, { id });
    const at = new Date(nowMs).toISOString();
    const decided: ApprovalItem = { ...item, status: decision === 'approve' ? 'approved' : 'rejected', decided_at: at, decided_by: by, ...(reason ? { reason } : {}) };
    record(store, decided, decision === 'approve' ? 'approved' : 'rejected', by, at);
    return { items: items.map((i) => (i.id === id ? decided : i)), result: decided };
  });
}

/**
 * Record that the agent acts on an approved item; true only for the first call ever (the
 * `executed` row's key). The action itself must be idempotent on the approval id (the venue
 * deduplicates client ids): an agent that restarts after the claim but before booking the result
 * finds the item approved and its own ledger without the result, and repeats the idempotent action,
 * which the venue answers with the first one's result instead of acting twice.
 */
export function claimExecution(store: StateStore, id: string, agent: string, nowMs: number): boolean {
  const item = approvalQueue(store).items.find((i) => i.id === id);
  if (!item || item.status !== 'approved') return false;
  return record(store, { ...item, agent }, 'executed', agent, new Date(nowMs).toISOString());
}

/** Whether the item's execution was claimed (by this or an earlier incarnation of the agent). */
export function wasExecuted(store: StateStore, id: string): boolean {
  return store.ledger(approvalDecisions).has(`${id}:executed`);
}

/**
 * Close an approved item the agent will not act on (the opportunity is gone, or it no longer passes
 * the risk and budget checks): its reserved money returns to the budget and it is never acted on.
 */
export function abandonApproval(store: StateStore, id: string, agent: string, nowMs: number): boolean {
  const item = approvalQueue(store).items.find((i) => i.id === id);
  if (!item || item.status !== 'approved' || wasExecuted(store, id)) return false;
  return record(store, { ...item, agent }, 'abandoned', agent, new Date(nowMs).toISOString());
}

/** Whether an approved item is closed: acted on, or abandoned. */
export function isClosed(store: StateStore, id: string): boolean {
  const ledger = store.ledger(approvalDecisions);
  return ledger.has(`${id}:executed`) || ledger.has(`${id}:abandoned`);
}
