/**
 * The Atlas dashboard shell: header with the SIMULATED/PAPER/LIVE badge and the live-connection
 * indicator, hash-routed tabs (#/overview, #/agents, #/portfolio, #/revenue, #/sports, #/capital, #/approvals), the
 * token prompt after a 401, and the API-unreachable banner.
 */
import { useEffect, useState, type ComponentType } from 'react';
import { ConnectionIndicator, ModeBadge } from './components/badges.js';
import { errorAdvice } from './components/states.js';
import { TokenPrompt } from './components/TokenPrompt.js';
import { formatDuration } from './format.js';
import { useLive } from './live.js';
import { Agents } from './views/Agents.js';
import { Approvals } from './views/Approvals.js';
import { Capital } from './views/Capital.js';
import { Overview } from './views/Overview.js';
import { Portfolio } from './views/Portfolio.js';
import { RevenueView } from './views/Revenue.js';
import { SportsView } from './views/Sports.js';

export const VIEWS: readonly { id: string; label: string; component: ComponentType }[] = [
  { id: 'overview', label: 'Overview', component: Overview },
  { id: 'agents', label: 'Agents', component: Agents },
  { id: 'portfolio', label: 'Portfolio', component: Portfolio },
  { id: 'revenue', label: 'Revenue', component: RevenueView },
  { id: 'sports', label: 'Sports', component: SportsView },
  { id: 'capital', label: 'Capital', component: Capital },
  { id: 'approvals', label: 'Approvals', component: Approvals },
];

/** `#/agents` → `agents`; anything unknown → `overview`. */
export function viewFromHash(hash: string): string {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return VIEWS.some((v) => v.id === id) ? id : 'overview';
}

function useHashView(): string {
  const [view, setView] = useState(() => viewFromHash(location.hash));
  useEffect(() => {
    const on = () => setView(viewFromHash(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return view;
}

export function App() {
  const { status, statusError, connection, needsToken, warning } = useLive();
  const view = useHashView();
  const current = VIEWS.find((v) => v.id === view) ?? VIEWS[0];
  const View = current?.component ?? Overview;

  useEffect(() => {
    document.title = `NeoLight Atlas — ${current?.label ?? 'Overview'}`;
  }, [current]);

  return (
    <div className="app">
      <header className="top">
        <div className="brand">
          <span className="logo" aria-hidden="true">◆</span>
          <span>NeoLight Atlas</span>
          <ModeBadge guardian={status?.guardian ?? null} />
        </div>
        <div className="top-right">
          {status ? <span className="muted small hide-narrow">guardian up {formatDuration(status.system.uptime.guardian_seconds)}</span> : null}
          <ConnectionIndicator state={connection} />
        </div>
      </header>
      <nav className="tabs" aria-label="Views">
        {VIEWS.map((v) => (
          <a key={v.id} href={`#/${v.id}`} className={v.id === view ? 'active' : undefined} aria-current={v.id === view ? 'page' : undefined} data-testid={`nav-${v.id}`}>
            {v.label}
          </a>
        ))}
      </nav>
      <main>
        {needsToken ? <TokenPrompt /> : null}
        {statusError && statusError.kind === 'unreachable' ? (
          <div className="banner banner-error" role="alert" data-testid="unreachable">
            <strong>The status API is unreachable.</strong> {errorAdvice(statusError)}
          </div>
        ) : null}
        {warning ? <div className="banner banner-warn">{warning}</div> : null}
        {status?.guardian.simulated ? (
          <p className="sim-note" data-testid="sim-note">
            Simulated: prices and fills come from simulated venues; no real money moves.
          </p>
        ) : null}
        <View />
      </main>
    </div>
  );
}
