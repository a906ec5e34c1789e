/**
 * A venue decorator for live mode: the first order of a run waits in `state/approvals.json` until a
 * person approves it (dashboard or `neolight approvals approve ID`). While it waits the order's
 * state is `pending_approval`; once approved it is submitted to the real venue exactly once, and the
 * rest of the run's orders pass straight through. A rejected order ends `rejected` with code
 * APPROVAL_REJECTED. Orders arriving while the first one waits are refused (APPROVAL_PENDING) and
 * planned again later; once the person approved, later orders pass even before the held one is
 * followed (one approval per run, whatever the order of ticks). The held order lives in the approval item itself, so a restart that finds it
 * approved still submits it (once: the venue is idempotent on the client order id).
 */
import { approvals, type ApprovalItem } from '../contracts/status.js';
import type { OrderRequest, OrderStatus, Venue } from '../core/venue.js';
import type { StateStore } from '../store/file-store.js';

export interface ApprovalGateOptions {
  store: StateStore;
  /** The agent whose orders these are (shown in the queue). */
  agent: string;
  /** Wall time for the approval record, epoch ms. */
  now: () => number;
}

export const approvalId = (clientOrderId: string): string => `order-${clientOrderId}`;

function held(item: ApprovalItem, req: Pick<OrderRequest, 'clientOrderId' | 'symbol' | 'side' | 'qty'>, state: OrderStatus['state'], code?: string, detail?: string): OrderStatus {
  return { clientOrderId: req.clientOrderId, symbol: req.symbol, side: req.side, qty: req.qty, filledQty: 0, state, ...(code ? { code } : {}), detail: detail ?? `approval ${item.id} is ${item.status}` };
}

export function approvalGatedVenue(venue: Venue, o: ApprovalGateOptions): Venue {
  /** Open once the run's first order was approved. */
  let open = false;
  /** The approval this gate asked for: once approved, the gate is open even before its order is followed. */
  let asked: string | undefined;
  const doc = () => o.store.get(approvals) ?? { updated_at: new Date(0).toISOString(), items: [] };
  const itemOf = (clientOrderId: string): ApprovalItem | undefined => doc().items.find((i) => i.id === approvalId(clientOrderId));

  /** The held order's answer; submits it once when it has been approved. */
  const follow = async (item: ApprovalItem): Promise<OrderStatus | undefined> => {
    const order = item.order;
    if (!order) return undefined;
    const req: OrderRequest = { clientOrderId: order.client_order_id, symbol: order.symbol, side: order.side, qty: order.qty, type: order.type, ...(order.limit_price !== undefined ? { limitPrice: order.limit_price } : {}) };
    if (item.status === 'pending') return held(item, req, 'pending_approval');
    if (item.status === 'rejected') return held(item, req, 'rejected', 'APPROVAL_REJECTED', `rejected by a person${item.reason ? `: ${item.reason}` : ''}`);
    open = true;
    return (await venue.order(req.clientOrderId)) ?? venue.submit(req);
  };

  return {
    name: venue.name,
    simulated: venue.simulated,
    async submit(req) {
      // A held order is answered from its approval (and sent at most once), also after the gate opened.
      const item = itemOf(req.clientOrderId);
      if (item?.order) return (await follow(item))!;
      if (!open && asked !== undefined && doc().items.some((i) => i.id === asked && i.status === 'approved')) open = true;
      if (open) return venue.submit(req);
      const waiting = doc().items.find((i) => i.agent === o.agent && i.kind === 'live_order' && i.status === 'pending');
      if (waiting) {
        return { clientOrderId: req.clientOrderId, symbol: req.symbol, side: req.side, qty: req.qty, filledQty: 0, state: 'rejected', code: 'APPROVAL_PENDING', detail: `the run's first live order waits for approval ${waiting.id}` };
      }
      const at = new Date(o.now()).toISOString();
      const fresh: ApprovalItem = {
        id: approvalId(req.clientOrderId),
        agent: o.agent,
        kind: 'live_order',
        summary: `First live order of this run on ${venue.name}: ${req.side} ${req.qty} ${req.symbol} (${req.type}${req.limitPrice !== undefined ? ` at ${req.limitPrice}` : ''})`,
        amount: req.limitPrice !== undefined ? Math.round(req.qty * req.limitPrice * 100) / 100 : null,
        created_at: at,
        status: 'pending',
        decided_at: null,
        order: { client_order_id: req.clientOrderId, venue: venue.name, symbol: req.symbol, side: req.side, qty: req.qty, type: req.type, ...(req.limitPrice !== undefined ? { limit_price: req.limitPrice } : {}) },
      };
      const d = doc();
      o.store.write(approvals, { updated_at: at, items: [...d.items, fresh] });
      asked = fresh.id;
      return held(fresh, req, 'pending_approval');
    },
    async cancel(id) {
      const item = itemOf(id);
      if (item && item.status === 'pending') {
        const at = new Date(o.now()).toISOString();
        const d = doc();
        const decided = { ...item, status: 'rejected' as const, decided_at: at, reason: 'cancelled by the agent before approval' };
        o.store.write(approvals, { updated_at: at, items: d.items.map((i) => (i.id === item.id ? decided : i)) });
        return follow(decided);
      }
      return venue.cancel(id);
    },
    async order(id) {
      const item = itemOf(id);
      return item ? follow(item) : venue.order(id);
    },
    openOrders: () => venue.openOrders(),
    balances: () => venue.balances(),
    fillsSince: (cursor) => venue.fillsSince(cursor),
  };
}
