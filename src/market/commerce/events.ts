/**
 * SIMULATED event calendar for the ticket venture: a deterministic stream of concerts and games —
 * event k is announced every `EVENT_PERIOD_MS` and starts 14–75 days later, with a face value, a
 * demand level, a posted per-customer primary limit, and a fate: most happen as scheduled, some are
 * postponed (moved 14–60 days later, announced at a drawn moment before the original date) and a few
 * are cancelled (every ticket refunded). Primary sales sell out early for wanted events. Every figure
 * is a pure function of (seed, time): the knowledge integrator writes it into
 * `state/event_schedule.json`, and the secondary-marketplace simulator draws prices around it.
 */
import { seedKey, streamKey, uniform } from '../rng.js';
import { priceMultiple } from './ticket-curve.js';

export const EVENT_PERIOD_MS = 8 * 3_600_000;
const DAY = 86_400_000;
/** Events stay in the calendar this long after they started (or were cancelled), so refunds settle. */
export const EVENT_TAIL_MS = 2 * DAY;
/** Share of events postponed, and cancelled (documented in docs/ventures.md). */
export const POSTPONE_RATE = 0.08;
export const CANCEL_RATE = 0.03;
const STREAM = 0x71c4;

const ACTS = ['The Lumens', 'Northbound', 'Velvet Static', 'City FC vs Rovers', 'Comedy Night: R. Hale', 'Opera: Tosca', 'Hoops Finals G3', 'Synthwave Live'];
const VENUES = ['Arena North', 'Riverside Hall', 'Stadium East', 'The Palladium', 'Garden Theatre'];

export type EventStatus = 'scheduled' | 'postponed' | 'cancelled';

export interface SimEvent {
  readonly id: string;
  readonly index: number;
  readonly name: string;
  readonly venue: string;
  readonly announcedMs: number;
  readonly originalStartsMs: number;
  readonly faceValueCents: number;
  readonly demand: number;
  readonly purchaseLimit: number;
  /** The event's own deviation from the curve (what no model knows in advance): resale × this. */
  readonly eventFactor: number;
  readonly fate: { readonly kind: 'happens' } | { readonly kind: 'postponed'; readonly atMs: number; readonly newStartsMs: number } | { readonly kind: 'cancelled'; readonly atMs: number };
}

export function eventId(index: number): string {
  return `sim-e-${index}`;
}

export function eventIndex(id: string): number | undefined {
  const m = /^sim-e-(\d+)$/.exec(id);
  return m ? Number(m[1]) : undefined;
}

/** Event `index` of the seed's calendar (pure). */
export function simEvent(seed: number, index: number): SimEvent {
  const sk = streamKey(seedKey(seed), STREAM);
  const u = (j: number): number => uniform(sk, index * 16 + j);
  const announcedMs = index * EVENT_PERIOD_MS;
  const originalStartsMs = announcedMs + Math.round((14 + u(0) * 61) * 24) * 3_600_000;
  const fateDraw = u(1);
  const decidedAt = announcedMs + (originalStartsMs - announcedMs) * (0.3 + 0.65 * u(2));
  const fate: SimEvent['fate'] =
    fateDraw < CANCEL_RATE
      ? { kind: 'cancelled', atMs: decidedAt }
      : fateDraw < CANCEL_RATE + POSTPONE_RATE
        ? { kind: 'postponed', atMs: decidedAt, newStartsMs: originalStartsMs + Math.round(14 + u(3) * 46) * DAY }
        : { kind: 'happens' };
  return {
    id: eventId(index),
    index,
    name: ACTS[Math.floor(u(4) * ACTS.length)]!,
    venue: VENUES[Math.floor(u(5) * VENUES.length)]!,
    announcedMs,
    originalStartsMs,
    faceValueCents: (40 + Math.floor(u(6) * 42) * 5) * 100,
    // Skewed towards ordinary demand: a few events are hot.
    demand: Math.pow(u(7), 1.6),
    purchaseLimit: [4, 6, 8][Math.floor(u(8) * 3)]!,
    eventFactor: Math.exp(0.12 * (u(9) + u(10) + u(11) - 1.5) * 2),
    fate,
  };
}

/** What is known about the event at `nowMs`: its status and start as announced by then. */
export function eventStateAt(e: SimEvent, nowMs: number): { status: EventStatus; startsMs: number } {
  if (e.fate.kind === 'cancelled' && nowMs >= e.fate.atMs) return { status: 'cancelled', startsMs: e.originalStartsMs };
  if (e.fate.kind === 'postponed' && nowMs >= e.fate.atMs) return { status: 'postponed', startsMs: e.fate.newStartsMs };
  return { status: 'scheduled', startsMs: e.originalStartsMs };
}

/** Whether the primary (face-value) sale is sold out at `nowMs`: wanted events sell out soon after on-sale. */
export function primarySoldOut(e: SimEvent, nowMs: number): boolean {
  const sellOutAfterMs = (1 - e.demand) * 40 * DAY;
  return nowMs - e.announcedMs >= sellOutAfterMs;
}

/** The secondary market's typical price at `nowMs` (cents per ticket), as the curve and the event factor say. */
export function marketPriceCents(e: SimEvent, nowMs: number): number {
  const s = eventStateAt(e, nowMs);
  return Math.round(e.faceValueCents * priceMultiple(e.demand, (s.startsMs - nowMs) / DAY, s.status === 'postponed') * e.eventFactor);
}

export interface CalendarEntry {
  readonly event: SimEvent;
  readonly status: EventStatus;
  readonly startsMs: number;
  readonly soldOut: boolean;
}

/** Events announced by `nowMs` that have not ended (or were cancelled) more than EVENT_TAIL_MS ago. */
export function calendarAt(seed: number, nowMs: number): CalendarEntry[] {
  const last = Math.floor(nowMs / EVENT_PERIOD_MS);
  // An event starts at most 75 days after announcement, plus up to 60 days of postponement.
  const first = Math.max(0, Math.floor((nowMs - 140 * DAY) / EVENT_PERIOD_MS));
  const out: CalendarEntry[] = [];
  for (let k = first; k <= last; k++) {
    const event = simEvent(seed, k);
    if (event.announcedMs > nowMs) continue;
    const s = eventStateAt(event, nowMs);
    const endedAt = s.status === 'cancelled' && event.fate.kind === 'cancelled' ? event.fate.atMs : s.startsMs;
    if (nowMs > endedAt + EVENT_TAIL_MS) continue;
    out.push({ event, status: s.status, startsMs: s.startsMs, soldOut: primarySoldOut(event, nowMs) });
  }
  return out;
}
