import { describe, expect, it } from 'vitest';
import { addedEvents, DEFAULT_DRAWDOWN_PARAMS, drawdownStep, initialDrawdownState } from '../../src/risk/drawdown.js';
import { runRiskChecks } from '../../src/risk/checks.js';
import { combineRiskState } from '../../src/risk/risk-state.js';
import { DEFAULT_LIMITS, type RiskSnapshot } from '../../src/risk/types.js';
import type { DrawdownGuardState } from '../../src/contracts/risk.js';
import { scriptedPath } from './agent-context.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);

function run(path: readonly number[]): DrawdownGuardState[] {
  const out: DrawdownGuardState[] = [];
  let s = initialDrawdownState(T0);
  path.forEach((e, i) => {
    s = drawdownStep(s, { ts: T0 + i * DAY, equity: e });
    out.push(s);
  });
  return out;
}

describe('addedEvents', () => {
  it('gives the events a step added, also once the list is capped and the oldest go', () => {
    const params = { ...DEFAULT_DRAWDOWN_PARAMS, maxEvents: 5 };
    const day = 86_400_000;
    let s = initialDrawdownState(0);
    const seen: string[] = [];
    // Down 12 % and back above the high, again and again: a tier and a new high each time.
    for (let k = 0; k < 40; k++) {
      const next = drawdownStep(s, { ts: (k + 1) * day, equity: k % 2 === 0 ? 100 + k : (100 + k) * 0.88 }, params);
      for (const ev of addedEvents(s, next)) seen.push(`${ev.at} ${ev.type}`);
      s = next;
    }
    expect(s.events).toHaveLength(5);
    // Every event of every step, in order: the capped list holds only the last five of them.
    expect(seen.length).toBeGreaterThan(30);
    expect(seen.slice(-5)).toEqual(s.events.map((ev) => `${ev.at} ${ev.type}`));
    expect(new Set(seen).size).toBe(seen.length);
    expect(addedEvents(s, s)).toEqual([]);
  });
});

describe('drawdownStep', () => {
  it('fires each tier once, halts at −20 % and recovers by the documented ladder', () => {
    const states = run(scriptedPath());
    const last = states[states.length - 1];
    if (!last) throw new Error('no states');
    const types = last.events.map((e) => e.type);
    for (const t of ['tier_1', 'tier_2', 'tier_3', 'halt'] as const) expect(types.filter((x) => x === t)).toHaveLength(1);
    expect(types.indexOf('tier_1')).toBeLessThan(types.indexOf('tier_2'));
    expect(types.indexOf('tier_3')).toBeLessThan(types.indexOf('halt'));
    // multipliers by tier
    const at = (equity: number): DrawdownGuardState | undefined => states.find((s) => s.equity === equity);
    expect(at(100.6)?.multiplier).toBe(0.75); // 5.1 % below 106
    expect(at(95.3)?.multiplier).toBe(0.5); // 10.1 %
    expect(at(92)?.multiplier).toBe(0.5); // 13.2 %
    expect(at(90)?.multiplier).toBe(0.25); // 15.1 %
    expect(at(90.5)?.multiplier).toBe(0.25); // sticky within the episode
    const halted = states.find((s) => s.mode === 'halted');
    expect(halted?.trading_state).toBe('HALTED');
    expect(halted?.multiplier).toBe(0);
    expect(halted?.equity).toBe(84.7);
    // re-entry: ≥ 5 days after the halt and ≥ 5 % off the trough (74 → 77.7)
    const entered = last.events.find((e) => e.type === 'recovery_entered');
    expect(entered?.equity).toBe(78);
    expect(entered?.multiplier).toBe(0.25);
    expect(types).toContain('recovery_step');
    expect(types).toContain('recovered');
    expect(last.mode).toBe('normal');
    expect(last.multiplier).toBe(1);
  });

  it('ignores NaN and non-positive equity', () => {
    const s = drawdownStep(initialDrawdownState(T0), { ts: T0, equity: 100 });
    expect(drawdownStep(s, { ts: T0 + DAY, equity: Number.NaN })).toBe(s);
    expect(drawdownStep(s, { ts: T0 + DAY, equity: 0 })).toBe(s);
  });

  it('the halt blocks opening orders through runRiskChecks and lets reducing ones through', () => {
    const states = run(scriptedPath());
    const halted = states.find((s) => s.mode === 'halted');
    if (!halted) throw new Error('no halt');
    const combined = combineRiskState(Date.parse(halted.updated_at), { governor: { status: 'missing' }, drawdown: { status: 'ok', doc: halted }, maxAgeMs: { governor: 180_000, drawdown: 180_000 } });
    const snap: RiskSnapshot = {
      equity: 84_700,
      positions: { SPY: { qty: 100, price: 500 } },
      tradingState: combined.tradingState,
      exposureCap: combined.exposureCap,
      volatilitySpike: combined.volatilitySpike,
      limits: DEFAULT_LIMITS,
    };
    const open = runRiskChecks({ symbol: 'QQQ', side: 'buy', qty: 1, price: 400, notional: 400 }, snap);
    expect(open).toMatchObject({ ok: false, code: 'TRADING_HALTED' });
    const add = runRiskChecks({ symbol: 'SPY', side: 'buy', qty: 1, price: 500, notional: 500 }, snap);
    expect(add).toMatchObject({ ok: false });
    expect(runRiskChecks({ symbol: 'SPY', side: 'sell', qty: 100, price: 500, notional: 50_000 }, snap)).toEqual({ ok: true });
    // a sell beyond the position would open a short: blocked
    expect(runRiskChecks({ symbol: 'SPY', side: 'sell', qty: 101, price: 500, notional: 50_500 }, snap)).toMatchObject({ ok: false, code: 'TRADING_HALTED' });
  });

  it('uses the documented defaults', () => {
    expect(DEFAULT_DRAWDOWN_PARAMS.tiers).toEqual([0.05, 0.1, 0.15]);
    expect(DEFAULT_DRAWDOWN_PARAMS.tierMultipliers).toEqual([0.75, 0.5, 0.25]);
    expect(DEFAULT_DRAWDOWN_PARAMS.halt).toBe(0.2);
  });
});
