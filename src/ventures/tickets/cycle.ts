/**
 * The ticket arbitrage venture's steps in the shared lifecycle. Candidates are the secondary
 * marketplace's lots for events in `state/event_schedule.json`, valued on the demand and price
 * curve net of seller fees and delivery risk; each event's money at work is capped (the
 * opportunity's item cap is what is left of the per-event budget). Primary (face-value) tickets are
 * never bought by software alone (US BOTS Act): when enabled they wait for a person, within the
 * posted per-customer limit. Bought lots are listed, marked down toward the event, and booked when
 * sold, refunded (a cancelled event) or expired unsold. Crash safety: a lot is written as `buying`
 * before the venue is asked (a restart re-sends the purchase with the same client id and books it
 * once); every ledger row has its own key; the inventory is reconciled with the ledger on start.
 */
import type { DocOf, Mode } from '../../contracts/contract.js';
import { eventSchedule } from '../../contracts/inputs.js';
import { ticketArbitrage, ticketInventory } from '../../contracts/ventures.js';
import type { Marketplace, Offer } from '../../core/marketplace.js';
import { toCents } from '../../core/venue.js';
import type { Logger } from '../../log/logger.js';
import type { StateStore } from '../../store/file-store.js';
import type { CycleContext, Opportunity, VentureCycle } from '../shared/agent.js';
import { buyRow, expiredRow, listRow, refundRow, reversalRow, saleKey, sellRow, type LotRef } from './rows.js';
import type { TicketOwnSettings } from './settings.js';
import { askCents, modelPriceCents, valueLot } from './valuation.js';

type Doc = DocOf<typeof ticketInventory>;
type Lot = Doc['lots'][number];
type Schedule = DocOf<typeof eventSchedule>;
type ScheduledEvent = Schedule['events'][number];

const DAY = 86_400_000;
/** A schedule older than this is not bought on (events may have been cancelled since). */
export const SCHEDULE_MAX_AGE_MS = DAY;
const OPEN: readonly Lot['status'][] = ['buying', 'held', 'listed'];

export interface TicketDeps {
  readonly store: StateStore;
  readonly log: Logger;
  readonly marketplace: Marketplace;
  readonly mode: Mode;
  readonly own: TicketOwnSettings;
}

const ref = (l: Lot): LotRef => ({ id: l.id, eventId: l.event_id, qty: l.qty, costCents: toCents(l.cost) });
/** The lot's listing request: a new one after each reversed sale (the marketplace answers a client id with its first listing). */
export const listClientId = (l: Pick<Lot, 'id' | 'reversed_listings'>): string => `${l.id}:list${generation(l) > 0 ? `#${generation(l)}` : ''}`;
/** How many of the lot's sales were reversed: the number of its current sale. */
const generation = (l: Pick<Lot, 'reversed_listings'>): number => l.reversed_listings?.length ?? 0;

export function ticketCycle(d: TicketDeps): VentureCycle {
  const { store, marketplace: mp, own } = d;
  const ledger = store.ledger(ticketArbitrage);
  let doc: Doc = store.get(ticketInventory) ?? { updated_at: new Date(0).toISOString(), simulated: mp.simulated, lots: [] };
  let started = false;

  const save = (now: number): void => {
    doc = { ...doc, updated_at: new Date(now).toISOString(), simulated: mp.simulated };
    store.write(ticketInventory, doc);
  };
  const put = (l: Lot): void => {
    doc = { ...doc, lots: [...doc.lots.filter((x) => x.id !== l.id), l] };
  };
  const schedule = (): Map<string, ScheduledEvent> => new Map((store.get(eventSchedule)?.events ?? []).map((e) => [e.id, e]));

  /**
   * The ledger is the truth about money: a lot's status follows its closing row, a booked buy is
   * held, and a sale reversed is held again (unlisted) under its next listing request.
   */
  const reconcile = (lot: Lot): Lot => {
    let l = lot;
    const reversed = [...(l.reversed_listings ?? [])];
    while (ledger.has(saleKey(l.id, 'reversal', reversed.length))) reversed.push(l.listing_id ?? '');
    if (reversed.length !== generation(l)) l = { ...l, reversed_listings: reversed, status: 'held', listing_id: null, ask: null };
    if (ledger.has(saleKey(l.id, 'sell', reversed.length))) return { ...l, status: 'sold' };
    if (ledger.has(`${l.id}:refund`)) return { ...l, status: 'refunded' };
    if (ledger.has(`${l.id}:expired`)) return { ...l, status: 'expired' };
    if (l.status === 'buying' && ledger.has(`${l.id}:buy`)) return { ...l, status: 'held' };
    return l;
  };

  /** Send (or re-send, same client id) the purchase of a `buying` lot and book the answer. */
  const complete = async (l: Lot, now: number): Promise<void> => {
    const p = await mp.buy({ clientId: l.id, offerId: l.offer_id, qty: l.qty, maxPriceCents: toCents(l.unit_price) }, now);
    if (p.state !== 'filled') {
      d.log.info({ lot: l.id, code: p.code, detail: p.detail }, 'ticket purchase refused; nothing bought');
      put({ ...l, status: 'rejected' });
      return;
    }
    const costCents = p.priceCents * l.qty + p.feesCents;
    const booked: Lot = { ...l, unit_price: p.priceCents / 100, buyer_fees: p.feesCents / 100, cost: costCents / 100, status: 'held', bought_at: new Date(now).toISOString() };
    ledger.append([buyRow(now, d.mode, ref(booked), p.priceCents, p.feesCents)]);
    put(booked);
  };

  const toOpportunity = (o: Offer, events: Map<string, ScheduledEvent>, now: number): Opportunity | undefined => {
    const ev = events.get(String(o.attrs.event_id ?? ''));
    if (!ev || ev.status === 'cancelled') return undefined;
    const days = (Date.parse(ev.starts_at) - now) / DAY;
    if (days < 1) return undefined;
    const primary = o.attrs.primary === true;
    let qty = o.qty;
    if (primary) {
      if (!own.primaryEnabled) return undefined;
      const had = doc.lots.filter((l) => l.event_id === ev.id && l.primary && l.status !== 'rejected').reduce((a, l) => a + l.qty, 0);
      qty = Math.min(o.qty, ev.purchase_limit - had);
      if (qty <= 0) return undefined;
    }
    const buyerFees = Math.round((o.buyerFeesCents * qty) / o.qty);
    const v = valueLot({ qty, priceCents: o.priceCents, buyerFeesCents: buyerFees }, { faceValueCents: toCents(ev.face_value), demand: ev.demand_score, daysToEvent: days, postponed: ev.status === 'postponed' }, own.costs);
    const atWork = doc.lots.filter((l) => l.event_id === ev.id && OPEN.includes(l.status)).reduce((a, l) => a + toCents(l.cost), 0);
    return {
      id: `tk-${o.id}`,
      summary: `${qty} × ${ev.name} (${ev.id}) at $${(o.priceCents / 100).toFixed(2)}${primary ? ' face value' : ''}, resale model $${(v.resalePerTicketCents / 100).toFixed(2)}, expected ROI ${(v.roi * 100).toFixed(1)} %`,
      costCents: v.costCents,
      valueCents: v.valueCents,
      itemCapCents: Math.max(0, own.perEventCents - atWork),
      ...(primary ? { requiresPerson: `primary tickets are bought by a person, within the posted limit of ${ev.purchase_limit} per customer and without bots (US BOTS Act)` } : {}),
      payload: { offer_id: o.id, event_id: ev.id, qty, price_cents: o.priceCents, buyer_fees_cents: buyerFees, primary, starts_at: ev.starts_at },
    };
  };

  const activeOpportunities = async (now: number): Promise<Opportunity[]> => {
    const sched = store.get(eventSchedule);
    if (!sched || now - Date.parse(sched.updated_at) > SCHEDULE_MAX_AGE_MS) {
      d.log.warn({ updated_at: sched?.updated_at ?? null }, 'state/event_schedule.json missing or stale; no ticket purchases');
      return [];
    }
    const events = schedule();
    const out: Opportunity[] = [];
    // Earlier candidates of this cycle count against their event's cap, whether or not they get bought.
    const claimed = new Map<string, number>();
    for (const o of await mp.scan(now)) {
      const opp = toOpportunity(o, events, now);
      if (!opp) continue;
      const ev = String(opp.payload.event_id);
      out.push({ ...opp, itemCapCents: Math.max(0, (opp.itemCapCents ?? 0) - (claimed.get(ev) ?? 0)) });
      claimed.set(ev, (claimed.get(ev) ?? 0) + opp.costCents);
    }
    return out;
  };

  return {
    async settle(c: CycleContext) {
      if (!started) {
        doc = { ...doc, lots: doc.lots.map(reconcile) };
        for (const l of doc.lots.filter((x) => x.status === 'buying')) await complete(l, c.now);
        // Re-assert listings (a restarted venue, or one that lost our request, gets them again; same client ids).
        for (const l of doc.lots.filter((x) => x.status === 'listed' && x.ask !== null)) await mp.list({ clientId: listClientId(l), itemId: l.id, priceCents: toCents(l.ask!) }, c.now);
        save(c.now);
        started = true;
      }
      const { events, cursor } = await mp.events(doc.cursor, c.now);
      for (const e of events) {
        const lot = doc.lots.find((l) => l.id === e.itemId);
        if (!lot) continue;
        const g = generation(lot);
        // A sale of a listing whose sale was reversed is that old sale repeated (a restart before the cursor was saved): booked already.
        if (e.type === 'sold' && e.listingId !== undefined && lot.reversed_listings?.includes(e.listingId)) continue;
        if (e.type === 'sold') ledger.append([sellRow(e.at, d.mode, ref(lot), e.amountCents, e.feesCents, g)]);
        else if (e.type === 'refund') ledger.append([refundRow(e.at, d.mode, ref(lot), e.amountCents)]);
        // A sale cancelled after it was reported: only the lot's current sale, on the listing that sold (a repeat of an older cancellation books nothing).
        else if (e.type === 'cancelled' && lot.status === 'sold' && e.listingId !== undefined && e.listingId === lot.listing_id) ledger.append([reversalRow(e.at, d.mode, ref(lot), e.amountCents, e.feesCents, g)]);
        put(reconcile(lot));
      }
      // Postponements move the date; a lot still held when its event starts is worthless.
      const events2 = schedule();
      for (const l of doc.lots.filter((x) => x.status === 'held' || x.status === 'listed')) {
        const ev = events2.get(l.event_id);
        const startsAt = ev?.starts_at ?? l.starts_at;
        if (ev?.status !== 'cancelled' && Date.parse(startsAt) <= c.now) {
          ledger.append([expiredRow(c.now, d.mode, ref(l))]);
          if (l.listing_id) await mp.delist(l.listing_id, c.now);
          put({ ...reconcile(l), starts_at: startsAt });
        } else if (startsAt !== l.starts_at) put({ ...l, starts_at: startsAt });
      }
      doc = { ...doc, cursor };
      save(c.now);
    },
    book() {
      let committed = 0;
      for (const l of doc.lots) if (OPEN.includes(l.status)) committed += toCents(l.cost);
      let realized = 0;
      for (const r of ledger.readAll()) realized += toCents(r.pnl);
      return { committedCents: committed, realizedCents: realized };
    },
    opportunities: (c) => activeOpportunities(c.now),
    async revive(payload, c) {
      return (await activeOpportunities(c.now)).find((o) => o.payload.offer_id === payload.offer_id);
    },
    // A refused purchase counts too: the venue answers its client id with the same refusal.
    acted: (id) => doc.lots.some((l) => l.id === id),
    async act(o, _decision, c) {
      const p = o.payload;
      const qty = Number(p.qty);
      const price = Number(p.price_cents);
      const fees = Number(p.buyer_fees_cents);
      const lot: Lot = {
        id: o.id,
        event_id: String(p.event_id),
        offer_id: String(p.offer_id),
        qty,
        primary: p.primary === true,
        unit_price: price / 100,
        buyer_fees: fees / 100,
        cost: (price * qty + fees) / 100,
        status: 'buying',
        listing_id: null,
        ask: null,
        starts_at: String(p.starts_at),
        bought_at: null,
      };
      // Write-ahead: the intent is on disk before the venue hears of it.
      put(lot);
      save(c.now);
      await complete(lot, c.now);
      save(c.now);
    },
    async account(c) {
      const events = schedule();
      for (const l of doc.lots.filter((x) => x.status === 'held' || x.status === 'listed')) {
        const ev = events.get(l.event_id);
        if (!ev || ev.status === 'cancelled') continue;
        const days = (Date.parse(ev.starts_at) - c.now) / DAY;
        const model = modelPriceCents({ faceValueCents: toCents(ev.face_value), demand: ev.demand_score, daysToEvent: days, postponed: ev.status === 'postponed' });
        const ask = askCents(model, days, own.markdown);
        if (l.status === 'held' || !l.listing_id) {
          const r = await mp.list({ clientId: listClientId(l), itemId: l.id, priceCents: ask }, c.now);
          if (r.state !== 'active') continue;
          ledger.append([listRow(c.now, d.mode, ref(l), r.priceCents)]);
          put({ ...l, status: 'listed', listing_id: r.listingId, ask: r.priceCents / 100 });
        } else if (l.ask !== null && ask < toCents(l.ask) * 0.99) {
          // Mark down toward the event (asks only fall: a rising model is left to buyers who pay the ask).
          const r = await mp.reprice(l.listing_id, ask, c.now);
          if (r.state !== 'active') continue;
          ledger.append([listRow(c.now, d.mode, ref(l), ask)]);
          put({ ...l, ask: ask / 100 });
        }
      }
      save(c.now);
    },
  };
}
