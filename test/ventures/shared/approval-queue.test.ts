/** The approval queue: idempotent requests, expiry that is logged and final, one decision, one execution. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { approvalDecisions } from '../../../src/contracts/status.js';
import { openFileStore, type StateStore } from '../../../src/store/file-store.js';
import { abandonApproval, approvalQueue, approvalStatus, claimExecution, decideApproval, expireApprovals, isClosed, requestApproval } from '../../../src/store/approval-queue.js';

const T0 = Date.parse('2026-11-29T12:00:00Z');
let home = '';
afterEach(() => rmSync(home, { recursive: true, force: true }));
function store(): StateStore {
  home = mkdtempSync(join(tmpdir(), 'nl-approvals-'));
  return openFileStore(home);
}
const req = (id: string, ttl = 3_600_000) => ({ id, agent: 'collectibles_agent', kind: 'purchase', summary: `buy ${id}`, amount: 612.345, expiresAtMs: T0 + ttl, action: { offer: id, qty: 1 } });

describe('approval queue', () => {
  it('queues a request once, however often the agent asks', () => {
    const s = store();
    requestApproval(s, req('a'), T0);
    requestApproval(s, req('a'), T0 + 1000);
    const items = approvalQueue(s).items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: 'a', status: 'pending', amount: 612.35, expires_at: '2026-11-29T13:00:00.000Z', action: { offer: 'a', qty: 1 } });
  });

  it('drops an expired request, logs it, and refuses a late decision', () => {
    const s = store();
    requestApproval(s, req('a', 60_000), T0);
    expect(approvalStatus(s, 'a', T0 + 59_999)).toBe('pending');
    expect(approvalStatus(s, 'a', T0 + 60_000)).toBe('expired');
    expect(() => decideApproval(s, 'a', 'approve', 'alice', T0 + 61_000)).toThrow(/already expired/);
    const rows = s.ledger(approvalDecisions).readAll();
    expect(rows.map((r) => [r.approval_id, r.decision, r.by])).toEqual([['a', 'expired', 'expiry']]);
    // Expiring again writes nothing more.
    expireApprovals(s, T0 + 120_000);
    expect(s.ledger(approvalDecisions).count()).toBe(1);
  });

  it('decides once, naming who; executes at most once, also for a restarted agent', () => {
    const s = store();
    requestApproval(s, req('a'), T0);
    expect(decideApproval(s, 'a', 'approve', 'alice', T0 + 1000)).toMatchObject({ status: 'approved', decided_by: 'alice' });
    expect(() => decideApproval(s, 'a', 'approve', 'cli', T0 + 2000)).toThrow(/already approved/);
    expect(claimExecution(s, 'a', 'collectibles_agent', T0 + 3000)).toBe(true);
    // A new store is what a restarted process sees.
    const again = openFileStore(home);
    expect(claimExecution(again, 'a', 'collectibles_agent', T0 + 4000)).toBe(false);
    expect(isClosed(again, 'a')).toBe(true);
    expect(abandonApproval(again, 'a', 'collectibles_agent', T0 + 5000)).toBe(false);
    const rows = again.ledger(approvalDecisions).readAll();
    expect(rows.map((r) => [r.decision, r.by, r.amount])).toEqual([
      ['approved', 'alice', '612.35'],
      ['executed', 'collectibles_agent', '612.35'],
    ]);
  });

  it('never executes a rejected or pending request', () => {
    const s = store();
    requestApproval(s, req('p'), T0);
    requestApproval(s, req('r'), T0);
    decideApproval(s, 'r', 'reject', 'cli', T0 + 1, 'too dear');
    expect(claimExecution(s, 'p', 'collectibles_agent', T0 + 2)).toBe(false);
    expect(claimExecution(s, 'r', 'collectibles_agent', T0 + 2)).toBe(false);
  });
});
