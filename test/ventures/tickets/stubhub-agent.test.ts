/**
 * The ticket agent with StubHub wired as the mesh wires it (paper mode, the StubHub credentials, the
 * API and token URLs pointed at a fake StubHub on 127.0.0.1, half the schedule's events mapped): it
 * buys in the simulator, lists lots of mapped events on StubHub — of the mapped StubHub event — and the
 * others on the simulator, and books each StubHub sale once with the fees StubHub reports. Without
 * credentials, or in sim mode, the mesh gives the agent the simulator alone; doctor says which.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { eventSchedule } from '../../../src/contracts/inputs.js';
import { revenueByAgent } from '../../../src/contracts/revenue.js';
import { ticketSplit } from '../../../src/contracts/revenue-sources.js';
import { silentLogger } from '../../../src/log/logger.js';
import { revenueRollupAgent } from '../../../src/ventures/revenue-rollup.js';
import { ticketArbitrage, ticketInventory } from '../../../src/contracts/ventures.js';
import { manualClock } from '../../../src/core/clock.js';
import { simulatedEventSchedule } from '../../../src/intelligence/commerce-inputs.js';
import { venturePorts } from '../../../src/mesh/venture-ports.js';
import { ventureMarketplaces } from '../../../src/ventures/connectors.js';
import { ticketAgent } from '../../../src/ventures/tickets/ticket-agent.js';
import { freshRiskDocs } from '../../helpers/risk-docs.js';
import { commerceHome, DAY, HOUR, startAgent, T0, type Home } from '../commerce/harness.js';
import { CLIENT_ID, CLIENT_SECRET, FAKE_FEE, fakeStubhub, type FakeStubhub } from './fake-stubhub.js';

let fake: FakeStubhub | undefined;
let h: Home | undefined;
afterEach(async () => {
  await fake?.close();
  if (h) rmSync(h.home, { recursive: true, force: true });
  fake = undefined;
  h = undefined;
});

const DAYS = 4;
/** Every other event of the schedules over the run is mapped to a StubHub event (its number + 100 000); the others are not. */
const MAPPED: Record<string, { event_id: number; section: string }> = (() => {
  const ids = new Set<string>();
  for (let t = T0; t < T0 + DAYS * DAY; t += 6 * HOUR) for (const e of simulatedEventSchedule(42, t).events) ids.add(e.id);
  return Object.fromEntries([...ids].sort().filter((_, i) => i % 2 === 0).map((id) => [id, { event_id: 100_000 + Number(id.replace(/\D/g, '')), section: '101' }]));
})();
const env = (f: FakeStubhub, mode = 'paper'): Record<string, string> => ({ NEOLIGHT_MODE: mode, STUBHUB_CLIENT_ID: CLIENT_ID, STUBHUB_CLIENT_SECRET: CLIENT_SECRET, STUBHUB_BASE_URL: f.base, STUBHUB_TOKEN_URL: f.tokenUrl });

describe('ticket agent on StubHub', () => {
  it('lists lots of mapped events on StubHub, the others on the simulator, and books StubHub sales once with StubHub’s fees', async () => {
    h = commerceHome({ ventures: { ticket_arbitrage: { stubhub_events: MAPPED } } });
    expect(h.config.seed).toBe(42);
    let now = T0;
    fake = await fakeStubhub(() => now);
    const config = loadConfig({ home: h.home }, env(fake));
    h = { ...h, config };
    const { marketplace } = await venturePorts('ticket_arbitrage', config, manualClock(T0));
    expect(marketplace).toMatchObject({ name: 'stubhub+tickets-sim', simulated: true });
    const agent = await startAgent(ticketAgent, h, marketplace!);

    const sold = new Map<number, { externalId: string; proceeds: number; gross: number }>();
    for (; now < T0 + DAYS * DAY; now += 6 * HOUR) {
      h.store.write(eventSchedule, simulatedEventSchedule(h.config.seed, now));
      freshRiskDocs(h.store, now);
      await agent.tick(now);
      // StubHub sells each of our listings a day after it appears, paying out the price less its 15 %.
      if (now >= T0 + DAY && now < T0 + (DAYS - 1) * DAY)
        for (const l of fake.listings.values()) {
          if (sold.has(l.id) || !l.externalId) continue;
          const gross = Math.round(l.price * 100) * l.qty;
          const proceeds = Math.round(gross * (1 - FAKE_FEE));
          sold.set(l.id, { externalId: l.externalId, proceeds, gross });
          fake.sales.push({ id: 900 + sold.size, externalListingId: l.externalId, qty: l.qty, proceeds: proceeds / 100, status: 'Confirmed', createdAt: new Date(now).toISOString(), updatedAt: new Date(now).toISOString() });
        }
    }
    const lots = h.store.get(ticketInventory)!.lots;
    const onStubhub = lots.filter((l) => l.listing_id !== null && /^\d+$/.test(l.listing_id));
    const onSim = lots.filter((l) => l.listing_id?.startsWith('tl-'));
    // The test means something only if both kinds of lot were listed and StubHub sold some.
    expect(onStubhub.length).toBeGreaterThan(0);
    expect(onSim.length).toBeGreaterThan(0);
    expect(sold.size).toBeGreaterThan(0);
    for (const l of onStubhub) {
      expect(MAPPED[l.event_id]).toBeDefined();
      expect(fake.seen.find((s) => s.method === 'POST' && s.path === `/v2/events/${MAPPED[l.event_id]!.event_id}/sellerlistings`)).toBeDefined();
    }
    for (const l of onSim) expect(MAPPED[l.event_id]).toBeUndefined();
    // One create per StubHub lot, whatever the number of cycles.
    expect(fake.creates).toBe(onStubhub.length);

    const rows = h.store.ledger(ticketArbitrage).readAll();
    for (const [id, s] of sold) {
      const lot = lots.find((l) => l.listing_id === String(id))!;
      expect(lot.status).toBe('sold');
      const sells = rows.filter((r) => r.key === `${lot.id}:sell`);
      expect(sells).toHaveLength(1);
      // Fees are what StubHub kept: the gross less the proceeds it reported; the P&L is the proceeds less the lot's all-in cost.
      expect(Math.round(sells[0]!.fees * 100)).toBe(s.gross - s.proceeds);
      expect(Math.round(sells[0]!.pnl * 100)).toBe(s.proceeds - Math.round(lot.cost * 100));
      expect(sells[0]!.mode).toBe('paper');
    }
    expect(rows.filter((r) => r.action === 'buy').every((r) => r.mode === 'paper')).toBe(true);
  });

  it('reverses a StubHub sale cancelled after it was booked, once across a crash and restart, and sells the lot again', async () => {
    h = commerceHome({ ventures: { ticket_arbitrage: { stubhub_events: MAPPED } } });
    let now = T0;
    fake = await fakeStubhub(() => now);
    const f = fake;
    const config = loadConfig({ home: h.home }, env(f));
    h = { ...h, config };
    const home = h;
    const start = async () => startAgent(ticketAgent, home, (await venturePorts('ticket_arbitrage', config, manualClock(now))).marketplace!);
    const tick = async (agent: Awaited<ReturnType<typeof start>>) => {
      home.store.write(eventSchedule, simulatedEventSchedule(home.config.seed, now));
      freshRiskDocs(home.store, now);
      await agent.tick(now);
      now += 6 * HOUR;
    };
    let agent = await start();
    while (f.listings.size === 0 && now < T0 + 2 * DAY) await tick(agent);
    // StubHub sells the first listing and pays out 85 % of the price.
    const first = [...f.listings.values()][0]!;
    const gross1 = Math.round(first.price * 100) * first.qty;
    const proceeds1 = Math.round(gross1 * (1 - FAKE_FEE));
    f.sales.push({ id: 501, externalListingId: first.externalId!, qty: first.qty, proceeds: proceeds1 / 100, status: 'Confirmed', createdAt: new Date(now).toISOString(), updatedAt: new Date(now).toISOString() });
    const docPath = join(home.home, 'state/ticket_inventory.json');
    const beforeSale = readFileSync(docPath, 'utf8');
    await tick(agent);
    const lotOf = () => home.store.get(ticketInventory)!.lots.find((l) => l.listing_id === String(first.id) || l.reversed_listings?.includes(String(first.id)))!;
    const lot = lotOf();
    expect(lot.status).toBe('sold');
    const costCents = Math.round(lot.cost * 100);

    // A crash after the sale was written to the ledger but before the inventory (and its cursor) was
    // saved; meanwhile StubHub cancels the sale. The restarted agent is told of the sale (never
    // acknowledged) and of its cancellation, and crashes again the same way: each time it is told of
    // both again, and books each once.
    writeFileSync(docPath, beforeSale);
    Object.assign(f.sales[0]!, { proceeds: 0, status: 'Cancelled', updatedAt: new Date(now).toISOString() });
    agent = await start();
    await tick(agent);
    // Back in inventory, and (the same cycle) listed again.
    expect(lotOf()).toMatchObject({ status: 'listed', reversed_listings: [String(first.id)] });
    writeFileSync(docPath, beforeSale);
    agent = await start();
    await tick(agent);
    await tick(agent);
    const rows = () => home.store.ledger(ticketArbitrage).readAll().filter((r) => r.key.startsWith(`${lot.id}:`));
    expect(rows().filter((r) => r.action === 'sell').map((r) => r.key)).toEqual([`${lot.id}:sell`]);
    expect(rows().filter((r) => r.action === 'reversal').map((r) => [r.key, Math.round(r.price * r.qty * 100), Math.round(r.fees * 100)])).toEqual([[`${lot.id}:reversal`, gross1, gross1 - proceeds1]]);
    // The lot is listed again on StubHub under a new request (a new external id); the old listing was ended.
    const relisted = [...f.listings.values()].find((l) => l.externalId === `neolight-${lot.id}:list#1`);
    expect(relisted).toBeDefined();
    expect(f.listings.has(first.id)).toBe(false);
    expect(lotOf()).toMatchObject({ status: 'listed', listing_id: String(relisted!.id) });
    // The restart found that listing by its request: no second create for the lot.
    const createsOf = (externalId: string) => f.seen.filter((x) => x.method === 'POST' && (x.body as { external_id?: string } | null)?.external_id === externalId).length;
    expect(createsOf(`neolight-${lot.id}:list#1`)).toBe(1);
    expect(createsOf(`neolight-${lot.id}:list`)).toBe(1);

    // It sells again, for good this time.
    const gross2 = Math.round(relisted!.price * 100) * relisted!.qty;
    const proceeds2 = Math.round(gross2 * (1 - FAKE_FEE));
    f.sales.push({ id: 502, externalListingId: relisted!.externalId!, qty: relisted!.qty, proceeds: proceeds2 / 100, status: 'Confirmed', createdAt: new Date(now).toISOString(), updatedAt: new Date(now).toISOString() });
    await tick(agent);
    await tick(agent);
    expect(lotOf().status).toBe('sold');
    expect(rows().filter((r) => r.action === 'sell').map((r) => r.key)).toEqual([`${lot.id}:sell`, `${lot.id}:sell#1`]);
    // Independently: the lot made what the second sale paid out less its all-in cost; the cancelled sale nets to nothing.
    const pnl = rows().reduce((a, r) => a + Math.round(r.pnl * 100), 0);
    expect(pnl).toBe(proceeds2 - costCents);
    const revenue = rows().reduce((a, r) => a + Math.round(ticketSplit(r).revenue * 100), 0);
    expect(revenue).toBe(gross2);
    // The roll-up is the ledger's sum.
    await (await revenueRollupAgent.create({ name: 'revenue_rollup', clock: manualClock(now), store: home.store, log: silentLogger(), config, ports: {} })).tick(now);
    const all = home.store.ledger(ticketArbitrage).readAll();
    expect(Math.round(home.store.get(revenueByAgent)!.agents.ticket_arbitrage!.profit * 100)).toBe(all.reduce((a, r) => a + Math.round(r.pnl * 100), 0));
  });

  it('gives the agent the simulator alone without credentials or in sim mode, and doctor says what is real', async () => {
    h = commerceHome({ ventures: { ticket_arbitrage: { stubhub_events: { 'sim-e-2': { event_id: 4242, section: 'GA' } } } } });
    fake = await fakeStubhub();
    const line = (e: Record<string, string>) => ventureMarketplaces(loadConfig({ home: h!.home }, e)).find((m) => m.agent === 'ticket_arbitrage');
    for (const e of [env(fake, 'sim'), { NEOLIGHT_MODE: 'paper', STUBHUB_CLIENT_ID: CLIENT_ID }]) {
      expect((await venturePorts('ticket_arbitrage', loadConfig({ home: h.home }, e), manualClock(T0))).marketplace?.name).toBe('tickets-sim');
      expect(line(e)).toMatchObject({ marketplace: 'tickets-sim', simulated: true, ok: true, detail: expect.stringMatching(/^SIMULATED \(StubHub listings: paper or live mode with STUBHUB_CLIENT_ID and STUBHUB_CLIENT_SECRET\)/) as string });
    }
    expect(line(env(fake))).toMatchObject({
      marketplace: 'stubhub+tickets-sim',
      simulated: true,
      ok: true,
      detail: 'lots of 1 mapped event (sim-e-2) listed on StubHub (unpublished until a person publishes them); lots of other events list on the simulator, SIMULATED; purchases SIMULATED (no ticket exchange publishes an API for buying resale tickets; docs/ventures.md)',
    });
    expect(JSON.stringify(line(env(fake)))).not.toContain(CLIENT_SECRET);
    expect(fake.seen).toEqual([]);
  });

  it('refuses a StubHub mapping that is not a StubHub event id or lacks the section, naming the key', () => {
    h = commerceHome();
    writeFileSync(join(h.home, 'neolight.config.json'), JSON.stringify({ ventures: { ticket_arbitrage: { stubhub_events: { 'sim-e-2': { event_id: 'abc', section: '' } } } } }));
    const msg = (() => { try { loadConfig({ home: h!.home }, {}); } catch (e) { return (e as Error).message; } return ''; })();
    expect(msg).toMatch(/ventures\.ticket_arbitrage\.stubhub_events\.sim-e-2\.event_id="abc" is invalid; accepted: a value of type number/);
    writeFileSync(join(h.home, 'neolight.config.json'), JSON.stringify({ ventures: { ticket_arbitrage: { stubhub_events: { 'sim-e-2': { event_id: 7 } } } } }));
    expect(() => loadConfig({ home: h!.home }, {})).toThrow(/stubhub_events\.sim-e-2\.section/);
    writeFileSync(join(h.home, 'neolight.config.json'), JSON.stringify({ ventures: { ticket_arbitrage: { stubhub_event: {} } } }));
    const msg2 = (() => { try { loadConfig({ home: h!.home }, {}); } catch (e) { return (e as Error).message; } return ''; })();
    expect(msg2).toMatch(/unknown key "stubhub_event" in section ventures\.ticket_arbitrage; did you mean stubhub_events\?/);
  });
});
