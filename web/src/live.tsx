/**
 * Live state shared by every view: the latest `/status` snapshot, the event-stream connection,
 * a change counter per contract name (bumped by `document`/`ledger` events, so views refetch only
 * what changed), recent agent transitions, and whether the API asked for a token.
 */
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { MeshEvent, StatusDocument } from '../../src/contracts/status.js';
import { onTokenChange, onUnauthorized, type ApiError } from './api/client.js';
import { getStatus } from './api/endpoints.js';
import { contractNameOfPath, openEventStream, type ConnectionState } from './api/events.js';

export type AgentTransition = Extract<MeshEvent, { type: 'agent' }>;

export interface LiveState {
  status: StatusDocument | null;
  statusError: ApiError | null;
  connection: ConnectionState;
  /** Contract name → change counter; `*` changes on reconnect or a new token (refetch all). */
  versions: Readonly<Record<string, number>>;
  transitions: readonly AgentTransition[];
  needsToken: boolean;
  warning: string | null;
}

const initial: LiveState = {
  status: null,
  statusError: null,
  connection: { kind: 'connecting' },
  versions: {},
  transitions: [],
  needsToken: false,
  warning: null,
};

const LiveContext = createContext<LiveState>(initial);

export function useLive(): LiveState {
  return useContext(LiveContext);
}

/** Test seam: render views with a fixed live state and no network. */
export function StaticLive({ value, children }: { value: Partial<LiveState>; children: ReactNode }) {
  const merged = useMemo(() => ({ ...initial, ...value }), [value]);
  return <LiveContext.Provider value={merged}>{children}</LiveContext.Provider>;
}

function bump(v: Readonly<Record<string, number>>, name: string): Record<string, number> {
  return { ...v, [name]: (v[name] ?? 0) + 1 };
}

export function LiveProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<LiveState>(initial);
  const [epoch, setEpoch] = useState(0);
  const wasLive = useRef(false);

  useEffect(() => {
    const offAuth = onUnauthorized(() => setState((s) => ({ ...s, needsToken: true })));
    const offToken = onTokenChange(() => {
      setState((s) => ({ ...s, needsToken: false, versions: bump(s.versions, '*') }));
      setEpoch((e) => e + 1);
    });
    return () => {
      offAuth();
      offToken();
    };
  }, []);

  useEffect(() => {
    let cancelled = false;
    const refreshStatus = async () => {
      const r = await getStatus();
      if (cancelled) return;
      setState((s) => (r.ok ? { ...s, status: r.data, statusError: null } : { ...s, statusError: r.error }));
    };
    void refreshStatus();

    const onEvent = (e: MeshEvent) => {
      setState((s) => {
        switch (e.type) {
          case 'status':
            return { ...s, status: e.status, statusError: null };
          case 'agent':
            return { ...s, transitions: [e, ...s.transitions].slice(0, 50) };
          case 'document':
          case 'ledger':
            return { ...s, versions: bump(s.versions, contractNameOfPath(e.path)) };
        }
        return s;
      });
    };
    const close = openEventStream({
      onEvent,
      onState: (connection) => {
        setState((s) => {
          // After a reconnect, anything may have changed while we were away: refetch all views.
          const reconnected = connection.kind === 'live' && !wasLive.current && s.connection.kind === 'retrying';
          return { ...s, connection, versions: reconnected ? bump(s.versions, '*') : s.versions };
        });
        wasLive.current = connection.kind === 'live';
        // A failed stream says nothing about why; /status does (unreachable, 401, 5xx).
        if (connection.kind === 'retrying' || connection.kind === 'live') void refreshStatus();
      },
      onInvalid: (detail) => setState((s) => ({ ...s, warning: `Ignored a malformed live update (${detail}).` })),
    });
    return () => {
      cancelled = true;
      close();
    };
  }, [epoch]);

  return <LiveContext.Provider value={state}>{children}</LiveContext.Provider>;
}
