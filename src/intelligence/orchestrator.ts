/**
 * Intelligence orchestrator decision (pure): `computeBrain(inputs)` → risk_scaler and confidence.
 * It never throws on bad input: anything missing, stale, NaN or out of range is treated as
 * unknown, lowers confidence and is named in the summary's `inputs`.
 *
 * risk_scaler = clamp(v · d · m · f, 0.4, 1.2) with
 *   v = clamp(σ_target / σ_realised, 0.4, 1.2)   volatility targeting (σ annualised; unknown,
 *                                                 zero or non-finite σ_realised → v = 1)
 *   d = 0.4 when the drawdown guard halts, else clamp(1 − 2·dd, 0.4, 1) (dd from the guard or the
 *       equity curve; unknown → 1)
 *   m = 1 + 0.1·sentiment when the knowledge snapshot is fresh and has a sentiment in [−1, 1], else 1
 *   f = 0.9^k, k = number of inputs that are stale, missing or invalid (data freshness)
 * confidence = clamp((0.5·A + 0.5·V) · 0.8^k, 0.05, 0.9) with
 *   A = |Σ s_i| / Σ|s_i| over the finite signals (1 = all agree in sign; none → 0.5)
 *   V = mean of the finite validation scores in [0, 1] (none → 0.5)
 * A non-finite result is replaced by the safe end (0.4 / 0.05).
 */
import { CONFIDENCE_MAX, CONFIDENCE_MIN, RISK_SCALER_MAX, RISK_SCALER_MIN } from '../contracts/brain.js';
import { classifyRegime } from '../risk/governor.js';
import type { VolatilityRegime } from '../risk/types.js';

export type InputStatus = 'ok' | 'stale' | 'missing' | 'invalid';

export interface InputReport {
  name: string;
  status: InputStatus;
  age_seconds: number | null;
  detail?: string;
}

export interface BrainInputs {
  /** Annualised realised volatility of the portfolio (or the market proxy); null when unknown. */
  realisedVol: number | null;
  targetVol: number;
  /** Drawdown as a positive fraction, null when unknown; `halted` from the drawdown guard. */
  drawdown: number | null;
  halted: boolean;
  /** Knowledge sentiment in [−1, 1], null when absent; only used when its input report is ok. */
  sentiment: number | null;
  /** Directional signals (any scale, sign = direction). */
  signals: readonly number[];
  /** Validation scores of the models in use, each in [0, 1]. */
  validationScores: readonly number[];
  /** Freshness/validity of every input the orchestrator read. */
  inputs: readonly InputReport[];
}

export interface Brain {
  risk_scaler: number;
  confidence: number;
  regime: VolatilityRegime;
  reasons: string[];
}

const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);
const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

export function computeBrain(inp: BrainInputs): Brain {
  const reasons: string[] = [];
  const bad = inp.inputs.filter((i) => i.status !== 'ok');
  const k = bad.length;

  const vol = finite(inp.realisedVol) && inp.realisedVol > 0 ? inp.realisedVol : null;
  const target = finite(inp.targetVol) && inp.targetVol > 0 ? inp.targetVol : 0.15;
  const v = vol === null ? 1 : clamp(target / vol, RISK_SCALER_MIN, RISK_SCALER_MAX);
  reasons.push(vol === null ? 'realised volatility unknown: neutral volatility factor 1' : `vol target ${pct(target)} / realised ${pct(vol)} → ${v.toFixed(3)}`);

  const dd = finite(inp.drawdown) ? clamp(inp.drawdown, 0, 1) : null;
  const d = inp.halted ? RISK_SCALER_MIN : dd === null ? 1 : clamp(1 - 2 * dd, RISK_SCALER_MIN, 1);
  reasons.push(inp.halted ? 'drawdown guard halted: factor 0.4' : dd === null ? 'drawdown unknown: factor 1' : `drawdown ${pct(dd)} → factor ${d.toFixed(3)}`);

  const sentimentOk = inp.inputs.some((i) => i.name === 'knowledge_snap' && i.status === 'ok');
  const s = sentimentOk && finite(inp.sentiment) ? clamp(inp.sentiment, -1, 1) : null;
  const m = s === null ? 1 : 1 + 0.1 * s;
  if (s !== null) reasons.push(`sentiment ${s.toFixed(2)} → factor ${m.toFixed(3)}`);

  const f = 0.9 ** k;
  if (k > 0) reasons.push(`${k} input(s) not ok (${bad.map((b) => `${b.name}: ${b.status}`).join(', ')}) → factor ${f.toFixed(3)}`);

  let scaler = clamp(v * d * m * f, RISK_SCALER_MIN, RISK_SCALER_MAX);
  if (!Number.isFinite(scaler)) scaler = RISK_SCALER_MIN;

  const sig = inp.signals.filter(finite);
  const absSum = sig.reduce((a, x) => a + Math.abs(x), 0);
  const A = absSum > 0 ? Math.abs(sig.reduce((a, x) => a + x, 0)) / absSum : 0.5;
  const scores = inp.validationScores.filter(finite).map((x) => clamp(x, 0, 1));
  const V = scores.length ? scores.reduce((a, x) => a + x, 0) / scores.length : 0.5;
  let confidence = clamp((0.5 * A + 0.5 * V) * 0.8 ** k, CONFIDENCE_MIN, CONFIDENCE_MAX);
  if (!Number.isFinite(confidence)) confidence = CONFIDENCE_MIN;
  reasons.push(`signal agreement ${A.toFixed(2)} (${sig.length} signals), validation ${V.toFixed(2)} (${scores.length} scores) → confidence ${confidence.toFixed(3)}`);

  return { risk_scaler: scaler, confidence, regime: classifyRegime(vol), reasons };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(2)} %`;
}
