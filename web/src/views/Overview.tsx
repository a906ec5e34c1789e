/**
 * Overview: total wealth and today's change, the wealth trajectory against the $1M target path,
 * the equity and drawdown curves, the monthly returns heatmap and worst drawdowns
 * (./PeriodsCard.tsx), and the risk state in force (./RiskCard.tsx). Every block
 * explains itself when its data is missing.
 */
import { useMemo } from 'react';
import { getPerformance, getWealthTrajectory } from '../api/endpoints.js';
import { Card, EmptyState, ErrorState, Loading, MissingState, StaleNote } from '../components/states.js';
import { TimeChart } from '../components/TimeChart.js';
import { equityCurve, headline } from '../derive.js';
import { formatMoney, formatPercent, formatRatio, formatSignedMoney, formatSignedPercent, formatTime } from '../format.js';
import { useResource } from '../useResource.js';
import { PeriodsCard } from './PeriodsCard.js';
import { RiskCard } from './RiskCard.js';

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
        <MissingState error={traj.error} what="wealth trajectory" empty="Telemetry writes state/wealth_trajectory.json once it has a day of equity; keep the mesh running." />
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
        <MissingState error={perf.error} what="equity curve" empty="The SmartTrader appends to state/performance_metrics.csv every tick; start the mesh with `npm start`." />
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

export function Overview() {
  return (
    <div className="grid">
      <WealthCard />
      <RiskCard />
      <TrajectoryCard />
      <EquityCard />
      <PeriodsCard />
    </div>
  );
}
