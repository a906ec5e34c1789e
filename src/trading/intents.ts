/**
 * The order-intent journal (`state/order_intents.json`) and its reconciliation, generic over the
 * Venue port. An order is recorded (`submitting`) before it leaves and updated from the venue's
 * answer. On a later tick — or after a restart — every open intent is asked about by client order
 * id: an order the venue has is followed to its end; one the venue never received and whose fills
 * are not in the ledger is marked `expired` (NOT_AT_VENUE) and planned afresh. Nothing here ever
 * submits, so a restart between submit and fill never sends an order twice.
 */
import { OPEN_INTENT_STATES, orderIntents, type OrderIntent } from '../contracts/orders.js';
import type { OrderRequest, OrderStatus, Venue } from '../core/venue.js';
import type { StateStore } from '../store/file-store.js';

/** Ended intents kept for the dashboard. */
const KEEP_ENDED = 200;

export function isOpen(i: Pick<OrderIntent, 'state'>): boolean {
  return OPEN_INTENT_STATES.includes(i.state);
}

export interface IntentJournal {
  all(): readonly OrderIntent[];
  open(): OrderIntent[];
  has(clientOrderId: string): boolean;
  /** Record an order about to leave. */
  submitting(req: OrderRequest, now: number): void;
  /** Record the venue's answer (or a local verdict) for an intent. */
  update(clientOrderId: string, status: Pick<OrderStatus, 'state' | 'filledQty' | 'code' | 'detail'>, now: number): void;
}

export function intentJournal(store: StateStore, agent: string, venue: string): IntentJournal {
  let intents: OrderIntent[] = [...(store.get(orderIntents)?.intents ?? [])];
  const save = (now: number): void => {
    const open = intents.filter(isOpen);
    const ended = intents.filter((i) => !isOpen(i)).slice(-KEEP_ENDED);
    intents = [...ended, ...open].sort((a, b) => a.created_at.localeCompare(b.created_at));
    store.write(orderIntents, { updated_at: new Date(now).toISOString(), intents });
  };
  const mine = (): OrderIntent[] => intents.filter((i) => i.agent === agent);
  return {
    all: mine,
    open: () => mine().filter(isOpen),
    has: (id) => intents.some((i) => i.client_order_id === id && i.agent === agent),
    submitting(req, now) {
      if (intents.some((i) => i.client_order_id === req.clientOrderId)) return;
      const at = new Date(now).toISOString();
      intents.push({
        client_order_id: req.clientOrderId,
        agent,
        venue,
        symbol: req.symbol,
        side: req.side,
        qty: req.qty,
        type: req.type,
        ...(req.limitPrice !== undefined ? { limit_price: req.limitPrice } : {}),
        state: 'submitting',
        filled_qty: 0,
        created_at: at,
        updated_at: at,
      });
      save(now);
    },
    update(id, status, now) {
      const at = new Date(now).toISOString();
      let changed = false;
      intents = intents.map((i) => {
        if (i.client_order_id !== id || i.agent !== agent) return i;
        if (i.state === status.state && i.filled_qty === status.filledQty) return i;
        changed = true;
        const { code: _c, detail: _d, ...rest } = i;
        return { ...rest, state: status.state, filled_qty: status.filledQty, updated_at: at, ...(status.code ? { code: status.code } : {}), ...(status.detail ? { detail: status.detail } : {}) };
      });
      if (changed) save(now);
    },
  };
}

/**
 * Ask the venue about every open intent and record its answer. `recordedQty(id)` is the quantity
 * the caller's fills ledger already holds for that order: an intent the venue does not know but
 * whose fills are all recorded ended filled before a restart. Returns the intents still open.
 */
export async function reconcileIntents(venue: Venue, journal: IntentJournal, recordedQty: (clientOrderId: string) => number, now: number): Promise<OrderIntent[]> {
  for (const intent of journal.open()) {
    const status = await venue.order(intent.client_order_id);
    if (status) {
      journal.update(intent.client_order_id, status, now);
      continue;
    }
    const recorded = recordedQty(intent.client_order_id);
    if (recorded >= intent.qty - 1e-12) journal.update(intent.client_order_id, { state: 'filled', filledQty: recorded }, now);
    else journal.update(intent.client_order_id, { state: 'expired', filledQty: recorded, code: 'NOT_AT_VENUE', detail: `${venue.name} never received ${intent.client_order_id}; planned afresh` }, now);
  }
  return journal.open();
}
