/**
 * Heartbeats: each running agent writes its heartbeat document (runtime/agents/<name>.json, or its
 * row in the PostgreSQL store) after every tick (pid, host, tick count, errors, last tick time and
 * duration), so the guardian, `neolight status`, the status API and /metrics show liveness without
 * talking to the agent process, and, with a shared store, from any host.
 */
import { heartbeatDocument, type Heartbeat } from '../contracts/guardian.js';
import type { MeshAgent } from '../contracts/status.js';

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

/** The lock every running agent holds (runtime.ts): its holder is the agent's live process. */
export const agentLockName = (agent: string): string => `agent-${agent}`;

/** Every named agent as the store sees it: running when a process holds its lock; its last heartbeat. */
export function meshAgents(store: StateStore, names: readonly string[]): MeshAgent[] {
  return names.map((name) => {
    const hb = readHeartbeat(store, name);
    const owner = store.lockOwner(agentLockName(name)) ?? null;
    return {
      name,
      running: owner !== null,
      owner,
      hostname: hb?.hostname ?? null,
      pid: hb?.pid ?? null,
      ticks: hb?.ticks ?? 0,
      errors: hb?.errors ?? 0,
      last_tick_at: hb?.last_tick_at ?? null,
      last_error: hb?.last_error ?? null,
    };
  });
}
