/** Empty, error and loading panels: each says what is going on and what the person can do. */
import type { ReactNode } from 'react';
import type { ApiError } from '../api/client.js';

export function EmptyState({ title, children, testId }: { title: string; children?: ReactNode; testId?: string }) {
  return (
    <div className="state state-empty" role="status" data-testid={testId ?? 'empty-state'}>
      <strong>{title}</strong>
      {children ? <p>{children}</p> : null}
    </div>
  );
}

/** What to do about each kind of API failure. */
export function errorAdvice(e: ApiError): string {
  // The API read the file but it fails its contract: a restart of the page will not fix that.
  if (e.code === 'NL_ERR_CONTRACT_INVALID') {
    return 'The state file on disk does not match its contract (docs/contracts.md); the agent that writes it replaces it on its next run — its log under logs/ says why it went wrong.';
  }
  switch (e.kind) {
    case 'unreachable':
      return 'Is `neolight up` running? Start it with `npm start` (or `neolight up`) and this page reconnects by itself.';
    case 'unauthorized':
      return 'The API is bound beyond 127.0.0.1 and needs its token (NEOLIGHT_API_TOKEN): enter it in the prompt above.';
    case 'not_found':
      return 'Nothing has been written here yet; it appears once the agent that produces it has run.';
    case 'invalid':
      return 'The API and the dashboard disagree about the data shape; rebuild both with `npm run build` and restart.';
    case 'http':
      return 'See logs/guardian_stdout.log (or `neolight status`) for the cause; the page retries on the next update.';
  }
}

export function ErrorState({ error, what, onRetry }: { error: ApiError; what: string; onRetry?: () => void }) {
  return (
    <div className="state state-error" role="alert" data-testid="error-state">
      <strong>Could not load {what}.</strong>
      <p>{error.message}</p>
      <p className="advice">{errorAdvice(error)}</p>
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}

/** A document that does not exist yet is an empty state; any other failure is an error. */
export function MissingState({ error, what, empty }: { error: ApiError; what: string; empty: string }) {
  return error.kind === 'not_found' ? <EmptyState title={`No ${what} yet`}>{empty}</EmptyState> : <ErrorState error={error} what={what} />;
}

export function Loading({ what }: { what: string }) {
  return (
    <div className="state state-loading" aria-busy="true">
      Loading {what}…
    </div>
  );
}

export function Card({ title, children, className, testId, aside }: { title: string; children: ReactNode; className?: string; testId?: string; aside?: ReactNode }) {
  return (
    <section className={`card ${className ?? ''}`} data-testid={testId}>
      <header className="card-head">
        <h2>{title}</h2>
        {aside}
      </header>
      {children}
    </section>
  );
}

/** A small stale-data note under a card whose last refetch failed but whose old data is still shown. */
export function StaleNote({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return <p className="stale">Showing the last good data: {error.message}</p>;
}
