/**
 * The approval queue's one decision rule, shared by the API (dashboard) and `neolight approvals`:
 * a pending item becomes approved or rejected once, recording when, by which channel and why; an
 * unknown id is NL_ERR_NOT_FOUND and a decided one NL_ERR_CONFLICT. The approval gate
 * (approval-gate.ts) reads the decision on the trader's next tick.
 */
import { approvals, type ApprovalItem } from '../contracts/status.js';
import { NeoLightError } from '../core/errors.js';
import type { StateStore } from '../store/file-store.js';

export type Decision = 'approve' | 'reject';

export function approvalQueue(store: StateStore): { updated_at: string; items: ApprovalItem[] } {
  return store.get(approvals) ?? { updated_at: new Date(0).toISOString(), items: [] };
}

export function decideApproval(store: StateStore, id: string, decision: Decision, by: 'api' | 'cli', nowMs: number, reason?: string): ApprovalItem {
  const doc = approvalQueue(store);
  const item = doc.items.find((i) => i.id === id);
  if (!item) {
    const pending = doc.items.filter((i) => i.status === 'pending').map((i) => i.id);
    throw new NeoLightError('NL_ERR_NOT_FOUND', `no approval with id "${id}"; pending: ${pending.length > 0 ? pending.join(', ') : 'none'}`, { id });
  }
  if (item.status !== 'pending') throw new NeoLightError('NL_ERR_CONFLICT', `approval "${id}" was already ${item.status} at ${item.decided_at}`, { id });
  const at = new Date(nowMs).toISOString();
  const decided: ApprovalItem = { ...item, status: decision === 'approve' ? 'approved' : 'rejected', decided_at: at, decided_by: by, ...(reason ? { reason } : {}) };
  store.write(approvals, { updated_at: at, items: doc.items.map((i) => (i.id === id ? decided : i)) });
  return decided;
}
