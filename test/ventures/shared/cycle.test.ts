/**
 * The venture lifecycle with a fake venture: decisions under budget and risk, approvals that wait,
 * expire or are acted on exactly once (also after a restart), and a halt that stops every purchase.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { manualClock } from '../../../src/core/clock.js';
import type { AgentContext } from '../../../src/core/agent.js';
import { silentLogger } from '../../../src/log/logger.js';
import { approvalQueue, decideApproval } from '../../../src/store/approval-queue.js';
import { openFileStore, type StateStore } from '../../../src/store/file-store.js';
import { runCycle, ventureAgent, type Opportunity, type VentureCycle, type VentureSpec } from '../../../src/ventures/shared/agent.js';
import { freshRiskDocs } from '../../helpers/risk-docs.js';
import { resolveVentureSettings } from '../../../src/ventures/shared/settings.js';
import type { VentureRisk } from '../../../src/ventures/shared/risk-view.js';

const T0 = Date.parse('2026-11-29T12:00:00Z');
const active: VentureRisk = { state: 'ACTIVE', riskScaler: 1, reasons: [] };
let home = '';
afterEach(() => rmSync(home, { recursive: true, force: true }));

/** A venture whose "ledger" is a Map shared across incarnations (what the file ledger is to a restarted agent). */
function fakeVenture(offers: Opportunity[], booked: Map<string, number>, calls: string[]): VentureCycle {
  return {
    settle: async () => undefined,
    book: () => ({ committedCents: [...booked.values()].reduce((a, b) => a + b, 0), realizedCents: 0 }),
    opportunities: async () => offers.filter((o) => !booked.has(o.id)),
    revive: async (payload) => offers.find((o) => o.id === payload.offer),
    acted: (id) => booked.has(id),
    act: async (o, d) => {
      calls.push(o.id);
      booked.set(o.id, d.spendCents);
    },
    account: async () => undefined,
  };
}

const opp = (id: string, costCents: number, valueCents: number): Opportunity => ({ id, summary: `item ${id}`, costCents, valueCents, payload: { offer: id } });
const spec = { name: 'collectibles_agent', approvalKind: 'purchase' } as unknown as VentureSpec;

function setup(): { store: StateStore; ctx: AgentContext } {
  home = mkdtempSync(join(tmpdir(), 'nl-cycle-'));
  const config = loadConfig({ home }, {});
  const store = openFileStore(home);
  return { store, ctx: { name: 'collectibles_agent', clock: manualClock(T0), store, log: silentLogger(), config, ports: {} } };
}

describe('venture cycle', () => {
  it('buys within budget, queues what is above the threshold, and acts on an approval once across restarts', async () => {
    const { store, ctx } = setup();
    const settings = resolveVentureSettings({ budgetUsd: 1000, approvalAboveUsd: 300, approvalTtlHours: 24, itemCapUsd: 800, minMargin: 0.1, intervalSeconds: 60 }, undefined);
    const offers = [opp('a', 20_000, 26_000), opp('b', 50_000, 65_000), opp('c', 45_000, 60_000), opp('d', 10_000, 10_500)];
    const booked = new Map<string, number>();
    const calls: string[] = [];
    const r1 = await runCycle(spec, ctx, fakeVenture(offers, booked, calls), settings, active, T0, T0);
    // a: $200 acts; b: $500 > $300 threshold → queued (reserving $500); c: $450 > $300 → would need
    // approval but only $300 remains → over budget; d: 5 % margin < 10 % → below margin.
    expect(r1.acted).toEqual(['a']);
    expect(r1.queued).toEqual(['b']);
    expect(r1.skipped).toEqual({ OVER_BUDGET: 1, BELOW_MARGIN: 1 });
    expect(r1.availableCents).toBe(100_000 - 20_000 - 50_000);

    decideApproval(store, 'b', 'approve', 'alice', T0 + 1000);
    const r2 = await runCycle(spec, ctx, fakeVenture(offers, booked, calls), settings, active, T0 + 60_000, T0 + 60_000);
    expect(r2.acted).toEqual(['b']);
    // A restarted agent (new cycle object, same ledger) does not buy it again.
    const r3 = await runCycle(spec, ctx, fakeVenture(offers, booked, calls), settings, active, T0 + 120_000, T0 + 120_000);
    expect(r3.acted).toEqual([]);
    expect(calls).toEqual(['a', 'b']);
  });

  it('stops every purchase when halted or reduce-only, and an approved item is abandoned, not bought', async () => {
    const { store, ctx } = setup();
    const settings = resolveVentureSettings({ budgetUsd: 1000, approvalAboveUsd: 100, approvalTtlHours: 24, itemCapUsd: 800, minMargin: 0.1, intervalSeconds: 60 }, undefined);
    const offers = [opp('a', 20_000, 26_000)];
    const booked = new Map<string, number>();
    const calls: string[] = [];
    await runCycle(spec, ctx, fakeVenture(offers, booked, calls), settings, active, T0, T0);
    expect(approvalQueue(store).items.map((i) => i.id)).toEqual(['a']);
    decideApproval(store, 'a', 'approve', 'cli', T0 + 1);
    const halted: VentureRisk = { state: 'HALTED', riskScaler: 1, reasons: ['DRAWDOWN_HALT'] };
    const r = await runCycle(spec, ctx, fakeVenture([...offers, opp('z', 1_000, 5_000)], booked, calls), settings, halted, T0 + 60_000, T0 + 60_000);
    expect(calls).toEqual([]);
    expect(r.skipped.HALTED).toBe(2);
    const reducing: VentureRisk = { state: 'REDUCING', riskScaler: 1, reasons: ['RISK_STATE_MISSING'] };
    const r2 = await runCycle(spec, ctx, fakeVenture([opp('y', 1_000, 5_000)], booked, calls), settings, reducing, T0 + 120_000, T0 + 120_000);
    expect(calls).toEqual([]);
    expect(r2.skipped).toEqual({ REDUCE_ONLY: 1 });
    // The abandoned approval no longer reserves money.
    expect(r2.availableCents).toBe(100_000);
  });

  it('lets a queued request expire: never bought, its reservation released', async () => {
    const { ctx } = setup();
    const settings = resolveVentureSettings({ budgetUsd: 600, approvalAboveUsd: 100, approvalTtlHours: 1, itemCapUsd: 800, minMargin: 0.1, intervalSeconds: 60 }, undefined);
    const booked = new Map<string, number>();
    const calls: string[] = [];
    const r1 = await runCycle(spec, ctx, fakeVenture([opp('a', 50_000, 60_000)], booked, calls), settings, active, T0, T0);
    expect(r1.availableCents).toBe(10_000);
    const later = T0 + 3_600_000;
    const r2 = await runCycle(spec, ctx, fakeVenture([opp('q', 5_000, 9_000)], booked, calls), settings, active, later, later);
    expect(approvalQueue(ctx.store).items.find((i) => i.id === 'a')?.status).toBe('expired');
    expect(r2.queued).toEqual([]);
    expect(r2.acted).toEqual(['q']);
    expect(r2.availableCents).toBe(60_000 - 5_000);
    expect(calls).toEqual(['q']);
  });
});

describe('venture agent note', () => {
  it('tells /status why it bought nothing, and clears the note once it buys', async () => {
    const { store, ctx } = setup();
    const notes: (string | null)[] = [];
    const offers = [opp('thin', 10_000, 10_500)];
    const booked = new Map<string, number>();
    const agentSpec = {
      ...spec,
      description: 'fake',
      defaults: { budgetUsd: 1000, approvalAboveUsd: 900, approvalTtlHours: 24, itemCapUsd: 800, minMargin: 0.1, intervalSeconds: 60 },
      consumes: [],
      produces: [],
      needs: [],
      create: () => fakeVenture(offers, booked, []),
    } as unknown as VentureSpec;
    freshRiskDocs(store, T0);
    const agent = await ventureAgent(agentSpec).create({ ...ctx, report: (n) => void notes.push(n) });
    await agent.tick(T0);
    // 5 % margin under the 10 % required: nothing bought, and why.
    expect(notes).toEqual(['nothing bought in the last cycle with a candidate: BELOW_MARGIN; available $1000.00']);
    offers.push(opp('good', 20_000, 26_000));
    await agent.tick(T0 + 60_000);
    expect(notes.at(-1)).toBeNull();
    expect(booked.has('good')).toBe(true);
  });
});
