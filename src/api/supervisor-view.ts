/**
 * What the status API needs from the running guardian: the agents' live status and a stream of
 * mesh events. The guardian implements it; API tests implement it with a plain fake.
 */
import type { AgentStatus, MeshEvent } from '../contracts/status.js';
import type { Mode } from '../contracts/contract.js';

export interface SupervisorView {
  readonly pid: number;
  /** ISO time the guardian started. */
  readonly startedAt: string;
  readonly mode: Mode;
  /** True when any venue in use is simulated. */
  readonly simulated: boolean;
  agents(): AgentStatus[];
  /** Subscribe to agent transitions and store changes; returns the unsubscribe function. */
  subscribe(listener: (event: MeshEvent) => void): () => void;
}
