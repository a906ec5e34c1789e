/** The SIMULATED / PAPER / LIVE badge, and the live-connection indicator. */
import type { StatusDocument } from '../../../src/contracts/status.js';
import type { ConnectionState } from '../api/events.js';

export type MoneyBadge = 'SIMULATED' | 'PAPER' | 'LIVE' | 'BACKTEST';

/** Any simulated figure makes the whole page SIMULATED; otherwise the guardian's mode decides. */
export function moneyBadge(g: Pick<StatusDocument['guardian'], 'mode' | 'simulated'>): MoneyBadge {
  if (g.simulated || g.mode === 'sim') return 'SIMULATED';
  if (g.mode === 'paper') return 'PAPER';
  if (g.mode === 'backtest') return 'BACKTEST';
  return 'LIVE';
}

const BADGE_HINT: Record<MoneyBadge, string> = {
  SIMULATED: 'Simulated venues and prices: no real money moves.',
  PAPER: 'Live market data, simulated fills: no real money moves.',
  BACKTEST: 'Historical replay: no real money moves.',
  LIVE: 'Real venues: orders spend real money (behind approvals and caps).',
};

export function ModeBadge({ guardian }: { guardian: Pick<StatusDocument['guardian'], 'mode' | 'simulated'> | null }) {
  if (!guardian) return <span className="badge badge-unknown">MODE ?</span>;
  const b = moneyBadge(guardian);
  return (
    <span className={`badge badge-${b.toLowerCase()}`} title={BADGE_HINT[b]} data-testid="mode-badge">
      {b}
    </span>
  );
}

export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  const label =
    state.kind === 'live'
      ? 'Live'
      : state.kind === 'connecting'
        ? 'Connecting…'
        : `Offline — reconnecting (attempt ${state.attempt})`;
  return (
    <span className={`conn conn-${state.kind}`} role="status" aria-live="polite" data-testid="connection">
      <span className="dot" aria-hidden="true" />
      {label}
    </span>
  );
}
