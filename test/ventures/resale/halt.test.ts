/**
 * The drawdown guard's halt stops every new purchase of both resale agents, through the real agent
 * (its risk reader, from the store), also after a restart; a retail drop is never bought without a
 * person, even when the agent may buy.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { drawdownGuard } from '../../../src/contracts/risk.js';
import type { AgentDefinition } from '../../../src/core/agent.js';
import { initialDrawdownState } from '../../../src/risk/drawdown.js';
import { approvalQueue } from '../../../src/store/approval-queue.js';
import { collectiblesPnl } from '../../../src/contracts/ventures.js';
import { collectiblesAgent } from '../../../src/ventures/collectibles/collectibles-agent.js';
import { luxuryAgent } from '../../../src/ventures/luxury/luxury-agent.js';
import { freshRiskDocs } from '../../helpers/risk-docs.js';
import { harness, T0, type Kind } from './harness.js';
import type { Marketplace } from '../../../src/core/marketplace.js';

const H = 3_600_000;
const homes: string[] = [];
afterEach(() => homes.splice(0).forEach((h) => rmSync(h, { recursive: true, force: true })));

/** Ticks of a fresh incarnation of the real agent every 6 hours for `days`, risk documents re-stamped before each. */
async function tickAgent(def: AgentDefinition, kind: Kind, halted: boolean, days: number): Promise<{ buys: string[]; store: ReturnType<typeof harness>['store'] }> {
  // Margins the defaults would pass over, so that a clear run buys within days and the halt has something to stop.
  const h = harness(kind, {}, 42, { ventures: { [`${kind}_agent`]: { min_margin: 0.05, safety_margin: 0 } } });
  homes.push(h.home);
  const buys: string[] = [];
  const sim = h.market();
  const market: Marketplace = { ...sim, scan: sim.scan, comps: sim.comps, list: sim.list, reprice: sim.reprice, delist: sim.delist, events: sim.events, buy: (req, n) => (buys.push(req.clientId), sim.buy(req, n)) };
  if (halted) h.store.write(drawdownGuard, { ...initialDrawdownState(T0), mode: 'halted', trading_state: 'HALTED', multiplier: 0 });
  const ctx = { ...h.ctx, ports: { marketplace: market } };
  for (let round = 0; round < 2; round++) {
    // Round 1 is the restarted agent: it reads the halt from the store, not from memory.
    const agent = await def.create(ctx);
    for (let t = T0 + round * days * 24 * H; t < T0 + (round + 1) * days * 24 * H; t += 6 * H) {
      freshRiskDocs(h.store, t);
      await agent.tick(t);
    }
  }
  return { buys, store: h.store };
}

describe('drawdown halt', () => {
  for (const [kind, def] of [['collectibles', collectiblesAgent], ['luxury', luxuryAgent]] as const) {
    it(`${kind}: buys with risk clear, buys nothing when halted, also after a restart`, async () => {
      expect((await tickAgent(def, kind, false, 6)).buys.length).toBeGreaterThan(0);
      const halted = await tickAgent(def, kind, true, 6);
      expect(halted.buys).toEqual([]);
      expect(approvalQueue(halted.store).items).toEqual([]);
    });
  }
});

describe('retail drops', () => {
  it('wait for a person however cheap they are (no checkout bots)', async () => {
    const h = harness('collectibles', { approvalAboveUsd: 100_000 });
    homes.push(h.home);
    const c = h.cycle();
    for (let t = T0; t < T0 + 15 * 24 * H; t += 2 * H) await h.run(c, t);
    const drops = approvalQueue(h.store).items.filter((i) => i.summary.includes('retail drop'));
    expect(drops.length).toBeGreaterThan(0);
    const bought = new Set(h.store.ledger(collectiblesPnl).readAll().filter((r) => r.action === 'buy').map((r) => r.key));
    for (const d of drops) expect(bought.has(`buy:${d.id}`)).toBe(false);
  });
});

