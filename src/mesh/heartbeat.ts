/**
 * Heartbeats: each running agent writes its heartbeat document (runtime/agents/<name>.json, or its
 * row in the PostgreSQL store) after every tick (pid, host, tick count, errors, last tick time and
 * duration), so the guardian, `neolight status`, the status API and /metrics show liveness without
 * talking to the agent process, and, with a shared store, from any host.
 */
import { heartbeatDocument, type Heartbeat } from '../contracts/guardian.js';

export type { Heartbeat } from '../contracts/guardian.js';
import type { StateStore } from '../store/state-store.js';


export function writeHeartbeat(store: StateStore, hb: Heartbeat): void {
  store.write(heartbeatDocument(hb.agent), hb);
}

export function readHeartbeat(store: StateStore, agent: string): Heartbeat | undefined {
  try {
    return store.get(heartbeatDocument(agent));
  } catch {
    return undefined;
  }
}
