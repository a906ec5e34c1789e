/**
 * The content pipeline on the Revenue view: pieces waiting for a person (approve or reject them in
 * Approvals) or for their rendered media, what was published, and revenue by stream. The API
 * summarises state/content_pipeline.json and state/content_revenue.csv (GET /api/content); views
 * and revenue come from the audience simulator and are labelled SIMULATED.
 */
import type { ContentSummary } from '../../../src/contracts/content.js';
import { getContent } from '../api/endpoints.js';
import { Card, EmptyState, Loading, MissingState, StaleNote } from '../components/states.js';
import { formatMoney, formatTime } from '../format.js';
import { useResource } from '../useResource.js';

const STREAMS = ['ads', 'sponsorship', 'affiliate'] as const;

function StreamBars({ s }: { s: ContentSummary }) {
  const max = Math.max(...STREAMS.map((k) => s.revenue_by_stream[k]), 1e-9);
  return (
    <ul className="hbars" data-testid="content-streams" aria-label="Content revenue by stream">
      {STREAMS.map((k) => (
        <li key={k}>
          <span className="hbar-label">{k}</span>
          <span className="hbar-track">
            <span className="hbar revenue" style={{ width: `${(s.revenue_by_stream[k] / max) * 100}%` }} />
          </span>
          <span className="hbar-value">{formatMoney(s.revenue_by_stream[k])}</span>
        </li>
      ))}
    </ul>
  );
}

function waitingFor(w: ContentSummary['waiting'][number]): string {
  if (w.status === 'awaiting_approval') return 'your approval';
  if (w.retry_at) return `a retry at ${formatTime(w.retry_at)}`;
  return w.last_error?.startsWith('NO_MEDIA') ? 'its rendered media' : 'publishing';
}

function Pipeline({ s }: { s: ContentSummary }) {
  return (
    <>
      <p className="muted small" data-testid="content-counts">
        {s.counts.awaiting_approval} waiting for approval · {s.counts.approved} approved, not yet published · {s.counts.published} published · {s.counts.rejected} rejected · {s.counts.expired} expired · {s.hours_used_week} of {s.hours_per_week} production hours used this week · publisher {s.publisher}
      </p>
      <div className="big" data-testid="content-total">
        {formatMoney(s.revenue_total)} <small>content revenue</small>
        {s.revenue_simulated ? <span className="badge badge-simulated small">SIMULATED</span> : null}
      </div>
      <StreamBars s={s} />
      <h3 className="sub">Waiting</h3>
      {s.waiting.length === 0 ? (
        <p className="muted">Nothing waits: every piece was decided.</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="content-waiting">
            <thead>
              <tr>
                <th>Title</th>
                <th>Platform</th>
                <th>Waits for</th>
                <th className="num">Expected 30 days</th>
                <th>Files</th>
              </tr>
            </thead>
            <tbody>
              {s.waiting.map((w) => (
                <tr key={w.id}>
                  <td>
                    {w.title}
                    {w.trend_source === 'simulated' ? <span className="badge badge-simulated small">SIMULATED trend</span> : null}
                  </td>
                  <td>
                    {w.platform} · {w.format.replace('_', ' ')}
                  </td>
                  <td title={w.last_error ?? undefined}>{waitingFor(w)}</td>
                  <td className="num">{formatMoney(w.expected_revenue_30d)}</td>
                  <td>
                    <code>{w.dir}/</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 className="sub">Published</h3>
      {s.published.length === 0 ? (
        <p className="muted">Nothing published yet: approve a piece in Approvals.</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="content-published">
            <thead>
              <tr>
                <th>Title</th>
                <th>Platform</th>
                <th>Published</th>
                <th>Where</th>
              </tr>
            </thead>
            <tbody>
              {s.published.map((p) => (
                <tr key={p.id}>
                  <td>{p.title}</td>
                  <td>
                    {p.platform} · {p.format.replace('_', ' ')}
                  </td>
                  <td>{p.published_at ? formatTime(p.published_at) : ''}</td>
                  <td>{p.published_simulated || !p.url ? <span className="badge badge-simulated small">SIMULATED</span> : <a href={p.url}>{p.url}</a>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function ContentCard() {
  const res = useResource(getContent, ['content_pipeline', 'content_revenue']);
  return (
    <Card title="Content pipeline" className="wide" testId="content-card">
      {res.phase === 'loading' ? (
        <Loading what="the content pipeline" />
      ) : res.phase === 'error' ? (
        <MissingState error={res.error} what="content pipeline" empty="The content agent writes state/content_pipeline.json on its first cycle; start the mesh with `npm start`." />
      ) : res.data.counts.awaiting_approval + res.data.counts.approved + res.data.counts.published + res.data.counts.rejected + res.data.counts.expired === 0 ? (
        <EmptyState title="No content produced yet">The week’s production hours are spent on pieces for trending topics; they appear here and in Approvals.</EmptyState>
      ) : (
        <>
          <Pipeline s={res.data} />
          <StaleNote error={res.error} />
        </>
      )}
    </Card>
  );
}
