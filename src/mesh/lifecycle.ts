/**
 * A supervised child's lifecycle as data: a transition table of (state, trigger) → state, as in
 * NautilusTrader's components. `transition` is pure; the supervisor applies it, logs a rejected
 * trigger and publishes every accepted transition as an event for the status API and dashboard.
 */
import type { AgentState } from '../contracts/status.js';

export type Trigger =
  | 'start' // the supervisor asks for a (re)start
  | 'spawned' // the OS process exists
  | 'exit_clean' // exited 0 and the restart policy says that is normal
  | 'crash' // exited abnormally and will be restarted after a backoff
  | 'give_up' // exited and the restart policy says do not restart
  | 'retry' // the backoff delay elapsed
  | 'stop' // the supervisor is shutting the child down
  | 'terminated'; // the process ended while stopping

export const TRANSITIONS: Record<AgentState, Partial<Record<Trigger, AgentState>>> = {
  stopped: { start: 'starting' },
  failed: { start: 'starting' },
  starting: { spawned: 'running', crash: 'backoff', give_up: 'failed', exit_clean: 'stopped', stop: 'stopping' },
  running: { crash: 'backoff', give_up: 'failed', exit_clean: 'stopped', stop: 'stopping' },
  backoff: { retry: 'starting', stop: 'stopped' },
  stopping: { terminated: 'stopped' },
};

export type TransitionResult = { ok: true; from: AgentState; to: AgentState; trigger: Trigger } | { ok: false; from: AgentState; trigger: Trigger };

export function transition(from: AgentState, trigger: Trigger): TransitionResult {
  const to = TRANSITIONS[from][trigger];
  return to === undefined ? { ok: false, from, trigger } : { ok: true, from, to, trigger };
}
