/**
 * What a live venue answers besides a working order: a rejection with a reason code from one
 * closed union (checked before sending, or the venue's own refusal mapped at the edge), and the
 * errors a caller can act on — an auth failure names the venue and the variables to fix.
 */
import { describeError, NeoLightError } from '../../core/errors.js';
import type { OrderRequest, OrderStatus } from '../../core/venue.js';

export type VenueRejectCode =
  | 'INVALID_QTY'
  | 'INVALID_LIMIT'
  | 'LOT_SIZE'
  | 'UNKNOWN_SYMBOL'
  | 'UNSUPPORTED_QUOTE'
  | 'BELOW_MIN_QTY'
  | 'BELOW_MIN_NOTIONAL'
  | 'INSUFFICIENT_CASH'
  | 'INSUFFICIENT_POSITION'
  | 'NO_VENUE_FOR_SYMBOL'
  | 'VENUE_REJECTED';

export function rejected(order: OrderRequest, code: VenueRejectCode, detail: string): OrderStatus {
  return { clientOrderId: order.clientOrderId, symbol: order.symbol, side: order.side, qty: order.qty, filledQty: 0, state: 'rejected', code, detail };
}

/** The venue refused our credentials: say which venue and which environment variables hold them. */
export function authError(venue: string, envVars: readonly string[], cause: unknown): NeoLightError {
  return new NeoLightError(
    'NL_ERR_UPSTREAM',
    `${venue} refused the API credentials (${describeError(cause)}); check ${envVars.join(' and ')}`,
    { venue, env: [...envVars], reason: 'auth' },
    { cause },
  );
}

export function upstream(venue: string, what: string, cause: unknown): NeoLightError {
  if (cause instanceof NeoLightError) return cause;
  return new NeoLightError('NL_ERR_UPSTREAM', `${venue}: ${what} failed: ${describeError(cause)}`, { venue }, { cause });
}
