/**
 * Approvals: actions an agent may not take alone (spending beyond its caps, purchases the law or a
 * marketplace forbids to automate) wait here for a person with the reason, the amount and the
 * expiry; approve or reject calls the API. An item not decided before its expiry is dropped by the
 * mesh and listed as expired.
 */
import { useState } from 'react';
import type { ApprovalItem } from '../../../src/contracts/status.js';
import type { ApiError } from '../api/client.js';
import { decideApproval, getApprovals } from '../api/endpoints.js';
import { Card, EmptyState, ErrorState, Loading, StaleNote } from '../components/states.js';
import { formatMoney, formatTime } from '../format.js';
import { useResource } from '../useResource.js';

function Pending({ item, onDecided }: { item: ApprovalItem; onDecided(): void }) {
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const decide = async (d: 'approve' | 'reject') => {
    setBusy(d);
    setError(null);
    const r = await decideApproval(item.id, d);
    setBusy(null);
    if (r.ok) onDecided();
    else setError(r.error);
  };
  return (
    <li className="approval" data-testid={`approval-${item.id}`}>
      <div className="approval-main">
        <strong>{item.summary}</strong>
        <span className="muted small">
          {item.agent} · {item.kind} · asked {formatTime(item.created_at)}
          {item.expires_at ? <span data-testid="approval-expiry"> · expires {formatTime(item.expires_at)}</span> : ' · no expiry'}
        </span>
      </div>
      <div className="approval-amount">{item.amount === null ? '' : formatMoney(item.amount)}</div>
      <div className="approval-actions">
        <button type="button" className="approve" disabled={busy !== null} onClick={() => void decide('approve')}>
          {busy === 'approve' ? 'Approving…' : 'Approve'}
        </button>
        <button type="button" className="reject" disabled={busy !== null} onClick={() => void decide('reject')}>
          {busy === 'reject' ? 'Rejecting…' : 'Reject'}
        </button>
      </div>
      {error ? <p className="error-line" role="alert">Could not record the decision: {error.message}</p> : null}
    </li>
  );
}

export function Approvals() {
  const res = useResource(getApprovals, ['approvals']);
  if (res.phase === 'loading') return <Loading what="approvals" />;
  if (res.phase === 'error' && res.error.kind !== 'not_found') {
    return <ErrorState error={res.error} what="the approvals queue" onRetry={res.reload} />;
  }
  const items = res.phase === 'ready' ? res.data : [];
  const pending = items.filter((i) => i.status === 'pending');
  const decided = items.filter((i) => i.status !== 'pending').slice(-20).reverse();
  return (
    <div className="grid">
      <Card title="Waiting for you" className="wide" testId="approvals-pending" aside={<span className="muted">{pending.length} pending</span>}>
        {pending.length === 0 ? (
          <EmptyState title="Nothing to approve">
            Agents queue actions here that need a person — spending beyond their caps, or purchases a marketplace forbids to automate. The queue is empty until an agent uses it.
          </EmptyState>
        ) : (
          <ul className="approvals">
            {pending.map((i) => (
              <Pending key={i.id} item={i} onDecided={res.reload} />
            ))}
          </ul>
        )}
        {res.phase === 'ready' ? <StaleNote error={res.error} /> : null}
      </Card>
      {decided.length > 0 ? (
        <Card title="Decided" className="wide">
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th>Decided</th>
                  <th>Agent</th>
                  <th>Action</th>
                  <th className="num">Amount</th>
                  <th>Decision</th>
                  <th>By</th>
                </tr>
              </thead>
              <tbody>
                {decided.map((i) => (
                  <tr key={i.id}>
                    <td>{formatTime(i.decided_at)}</td>
                    <td>{i.agent}</td>
                    <td>{i.summary}</td>
                    <td className="num">{formatMoney(i.amount)}</td>
                    <td className={i.status === 'approved' ? 'up' : 'down'}>{i.status}</td>
                    <td>{i.decided_by ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      ) : null}
    </div>
  );
}
