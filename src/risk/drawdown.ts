/**
 * Drawdown guard decision: one pure step per equity point, cheap enough for the backtester to run
 * in-process on every bar. The state is the `state/drawdown_guard.json` document itself, so a halt
 * survives restarts: the agent re-reads it and continues.
 *
 * Drawdown dd = 1 − equity / reference, where reference is the high-water mark (re-based at
 * recovery re-entry). Rules (defaults in DEFAULT_DRAWDOWN_PARAMS):
 * - Tiers: dd ≥ 5 % → tier 1 (multiplier 0.75), ≥ 10 % → tier 2 (0.5), ≥ 15 % → tier 3 (0.25).
 *   The tier is sticky within an episode and each tier fires its event once; the episode ends
 *   (tiers re-arm, multiplier back to 1) when equity makes a new high over the reference.
 * - Halt: dd ≥ 20 % → mode `halted`, multiplier 0, trading state HALTED (only reducing orders
 *   pass, so agents flatten). Every capital agent obeys it.
 * - Re-entry: while halted, track the trough; once ≥ 5 market days have passed since the halt AND
 *   equity ≥ trough × 1.05, enter `recovery` at multiplier 0.25 and re-base the reference to the
 *   current equity (a fresh episode: a further −20 % from here halts again).
 * - Recovery ladder: every 5 market days, if equity ≥ the equity at the last step, step up
 *   0.25 → 0.5 → 0.75 → 1 (at 1: `recovered`, mode normal); if it is lower, the 5-day clock
 *   restarts from today. While recovering, multiplier = min(ladder, tier multiplier).
 */
import type { DrawdownEvent, DrawdownGuardState } from '../contracts/risk.js';

export interface DrawdownParams {
  readonly tiers: readonly [number, number, number];
  readonly tierMultipliers: readonly [number, number, number];
  readonly halt: number;
  readonly reentryRebound: number;
  readonly reentryDays: number;
  /** A halted book is flat, so its equity cannot rebound: after this many days it re-enters anyway. */
  readonly cooloffDays: number;
  readonly stepDays: number;
  readonly ladder: readonly number[];
  /** Events kept in the document (oldest dropped first). */
  readonly maxEvents: number;
}

export const DEFAULT_DRAWDOWN_PARAMS: DrawdownParams = {
  tiers: [0.05, 0.1, 0.15],
  tierMultipliers: [0.75, 0.5, 0.25],
  halt: 0.2,
  reentryRebound: 0.05,
  reentryDays: 5,
  cooloffDays: 20,
  stepDays: 5,
  ladder: [0.25, 0.5, 0.75, 1],
  maxEvents: 200,
};

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();

export function initialDrawdownState(nowMs: number): DrawdownGuardState {
  return {
    updated_at: iso(nowMs),
    mode: 'normal',
    trading_state: 'ACTIVE',
    multiplier: 1,
    tier: 0,
    equity: null,
    peak: null,
    reference: null,
    drawdown: 0,
    trough: null,
    halted_at: null,
    recovery_multiplier: null,
    recovery_step_at: null,
    recovery_step_equity: null,
    last_seq: 0,
    events: [],
    reasons: [],
  };
}

export interface EquityObservation {
  readonly ts: number;
  readonly equity: number;
}

/** Advance the guard by one equity point. Non-finite or non-positive equity leaves the state as it was. */
export function drawdownStep(prev: DrawdownGuardState, point: EquityObservation, params: DrawdownParams = DEFAULT_DRAWDOWN_PARAMS): DrawdownGuardState {
  const { ts, equity: e } = point;
  if (!Number.isFinite(e) || e <= 0 || !Number.isFinite(ts)) return prev;
  const s: DrawdownGuardState = { ...prev, updated_at: iso(ts), equity: e, peak: Math.max(prev.peak ?? e, e) };
  const events: DrawdownEvent[] = [];
  const emit = (type: DrawdownEvent['type'], detail: string): void => {
    events.push({ at: iso(ts), type, equity: e, drawdown: s.drawdown, multiplier: s.multiplier, detail });
  };
  let reference = prev.reference ?? e;

  if (prev.mode === 'halted') {
    const trough = Math.min(prev.trough ?? e, e);
    s.trough = trough;
    s.drawdown = clamp01(1 - e / reference);
    const haltedAt = prev.halted_at ? Date.parse(prev.halted_at) : ts;
    const rebounded = ts - haltedAt >= params.reentryDays * DAY && e >= trough * (1 + params.reentryRebound);
    const cooledOff = ts - haltedAt >= params.cooloffDays * DAY;
    if (rebounded || cooledOff) {
      const level = params.ladder[0] ?? 0.25;
      Object.assign(s, { mode: 'recovery', trading_state: 'ACTIVE', tier: 0, reference: e, trough: e, drawdown: 0, multiplier: level, recovery_multiplier: level, recovery_step_at: iso(ts), recovery_step_equity: e });
      const why = rebounded ? `equity ${e.toFixed(2)} is ${((e / trough - 1) * 100).toFixed(1)} % off the trough ${trough.toFixed(2)}` : `the ${params.cooloffDays}-day cooling-off period is over`;
      emit('recovery_entered', `${why} after ${((ts - haltedAt) / DAY).toFixed(1)} days; re-entering at ${level}`);
    }
    return withEvents(s, events, params);
  }

  if (e > reference) {
    if (prev.tier > 0 && prev.mode !== 'recovery') {
      s.drawdown = 0;
      s.multiplier = 1;
      emit('new_high', `equity ${e.toFixed(2)} above the reference ${reference.toFixed(2)}: tiers re-armed`);
    }
    reference = e;
    s.tier = 0;
    s.trough = e;
  }
  s.reference = reference;
  s.drawdown = clamp01(1 - e / reference);
  s.trough = Math.min(s.trough ?? e, e);

  if (s.drawdown >= params.halt) {
    Object.assign(s, { mode: 'halted', trading_state: 'HALTED', tier: 4, multiplier: 0, halted_at: iso(ts), trough: e, recovery_multiplier: null, recovery_step_at: null, recovery_step_equity: null });
    emit('halt', `drawdown ${(s.drawdown * 100).toFixed(2)} % ≥ ${params.halt * 100} % from ${reference.toFixed(2)}: all capital agents halt`);
    return withEvents(s, events, params);
  }
  let tier = s.tier;
  for (let k = tier; k < 3; k++) {
    if (s.drawdown >= (params.tiers[k] ?? Infinity)) {
      tier = k + 1;
      s.tier = tier;
      s.multiplier = Math.min(params.tierMultipliers[k] ?? 0, prev.recovery_multiplier ?? 1);
      emit(`tier_${tier}` as 'tier_1' | 'tier_2' | 'tier_3', `drawdown ${(s.drawdown * 100).toFixed(2)} % ≥ ${((params.tiers[k] ?? 0) * 100).toFixed(0)} %: new exposure × ${params.tierMultipliers[k]}`);
    }
  }
  const tierMult = tier > 0 ? (params.tierMultipliers[tier - 1] ?? 0) : 1;

  let ladder = prev.mode === 'recovery' ? (prev.recovery_multiplier ?? params.ladder[0] ?? 0.25) : null;
  if (ladder !== null) {
    const stepAt = prev.recovery_step_at ? Date.parse(prev.recovery_step_at) : ts;
    if (ts - stepAt >= params.stepDays * DAY) {
      if (e >= (prev.recovery_step_equity ?? e)) {
        const next = params.ladder.find((l) => l > (ladder ?? 0) + 1e-12) ?? 1;
        ladder = next;
        s.multiplier = Math.min(next, tierMult);
        emit(next >= 1 ? 'recovered' : 'recovery_step', next >= 1 ? 'recovery ladder complete: full exposure again' : `equity held up for ${params.stepDays} days: exposure multiplier steps up to ${next}`);
      }
      s.recovery_step_at = iso(ts);
      s.recovery_step_equity = e;
    }
    if (ladder >= 1) ladder = null;
  }
  s.recovery_multiplier = ladder;
  if (ladder === null) {
    s.recovery_step_at = null;
    s.recovery_step_equity = null;
  }
  s.mode = ladder !== null ? 'recovery' : tier > 0 ? 'slowdown' : 'normal';
  s.trading_state = 'ACTIVE';
  s.multiplier = Math.min(tierMult, ladder ?? 1);
  return withEvents(s, events, params);
}

/**
 * The events `next` (one or more steps on from `prev`) added, also once the list is at its cap and
 * the oldest are dropped as new ones come: a count of `prev`'s events would then say none are new,
 * and the agent's log and the backtest's report went silent after the 200th event.
 */
export function addedEvents(prev: DrawdownGuardState, next: DrawdownGuardState): DrawdownEvent[] {
  if (next.events === prev.events) return [];
  const last = prev.events.at(-1);
  return next.events.slice(last === undefined ? 0 : next.events.lastIndexOf(last) + 1);
}

function withEvents(s: DrawdownGuardState, events: DrawdownEvent[], params: DrawdownParams): DrawdownGuardState {
  if (events.length === 0) return s;
  const all = [...s.events, ...events];
  return { ...s, events: all.length > params.maxEvents ? all.slice(all.length - params.maxEvents) : all };
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
