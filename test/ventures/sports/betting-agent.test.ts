/**
 * The betting agent on the simulated books, through the shared venture cycle: it bets only with
 * an edge, within its caps, settles from the simulated results with commission on the exchange's
 * net winnings (checked against a separate calculation), and places nothing new when risk halts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { manualClock } from '../../../src/core/clock.js';
import type { AgentContext } from '../../../src/core/agent.js';
import { silentLogger } from '../../../src/log/logger.js';
import { openFileStore } from '../../../src/store/file-store.js';
import { sportsOdds } from '../../../src/contracts/inputs.js';
import { sportsBetting, sportsBettingPnl, sportsPredictions } from '../../../src/contracts/ventures.js';
import { runCycle, type VentureSpec } from '../../../src/ventures/shared/agent.js';
import { resolveVentureSettings } from '../../../src/ventures/shared/settings.js';
import type { VentureRisk } from '../../../src/ventures/shared/risk-view.js';
import { openFixtures, type SimWorld } from '../../../src/ventures/sports/odds-simulator.js';
import { simulatedExchange } from '../../../src/ventures/sports/sim-exchange.js';
import { sportsBettingAgent, sportsBettingCycle } from '../../../src/ventures/sports/betting-agent.js';

const world: SimWorld = { leagues: [{ league: 'x.1', teams: Array.from({ length: 20 }, (_, i) => ({ name: `T${i}`, rating: 1350 + 15 * i })) }], homeAdvantage: 70, drawMargin: 95 };
const SEED = 42;
const T0 = Date.parse('2026-11-29T00:00:00Z');
const HOUR = 3_600_000;
let home = '';
afterEach(() => rmSync(home, { recursive: true, force: true }));

function setup() {
  home = mkdtempSync(join(tmpdir(), 'nl-sports-'));
  const config = loadConfig({ home }, {});
  const store = openFileStore(home);
  const ex = simulatedExchange(world, SEED);
  const ctx: AgentContext = { name: 'sports_betting', clock: manualClock(T0), store, log: silentLogger(), config, ports: { betting: ex } };
  return { store, ctx, ex };
}

/** An oracle analytics agent: it publishes the simulator's true probabilities (so an edge exists where a book errs). */
function publishTruth(store: ReturnType<typeof openFileStore>, now: number) {
  const fixtures = openFixtures(world, SEED, now);
  store.write(sportsPredictions, {
    updated_at: new Date(now).toISOString(),
    model: 'oracle',
    validation: { accuracy: 0.5, log_loss: 1, matches: 0 },
    predictions: fixtures.map((f) => ({ match_id: f.marketId, sport: 'football', home: f.home, away: f.away, kickoff: new Date(f.kickoffMs).toISOString(), p_home: f.truth.home, p_draw: f.truth.draw, p_away: f.truth.away })),
  });
}

const settings = resolveVentureSettings({ budgetUsd: 1000, approvalAboveUsd: 100, approvalTtlHours: 12, itemCapUsd: 25, minMargin: 0.02, intervalSeconds: 3600 }, undefined);
const spec = { name: 'sports_betting', approvalKind: 'sports_bet' } as unknown as VentureSpec;
const active: VentureRisk = { state: 'ACTIVE', riskScaler: 1, reasons: [] };

describe('sports_betting on the simulated books', () => {
  it('bets with an edge within caps, settles with commission on net winnings, and accounts', async () => {
    const { store, ctx, ex } = setup();
    expect(sportsBettingAgent.needs).toEqual(['betting']);
    const c = sportsBettingCycle(ctx);
    for (let t = T0; t < T0 + 10 * 24 * HOUR; t += 6 * HOUR) {
      publishTruth(store, t);
      await runCycle(spec, ctx, c, settings, active, t, t);
    }
    const rows = store.ledger(sportsBettingPnl).readAll();
    const placed = rows.filter((r) => r.status === 'placed');
    const settled = rows.filter((r) => r.status !== 'placed');
    expect(placed.length).toBeGreaterThan(5);
    expect(settled.length).toBeGreaterThan(3);
    // Caps: $25 a bet (item cap), $50 a market, $250 a day.
    for (const r of placed) expect(r.stake).toBeLessThanOrEqual(25);
    const byDay = new Map<string, number>();
    for (const r of placed) byDay.set(r.ts.slice(0, 10), (byDay.get(r.ts.slice(0, 10)) ?? 0) + r.stake);
    for (const v of byDay.values()) expect(v).toBeLessThanOrEqual(250);
    // Independent settlement arithmetic: won = stake·(odds − 1), lost = −stake; the exchange takes 5 %
    // of each market's net winnings (a value bet and a later arbitrage can share a market).
    const groups = new Map<string, { net: number; commission: number; pnl: number }>();
    for (const s of settled) {
      const p = placed.find((r) => r.bet_id === s.bet_id);
      if (!p) throw new Error(`settled bet ${s.bet_id} was never placed`);
      const market = p.key.split(':').slice(3, -1).join(':');
      const stakeC = Math.round(s.stake * 100);
      const gross = s.status === 'won' ? Math.floor(stakeC * (s.decimal_odds - 1)) : s.status === 'lost' ? -stakeC : 0;
      if (s.status === 'lost') expect(s.pnl).toBe(-s.stake);
      const g = groups.get(`${market}|${s.venue}`) ?? { net: 0, commission: 0, pnl: 0 };
      g.net += gross;
      g.commission += Math.round(s.commission * 100);
      g.pnl += Math.round(s.pnl * 100);
      groups.set(`${market}|${s.venue}`, g);
    }
    let charged = 0;
    for (const [k, g] of groups) {
      const expected = k.endsWith('|exchange_sim') && g.net > 0 ? Math.round(g.net * 0.05) : 0;
      expect(g.commission).toBe(expected);
      expect(g.pnl).toBe(g.net - expected);
      charged += expected;
    }
    expect(charged).toBeGreaterThan(0);
    const book = store.get(sportsBetting);
    expect(book?.simulated).toBe(true);
    expect(book?.settled_bets).toBe(settled.length);
    const pnl = settled.reduce((a, r) => a + Math.round(r.pnl * 100), 0);
    expect(Math.round((book?.bankroll ?? 0) * 100)).toBe(100_000 + pnl);
    expect(book?.clv).not.toBeNull();
    // Closing-line value per bet: the odds taken beside the book's price at kick-off, from the simulator.
    // The document keeps the latest 200; the mean CLV is over every settled bet.
    const closed = book?.clv_bets ?? [];
    expect(closed.map((b) => b.bet_id)).toEqual(settled.slice(-200).map((r) => r.bet_id));
    const closing = (r: { bet_id: string; venue: string; selection: 'home' | 'draw' | 'away' }) => {
      const market = placed.find((p) => p.bet_id === r.bet_id)?.key.split(':').slice(3, -1).join(':') ?? '';
      return ex.closingOdds?.(market, r.venue, r.selection);
    };
    for (const b of closed) {
      expect(b.closing_odds).toBe(closing(b));
      expect(b.decimal_odds).toBe(placed.find((p) => p.bet_id === b.bet_id)?.decimal_odds);
    }
    const clvAll = settled.map((r) => r.decimal_odds / (closing(r) ?? Number.NaN) - 1);
    expect(book?.clv).toBeCloseTo(clvAll.reduce((a, x) => a + x, 0) / clvAll.length, 12);
    expect(store.get(sportsOdds)?.simulated).toBe(true);
    expect(store.get(sportsOdds)?.matches[0]?.prices[0]?.fair_shin).toBeGreaterThan(0);
    // A repeat of the same cycle places nothing twice (idempotency keys).
    const last = T0 + 10 * 24 * HOUR - 6 * HOUR;
    const before = store.ledger(sportsBettingPnl).readAll().filter((r) => r.status === 'placed').length;
    await runCycle(spec, ctx, sportsBettingCycle(ctx), settings, active, last, last);
    expect(store.ledger(sportsBettingPnl).readAll().filter((r) => r.status === 'placed').length).toBe(before);
  });

  it('places nothing while risk is HALTED or REDUCING but still settles open bets', async () => {
    const { store, ctx } = setup();
    const c = sportsBettingCycle(ctx);
    publishTruth(store, T0);
    await runCycle(spec, ctx, c, settings, active, T0, T0);
    const placed = store.ledger(sportsBettingPnl).readAll().length;
    expect(placed).toBeGreaterThan(0);
    const halted: VentureRisk = { state: 'HALTED', riskScaler: 0.5, reasons: ['DRAWDOWN_HALT'] };
    for (let t = T0 + 6 * HOUR; t < T0 + 5 * 24 * HOUR; t += 6 * HOUR) {
      publishTruth(store, t);
      const r = await runCycle(spec, ctx, c, settings, t % 2 ? halted : { ...halted, state: 'REDUCING' }, t, t);
      expect(r.acted).toEqual([]);
    }
    const rows = store.ledger(sportsBettingPnl).readAll();
    expect(rows.filter((r) => r.status === 'placed')).toHaveLength(placed);
    expect(rows.filter((r) => r.status !== 'placed')).toHaveLength(placed);
  });
});
