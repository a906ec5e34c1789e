/**
 * `state/order_intents.json`: the order-intent journal. An agent records each order here before it
 * leaves for the venue (state `submitting`) and updates it from the venue's answers, so an order
 * still working at a live venue — or one sent just before a crash — is reconciled on a later tick
 * by its client order id instead of being sent again. Open intents stay until they end; the last
 * 200 ended ones are kept for the dashboard. One writer: the SmartTrader.
 */
import { z } from 'zod';
import { defineDocument, isoTime, symbol } from './contract.js';

/** The venue's order states (core/venue.ts) plus `submitting`: recorded, answer not yet seen. */
export const ORDER_INTENT_STATES = ['submitting', 'pending_approval', 'new', 'partially_filled', 'filled', 'canceled', 'rejected', 'expired'] as const;
export const OPEN_INTENT_STATES: readonly (typeof ORDER_INTENT_STATES)[number][] = ['submitting', 'pending_approval', 'new', 'partially_filled'];

export const orderIntent = z.object({
  client_order_id: z.string().min(1),
  agent: z.string().min(1),
  /** The venue's name ('paper', 'alpaca', ...). */
  venue: z.string().min(1),
  symbol,
  side: z.enum(['buy', 'sell']),
  qty: z.number().positive(),
  type: z.enum(['market', 'limit']),
  limit_price: z.number().positive().optional(),
  state: z.enum(ORDER_INTENT_STATES),
  filled_qty: z.number().min(0),
  created_at: isoTime,
  updated_at: isoTime,
  /** Reason code of a rejection or expiry (INSUFFICIENT_CASH, NOT_AT_VENUE, APPROVAL_REJECTED, ...). */
  code: z.string().optional(),
  detail: z.string().optional(),
});
export type OrderIntent = z.infer<typeof orderIntent>;

export const orderIntents = defineDocument({
  name: 'order_intents',
  path: 'state/order_intents.json',
  description: 'Order-intent journal: orders recorded before they leave, reconciled by client order id.',
  schema: z.object({ updated_at: isoTime, intents: z.array(orderIntent) }),
});
