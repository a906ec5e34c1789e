/**
 * The risk state every capital agent obeys (pure): the most restrictive trading state of the risk
 * governor and the drawdown guard, with a reason code for each restriction. Risk fails closed: a
 * document that is missing, older than its staleness limit or invalid makes the state at least
 * REDUCING (only risk-reducing orders pass the checks) with RISK_STATE_MISSING, RISK_STATE_STALE
 * or RISK_STATE_INVALID; an input failure a document reports (EQUITY_HISTORY_CORRUPT) does too.
 * A stale or invalid document still counts with its last known content, so a stale halt stays a
 * halt. Exposure cap = governor cap (1 when there is no governor document) × drawdown multiplier
 * (1 when there is no guard document): reduce-only already blocks new risk, and a cap of 0 would
 * force a sale of the whole book on a missing file, which is not what reduce-only means.
 */
import type { DrawdownGuardState } from '../contracts/risk.js';
import type { RiskGovernorDoc } from './governor.js';
import type { RiskReasonCode, TradingState } from './types.js';

/** A risk document as read at the edge: its content (if any) and whether it can be trusted. */
export type RiskDocRead<T> =
  | { readonly status: 'ok'; readonly doc: T }
  | { readonly status: 'missing' }
  /** Fails its schema or cannot be parsed; `doc` is the last good version read, if any. */
  | { readonly status: 'invalid'; readonly detail: string; readonly doc?: T };

export type GovernorView = Pick<RiskGovernorDoc, 'updated_at' | 'trading_state' | 'exposure_cap' | 'spike_until' | 'gates' | 'reasons'>;
export type DrawdownView = Pick<DrawdownGuardState, 'updated_at' | 'trading_state' | 'multiplier' | 'mode' | 'drawdown' | 'reasons'>;

export interface RiskStateInputs {
  readonly governor: RiskDocRead<GovernorView>;
  readonly drawdown: RiskDocRead<DrawdownView>;
  /** Market-time age beyond which each document is stale: 3 intervals of its producing agent. */
  readonly maxAgeMs: { readonly governor: number; readonly drawdown: number };
}

export interface CombinedRiskState {
  tradingState: TradingState;
  /** Gross exposure cap × drawdown multiplier, as a fraction of equity. */
  exposureCap: number;
  /** The drawdown guard's multiplier alone (for sizing new exposure). */
  multiplier: number;
  volatilitySpike: boolean;
  /** Every code restricting trading now, without duplicates; empty when all clear. */
  reasons: RiskReasonCode[];
  /** One human-readable line per restriction, for logs and alerts. */
  details: string[];
}

/** Number of producing-agent intervals after which a risk document is stale. */
export const STALE_AFTER_INTERVALS = 3;

const RANK: Record<TradingState, number> = { ACTIVE: 0, REDUCING: 1, HALTED: 2 };

/** Codes that mean an input could not be trusted: the state is at least REDUCING while one holds. */
export const FAIL_CLOSED: ReadonlySet<RiskReasonCode> = new Set(['RISK_STATE_MISSING', 'RISK_STATE_STALE', 'RISK_STATE_INVALID', 'EQUITY_HISTORY_CORRUPT', 'VAR_HISTORY_UNAVAILABLE', 'CAPITAL_BUDGET_MISSING', 'CAPITAL_BUDGET_STALE', 'CAPITAL_BUDGET_INVALID']);

const DRAWDOWN_REASON: Partial<Record<DrawdownView['mode'], RiskReasonCode>> = { slowdown: 'DRAWDOWN_SLOWDOWN', halted: 'DRAWDOWN_HALT', recovery: 'DRAWDOWN_RECOVERY' };

export function combineRiskState(nowMs: number, inp: RiskStateInputs): CombinedRiskState {
  const out: CombinedRiskState = { tradingState: 'ACTIVE', exposureCap: 1, multiplier: 1, volatilitySpike: false, reasons: [], details: [] };
  const gov = trusted(out, nowMs, 'state/risk_governor.json', inp.governor, inp.maxAgeMs.governor);
  const dd = trusted(out, nowMs, 'state/drawdown_guard.json', inp.drawdown, inp.maxAgeMs.drawdown);
  if (gov) {
    raise(out, gov.trading_state);
    for (const code of gov.reasons) add(out, code, `risk governor: ${code}`);
    for (const g of gov.gates) if (g.active && g.name !== 'exposure_regime') out.details.push(`risk governor ${g.name}: ${g.reason}`);
    out.volatilitySpike = gov.spike_until !== null && Date.parse(gov.spike_until) > nowMs;
  }
  if (dd) {
    raise(out, dd.trading_state);
    for (const code of dd.reasons) add(out, code, `drawdown guard: ${code}`);
    const code = DRAWDOWN_REASON[dd.mode];
    if (code) add(out, code, `drawdown guard ${dd.mode}: drawdown ${(dd.drawdown * 100).toFixed(2)} %, multiplier ${dd.multiplier}`);
    out.multiplier = dd.multiplier;
  }
  out.exposureCap = (gov?.exposure_cap ?? 1) * out.multiplier;
  return out;
}

/**
 * The state with one more input failure (e.g. VAR_HISTORY_UNAVAILABLE when the trader cannot fetch
 * the returns the VaR check needs): at least REDUCING, the code and its detail appended.
 */
export function failClosed(state: CombinedRiskState, code: RiskReasonCode, detail: string): CombinedRiskState {
  const out: CombinedRiskState = { ...state, reasons: [...state.reasons], details: [...state.details] };
  add(out, code, detail);
  return out;
}

function raise(out: CombinedRiskState, s: TradingState): void {
  if (RANK[s] > RANK[out.tradingState]) out.tradingState = s;
}

function add(out: CombinedRiskState, code: RiskReasonCode, detail: string): void {
  if (FAIL_CLOSED.has(code)) raise(out, 'REDUCING');
  if (out.reasons.includes(code)) return;
  out.reasons.push(code);
  out.details.push(detail);
}

/** The document's content when it may be used (ok, stale or invalid with a last good version), noting why it is not trusted. */
function trusted<T extends { updated_at: string }>(out: CombinedRiskState, nowMs: number, path: string, read: RiskDocRead<T>, maxAgeMs: number): T | undefined {
  if (read.status === 'missing') {
    add(out, 'RISK_STATE_MISSING', `${path} is missing: reduce-only until its agent writes it`);
    return undefined;
  }
  if (read.status === 'invalid') {
    add(out, 'RISK_STATE_INVALID', `${path} is invalid (${read.detail}): reduce-only${read.doc ? ', last good version still applies' : ''}`);
    return read.doc;
  }
  const age = nowMs - Date.parse(read.doc.updated_at);
  if (!(age <= maxAgeMs)) {
    const ageText = Number.isFinite(age) ? `${Math.round(age / 1000)} s old` : `updated_at ${read.doc.updated_at} unreadable`;
    add(out, 'RISK_STATE_STALE', `${path} is ${ageText} (limit ${Math.round(maxAgeMs / 1000)} s of market time): reduce-only, its last state still applies`);
  }
  return read.doc;
}
