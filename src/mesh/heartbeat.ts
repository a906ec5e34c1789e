/**
 * Heartbeat files: each running agent writes runtime/agents/<name>.json after every tick (pid,
 * tick count, errors, last tick time and duration) so the guardian, `neolight status`, the status
 * API and /metrics can show liveness without talking to the agent process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../store/atomic.js';

export const heartbeatSchema = z.object({
  pid: z.number().int().positive(),
  agent: z.string(),
  started_at: z.iso.datetime({ offset: true }),
  ticks: z.number().int().min(0),
  errors: z.number().int().min(0),
  last_tick_at: z.iso.datetime({ offset: true }).nullable(),
  /** Market time of the last tick, ISO. */
  last_tick_market_at: z.iso.datetime({ offset: true }).nullable(),
  last_tick_ms: z.number().min(0).nullable(),
  tick_ms_sum: z.number().min(0),
  last_error: z.string().nullable(),
  /** Resident memory of the agent process in MB at the end of its last tick. */
  rss_mb: z.number().min(0).optional(),
});
export type Heartbeat = z.infer<typeof heartbeatSchema>;

export function heartbeatPath(home: string, agent: string): string {
  return join(home, 'runtime', 'agents', `${agent}.json`);
}

export function writeHeartbeat(home: string, hb: Heartbeat): void {
  writeFileAtomic(heartbeatPath(home, hb.agent), `${JSON.stringify(hb)}\n`);
}

export function readHeartbeat(home: string, agent: string): Heartbeat | undefined {
  try {
    const parsed = heartbeatSchema.safeParse(JSON.parse(readFileSync(heartbeatPath(home, agent), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
