/**
 * The mesh's event hub for the status API: agent transitions from the supervisor, and a
 * `document` or `ledger` event whenever a state file under state/ or runtime/ changes (fs.watch on
 * the two folders, debounced per file; with the PostgreSQL store, its LISTEN/NOTIFY watch of each
 * contract). One hub per server, shared by every SSE client.
 */
import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { CONTRACTS, contractByPath } from '../contracts/index.js';
import type { MeshEvent } from '../contracts/status.js';
import type { StateStore } from '../store/file-store.js';
import type { SupervisorView } from './supervisor-view.js';

export interface EventHub {
  subscribe(listener: (e: MeshEvent) => void): () => void;
  close(): void;
}

export function createEventHub(home: string, store: StateStore, supervisor: SupervisorView, debounceMs = 100): EventHub {
  const listeners = new Set<(e: MeshEvent) => void>();
  const emit = (e: MeshEvent): void => {
    for (const l of listeners) l(e);
  };
  const unsubscribe = supervisor.subscribe(emit);
  const timers = new Map<string, NodeJS.Timeout>();
  const watchers: FSWatcher[] = [];

  const changed = (relative: string): void => {
    const c = contractByPath(relative);
    if (!c) return;
    clearTimeout(timers.get(relative));
    timers.set(
      relative,
      setTimeout(() => {
        timers.delete(relative);
        const at = new Date().toISOString();
        if (c.kind === 'document') emit({ type: 'document', at, path: c.path });
        else if (store.exists(c)) emit({ type: 'ledger', at, path: c.path, rows: store.ledger(c).count() });
      }, debounceMs),
    );
  };

  const unwatch: (() => void)[] = [];
  if (store.kind === 'postgres') for (const c of CONTRACTS) unwatch.push(store.watch(c, () => changed(c.path), { debounceMs: 0 }));
  else for (const dir of ['state', 'runtime']) {
    const abs = join(home, dir);
    mkdirSync(abs, { recursive: true });
    try {
      const w = watch(abs, { persistent: false }, (_e, name) => name && changed(`${dir}/${String(name)}`));
      w.on('error', () => w.close());
      watchers.push(w);
    } catch {
      // no inotify: clients still get the periodic status snapshots
    }
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      unsubscribe();
      for (const w of watchers) w.close();
      for (const u of unwatch) u();
      for (const t of timers.values()) clearTimeout(t);
      listeners.clear();
    },
  };
}
