/**
 * The adoption rule of the learned sizing, alone and in the betting agent: the policy is used only
 * with `sizing: learned-if-better` and a saved evaluation that beat fractional Kelly out of sample by
 * the margin, for the agent's own Kelly fraction and edge threshold; otherwise Kelly, with the reason
 * in the log and in state/sports_betting.json.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { manualClock } from '../../../src/core/clock.js';
import type { AgentContext } from '../../../src/core/agent.js';
import { silentLogger } from '../../../src/log/logger.js';
import { openFileStore } from '../../../src/store/file-store.js';
import { sportsSizing } from '../../../src/contracts/sports-sizing.js';
import { sportsBetting, sportsBettingPnl, sportsPredictions } from '../../../src/contracts/ventures.js';
import { runCycle, type VentureSpec } from '../../../src/ventures/shared/agent.js';
import { resolveVentureSettings } from '../../../src/ventures/shared/settings.js';
import { openFixtures, type SimWorld } from '../../../src/ventures/sports/odds-simulator.js';
import { simulatedExchange } from '../../../src/ventures/sports/sim-exchange.js';
import { sportsBettingCycle } from '../../../src/ventures/sports/betting-agent.js';
import { chooseSizing } from '../../../src/ventures/sports/sizing/adopt.js';
import type { SizingEvaluation } from '../../../src/ventures/sports/sizing/evaluate.js';
import type { Figures } from '../../../src/ventures/sports/sizing/replay.js';

const figures = (logGrowth: number): Figures => ({ seasons: 3, bets: 100, value_bets: 100, arbitrages: 0, staked: 2000, profit: 100, commission: 5, yield: 0.05, log_growth: logGrowth, max_drawdown: 0.1 });

function evaluation(learned: number, kelly: number, over: Partial<SizingEvaluation> = {}): SizingEvaluation {
  return {
    updated_at: '2026-11-29T00:00:00.000Z',
    simulated: true,
    data: 'football',
    seed: 1,
    train_seasons: [2013, 2018],
    test_seasons: [2019, 2025],
    model: { name: 'dixon_coles', params: { xi: 0.0019 }, tuned_on: [2008, 2012] },
    limits: { bankroll: 1000, per_bet_cap: 25, market_cap: 50, day_cap: 250, min_stake: 2, min_edge: 0.03, kelly_fraction: 0.25, risk_scaler: 1 },
    learner: { method: 'cem', iterations: 1, population: 2, elite: 1, evaluations: 3 },
    // bias 20: a multiplier of 1 (full Kelly) whatever the bet.
    policy: { features: ['bias', 'edge_per_10pts', 'log_odds', 'p_model', 'drawdown_per_20pct'], params: [20, 0, 0, 0, 0] },
    train: { kelly: figures(kelly), learned: figures(learned) },
    test: { kelly: figures(kelly), learned: figures(learned) },
    comparison: { log_growth_difference: learned - kelly, profit_difference: 0, margin: 0.02, learned_beats_kelly: learned - kelly >= 0.02 },
    ...over,
  };
}

const base = { sizing: 'learned-if-better' as const, margin: 0.02, kellyFraction: 0.25, minEdge: 0.03, sport: 'football' as const };

describe('chooseSizing', () => {
  it('uses the learned policy only when it beat Kelly out of sample by the margin, for the same settings', () => {
    expect(chooseSizing({ ...base, evaluation: evaluation(0.5, 0.4) })).toMatchObject({ policy: 'learned', reason: 'SIZING_LEARNED', params: [20, 0, 0, 0, 0] });
    expect(chooseSizing({ ...base, sizing: 'kelly', evaluation: evaluation(0.5, 0.4) })).toMatchObject({ policy: 'kelly', reason: 'SIZING_KELLY_CONFIGURED' });
    expect(chooseSizing({ ...base, evaluation: undefined })).toMatchObject({ policy: 'kelly', reason: 'SIZING_NO_EVALUATION' });
    // A lead of 0.01 is under the margin 0.02; the agent's own margin decides, not the one saved.
    expect(chooseSizing({ ...base, evaluation: evaluation(0.41, 0.4) })).toMatchObject({ policy: 'kelly', reason: 'SIZING_NOT_BETTER' });
    expect(chooseSizing({ ...base, margin: 0.2, evaluation: evaluation(0.5, 0.4) })).toMatchObject({ policy: 'kelly', reason: 'SIZING_NOT_BETTER' });
    expect(chooseSizing({ ...base, evaluation: evaluation(0.3, 0.4) }).detail).toMatch(/did not beat it out of sample by the margin 0.02 .*SIMULATED/);
    expect(chooseSizing({ ...base, kellyFraction: 0.5, evaluation: evaluation(0.5, 0.4) })).toMatchObject({ policy: 'kelly', reason: 'SIZING_EVALUATION_MISMATCH' });
    expect(chooseSizing({ ...base, evaluation: evaluation(0.5, 0.4, { data: 'nfl' }) })).toMatchObject({ policy: 'kelly', reason: 'SIZING_EVALUATION_MISMATCH' });
    expect(chooseSizing({ ...base, evaluation: evaluation(0.5, 0.4, { policy: { features: [], params: [1, 2] } }) })).toMatchObject({ policy: 'kelly', reason: 'SIZING_EVALUATION_INVALID' });
  });

  it('the config takes sizing and sizing_margin; a wrong value or an unknown key is an error naming it', () => {
    const withConfig = (c: unknown) => {
      const home = mkdtempSync(join(tmpdir(), 'nl-sizing-cfg-'));
      homes.push(home);
      writeFileSync(join(home, 'neolight.config.json'), JSON.stringify(c));
      return () => loadConfig({ home }, {});
    };
    expect(withConfig({ ventures: { sports_betting: { sizing: 'learned-if-better', sizing_margin: 0.05 } } })().sections.ventures).toEqual({ sports_betting: { sizing: 'learned-if-better', sizing_margin: 0.05 } });
    expect(withConfig({ ventures: { sports_betting: { sizing: 'rl' } } })).toThrow(/sizing/);
    expect(withConfig({ ventures: { sports_betting: { sizing_mode: 'kelly' } } })).toThrow(/sizing_mode/);
  });
});

const world: SimWorld = { leagues: [{ league: 'x.1', teams: Array.from({ length: 20 }, (_, i) => ({ name: `T${i}`, rating: 1350 + 15 * i })) }], homeAdvantage: 70, drawMargin: 95 };
const SEED = 42;
const T0 = Date.parse('2026-11-29T00:00:00Z');
const homes: string[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

const settings = resolveVentureSettings({ budgetUsd: 1000, approvalAboveUsd: 100, approvalTtlHours: 12, itemCapUsd: 25, minMargin: 0.02, intervalSeconds: 3600 }, undefined);
const spec = { name: 'sports_betting', approvalKind: 'sports_bet' } as unknown as VentureSpec;

/** One cycle at T0 with the simulator's true probabilities as the model; returns the stakes placed and the book. */
async function cycleWith(saved: SizingEvaluation | undefined) {
  const home = mkdtempSync(join(tmpdir(), 'nl-sizing-'));
  homes.push(home);
  const loaded = loadConfig({ home }, {});
  const config = { ...loaded, sections: { ...loaded.sections, ventures: { sports_betting: { sizing: 'learned-if-better' } } } };
  const store = openFileStore(home);
  if (saved) store.write(sportsSizing, saved);
  const ctx: AgentContext = { name: 'sports_betting', clock: manualClock(T0), store, log: silentLogger(), config, ports: { betting: simulatedExchange(world, SEED) } };
  const fixtures = openFixtures(world, SEED, T0);
  store.write(sportsPredictions, { updated_at: new Date(T0).toISOString(), model: 'oracle', validation: { accuracy: 0.5, log_loss: 1, matches: 0 }, predictions: fixtures.map((f) => ({ match_id: f.marketId, sport: 'football', home: f.home, away: f.away, kickoff: new Date(f.kickoffMs).toISOString(), p_home: f.truth.home, p_draw: f.truth.draw, p_away: f.truth.away })) });
  await runCycle(spec, ctx, sportsBettingCycle(ctx), settings, { state: 'ACTIVE', riskScaler: 1, reasons: [] }, T0, T0);
  const stakes = new Map(store.ledger(sportsBettingPnl).readAll().filter((r) => r.status === 'placed' && r.key.includes(':bet:')).map((r) => [r.key, r.stake]));
  return { stakes, book: store.get(sportsBetting) };
}

describe('the betting agent and the saved evaluation', () => {
  it('stakes full Kelly (the saved policy) within the $25 cap only when the evaluation won; otherwise quarter Kelly, saying why', async () => {
    const learned = await cycleWith(evaluation(0.5, 0.4));
    const kelly = await cycleWith(evaluation(0.3, 0.4));
    expect(learned.book?.sizing).toMatchObject({ policy: 'learned', reason: 'SIZING_LEARNED' });
    expect(kelly.book?.sizing).toMatchObject({ policy: 'kelly', reason: 'SIZING_NOT_BETTER' });
    // The same value bets, each staked at least as much (full Kelly, capped at $25), one strictly more;
    // the day cap ($250) can leave the learned run a bet short, never one more.
    const both = [...kelly.stakes.keys()].filter((k) => learned.stakes.has(k));
    expect(both.length).toBeGreaterThan(0);
    expect(learned.stakes.size).toBeLessThanOrEqual(kelly.stakes.size);
    for (const s of learned.stakes.values()) expect(s).toBeLessThanOrEqual(25);
    for (const k of both) expect(learned.stakes.get(k)).toBeGreaterThanOrEqual(kelly.stakes.get(k) as number);
    expect(both.some((k) => (learned.stakes.get(k) as number) > (kelly.stakes.get(k) as number))).toBe(true);
    expect((await cycleWith(undefined)).book?.sizing).toMatchObject({ policy: 'kelly', reason: 'SIZING_NO_EVALUATION' });
  });
});
