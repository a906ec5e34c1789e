/**
 * The Overview's "Risk in force" card: the combined risk state every capital agent obeys, with a
 * reason code per restriction (from /status: missing, stale or invalid risk documents fail closed
 * to reduce-only), the brain's risk scaler, the risk governor's trading state,
 * regime, exposure cap and gates (state/risk_governor.json), and the drawdown guard's mode, tier,
 * multiplier, halt and recent events (state/drawdown_guard.json). Each document is read with its
 * contract schema, so one that fails it shows which field is wrong instead of a partial card.
 */
import type { ReactNode } from 'react';
import type { RiskReasonCode } from '../../../src/contracts/risk.js';
import type { StatusDocument } from '../../../src/contracts/status.js';
import { getAtlasBrain, getDrawdownGuard, getRiskGovernor, type DrawdownGuard, type RiskGovernor } from '../api/endpoints.js';
import { Card, Loading, MissingState, StaleNote } from '../components/states.js';
import { formatMoney, formatPercent, formatRatio, formatTime } from '../format.js';
import { useLive } from '../live.js';
import { useResource, type Resource } from '../useResource.js';

// A Record over the closed union: a reason code added to the contract fails the build until it is explained here.
const REASON_LABEL: Record<RiskReasonCode, string> = {
  RISK_STATE_MISSING: 'a risk document is missing: reduce-only',
  RISK_STATE_STALE: 'a risk document is stale (older than 3 intervals of its agent): reduce-only',
  RISK_STATE_INVALID: 'a risk document is invalid: reduce-only',
  EQUITY_HISTORY_CORRUPT: 'the equity ledger cannot be read: reduce-only',
  VAR_HISTORY_UNAVAILABLE: 'no return history for the VaR check: reduce-only',
  CAPITAL_BUDGET_MISSING: 'no capital budget from the capital governor: reduce-only',
  CAPITAL_BUDGET_STALE: 'the capital budget is a whole period overdue: reduce-only',
  CAPITAL_BUDGET_INVALID: 'the capital budget document is invalid: reduce-only',
  VAR_DAILY_EXCEEDED: 'daily VaR over budget: reduce-only',
  VAR_WEEKLY_EXCEEDED: 'weekly VaR over budget: reduce-only',
  VOLATILITY_SPIKE: 'volatility-spike stop: reduce-only',
  DRAWDOWN_SLOWDOWN: 'drawdown tier: new exposure scaled down',
  DRAWDOWN_HALT: 'drawdown halt: capital agents flatten',
  DRAWDOWN_RECOVERY: 'recovering from a halt: exposure steps back up',
};

function Reasons({ codes, testId }: { codes: readonly RiskReasonCode[]; testId: string }) {
  if (codes.length === 0) return null;
  return (
    <ul className="reasons" data-testid={testId}>
      {codes.map((c) => (
        <li key={c}>
          <code>{c}</code> <span className="muted">— {REASON_LABEL[c]}</span>
        </li>
      ))}
    </ul>
  );
}

function InForce({ risk }: { risk: StatusDocument['risk'] }) {
  return (
    <>
      <dl className="facts">
        <dt>Risk state in force</dt>
        <dd>
          <TradingState state={risk.trading_state} testId="risk-state" />
          {risk.reasons.length === 0 ? <small> all clear</small> : null}
        </dd>
        <dt>Gross exposure cap</dt>
        <dd data-testid="risk-exposure-cap">{formatPercent(risk.exposure_cap)} of equity</dd>
      </dl>
      <Reasons codes={risk.reasons} testId="risk-reasons" />
    </>
  );
}

function block<T>(r: Resource<T>, what: string, empty: string, render: (data: T) => ReactNode) {
  if (r.phase === 'loading') return <Loading what={what} />;
  if (r.phase === 'error') return <MissingState error={r.error} what={what} empty={empty} />;
  return (
    <>
      {render(r.data)}
      <StaleNote error={r.error} />
    </>
  );
}

function TradingState({ state, testId }: { state: RiskGovernor['trading_state']; testId?: string }) {
  return (
    <span className={`trading-state ts-${state.toLowerCase()}`} data-testid={testId}>
      {state}
    </span>
  );
}

type GateName = RiskGovernor['gates'][number]['name'];
// A Record over the schema's enum: a gate added to the contract fails the build until it is named here.
const GATE_LABEL: Record<GateName, string> = {
  var_daily: 'Daily VaR',
  var_weekly: 'Weekly VaR',
  volatility_spike: 'Volatility spike',
  exposure_regime: 'Exposure (regime)',
};

/** Gates that cap exposure without blocking new risk (the governor does not count them for REDUCING). */
const LIMITS_ONLY: ReadonlySet<GateName> = new Set(['exposure_regime']);
const gateClass = (gate: RiskGovernor['gates'][number]): string => (!gate.active ? 'gate-off' : LIMITS_ONLY.has(gate.name) ? 'gate-limit' : 'gate-on');

function Governor({ g }: { g: RiskGovernor }) {
  return (
    <>
      <dl className="facts">
        <dt>Trading state</dt>
        <dd>
          <TradingState state={g.trading_state} testId="governor-state" />
        </dd>
        <dt>Regime</dt>
        <dd data-testid="governor-regime">
          {g.regime}
          {g.realized_volatility !== null ? <small> (realised volatility {formatPercent(g.realized_volatility)})</small> : null}
        </dd>
        <dt>Exposure cap</dt>
        <dd data-testid="exposure-cap">{formatPercent(g.exposure_cap)} of equity</dd>
        <dt>VaR budget</dt>
        <dd>
          {formatPercent(g.var_budget.daily)} a day · {formatPercent(g.var_budget.weekly)} a week at {formatPercent(g.var_budget.confidence)}
        </dd>
        {g.spike_until !== null ? (
          <>
            <dt>Spike stop until</dt>
            <dd>{formatTime(g.spike_until)}</dd>
          </>
        ) : null}
        <dt>Updated</dt>
        <dd>{formatTime(g.updated_at)}</dd>
      </dl>
      <Reasons codes={g.reasons} testId="governor-reasons" />
      {g.gates.length === 0 ? (
        <p className="muted">The governor reports no gates.</p>
      ) : (
        <ul className="gates" data-testid="governor-gates">
          {g.gates.map((gate) => (
            <li key={gate.name} className={gateClass(gate)} data-testid={`gate-${gate.name}`}>
              <strong>{GATE_LABEL[gate.name]}</strong> {gate.active ? (LIMITS_ONLY.has(gate.name) ? 'limiting' : 'ACTIVE') : 'clear'}
              <span className="muted"> — {gate.reason}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The schema's tier: 0 none, 1–3 slow-downs at −5/−10/−15 %, 4 the −20 % halt. */
function tierLabel(tier: number): string {
  if (tier === 0) return 'none';
  return tier === 4 ? 'halt' : `tier ${tier} slow-down`;
}

const EVENT_LABEL: Record<DrawdownGuard['events'][number]['type'], string> = {
  tier_1: 'Tier 1',
  tier_2: 'Tier 2',
  tier_3: 'Tier 3',
  halt: 'Halt',
  recovery_entered: 'Recovery entered',
  recovery_step: 'Recovery step',
  recovered: 'Recovered',
  new_high: 'New high',
};

function Drawdown({ d }: { d: DrawdownGuard }) {
  // The guard appends events in time order and trims the oldest; newest first reads best.
  const recent = d.events.slice(-5).reverse();
  return (
    <>
      <dl className="facts">
        <dt>Mode</dt>
        <dd data-testid="drawdown-mode">
          {d.mode} · <TradingState state={d.trading_state} />
        </dd>
        <dt>Tier</dt>
        <dd data-testid="drawdown-tier">{tierLabel(d.tier)}</dd>
        <dt>Exposure multiplier</dt>
        <dd data-testid="drawdown-multiplier">×{formatRatio(d.multiplier)}</dd>
        <dt>Drawdown</dt>
        <dd data-testid="drawdown-value">
          {formatPercent(d.drawdown)}
          {d.reference !== null ? <small> from {formatMoney(d.reference)}</small> : null}
        </dd>
        <dt>Equity / peak</dt>
        <dd>
          {formatMoney(d.equity)} / {formatMoney(d.peak)}
        </dd>
        {d.halted_at !== null ? (
          <>
            <dt>Halted since</dt>
            <dd className="down" data-testid="drawdown-halt">
              {formatTime(d.halted_at)}
            </dd>
          </>
        ) : null}
        {d.recovery_multiplier !== null ? (
          <>
            <dt>Recovery step</dt>
            <dd>×{formatRatio(d.recovery_multiplier)}</dd>
          </>
        ) : null}
      </dl>
      <Reasons codes={d.reasons} testId="drawdown-reasons" />
      {recent.length === 0 ? (
        <p className="muted">No drawdown events yet.</p>
      ) : (
        <ul className="events" data-testid="drawdown-events">
          {recent.map((e) => (
            <li key={`${e.at}-${e.type}`}>
              <span className="muted">{formatTime(e.at)}</span> <strong>{EVENT_LABEL[e.type]}</strong> at {formatPercent(e.drawdown)} — {e.detail}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function RiskCard() {
  const brain = useResource(getAtlasBrain, ['atlas_brain']);
  const governor = useResource(getRiskGovernor, ['risk_governor']);
  const guard = useResource(getDrawdownGuard, ['drawdown_guard']);
  const risk = useLive().status?.risk;
  return (
    <Card title="Risk in force" testId="risk-card">
      {risk ? <InForce risk={risk} /> : <Loading what="risk state" />}
      {block(brain, 'risk scaler', 'The intelligence orchestrator writes runtime/atlas_brain.json on its interval; until then every agent uses risk_scaler 0.50 (trader.missing_brain_scaler).', (b) => (
        <dl className="facts">
          <dt>Risk scaler</dt>
          <dd data-testid="risk-scaler">
            {formatRatio(b.risk_scaler)} <small>(0.40–1.20)</small>
          </dd>
          <dt>Confidence</dt>
          <dd>{formatPercent(b.confidence)}</dd>
          {b.regime ? (
            <>
              <dt>Market regime</dt>
              <dd>{b.regime}</dd>
            </>
          ) : null}
        </dl>
      ))}
      <h3>Risk governor</h3>
      {block(governor, 'risk governor', 'The risk governor has not written state/risk_governor.json yet: capital agents are reduce-only (RISK_STATE_MISSING) until it does.', (g) => <Governor g={g} />)}
      <h3>Drawdown guard</h3>
      {block(guard, 'drawdown guard', 'The drawdown guard has not written state/drawdown_guard.json yet: capital agents are reduce-only (RISK_STATE_MISSING) until it does.', (d) => <Drawdown d={d} />)}
    </Card>
  );
}
