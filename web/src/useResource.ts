/**
 * Loads one piece of API data and reloads it when one of the watched contracts changes (a
 * `document`/`ledger` event) or on reconnect, keeping the last good data on screen meanwhile.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, ApiResult } from './api/client.js';
import { useLive } from './live.js';

export type Resource<T> =
  | { phase: 'loading' }
  | { phase: 'ready'; data: T; error: ApiError | null }
  | { phase: 'error'; error: ApiError };

export function useResource<T>(load: () => Promise<ApiResult<T>>, watch: readonly string[], intervalMs = 0): Resource<T> & { reload(): void } {
  const { versions } = useLive();
  const [res, setRes] = useState<Resource<T>>({ phase: 'loading' });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const key = ['*', ...watch].map((n) => versions[n] ?? 0).join(',');

  useEffect(() => {
    let cancelled = false;
    void loadRef.current().then((r) => {
      if (cancelled) return;
      setRes((prev) => {
        if (r.ok) return { phase: 'ready', data: r.data, error: null };
        // Keep showing the last good data with the error beside it, except for "gone" (404).
        if (prev.phase === 'ready' && r.error.kind !== 'not_found') return { ...prev, error: r.error };
        return { phase: 'error', error: r.error };
      });
    });
    return () => {
      cancelled = true;
    };
  }, [key, tick]);

  useEffect(() => {
    if (!intervalMs) return;
    const t = setInterval(() => setTick((n) => n + 1), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...res, reload };
}
