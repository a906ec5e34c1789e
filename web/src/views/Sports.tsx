/**
 * Sports: the analytics agent's next predictions with their probabilities, its walk-forward
 * validation on real matches (measured accuracy beside the specification's ~70 % target, shown as
 * target vs measured and never judged as met), the reliability curve with n per bin; below, the
 * betting agent's book (./SportsBetting.tsx). Reads `GET /api/sports`.
 */
import { getSports, type SportsSummary } from '../api/endpoints.js';
import { ReliabilityChart } from '../components/ReliabilityChart.js';
import { Card, EmptyState, ErrorState, Loading, StaleNote } from '../components/states.js';
import { formatPercent, formatTime } from '../format.js';
import { useResource } from '../useResource.js';
import { SportsBetting } from './SportsBetting.js';

type Predictions = NonNullable<SportsSummary['predictions']>;

const SimBadge = () => <span className="badge badge-simulated small">SIMULATED</span>;

function Validation({ p }: { p: Predictions }) {
  return (
    <dl className="facts inline" data-testid="sports-validation">
      <dt>Accuracy, measured</dt>
      <dd data-testid="sports-accuracy">
        {formatPercent(p.accuracy.measured)} <small className="muted">over {p.matches.toLocaleString('en-US')} real matches{p.seasons ? `, seasons ${p.seasons}` : ''}, walk-forward</small>
      </dd>
      <dt>Accuracy, target</dt>
      <dd data-testid="sports-target">{p.accuracy.target === null ? '—' : `${formatPercent(p.accuracy.target)} (the specification's figure; not a claim)`}</dd>
      <dt>Home-always baseline</dt>
      <dd>{p.accuracy.baseline === null ? '—' : formatPercent(p.accuracy.baseline)}</dd>
      <dt>Brier · log loss</dt>
      <dd>
        {p.brier === null ? '—' : p.brier.toFixed(3)} · {p.log_loss.toFixed(3)}
      </dd>
    </dl>
  );
}

function Upcoming({ p }: { p: Predictions }) {
  if (p.upcoming.length === 0) return <EmptyState title="No upcoming fixture">The model has no fixture after {formatTime(p.updated_at)} to predict.</EmptyState>;
  return (
    <div className="table-scroll">
      <table data-testid="sports-predictions">
        <thead>
          <tr>
            <th scope="col">Kick-off</th>
            <th scope="col">League</th>
            <th scope="col">Match</th>
            <th scope="col" className="num">Home</th>
            <th scope="col" className="num">Draw</th>
            <th scope="col" className="num">Away</th>
          </tr>
        </thead>
        <tbody>
          {p.upcoming.map((m) => (
            <tr key={m.match_id} data-testid={`prediction-${m.match_id}`}>
              <td>{formatTime(m.kickoff)}</td>
              <td>{m.league ?? '—'}</td>
              <td>
                {m.home} v {m.away}
              </td>
              <td className="num">{formatPercent(m.p_home)}</td>
              <td className="num">{formatPercent(m.p_draw)}</td>
              <td className="num">{formatPercent(m.p_away)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PredictionsCard({ p }: { p: Predictions | null }) {
  return (
    <Card title="Sports predictions" className="wide" testId="sports-analytics" aside={p ? <span className="muted">model {p.model} · updated {formatTime(p.updated_at)}</span> : null}>
      {!p ? (
        <EmptyState title="No predictions yet">sports_analytics writes state/sports_predictions.json after fitting its models on the shipped match data; start the mesh with `npm start`.</EmptyState>
      ) : (
        <>
          <Validation p={p} />
          <div className="km-row">
            <figure className="km">
              <ReliabilityChart bins={p.calibration} label={`Reliability curve of ${p.model}: predicted probability against observed frequency`} testId="sports-calibration" />
              <figcaption className="small">Reliability on the validation seasons: dashed line is perfect calibration; n is the number of predicted probabilities in each bin (three per football match: home, draw, away).</figcaption>
            </figure>
            <table className="small" data-testid="sports-calibration-table">
              <thead>
                <tr>
                  <th scope="col">Bin</th>
                  <th scope="col" className="num">n</th>
                  <th scope="col" className="num">Predicted</th>
                  <th scope="col" className="num">Observed</th>
                </tr>
              </thead>
              <tbody>
                {p.calibration.filter((b) => b.n > 0).map((b) => (
                  <tr key={b.from}>
                    <td>
                      {b.from.toFixed(1)}–{b.to.toFixed(1)}
                    </td>
                    <td className="num">{b.n}</td>
                    <td className="num">{formatPercent(b.predicted)}</td>
                    <td className="num">{formatPercent(b.observed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3 className="sub">
            Next fixtures ({p.upcoming.length} of {p.total_predictions}) {p.fixtures_simulated ? <SimBadge /> : null}
          </h3>
          {p.fixtures_simulated ? <p className="note">The fixtures are the simulator's; the model and its validation are on real match results.</p> : null}
          <Upcoming p={p} />
        </>
      )}
    </Card>
  );
}

export function SportsView() {
  const res = useResource(getSports, ['sports_predictions', 'sports_betting', 'sports_betting_pnl']);
  if (res.phase === 'loading') return <Loading what="sports" />;
  if (res.phase === 'error') return <ErrorState error={res.error} what="the sports agents" onRetry={res.reload} />;
  return (
    <div className="grid" data-testid="sports-view">
      <PredictionsCard p={res.data.predictions} />
      <SportsBetting b={res.data.betting} />
      <StaleNote error={res.error} />
    </div>
  );
}
