/**
 * Capital: one risk budget across the mesh. The capital governor's budget per agent now and over
 * time (state/capital_budgets.json, state/capital_budget_changes.csv, each change with its reason),
 * the hedge engine's factor exposures against their limits and the hedges it proposed
 * (state/hedge_proposals.json), the hedges it executed in its book with their P&L, borrow and
 * fees (state/hedge_book.json), the halt state of every capital agent from the live status, and
 * the scheduled tuner's adoptions and rejections (state/tuning_decisions.csv).
 */
import { getCapitalBudgets, getCapitalChanges, getHedgeProposals, type CapitalChangeRow, type HedgeProposals } from '../api/endpoints.js';
import { Card, EmptyState, ErrorState, Loading, MissingState, StaleNote } from '../components/states.js';
import { TimeChart, type ChartSeries } from '../components/TimeChart.js';
import { formatMoney, formatPercent, formatTime } from '../format.js';
import { useLive } from '../live.js';
import { useResource } from '../useResource.js';
import { HedgeBookCard } from './CapitalHedgeBook.js';
import { TuningCard } from './CapitalTuning.js';

const COLORS = ['#2f81f7', '#3fb950', '#d29922', '#a371f7', '#f85149', '#39c5cf', '#db61a2'];

/** One step series per agent from the change ledger (pure; exported for tests). */
export function budgetSeries(rows: readonly CapitalChangeRow[]): ChartSeries[] {
  const byAgent = new Map<string, { t: number; value: number }[]>();
  for (const r of rows) {
    const pts = byAgent.get(r.agent) ?? [];
    pts.push({ t: Date.parse(r.ts), value: r.to_budget });
    byAgent.set(r.agent, pts);
  }
  return [...byAgent.entries()].map(([agent, points], i) => ({ title: agent, kind: 'line' as const, color: COLORS[i % COLORS.length]!, points }));
}

function Budgets() {
  const res = useResource(getCapitalBudgets, ['capital_budgets']);
  const changes = useResource(() => getCapitalChanges(500), ['capital_budget_changes']);
  if (res.phase === 'loading') return <Loading what="capital budgets" />;
  if (res.phase === 'error') return res.error.kind === 'not_found' ? <MissingState error={res.error} what="capital budgets" empty="The capital governor sets budgets at its first rebalance, a few market minutes after the mesh starts." /> : <ErrorState error={res.error} what="capital budgets" onRetry={res.reload} />;
  const d = res.data;
  const rows = Object.entries(d.agents).sort((a, b) => b[1].budget - a[1].budget);
  const history = changes.phase === 'ready' ? changes.data : [];
  return (
    <Card
      title="Budgets per agent"
      className="wide"
      testId="capital-budgets"
      aside={
        <span className="muted">
          total wealth {formatMoney(d.total_wealth)} · next rebalance {formatTime(d.next_rebalance_at)} {d.simulated ? <span className="badge badge-simulated small">SIMULATED</span> : null}
        </span>
      }
    >
      {d.halted ? (
        <p className="banner banner-warn" data-testid="capital-frozen">
          Every budget is frozen: the drawdown guard halted the mesh, or the risk inputs cannot be trusted.
        </p>
      ) : null}
      <div className="table-scroll">
        <table data-testid="budgets-table">
          <thead>
            <tr>
              <th>Agent</th>
              <th className="num">Budget</th>
              <th className="num">Share</th>
              <th className="num">Floor – cap</th>
              <th className="num">Periods</th>
              <th className="num">Score</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([agent, a]) => (
              <tr key={agent} data-testid={`budget-row-${agent}`}>
                <td>
                  <strong>{agent}</strong> {a.frozen ? <span className="badge small">frozen</span> : null}
                </td>
                <td className="num">{formatMoney(a.budget)}</td>
                <td className="num">{formatPercent(a.share)}</td>
                <td className="num">
                  {formatPercent(a.floor)} – {formatPercent(a.cap)}
                </td>
                <td className="num">{a.returns.length}</td>
                <td className="num">{a.score.toFixed(2)}</td>
                <td className="small">{a.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {history.length > 1 ? <TimeChart testId="budgets-chart" height={200} series={budgetSeries(history)} /> : null}
      {history.length > 0 ? (
        <details>
          <summary>Recent changes ({history.length})</summary>
          <ul className="small">
            {history
              .slice(-15)
              .reverse()
              .map((r) => (
                <li key={r.key}>
                  {formatTime(r.ts)} · {r.agent}: {formatMoney(r.from_budget)} → {formatMoney(r.to_budget)} — {r.reason}
                </li>
              ))}
          </ul>
        </details>
      ) : null}
      <StaleNote error={res.error} />
    </Card>
  );
}

function ExposureBars({ doc }: { doc: HedgeProposals }) {
  return (
    <ul className="hbars" data-testid="exposure-bars">
      {doc.exposures.map((e) => {
        const max = Math.max(e.limit * 1.5, Math.abs(e.beta), 1e-9);
        return (
          <li key={e.factor} data-testid={`exposure-${e.factor}`}>
            <span className="hbar-label plain">β to {e.factor}</span>
            <span className="hbar-track">
              <span className={`hbar ${e.beta > e.limit ? 'loss' : 'profit'}`} style={{ width: `${(Math.abs(e.beta) / max) * 100}%` }} title={`beta ${e.beta.toFixed(2)}`} />
              <span className="hbar revenue" style={{ width: `${(e.limit / max) * 100}%`, opacity: 0.35 }} title={`limit ${e.limit.toFixed(2)}`} />
            </span>
            <span className={`hbar-value ${e.beta > e.limit ? 'down' : 'up'}`}>
              {e.beta.toFixed(2)} / {e.limit.toFixed(2)}
            </span>
            {e.unhedged_beta !== e.beta ? (
              <span className="muted small" data-testid={`unhedged-${e.factor}`}>
                {' '}
                unhedged {e.unhedged_beta.toFixed(2)} · hedges close at ≤ {e.close_below.toFixed(2)}
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

const STATUS_TEXT: Record<HedgeProposals['proposals'][number]['status'], string> = {
  queued: 'waiting for approval',
  approved: 'approved: a person places it (no live venue can short)',
  rejected: 'rejected',
  expired: 'expired',
  executed: 'executed in the hedge book',
  market_closed: 'opens when the market opens',
  no_quote: 'no quote: retried next tick',
  too_small: 'under one lot: not placed',
};

function proposalStatus(s: HedgeProposals['proposals'][number]['status']) {
  return s === 'queued' ? <a href="#/approvals">{STATUS_TEXT[s]}</a> : STATUS_TEXT[s];
}

function Hedges() {
  const res = useResource(getHedgeProposals, ['hedge_proposals']);
  if (res.phase === 'loading') return <Loading what="hedges" />;
  if (res.phase === 'error') return res.error.kind === 'not_found' ? <MissingState error={res.error} what="factor exposures" empty="The hedge engine measures exposures every market hour." /> : <ErrorState error={res.error} what="hedges" onRetry={res.reload} />;
  const d = res.data;
  return (
    <Card
      title="Exposures and hedges proposed"
      className="wide"
      testId="hedges"
      aside={
        <span className="muted">
          regime {d.regime ?? 'unknown'} · updated {formatTime(d.updated_at)} {d.simulated ? <span className="badge badge-simulated small">SIMULATED</span> : null}
        </span>
      }
    >
      <ExposureBars doc={d} />
      {d.proposals.length === 0 ? (
        <EmptyState title="No hedge needed">Every factor exposure is inside its limit.</EmptyState>
      ) : (
        <table data-testid="hedges-table">
          <thead>
            <tr>
              <th>Hedge</th>
              <th className="num">Notional</th>
              <th className="num">β before → after</th>
              <th className="num">Est. cost</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {d.proposals.map((p) => (
              <tr key={p.id}>
                <td>
                  {p.side} {p.instrument}
                </td>
                <td className="num">{formatMoney(p.notional)}</td>
                <td className="num">
                  {p.beta_before.toFixed(2)} → {p.beta_after.toFixed(2)}
                </td>
                <td className="num">{formatMoney(p.estimated_cost)}</td>
                <td>{proposalStatus(p.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <StaleNote error={res.error} />
    </Card>
  );
}

/**
 * Every agent that spends capital and whether it may spend now: each agent's own `halted` from
 * /status (the Agents table's Spending column), with the mesh's risk state for reduce-only.
 */
function HaltStates() {
  const { status } = useLive();
  if (!status) return null;
  const state = status.risk?.trading_state;
  const capital = status.guardian.agents.filter((a) => typeof a.halted === 'boolean');
  return (
    <Card title="Halt state" testId="halt-states" aside={<span className="muted">{state ?? 'unknown'}</span>}>
      {capital.length === 0 ? (
        <EmptyState title="No capital agent runs">Start the mesh with the trader or a venture to see its halt state.</EmptyState>
      ) : (
        <ul className="small">
          {capital.map((a) => (
            <li key={a.name} data-testid={`halt-${a.name}`}>
              {a.name}: {a.halted ? <strong className="down">halted — no new spending</strong> : state === 'REDUCING' ? <span className="warn">reduce-only</span> : <span className="up">spending allowed</span>}
            </li>
          ))}
        </ul>
      )}
      {status.risk && status.risk.reasons.length > 0 ? <p className="muted small">{status.risk.reasons.join(', ')}</p> : null}
      <p className="muted small">
        The hedge engine still opens and closes hedges while halted: a hedge lowers exposure. All agents: <a href="#/agents">Agents</a>.
      </p>
    </Card>
  );
}

export function Capital() {
  return (
    <div className="grid">
      <Budgets />
      <Hedges />
      <HedgeBookCard />
      <HaltStates />
      <TuningCard />
    </div>
  );
}
