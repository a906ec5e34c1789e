/**
 * The scheduler: cron-style jobs in MARKET time, run by the guardian as one-shot agent processes
 * (`neolight agent NAME --once`). The specification's schedule_all — orchestrator and knowledge
 * integrator every 4 hours — is the default; the config file's `schedules` section replaces it.
 */
import type { Config } from '../config/config.js';
import { schedulesSchema } from '../config/sections/schedules.js';
import { formatIssues } from '../contracts/contract.js';
import { NeoLightError } from '../core/errors.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../log/logger.js';
import { nextCronTime, parseCron, type CronSpec } from './cron.js';

export interface Job {
  agent: string;
  cron: CronSpec;
  nextAt: number;
}

export function loadSchedules(config: Config, known: readonly string[], log: Logger, now: number): Job[] {
  const parsed = schedulesSchema.safeParse(config.sections.schedules);
  if (!parsed.success) throw new NeoLightError('NL_ERR_BAD_CONFIG', `config schedules: ${formatIssues(parsed.error)}`);
  const raw = parsed.data;
  const jobs: Job[] = [];
  for (const s of raw) {
    if (!known.includes(s.agent)) {
      log.warn({ agent: s.agent }, `schedule for unknown agent "${s.agent}" skipped`);
      continue;
    }
    const cron = parseCron(s.cron);
    jobs.push({ agent: s.agent, cron, nextAt: nextCronTime(cron, now) });
  }
  return jobs;
}

/** Jobs due at market time `now` (pure): each fires once even if several slots passed, then moves on. */
export function dueJobs(jobs: readonly Job[], now: number): { due: Job[]; next: Job[] } {
  const due: Job[] = [];
  const next = jobs.map((j) => {
    if (j.nextAt > now) return j;
    due.push(j);
    return { ...j, nextAt: nextCronTime(j.cron, now) };
  });
  return { due, next };
}

/** Check every real second; returns the stop function. */
export function startScheduler(jobs: Job[], clock: Clock, run: (agent: string) => void): () => void {
  let current = jobs;
  const timer = setInterval(() => {
    const { due, next } = dueJobs(current, clock.now());
    current = next;
    for (const j of due) run(j.agent);
  }, 1000);
  timer.unref();
  return () => clearInterval(timer);
}
