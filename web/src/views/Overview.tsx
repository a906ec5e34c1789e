/**
 * Overview: total wealth and today's change, the wealth trajectory against the $1M target path,
 * the equity and drawdown curves, and the risk state in force (scaler, confidence, drawdown tier,
 * gates). Every block explains itself when its data is missing.
 */
import { useMemo, type ReactNode } from 'react';
import { getAtlasBrain, getDocument, getPerformance, getWealthTrajectory } from '../api/endpoints.js';
import { gatesOf, scalarFacts, type Fact } from '../api/extra-docs.js';
import { Card, EmptyState, ErrorState, Loading, StaleNote } from '../components/states.js';
import { TimeChart } from '../components/TimeChart.js';
import { equityCurve, headline } from '../derive.js';
import { formatFieldValue, formatMoney, formatPercent, formatRatio, formatSignedMoney, formatSignedPercent, formatTime } from '../format.js';
import { useResource } from '../useResource.js';
import type { Resource } from '../useResource.js';
import type { ApiError } from '../api/client.js';

function Missing({ error, what, empty }: { error: ApiError; what: string; empty: string }) {
  return error.kind === 'not_found' ? <EmptyState title={`No ${what} yet`}>{empty}</EmptyState> : <ErrorState error={error} what={what} />;
}

function WealthCard() {
  const perf = useResource(() => getPerformance(2000), ['performance_metrics']);
  const traj = useResource(getWealthTrajectory, ['wealth_trajectory']);
  const h = perf.phase === 'ready' ? headline(perf.data) : null;
  const lastDay = traj.phase === 'ready' ? traj.data.days.at(-1) : undefined;
  const wealth = lastDay?.wealth ?? h?.equity ?? null;
  return (
    <Card title="Total wealth" className="headline" testId="wealth-card">
      {wealth === null ? (
        perf.phase === 'loading' ? (
          <Loading what="wealth" />
        ) : perf.phase === 'error' && perf.error.kind !== 'not_found' ? (
          <ErrorState error={perf.error} what="the equity curve" />
        ) : (
          <EmptyState title="No wealth figure yet">The SmartTrader writes its first equity row once the mesh has run a tick; start it with `npm start`.</EmptyState>
        )
      ) : (
        <>
          <div className="big" data-testid="total-wealth">{formatMoney(wealth)}</div>
          {h ? (
            <div className={`delta ${h.dailyPnl >= 0 ? 'up' : 'down'}`} data-testid="today-change">
              {formatSignedMoney(h.dailyPnl)} ({formatSignedPercent(h.dailyChange)}) today
            </div>
          ) : null}
          <dl className="facts">
            {h ? (
              <>
                <dt>Trading equity</dt>
                <dd>{formatMoney(h.equity)}</dd>
                <dt>Cash</dt>
                <dd>{formatMoney(h.cash)}</dd>
                <dt>Exposure</dt>
                <dd>{formatMoney(h.exposure)}</dd>
                <dt>Sharpe</dt>
                <dd>{formatRatio(h.sharpe)}</dd>
                <dt>As of</dt>
                <dd>{formatTime(h.at)}</dd>
              </>
            ) : null}
          </dl>
        </>
      )}
    </Card>
  );
}

function TrajectoryCard() {
  const traj = useResource(getWealthTrajectory, ['wealth_trajectory']);
  const series = useMemo(() => {
    if (traj.phase !== 'ready') return null;
    const days = traj.data.days;
    return [
      { title: 'Target path', kind: 'line' as const, color: '#8b949e', dashed: true, points: days.map((d) => ({ t: Date.parse(`${d.date}T00:00:00Z`), value: d.target })) },
      { title: 'Wealth', kind: 'line' as const, color: '#2f81f7', points: days.map((d) => ({ t: Date.parse(`${d.date}T00:00:00Z`), value: d.wealth })) },
    ];
  }, [traj]);
  return (
    <Card title="Wealth trajectory" className="wide" testId="trajectory-card">
      {traj.phase === 'loading' ? (
        <Loading what="the trajectory" />
      ) : traj.phase === 'error' ? (
        <Missing error={traj.error} what="wealth trajectory" empty="Telemetry writes state/wealth_trajectory.json once it has a day of equity; keep the mesh running." />
      ) : (
        <>
          <dl className="facts inline">
            <dt>Target</dt>
            <dd>{formatMoney(traj.data.target_equity)} in {Math.round(traj.data.horizon_days / 30.4)} months</dd>
            <dt>Start</dt>
            <dd>{formatMoney(traj.data.start_equity)} on {traj.data.start_date}</dd>
            <dt>Required growth</dt>
            <dd>{formatPercent(traj.data.required_daily_growth)} a day · {formatPercent(traj.data.required_annual_growth)} a year</dd>
            <dt>Probability of target</dt>
            <dd data-testid="probability">
              {traj.data.probability_of_target === null ? 'not enough data yet' : `${formatPercent(traj.data.probability_of_target)} (${traj.data.simulations.toLocaleString('en-US')} simulations)`}
            </dd>
          </dl>
          {traj.data.simulated ? <p className="note">Simulated: these figures come from simulated venues.</p> : null}
          {series && traj.data.days.length > 0 ? <TimeChart series={series} testId="trajectory-chart" /> : <EmptyState title="No days recorded yet">The first point appears after the first day of trading.</EmptyState>}
          <StaleNote error={traj.error} />
        </>
      )}
    </Card>
  );
}

function EquityCard() {
  const perf = useResource(() => getPerformance(2000), ['performance_metrics']);
  const curves = useMemo(() => (perf.phase === 'ready' ? equityCurve(perf.data) : null), [perf]);
  return (
    <Card title="Equity and drawdown" className="wide" testId="equity-card">
      {perf.phase === 'loading' ? (
        <Loading what="the equity curve" />
      ) : perf.phase === 'error' ? (
        <Missing error={perf.error} what="equity curve" empty="The SmartTrader appends to state/performance_metrics.csv every tick; start the mesh with `npm start`." />
      ) : perf.data.length === 0 || !curves ? (
        <EmptyState title="No equity rows yet">The SmartTrader appends to state/performance_metrics.csv every tick; start the mesh with `npm start`.</EmptyState>
      ) : (
        <>
          <TimeChart testId="equity-chart" series={[{ title: 'Equity', kind: 'area', color: '#2f81f7', points: curves.equity }]} />
          <TimeChart testId="drawdown-chart" height={140} percent series={[{ title: 'Drawdown from peak', kind: 'area', color: '#f85149', points: curves.drawdown }]} />
          <StaleNote error={perf.error} />
        </>
      )}
    </Card>
  );
}

function FactList({ facts }: { facts: Fact[] }) {
  return (
    <dl className="facts">
      {facts.map((f) => (
        <FactRow key={f.label} fact={f} />
      ))}
    </dl>
  );
}

function FactRow({ fact }: { fact: Fact }) {
  const v = formatFieldValue(fact.label, fact.value);
  return (
    <>
      <dt>{fact.label}</dt>
      <dd>{v}</dd>
    </>
  );
}

function docBlock(r: Resource<unknown>, what: string, empty: string, render: (doc: unknown) => ReactNode) {
  if (r.phase === 'loading') return <Loading what={what} />;
  if (r.phase === 'error') return <Missing error={r.error} what={what} empty={empty} />;
  return render(r.data);
}

function RiskCard() {
  const brain = useResource(getAtlasBrain, ['atlas_brain']);
  const governor = useResource(() => getDocument('risk_governor'), ['risk_governor']);
  const guard = useResource(() => getDocument('drawdown_guard'), ['drawdown_guard']);
  return (
    <Card title="Risk in force" testId="risk-card">
      {brain.phase === 'loading' ? (
        <Loading what="the risk scaler" />
      ) : brain.phase === 'error' ? (
        <Missing error={brain.error} what="risk scaler" empty="The intelligence orchestrator writes runtime/atlas_brain.json on its interval; until then agents use their defaults." />
      ) : (
        <dl className="facts">
          <dt>Risk scaler</dt>
          <dd data-testid="risk-scaler">{formatRatio(brain.data.risk_scaler)} <small>(0.40–1.20)</small></dd>
          <dt>Confidence</dt>
          <dd>{formatPercent(brain.data.confidence)}</dd>
          {brain.data.regime ? (
            <>
              <dt>Regime</dt>
              <dd>{brain.data.regime}</dd>
            </>
          ) : null}
        </dl>
      )}
      <h3>Drawdown guard</h3>
      {docBlock(guard, 'drawdown guard', 'The drawdown guard has not written its state yet; no tier is in force.', (d) => (
        <FactList facts={scalarFacts(d)} />
      ))}
      <h3>Risk gates</h3>
      {docBlock(governor, 'risk governor', 'The risk governor has not written its state yet; no gate is in force.', (d) => {
        const gates = gatesOf(d);
        return (
          <>
            {gates.length === 0 ? <p className="muted">No gates reported.</p> : (
              <ul className="gates">
                {gates.map((g) => (
                  <li key={g.name} className={g.active ? 'gate-on' : 'gate-off'}>
                    <strong>{g.name}</strong> {g.active ? 'ACTIVE' : 'clear'}
                    {g.reason ? <span className="muted"> — {g.reason}</span> : null}
                  </li>
                ))}
              </ul>
            )}
            <FactList facts={scalarFacts(d)} />
          </>
        );
      })}
    </Card>
  );
}

export function Overview() {
  return (
    <div className="grid">
      <WealthCard />
      <RiskCard />
      <TrajectoryCard />
      <EquityCard />
    </div>
  );
}
