/**
 * The resale lifecycle steps shared by the collectibles and luxury agents (the I/O around the pure
 * valuation, candidate and booking functions), plugged into the shared venture core:
 * - settle: repeat purchases written down before a crash (same client id: the venue answers with
 *   the first result), then book the venue's events since the saved cursor (keys from event ids);
 * - opportunities: open asks, valued from the reference's comps, kept when the all-in cost is under
 *   the net value less the margin of safety; a retail drop needs a person (no checkout bots);
 * - act: write the intent, buy, book the buy row, add the item;
 * - account: list only items whose authentication passed, mark down stale listings toward break-even,
 *   write the inventory document.
 * The inventory document agrees with the ledger after any crash: on start it is reconciled with it.
 */
import type { DocumentContract, LedgerContract } from '../../contracts/contract.js';
import type { collectiblesInventory, collectiblesPnl } from '../../contracts/ventures.js';
import type { AgentContext } from '../../core/agent.js';
import { MS } from '../../core/clock.js';
import { NeoLightError } from '../../core/errors.js';
import type { CompSale, Marketplace, Offer } from '../../core/marketplace.js';
import { toCents } from '../../core/venue.js';
import type { Opportunity, VentureCycle } from '../shared/agent.js';
import { bookEvent, buyRows, reconcile, type InventoryDoc, type InventoryItem, type PendingBuy, type TradeRow } from './booking.js';
import { FEE_SCHEDULES, isPlatform, sellerFeesCents, type FeeSchedule } from './fees.js';
import { resaleCandidate, type ResaleParams } from './value.js';
import type { Valuation } from './valuation.js';

export interface ResaleCycleConfig {
  readonly inventory: DocumentContract<typeof collectiblesInventory.schema>;
  readonly ledger: LedgerContract<typeof collectiblesPnl.row>;
  readonly valuate: (comps: readonly CompSale[], nowMs: number) => Valuation;
  /** Valuation parameters of an item of `category` (value.ts resaleParamsFor); '' is the venue's default. */
  readonly resaleFor: (category: string) => ResaleParams;
  /** Days a listing waits before its first markdown, and the markdown per further week. */
  readonly markdownAfterDays: number;
  readonly markdownPerWeek: number;
  /** Sold and rejected items kept in the document (the ledger keeps everything). */
  readonly keepClosed: number;
}

const RETAIL_DROP = 'a retail drop: buying at release is reserved for a person (no checkout bots; store terms forbid automated checkout)';
const usd = (c: number): number => c / 100;

/** The lowest price whose payout covers the item's cost and shipping out (pure; the markdown floor). */
export function breakEvenCents(fees: FeeSchedule, costCents: number, shippingOutCents: number): number {
  let lo = 1;
  let hi = Math.max(2, (costCents + shippingOutCents) * 4 + 10_000);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid - sellerFeesCents(fees, mid) - shippingOutCents >= costCents) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function resaleCycle(ctx: AgentContext, market: Marketplace, cfg: ResaleCycleConfig): VentureCycle {
  const ledger = ctx.store.ledger(cfg.ledger);
  // A simulated marketplace never books real money, whatever the mesh's mode.
  const mode = market.simulated && ctx.config.mode === 'live' ? 'sim' : ctx.config.mode;
  const rows = ledger.readAll();
  let doc: InventoryDoc = reconcile(ctx.store.get(cfg.inventory) ?? { updated_at: new Date(0).toISOString(), simulated: market.simulated, items: [] }, rows);
  let realizedCents = rows.reduce((a, r) => a + toCents(r.pnl), 0);
  const bought = new Set(rows.filter((r) => r.action === 'buy').map((r) => r.key.slice('buy:'.length)));
  /** Purchases the venue refused this incarnation (sold out, price moved): not retried. */
  const refused = new Set<string>();
  const byCategory = new Map<string, ResaleParams>();
  /** The valuation parameters of an item in `category`: its own shipping, authentication and counterfeit model. */
  const paramsFor = (category: string): ResaleParams => {
    let p = byCategory.get(category);
    if (!p) byCategory.set(category, (p = cfg.resaleFor(category)));
    return p;
  };
  // Insurance is the venture's policy, the same in every category.
  const booking = { mode, insurancePerYear: paramsFor('').insurancePerYear };

  let written = '';
  /** Write the document when it changed (each write is an fsync: a quiet cycle costs none). */
  const write = (now: number): void => {
    const body = JSON.stringify({ ...doc, updated_at: '' });
    if (body === written) return;
    doc = { ...doc, updated_at: new Date(now).toISOString(), simulated: market.simulated };
    ctx.store.write(cfg.inventory, doc);
    written = body;
  };
  const append = (entries: { key: string; row: TradeRow }[]): void => {
    for (const e of ledger.append(entries)) realizedCents += toCents(e.pnl);
  };
  const feesOf = (platform: string): FeeSchedule => {
    if (isPlatform(platform)) return FEE_SCHEDULES[platform];
    throw new NeoLightError('NL_ERR_BAD_INPUT', `no fee schedule for platform "${platform}"; known: ${Object.keys(FEE_SCHEDULES).join(', ')}`);
  };

  async function submit(intent: PendingBuy, now: number): Promise<void> {
    const p = await market.buy({ clientId: intent.client_id, offerId: intent.offer_id, qty: 1, maxPriceCents: intent.max_price_cents }, now);
    const itemId = p.itemIds[0];
    if (p.state === 'filled' && itemId) {
      append(buyRows(intent.client_id, itemId, now, mode, p.priceCents, p.feesCents));
      bought.add(intent.client_id);
      const item: InventoryItem = {
        id: itemId, category: intent.category, name: intent.name, platform: intent.platform, ref: intent.ref,
        cost: usd(p.priceCents + p.feesCents), buy_fees: usd(p.feesCents), estimated_value: intent.estimated_value, list_price: intent.list_price,
        authenticated: false, auth_status: 'pending', status: 'held', acquired_at: new Date(now).toISOString(),
      };
      doc = { ...doc, items: [...doc.items.filter((i) => i.id !== itemId), item] };
    } else {
      refused.add(intent.client_id);
      ctx.log.info({ offer: intent.offer_id, code: p.code, detail: p.detail }, 'purchase refused by the marketplace; nothing booked');
    }
    doc = { ...doc, pending_buys: (doc.pending_buys ?? []).filter((b) => b.client_id !== intent.client_id) };
    write(now);
  }

  const value = async (offer: Offer, now: number, comps: Map<string, readonly CompSale[]>): Promise<Opportunity | undefined> => {
    if (!comps.has(offer.ref)) comps.set(offer.ref, await market.comps(offer.ref, now));
    const platform = typeof offer.attrs.platform === 'string' ? offer.attrs.platform : '';
    // An ask on a platform without a known fee schedule cannot be valued net of fees: no purchase.
    if (!isPlatform(platform)) return undefined;
    const v = cfg.valuate(comps.get(offer.ref)!, now);
    // A retail drop is sold by the brand at release: no counterfeit risk to price (a person buys it anyway).
    const params = paramsFor(offer.category);
    const c = resaleCandidate(offer, v, feesOf(platform), offer.attrs.retail_drop === true ? withoutCounterfeit(params) : params);
    if (!c.ok) return undefined;
    return {
      id: offer.id,
      summary: `${offer.title} at $${usd(offer.priceCents).toFixed(2)} (+$${usd(offer.buyerFeesCents).toFixed(2)} fees), net value $${usd(c.netValueCents).toFixed(2)}${market.simulated ? ' [SIMULATED]' : ''}`,
      costCents: c.costCents,
      valueCents: c.netValueCents,
      ...(offer.attrs.retail_drop === true ? { requiresPerson: RETAIL_DROP } : {}),
      payload: { offer: offer.id, ref: offer.ref, title: offer.title, category: offer.category, platform, price_cents: offer.priceCents, value_cents: v.ok ? v.valueCents : 0, list_cents: c.listCents },
    };
  };

  return {
    async settle(c) {
      for (const intent of [...(doc.pending_buys ?? [])]) await submit(intent, c.now);
      const { events, cursor } = await market.events(doc.cursor, c.now);
      for (const e of events) {
        const item = doc.items.find((i) => i.id === e.itemId);
        if (!item) continue;
        const b = bookEvent(e, item, booking);
        if (!b) continue;
        append(b.rows);
        doc = { ...doc, items: doc.items.map((i) => (i.id === item.id ? b.item : i)) };
      }
      // The cursor is saved with what it booked; a quiet cycle writes nothing (events re-read after a crash book nothing twice).
      if (events.length > 0) doc = { ...doc, cursor };
      write(c.now);
    },
    book() {
      const open = doc.items.filter((i) => i.status === 'held' || i.status === 'listed').reduce((a, i) => a + toCents(i.cost), 0);
      const inflight = (doc.pending_buys ?? []).reduce((a, p) => a + p.max_price_cents, 0);
      return { committedCents: open + inflight, realizedCents };
    },
    async opportunities(c) {
      const comps = new Map<string, readonly CompSale[]>();
      const out: Opportunity[] = [];
      for (const offer of await market.scan(c.now)) {
        const o = await value(offer, c.now, comps);
        if (o) out.push(o);
      }
      return out;
    },
    async revive(payload, c) {
      const offer = (await market.scan(c.now)).find((o) => o.id === payload.offer);
      return offer ? value(offer, c.now, new Map()) : undefined;
    },
    acted: (id) => bought.has(id) || refused.has(id) || (doc.pending_buys ?? []).some((p) => p.client_id === id),
    async act(o, d, c) {
      const p = o.payload;
      const intent: PendingBuy = {
        client_id: o.id, offer_id: String(p.offer), ref: String(p.ref), category: String(p.category), name: String(p.title), platform: String(p.platform),
        // The ask part of the spend: the venue refuses the purchase if the ask moved above it.
        max_price_cents: Math.max(1, Number(p.price_cents)), estimated_value: usd(Math.max(1, Number(p.value_cents))), list_price: usd(Math.max(1, Number(p.list_cents))), at: new Date(c.now).toISOString(),
      };
      doc = { ...doc, pending_buys: [...(doc.pending_buys ?? []), intent] };
      write(c.now);
      ctx.log.info({ offer: o.id, spend_cents: d.spendCents, margin: d.margin }, 'buying');
      await submit(intent, c.now);
    },
    async account(c) {
      for (const item of doc.items) {
        if (!isPlatform(item.platform)) {
          // Rebuilt from the ledger alone (its document and intent were both lost): held at cost until a person lists it.
          if (item.status === 'held' || item.status === 'listed') ctx.log.warn({ item: item.id }, 'item without a known platform (rebuilt from the ledger); not listed or repriced');
          continue;
        }
        if (item.status === 'held' && item.auth_status === 'passed' && !item.listing_id) await list(item, c.now);
        else if (item.status === 'listed' && item.listing_id) await markdown(item, c.now);
      }
      const closed = doc.items.filter((i) => i.status === 'sold' || i.status === 'rejected');
      const drop = new Set(closed.slice(0, Math.max(0, closed.length - cfg.keepClosed)).map((i) => i.id));
      doc = { ...doc, items: doc.items.filter((i) => !drop.has(i.id)) };
      write(c.now);
    },
  };

  /** List an authenticated item at its list price (never below break-even); idempotent on `list:<item>`. */
  async function list(item: InventoryItem, now: number): Promise<void> {
    const floor = breakEvenCents(feesOf(item.platform), toCents(item.cost), paramsFor(item.category).shippingOutCents);
    const price = Math.max(floor, toCents(item.list_price ?? item.estimated_value));
    const l = await market.list({ clientId: `list:${item.id}`, itemId: item.id, priceCents: price }, now);
    if (l.state === 'rejected') {
      ctx.log.warn({ item: item.id, code: l.code, detail: l.detail }, 'listing refused');
      return;
    }
    replace({ ...item, status: 'listed', listing_id: l.listingId, list_price: usd(l.priceCents) });
  }

  /** After `markdownAfterDays`, lower the price by `markdownPerWeek` per week listed, never below break-even. */
  async function markdown(item: InventoryItem, now: number): Promise<void> {
    const since = item.acquired_at ? Date.parse(item.acquired_at) : now;
    const weeks = Math.floor((now - since - cfg.markdownAfterDays * MS.day) / (7 * MS.day)) + 1;
    if (weeks <= 0 || !item.listing_id || item.list_price === undefined) return;
    const floor = breakEvenCents(feesOf(item.platform), toCents(item.cost), paramsFor(item.category).shippingOutCents);
    const target = Math.max(floor, Math.round(toCents(item.estimated_value) * (1 - cfg.markdownPerWeek * weeks)));
    if (target >= toCents(item.list_price)) return;
    const l = await market.reprice(item.listing_id, target, now);
    if (l.state === 'active') replace({ ...item, list_price: usd(l.priceCents) });
  }

  function replace(item: InventoryItem): void {
    doc = { ...doc, items: doc.items.map((i) => (i.id === item.id ? item : i)) };
  }
}

function withoutCounterfeit(p: ResaleParams): ResaleParams {
  const { counterfeit: _, ...rest } = p;
  return rest;
}
