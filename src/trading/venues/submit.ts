/**
 * The submit protocol every live venue shares, so a restart or a lost answer never trades twice:
 * look the client order id up first and answer with the order the venue already has; send once;
 * when the send's fate is unknown (timeout, dropped connection) wait for the venue to settle and
 * look again before sending again. A rate-limit answer means "not processed", so it is retried
 * after the venue's Retry-After. Delays are injected: tests never wait on the wall clock.
 */
import { NeoLightError } from '../../core/errors.js';
import type { OrderStatus } from '../../core/venue.js';

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const MAX_BACKOFF_MS = 30_000;

/**
 * How long to wait before retry number `attempt` (0-based): the venue's Retry-After (seconds or
 * an HTTP date) when it sent one, else 500 ms doubling; never more than 30 s.
 */
export function retryDelayMs(retryAfter: string | undefined, attempt: number, nowMs: number): number {
  const fallback = Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt);
  if (retryAfter === undefined || retryAfter.trim() === '') return fallback;
  const secs = Number(retryAfter);
  if (Number.isFinite(secs)) return Math.min(MAX_BACKOFF_MS, Math.max(0, secs * 1000));
  const at = Date.parse(retryAfter);
  return Number.isFinite(at) ? Math.min(MAX_BACKOFF_MS, Math.max(0, at - nowMs)) : fallback;
}

export interface SubmitSteps {
  readonly venue: string;
  readonly clientOrderId: string;
  /** The venue's order with this client id, or undefined when it has none. */
  lookup(): Promise<OrderStatus | undefined>;
  /** One attempt to place the order. */
  send(): Promise<OrderStatus>;
  /** True when a failed send may still have reached the venue. */
  isAmbiguous(err: unknown): boolean;
  readonly sleep: Sleep;
  /** Wait before the look-up that follows an ambiguous send (the venue may still be booking it). */
  readonly settleMs: number;
  /** Sends at most this many times in total (default 2). */
  readonly maxSends?: number;
}

export async function submitOnce(steps: SubmitSteps): Promise<OrderStatus> {
  const existing = await steps.lookup();
  if (existing) return existing;
  const maxSends = steps.maxSends ?? 2;
  let last: unknown;
  for (let sent = 0; sent < maxSends; sent++) {
    try {
      return await steps.send();
    } catch (err) {
      if (!steps.isAmbiguous(err)) throw err;
      last = err;
      await steps.sleep(steps.settleMs);
      let found: OrderStatus | undefined;
      try {
        found = await steps.lookup();
      } catch (lookupErr) {
        throw unknownState(steps, `the look-up after it failed too (${String(lookupErr)})`, lookupErr);
      }
      if (found) return found;
    }
  }
  throw unknownState(steps, `${maxSends} sends got no answer and the venue does not show the order`, last);
}

function unknownState(steps: SubmitSteps, why: string, cause: unknown): NeoLightError {
  return new NeoLightError(
    'NL_ERR_UPSTREAM',
    `${steps.venue}: order ${steps.clientOrderId} may or may not be at the venue: ${why}; submit it again with the same client order id later (it is looked up before any send)`,
    { venue: steps.venue, client_order_id: steps.clientOrderId, reason: 'unknown_state' },
    { cause },
  );
}
