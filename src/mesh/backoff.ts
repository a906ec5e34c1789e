/**
 * Restart policy arithmetic, pure: exponential backoff (2 s doubling, capped at 60 s), the
 * consecutive-failure counter that a healthy run resets, and the OTP restart decision
 * (permanent always restarts, transient only after an abnormal exit, temporary never).
 */

export type RestartPolicy = 'permanent' | 'transient' | 'temporary';

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** A child that stayed up this long counts as healthy: its failure streak starts again. */
  healthyMs: number;
  /** The repair hook runs once when the streak reaches this many consecutive failures. */
  repairAfter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 2000, maxMs: 60_000, healthyMs: 30_000, repairAfter: 3 };

/** Delay before restart number `consecutiveFailures` (1 → 2 s, 2 → 4 s, 3 → 8 s, ... ≤ 60 s). */
export function backoffDelayMs(consecutiveFailures: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const n = Math.max(1, Math.floor(consecutiveFailures));
  // 2^30 is already far past any cap; bounding the exponent keeps the number finite.
  return Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(n - 1, 30));
}

/** Whether an exit is abnormal: any non-zero code, or death by a signal the supervisor did not send. */
export function isAbnormalExit(code: number | null, signal: string | null): boolean {
  return code !== 0 || signal !== null;
}

export function shouldRestart(policy: RestartPolicy, abnormal: boolean): boolean {
  if (policy === 'permanent') return true;
  if (policy === 'transient') return abnormal;
  return false;
}

/** The failure streak after an exit, given how long the child had been up. */
export function nextFailureCount(previous: number, abnormal: boolean, upMs: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const base = upMs >= policy.healthyMs ? 0 : previous;
  return abnormal ? base + 1 : 0;
}
