/**
 * Risk governor decision (pure). From the portfolio's daily returns and the orchestrator's
 * risk_scaler it decides:
 * - Volatility regime from realised vol σ_ann = std(last 20 daily returns) · √periodsPerYear
 *   (periodsPerYear from the book's calendars, research/stats.ts): calm when σ_ann < 10 %,
 *   stressed when σ_ann ≥ 25 %, normal in between; unknown (too few returns) → normal, but an
 *   unreadable equity history → stressed and REDUCING with EQUITY_HISTORY_CORRUPT (fail closed).
 * - Exposure cap (gross, fraction of equity) = min(maxGross, regimeCap · risk_scaler) with
 *   regimeCap calm 1.0, normal 0.8, stressed 0.5 and maxGross 1.0 (no leverage).
 * - VaR gates: daily VaR on daily returns, weekly VaR on overlapping 5-day compounded returns;
 *   each gate compares max(historical, Gaussian) VaR at the budget's confidence (95 or 99 %) with
 *   its budget (defaults 3 % daily, 7 % weekly at 99 %). An active gate sets REDUCING: new risk is
 *   blocked, reducing orders pass.
 * - Volatility-spike hard stop: when the latest one-day return satisfies |r_T| > k·σ (k = 4, σ the
 *   sample std of the previous up to 60 returns, at least 20), the stop holds for 1 market day
 *   (REDUCING and the VOLATILITY_SPIKE check).
 * The result is the `state/risk_governor.json` document; its `reasons` carry a code for every
 * active restriction and every input failure passed in.
 */
import type { z } from 'zod';
import type { riskGovernor } from '../contracts/risk.js';
import { bindingVar, horizonReturns, std, varSet } from '../research/stats.js';
import type { RiskReasonCode, VolatilityRegime } from './types.js';

export type RiskGovernorDoc = z.infer<typeof riskGovernor.schema>;

export interface GovernorParams {
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
  /** Annualisation of those returns: `periodsPerYear` of the book's calendars. */
  readonly periodsPerYear: number;
  /** From runtime/atlas_brain.json, or the trader config's `missing_brain_scaler` (0.5) when absent. */
  readonly riskScaler: number;
  /** The previous document's spike_until, so a stop holds across ticks and restarts. */
  readonly previousSpikeUntil: string | null;
  /** Inputs that could not be read (e.g. EQUITY_HISTORY_CORRUPT): each makes the result REDUCING. */
  readonly inputFailures?: readonly RiskReasonCode[];
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
  const failures = inp.inputFailures ?? [];
  const vol = realisedVol(r, p.volWindow, inp.periodsPerYear);
  // Without a readable equity history the regime is unknowable: assume the worst, not "normal".
  const regime = failures.includes('EQUITY_HISTORY_CORRUPT') ? 'stressed' : classifyRegime(vol, p);
  if (!(Number.isFinite(inp.riskScaler) && inp.riskScaler > 0)) throw new RangeError(`risk_scaler must be a finite number > 0, got ${inp.riskScaler}`);
  const scaler = inp.riskScaler;
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
      reason: `${regime} regime (σ_ann ${failures.includes('EQUITY_HISTORY_CORRUPT') ? 'unknown: the equity ledger cannot be read' : vol === null ? 'unknown' : pct(vol)}): cap ${p.regimeCaps[regime]} × risk_scaler ${scaler.toFixed(2)} = ${pct(cap)} of equity`,
    },
  ];
  const reasons: RiskReasonCode[] = [...new Set(failures)];
  for (const g of gates) if (g.active && g.name !== 'exposure_regime') reasons.push(GATE_REASON[g.name]);
  return {
    updated_at: new Date(inp.nowMs).toISOString(),
    trading_state: reasons.length > 0 ? 'REDUCING' : 'ACTIVE',
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
    reasons,
  };
}

const GATE_REASON: Record<Exclude<RiskGovernorDoc['gates'][number]['name'], 'exposure_regime'>, RiskReasonCode> = {
  var_daily: 'VAR_DAILY_EXCEEDED',
  var_weekly: 'VAR_WEEKLY_EXCEEDED',
  volatility_spike: 'VOLATILITY_SPIKE',
};
