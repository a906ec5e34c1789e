/**
 * `state/config_rollbacks.csv`: every automatic configuration rollback of the guardian ("AutoPatch"):
 * which agent failed three times in a row under which configuration version, and the version
 * (the last one it ran clean under) the guardian restored.
 */
import { z } from 'zod';
import { csvString, defineLedger, isoTime } from './contract.js';

const version = z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), z.number().int().min(1));

export const configRollbacks = defineLedger({
  name: 'config_rollbacks',
  path: 'state/config_rollbacks.csv',
  description: 'Automatic configuration rollbacks after an agent failed three times in a row following a config change.',
  row: z.object({
    ts: isoTime,
    agent: csvString.min(1),
    from_version: version,
    to_version: version,
    from_sha256: z.string().regex(/^[0-9a-f]{64}$/),
    to_sha256: z.string().regex(/^[0-9a-f]{64}$/),
    reason: csvString,
  }),
});
