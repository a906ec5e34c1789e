/**
 * Risk governor decision (pure). From the portfolio's daily returns and the orchestrator's
 * risk_scaler it decides:
 * - Volatility regime from realised vol σ_ann = std(last 20 daily returns) · √periodsPerYear:
 *   calm when σ_ann < 10 %, stressed when σ_ann ≥ 25 %, normal in between (unknown → normal).
 * - Exposure cap (gross, fraction of equity) = min(maxGross, regimeCap · risk_scaler) with
 *   regimeCap calm 1.0, normal 0.8, stressed 0.5 and maxGross 1.0 (no leverage).
 * - VaR gates: daily VaR on daily returns, weekly VaR on overlapping 5-day compounded returns;
 *   each gate compares max(historical, Gaussian) VaR at the budget's confidence (95 or 99 %) with
 *   its budget (defaults 3 % daily, 7 % weekly at 99 %). An active gate sets REDUCING: new risk is
 *   blocked, reducing orders pass.
 * - Volatility-spike hard stop: when the latest one-day return satisfies |r_T| > k·σ (k = 4, σ the
 *   sample std of the previous up to 60 returns, at least 20), the stop holds for 1 market day
 *   (REDUCING and the VOLATILITY_SPIKE check).
 * The result is the `state/risk_governor.json` document.
 */
import type { z } from 'zod';
import type { riskGovernor } from '../contracts/risk.js';
import { bindingVar, horizonReturns, std, varSet } from './stats.js';
import type { TradingState, VolatilityRegime } from './types.js';

export type RiskGovernorDoc = z.infer<typeof riskGovernor.schema>;

export interface GovernorParams {
  readonly periodsPerYear: number;
  readonly volWindow: number;
  readonly calmBelow: number;
  readonly stressedAbove: number;
  readonly regimeCaps: Readonly<Record<VolatilityRegime, number>>;
  readonly maxGross: number;
  readonly varBudgetDaily: number;
  readonly varBudgetWeekly: number;
  readonly varConfidence: 0.95 | 0.99;
  readonly varWindow: number;
  readonly minObs: number;
  readonly spikeSigma: number;
  readonly spikeLookback: number;
  readonly spikeHoldDays: number;
}

export const DEFAULT_GOVERNOR_PARAMS: GovernorParams = {
  periodsPerYear: 252,
  volWindow: 20,
  calmBelow: 0.1,
  stressedAbove: 0.25,
  regimeCaps: { calm: 1, normal: 0.8, stressed: 0.5 },
  maxGross: 1,
  varBudgetDaily: 0.03,
  varBudgetWeekly: 0.07,
  varConfidence: 0.99,
  varWindow: 250,
  minObs: 20,
  spikeSigma: 4,
  spikeLookback: 60,
  spikeHoldDays: 1,
};

export interface GovernorInputs {
  readonly nowMs: number;
  /** Portfolio daily simple returns, oldest first. */
  readonly dailyReturns: readonly number[];
  /** From runtime/atlas_brain.json; 1 when absent. */
  readonly riskScaler: number;
  /** The previous document's spike_until, so a stop holds across ticks and restarts. */
  readonly previousSpikeUntil: string | null;
}

export function classifyRegime(annualVol: number | null, p: Pick<GovernorParams, 'calmBelow' | 'stressedAbove'> = DEFAULT_GOVERNOR_PARAMS): VolatilityRegime {
  if (annualVol === null || !Number.isFinite(annualVol)) return 'normal';
  return annualVol < p.calmBelow ? 'calm' : annualVol >= p.stressedAbove ? 'stressed' : 'normal';
}

/** Annualised realised volatility of the last `window` returns, or null with fewer than 2. */
export function realisedVol(returns: readonly number[], window: number, periodsPerYear: number): number | null {
  const v = std(returns.filter(Number.isFinite).slice(-window)) * Math.sqrt(periodsPerYear);
  return Number.isFinite(v) ? v : null;
}

export function evaluateGovernor(inp: GovernorInputs, p: GovernorParams = DEFAULT_GOVERNOR_PARAMS): RiskGovernorDoc {
  const r = inp.dailyReturns.filter(Number.isFinite);
  const vol = realisedVol(r, p.volWindow, p.periodsPerYear);
  const regime = classifyRegime(vol, p);
  const scaler = Number.isFinite(inp.riskScaler) && inp.riskScaler > 0 ? inp.riskScaler : 1;
  const cap = Math.min(p.maxGross, p.regimeCaps[regime] * scaler);
  const recent = r.slice(-p.varWindow);
  const daily = varSet(recent, p.minObs);
  const weekly = varSet(horizonReturns(recent, 5), p.minObs);
  const dVar = bindingVar(daily, p.varConfidence);
  const wVar = bindingVar(weekly, p.varConfidence);
  const pct = (x: number): string => `${(x * 100).toFixed(2)} %`;

  let spikeUntil = inp.previousSpikeUntil && Date.parse(inp.previousSpikeUntil) > inp.nowMs ? inp.previousSpikeUntil : null;
  let spikeReason = spikeUntil ? `stop from an earlier spike holds until ${spikeUntil}` : 'no one-day move beyond the threshold';
  const last = r[r.length - 1];
  const prior = r.slice(-p.spikeLookback - 1, -1);
  if (last !== undefined && prior.length >= p.minObs) {
    const sigma = std(prior);
    if (Number.isFinite(sigma) && sigma > 0 && Math.abs(last) > p.spikeSigma * sigma) {
      spikeUntil = new Date(inp.nowMs + p.spikeHoldDays * 86_400_000).toISOString();
      spikeReason = `one-day move ${pct(last)} is ${(Math.abs(last) / sigma).toFixed(1)}σ (> ${p.spikeSigma}σ, σ = ${pct(sigma)}): new risk stopped until ${spikeUntil}`;
    }
  }
  const gates: RiskGovernorDoc['gates'] = [
    {
      name: 'var_daily',
      active: dVar !== null && dVar > p.varBudgetDaily,
      reason: dVar === null ? `fewer than ${p.minObs} daily returns: not evaluated` : `daily ${p.varConfidence * 100} % VaR ${pct(dVar)} vs budget ${pct(p.varBudgetDaily)}`,
    },
    {
      name: 'var_weekly',
      active: wVar !== null && wVar > p.varBudgetWeekly,
      reason: wVar === null ? `fewer than ${p.minObs} weekly windows: not evaluated` : `weekly ${p.varConfidence * 100} % VaR ${pct(wVar)} vs budget ${pct(p.varBudgetWeekly)}`,
    },
    { name: 'volatility_spike', active: spikeUntil !== null, reason: spikeReason },
    {
      name: 'exposure_regime',
      active: cap < p.maxGross,
      reason: `${regime} regime (σ_ann ${vol === null ? 'unknown' : pct(vol)}): cap ${p.regimeCaps[regime]} × risk_scaler ${scaler.toFixed(2)} = ${pct(cap)} of equity`,
    },
  ];
  const reducing = gates.some((g) => g.active && g.name !== 'exposure_regime');
  return {
    updated_at: new Date(inp.nowMs).toISOString(),
    trading_state: reducing ? 'REDUCING' : 'ACTIVE',
    regime,
    realized_volatility: vol,
    risk_scaler: scaler,
    exposure_cap: cap,
    var_daily: daily,
    var_weekly: weekly,
    var_budget: { daily: p.varBudgetDaily, weekly: p.varBudgetWeekly, confidence: p.varConfidence },
    spike_until: spikeUntil,
    gates,
    observations: r.length,
  };
}

const RANK: Record<TradingState, number> = { ACTIVE: 0, REDUCING: 1, HALTED: 2 };

export interface CombinedRiskState {
  tradingState: TradingState;
  /** Gross exposure cap × drawdown multiplier, as a fraction of equity. */
  exposureCap: number;
  /** The drawdown guard's multiplier alone (for sizing new exposure). */
  multiplier: number;
  volatilitySpike: boolean;
  reasons: string[];
}

/**
 * What every capital agent obeys: the most restrictive trading state of the governor and the
 * drawdown guard, and exposure cap = governor cap (1 when absent) × drawdown multiplier.
 */
export function combineRiskState(nowMs: number, governor?: Pick<RiskGovernorDoc, 'trading_state' | 'exposure_cap' | 'spike_until' | 'gates'>, drawdown?: { trading_state: TradingState; multiplier: number; mode: string; drawdown: number }): CombinedRiskState {
  const reasons: string[] = [];
  let state: TradingState = 'ACTIVE';
  const raise = (s: TradingState): void => {
    if (RANK[s] > RANK[state]) state = s;
  };
  if (governor) {
    raise(governor.trading_state);
    for (const g of governor.gates) if (g.active && g.name !== 'exposure_regime') reasons.push(`governor ${g.name}: ${g.reason}`);
  }
  if (drawdown) {
    raise(drawdown.trading_state);
    if (drawdown.mode !== 'normal') reasons.push(`drawdown guard ${drawdown.mode}: drawdown ${(drawdown.drawdown * 100).toFixed(2)} %, multiplier ${drawdown.multiplier}`);
  }
  const multiplier = drawdown?.multiplier ?? 1;
  const spike = governor?.spike_until ? Date.parse(governor.spike_until) > nowMs : false;
  return { tradingState: state, exposureCap: (governor?.exposure_cap ?? 1) * multiplier, multiplier, volatilitySpike: spike, reasons };
}
