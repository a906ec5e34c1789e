/**
 * The Capital view's scheduled tuner card: the parameters in force (state/tuned_parameters.json)
 * and every run of the neural tuner, adopted or rejected, with its out-of-sample figures and reason
 * (state/tuning_decisions.csv). Tuning on simulated history carries the SIMULATED badge.
 */
import { getTunedParameters, getTuningDecisions } from '../api/endpoints.js';
import { Card, EmptyState, ErrorState, Loading, StaleNote } from '../components/states.js';
import { formatTime } from '../format.js';
import { useResource } from '../useResource.js';

const oos = (v: number | '') => (v === '' ? '—' : v.toFixed(2));

export function TuningCard() {
  const decisions = useResource(() => getTuningDecisions(100), ['tuning_decisions']);
  const inForce = useResource(getTunedParameters, ['tuned_parameters']);
  if (decisions.phase === 'loading') return <Loading what="tuning decisions" />;
  if (decisions.phase === 'error' && decisions.error.kind !== 'not_found') return <ErrorState error={decisions.error} what="tuning decisions" onRetry={decisions.reload} />;
  const rows = decisions.phase === 'ready' ? decisions.data : [];
  const p = inForce.phase === 'ready' ? inForce.data : undefined;
  return (
    <Card
      title="Scheduled tuning"
      className="wide"
      testId="tuning"
      aside={
        p ? (
          <span className="muted" data-testid="tuning-in-force">
            in force: {p.strategy} {Object.entries(p.params).map(([k, v]) => `${k}=${v}`).join(' ')} on {p.symbol} · out of sample {p.out_of_sample_score.toFixed(2)} {p.simulated ? <span className="badge badge-simulated small">SIMULATED</span> : null}
          </span>
        ) : null
      }
    >
      {rows.length === 0 ? (
        <EmptyState title="No tuning run yet">The neural tuner runs once a period (default weekly in market time), one market day after it starts.</EmptyState>
      ) : (
        <table data-testid="tuning-table">
          <thead>
            <tr>
              <th>Run</th>
              <th>Decision</th>
              <th>In force → candidate</th>
              <th className="num">OOS in force / candidate</th>
              <th className="num">Margin</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {rows
              .slice(-20)
              .reverse()
              .map((r) => (
                <tr key={r.key} data-testid={`tuning-${r.seq}`}>
                  <td>{formatTime(r.ts)}</td>
                  <td className={r.decision === 'adopted' ? 'up' : undefined}>{r.decision}</td>
                  <td className="small">
                    {r.current_params || '—'} → {r.candidate_params}
                  </td>
                  <td className="num">
                    {oos(r.current_oos)} / {r.candidate_oos.toFixed(2)}
                  </td>
                  <td className="num">{r.margin.toFixed(2)}</td>
                  <td className="small">{r.reason}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      <StaleNote error={decisions.error} />
    </Card>
  );
}
