/**
 * The healthcare agent on the Revenue view: each research prototype with its measured quality
 * (score with its interval, what the score is), its status and its SIMULATED revenue; the Pima
 * models' AUROC with bootstrap intervals; Kaplan–Meier curves of the trials. Research only: the
 * card says it is not for clinical use, as the documents do.
 */
import { getHealthcareModels, getHealthcareProjects, type HealthcareModels, type HealthcareProjects } from '../api/endpoints.js';
import { Card, Loading, MissingState, StaleNote } from '../components/states.js';
import { formatMoney, formatTime } from '../format.js';
import { useResource } from '../useResource.js';

const f3 = (v: number) => v.toFixed(3);
const METRIC: Record<string, string> = {
  nested_cv_auroc: 'AUROC (nested 5-fold CV)',
  heldout_concordance: 'concordance (held out)',
  simulated_fill_rate: 'fill rate (simulated year)',
  solved_share: 'planted weeks solved',
};

function Projects({ doc }: { doc: HealthcareProjects }) {
  return (
    <div className="table-scroll">
      <table data-testid="healthcare-projects">
        <thead>
          <tr>
            <th scope="col">Project</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">Score</th>
            <th scope="col">Measured as</th>
            <th scope="col" className="num">Revenue, 30 days</th>
          </tr>
        </thead>
        <tbody>
          {doc.projects.map((p) => (
            <tr key={p.id} title={p.note}>
              <td>{p.name}</td>
              <td>{p.status}</td>
              <td className="num">
                {p.validation_score === null ? '—' : f3(p.validation_score)}
                {p.score_ci ? <small className="muted"> [{f3(p.score_ci.lo)}, {f3(p.score_ci.hi)}]</small> : null}
              </td>
              <td>{p.metric ? METRIC[p.metric] : 'not measured'}</td>
              <td className="num">
                {formatMoney(p.monthly_revenue)} {doc.simulated ? <span className="badge badge-simulated small">SIMULATED</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RiskModels({ m }: { m: HealthcareModels }) {
  return (
    <table data-testid="healthcare-models">
      <thead>
        <tr>
          <th scope="col">Pima model</th>
          <th scope="col" className="num">AUROC, test rows [95% CI]</th>
          <th scope="col" className="num">Accuracy</th>
          <th scope="col" className="num">Brier</th>
          <th scope="col" className="num">CV AUROC [95% CI]</th>
        </tr>
      </thead>
      <tbody>
        {m.pima.models.map((x) => (
          <tr key={x.model}>
            <td>{x.model.replace(/_/g, ' ')}</td>
            <td className="num">
              {f3(x.auroc)} [{f3(x.auroc_ci.lo)}, {f3(x.auroc_ci.hi)}]
            </td>
            <td className="num">{f3(x.accuracy)}</td>
            <td className="num">{f3(x.brier)}</td>
            <td className="num">
              {f3(x.cv_auroc)} [{f3(x.cv_auroc_ci.lo)}, {f3(x.cv_auroc_ci.hi)}]
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const COLOURS = ['var(--down)', 'var(--accent, #888)', 'var(--up)'];

/** A step plot of the Kaplan–Meier curves of one trial (x: days, y: survival 0–1). */
function KmPlot({ s }: { s: HealthcareModels['survival'][number] }) {
  const w = 320;
  const h = 160;
  const maxT = Math.max(1, ...s.km.flatMap((k) => k.points.map((p) => p[0])));
  const path = (pts: [number, number][]) => pts.map(([t, v], i) => `${i ? `H${((t / maxT) * w).toFixed(1)}V` : 'M0,'}${((1 - v) * h).toFixed(1)}`).join('');
  return (
    <figure className="km" data-testid={`km-${s.dataset}`}>
      <svg viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-label={`Kaplan–Meier curves, ${s.dataset}: ${s.endpoint}`}>
        <rect x="0" y="0" width={w} height={h} fill="none" stroke="currentColor" strokeOpacity="0.2" />
        {s.km.map((k, i) => (
          <path key={k.group} d={path(k.points)} fill="none" stroke={COLOURS[i % COLOURS.length]} strokeWidth="1.5" />
        ))}
      </svg>
      <figcaption className="small">
        {s.dataset}: {s.endpoint}, up to {Math.round(maxT)} days.{' '}
        {s.km.map((k, i) => (
          <span key={k.group} style={{ color: COLOURS[i % COLOURS.length] }}>
            {k.group} (n {k.n}, median {k.median === null ? 'not reached' : `${k.median} d`}){' '}
          </span>
        ))}
        Hazard ratios: {Object.entries(s.hazard_ratios).map(([n, r]) => `${n} ${r.hr.toFixed(3)} [${r.lower.toFixed(3)}, ${r.upper.toFixed(3)}]`).join('; ')}.
      </figcaption>
    </figure>
  );
}

export function HealthcareCard() {
  const projects = useResource(getHealthcareProjects, ['healthcare_projects']);
  const models = useResource(getHealthcareModels, ['healthcare_models']);
  return (
    <Card title="Healthcare research prototypes" className="wide" testId="healthcare" aside={projects.phase === 'ready' ? <span className="muted">updated {formatTime(projects.data.updated_at)}</span> : null}>
      {projects.phase === 'loading' ? (
        <Loading what="healthcare projects" />
      ) : projects.phase === 'error' ? (
        <MissingState error={projects.error} what="healthcare projects" empty="healthcare_agent writes state/healthcare_projects.json on its first cycle; start the mesh with `npm start`." />
      ) : (
        <>
          <p className="note">{projects.data.disclaimer ?? 'Research prototypes; not for clinical use.'} Revenue is SIMULATED: no real client exists.</p>
          <Projects doc={projects.data} />
          <StaleNote error={projects.error} />
        </>
      )}
      {models.phase === 'ready' ? (
        <>
          <h3 className="sub">Measured on the shipped open datasets (evaluated {formatTime(models.data.evaluated_at)})</h3>
          <RiskModels m={models.data} />
          <div className="km-row">
            {models.data.survival.map((s) => (
              <KmPlot key={s.dataset} s={s} />
            ))}
          </div>
        </>
      ) : null}
    </Card>
  );
}
