/**
 * Agents left running by a guardian that died (SIGKILL, OOM): the next guardian asks them to stop
 * and, when one is still computing a long tick after a grace period, kills it. Until it exits an
 * orphan holds its agent's single-instance lock, so the new guardian's copy of that agent cannot
 * start; and `neolight stop` must leave no process of the data directory behind. Killing is safe:
 * every agent is crash-safe by design (each write atomic, each ledger row keyed).
 */
import type { Logger } from '../log/logger.js';
import { isPidAlive } from '../store/lock.js';
import { commandOf } from './port-owner.js';

/** How long an orphan may finish its tick after SIGTERM before it is killed. */
export const ORPHAN_GRACE_MS = 10_000;

/** Only a live process whose command line is one of our agents or agent hosts: a recycled pid is left alone. */
const isOurAgent = (pid: number): boolean => isPidAlive(pid) && /main\.js (?:agent [a-z0-9_]+|agent-host --host [a-z0-9_]+)/.test(commandOf(pid));

export interface OrphanStop {
  /** Kill, now, the orphans still alive (called when the guardian stops before the grace ends). */
  finish(): void;
}

export function stopOrphans(pids: readonly number[], log: Logger, graceMs = ORPHAN_GRACE_MS): OrphanStop {
  const signalled = pids.filter(isOurAgent);
  for (const pid of signalled) {
    log.warn({ pid }, `stopping orphaned agent pid ${pid} of the dead guardian`);
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  let done = signalled.length === 0;
  const finish = (): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    for (const pid of signalled.filter(isOurAgent)) {
      log.warn({ pid, grace_ms: graceMs }, `orphaned agent pid ${pid} still runs ${graceMs / 1000} s after SIGTERM: killed`);
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // exited meanwhile
      }
    }
  };
  const timer = setTimeout(finish, graceMs);
  timer.unref();
  return { finish };
}
