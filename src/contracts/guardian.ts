/** `runtime/.guardian.lock`: who holds the data directory's single Guardian instance. */
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
