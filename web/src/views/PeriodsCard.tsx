/**
 * The live run's calendar view on the Overview: a monthly returns heatmap (years down, months
 * across, the year's return at the end) and its five worst drawdowns. The API computes both from
 * state/performance_metrics.csv (GET /api/performance/periods); this card only renders them.
 */
import type { PerformancePeriods } from '../../../src/contracts/performance-periods.js';
import { getPerformancePeriods } from '../api/endpoints.js';
import { Card, EmptyState, Loading, MissingState, StaleNote } from '../components/states.js';
import { formatPercent, formatSignedPercent } from '../format.js';
import { useResource } from '../useResource.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Green for gains, red for losses, stronger the larger the move relative to the largest month. */
function cellStyle(r: number, scale: number) {
  const share = Math.round(12 + 60 * Math.min(1, Math.abs(r) / scale));
  return { background: `color-mix(in srgb, var(${r >= 0 ? '--up' : '--down'}) ${share}%, transparent)` };
}

function Heatmap({ data }: { data: PerformancePeriods }) {
  const byMonth = new Map(data.monthly_returns.map((m) => [m.month, m.return]));
  const scale = Math.max(0.005, ...data.monthly_returns.map((m) => Math.abs(m.return)));
  return (
    <div className="table-scroll">
      <table className="heatmap" data-testid="monthly-heatmap">
        <thead>
          <tr>
            <th scope="col">Year</th>
            {MONTHS.map((m) => (
              <th key={m} scope="col" className="num">
                {m}
              </th>
            ))}
            <th scope="col" className="num">Year</th>
          </tr>
        </thead>
        <tbody>
          {data.yearly_returns.map((y) => (
            <tr key={y.year}>
              <th scope="row">{y.year}</th>
              {MONTHS.map((m, i) => {
                const r = byMonth.get(`${y.year}-${String(i + 1).padStart(2, '0')}`);
                return r === undefined ? (
                  <td key={m} />
                ) : (
                  <td key={m} className="num" style={cellStyle(r, scale)}>
                    {formatSignedPercent(r)}
                  </td>
                );
              })}
              <td className="num year">{formatSignedPercent(y.return)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Drawdowns({ data }: { data: PerformancePeriods }) {
  if (data.worst_drawdowns.length === 0) return <p>No drawdown yet: equity has not closed a day below a previous high.</p>;
  return (
    <div className="table-scroll">
      <table data-testid="worst-drawdowns">
        <thead>
          <tr>
            <th scope="col">Peak</th>
            <th scope="col">Valley</th>
            <th scope="col">Recovered</th>
            <th scope="col" className="num">Depth</th>
            <th scope="col" className="num">Days</th>
          </tr>
        </thead>
        <tbody>
          {data.worst_drawdowns.map((d) => (
            <tr key={d.start}>
              <td>{d.start}</td>
              <td>{d.valley}</td>
              <td>{d.recovery ?? 'not yet'}</td>
              <td className="num">{formatPercent(d.depth)}</td>
              <td className="num">{d.days}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PeriodsCard() {
  const res = useResource(getPerformancePeriods, ['performance_metrics']);
  return (
    <Card title="Monthly returns and worst drawdowns" className="wide" testId="periods-card">
      {res.phase === 'loading' ? (
        <Loading what="monthly returns" />
      ) : res.phase === 'error' ? (
        <MissingState error={res.error} what="monthly returns" empty="The SmartTrader appends to state/performance_metrics.csv every tick; start the mesh with `npm start`." />
      ) : res.data.days < 2 ? (
        <EmptyState title="Not a full day yet">Monthly returns and drawdowns appear after the second day with an equity row.</EmptyState>
      ) : (
        <>
          {res.data.simulated ? <p className="note">Simulated: these returns come from simulated venues.</p> : null}
          <Heatmap data={res.data} />
          <h3 className="sub">Five worst drawdowns</h3>
          <Drawdowns data={res.data} />
          <StaleNote error={res.error} />
        </>
      )}
    </Card>
  );
}
