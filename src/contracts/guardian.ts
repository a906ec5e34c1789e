/**
 * `runtime/.guardian.lock`: who holds the data directory's single Guardian instance; and each
 * running agent's heartbeat, `runtime/agents/<name>.json`.
 */
import { z } from 'zod';
import { defineDocument, isoTime } from './contract.js';

export const lockContent = z.object({
  pid: z.number().int().positive(),
  started_at: isoTime,
  hostname: z.string(),
  /** Port of the status API the owner serves, when it serves one. */
  port: z.number().int().min(1).max(65535).optional(),
  command: z.string().optional(),
});
export type LockContent = z.infer<typeof lockContent>;

export const guardianLock = defineDocument({
  name: 'guardian_lock',
  path: 'runtime/.guardian.lock',
  description: 'Single-instance lock of the Guardian: owner pid, start time, API port.',
  schema: lockContent,
});

export const heartbeatSchema = z.object({
  pid: z.number().int().positive(),
  agent: z.string(),
  /** Host the agent runs on: with a shared (PostgreSQL) store, agents of one mesh run on several. */
  hostname: z.string().optional(),
  started_at: isoTime,
  ticks: z.number().int().min(0),
  errors: z.number().int().min(0),
  last_tick_at: isoTime.nullable(),
  /** Market time of the last tick, ISO. */
  last_tick_market_at: isoTime.nullable(),
  last_tick_ms: z.number().min(0).nullable(),
  tick_ms_sum: z.number().min(0),
  last_error: z.string().nullable(),
  /** Resident memory of the agent process in MB at the end of its last tick. */
  rss_mb: z.number().min(0).optional(),
  /** What the agent said of its last ticks, one line (why a venture bought nothing); absent or null: nothing. */
  note: z.string().max(300).nullable().optional(),
});
export type Heartbeat = z.infer<typeof heartbeatSchema>;

/** The heartbeat document of one agent, written after every tick. */
export function heartbeatDocument(agent: string) {
  return defineDocument({
    name: `heartbeat_${agent}`,
    path: `runtime/agents/${agent}.json`,
    description: `Heartbeat of agent ${agent}: pid, host, ticks, errors, last tick time and duration.`,
    schema: heartbeatSchema,
  });
}
