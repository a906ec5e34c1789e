/**
 * When a listing of ours on the SIMULATED ticket exchange meets its buyer (pure): one buyer an hour
 * with a probability that rises with the event's demand; the buyer pays the ask if it is at most the
 * market price × a 12 % log-normal taste. The search starts the hour after the listing was (re)priced
 * and ends when the event starts or is cancelled, or the listing came down.
 */
import type { TicketSimState } from '../../contracts/ticket-sim.js';
import { eventStateAt, marketPriceCents, type SimEvent } from '../../market/commerce/events.js';
import { normal, uniform } from '../../market/rng.js';
import { HOUR } from './sim-offers.js';

/** The hour listing `l` of a lot of event `e` sells, or null if never (`sk`: the simulator's random stream). */
export function buyerArrives(sk: number, e: SimEvent, l: TicketSimState['listings'][string]): number | null {
  const q = 0.1 + 0.3 * e.demand;
  for (let b = Math.floor(l.since / HOUR) + 1; ; b++) {
    const at = b * HOUR;
    const st = eventStateAt(e, at);
    if (st.status === 'cancelled' || at >= st.startsMs || (l.delisted_at !== null && at > l.delisted_at)) return null;
    const c = (e.index * 10_000_000 + b) * 4;
    if (uniform(sk, c) >= q) continue;
    const willing = marketPriceCents(e, at) * Math.exp(0.12 * normal(sk, c + 2));
    if (willing >= l.price_cents) return at;
  }
}
