// @vitest-environment jsdom
/** The approve/reject buttons call the API for the right item and the queue reloads. */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, stubFetch, type Route } from '../test-utils.js';
import { Approvals } from './Approvals.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function queue() {
  const items = [
    { id: 'a1', agent: 'ticket_arbitrage', kind: 'purchase', summary: 'Buy 2 tickets', amount: 340, created_at: '2025-01-01T00:00:00Z', expires_at: '2025-01-02T00:00:00Z', status: 'pending', decided_at: null as string | null },
    { id: 'a2', agent: 'luxury_agent', kind: 'purchase', summary: 'Buy a watch', amount: 4200, created_at: '2025-01-01T00:00:00Z', status: 'pending', decided_at: null as string | null },
  ];
  const list: Route = () => ({ status: 200, body: { updated_at: '2025-01-01T00:00:00Z', items } });
  const decide: Route = (init, path) => {
    const m = path.match(/^\/api\/approvals\/([^/]+)\/(approve|reject)$/);
    const item = items.find((i) => i.id === m?.[1]);
    if (!m || !item || init?.method !== 'POST') return { status: 404, body: { error: { code: 'NL_ERR_NOT_FOUND', message: 'no such approval' } } };
    item.status = m[2] === 'approve' ? 'approved' : 'rejected';
    item.decided_at = '2025-01-01T00:01:00Z';
    return { status: 200, body: item };
  };
  return { items, list, decide };
}

describe('approval buttons', () => {
  it('approve POSTs to /api/approvals/:id/approve and the item leaves the queue', async () => {
    const q = queue();
    const fetchMock = stubFetch({ '/api/approvals/': q.decide, '/api/approvals': q.list });
    render(<Approvals />);
    const item = await screen.findByTestId('approval-a1');
    fireEvent.click(item.querySelector('button.approve') as HTMLButtonElement);
    await waitFor(() => expect(screen.queryByTestId('approval-a1')).toBeNull());
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(post?.[0]).toBe('/api/approvals/a1/approve');
    expect(q.items[0]?.status).toBe('approved');
    expect(q.items[1]?.status).toBe('pending');
    expect(screen.getByTestId('approval-a2')).toBeTruthy();
    expect(screen.getByText('approved')).toBeTruthy();
  });

  it('shows when a request expires, or that it waits without expiry', async () => {
    const q = queue();
    stubFetch({ '/api/approvals/': q.decide, '/api/approvals': q.list });
    render(<Approvals />);
    const a1 = await screen.findByTestId('approval-a1');
    expect(a1.querySelector('[data-testid="approval-expiry"]')?.textContent).toMatch(/expires/);
    expect(screen.getByTestId('approval-a2').textContent).toMatch(/no expiry/);
  });

  it('reject POSTs to /api/approvals/:id/reject', async () => {
    const q = queue();
    const fetchMock = stubFetch({ '/api/approvals/': q.decide, '/api/approvals': q.list });
    render(<Approvals />);
    const item = await screen.findByTestId('approval-a2');
    fireEvent.click(item.querySelector('button.reject') as HTMLButtonElement);
    await waitFor(() => expect(q.items[1]?.status).toBe('rejected'));
    expect(fetchMock.mock.calls.some(([url, init]) => url === '/api/approvals/a2/reject' && init?.method === 'POST')).toBe(true);
  });

  it('keeps the item and says why when the API refuses the decision', async () => {
    const q = queue();
    stubFetch({ '/api/approvals/': fail(409, 'NL_ERR_CONFLICT', 'approval a1 was already decided'), '/api/approvals': q.list });
    render(<Approvals />);
    const item = await screen.findByTestId('approval-a1');
    fireEvent.click(item.querySelector('button.approve') as HTMLButtonElement);
    expect(await screen.findByText(/approval a1 was already decided/)).toBeTruthy();
    expect(screen.getByTestId('approval-a1')).toBeTruthy();
  });
});
