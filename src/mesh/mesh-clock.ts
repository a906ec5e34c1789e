/**
 * One market clock for the whole mesh. Every process computes market time from the same anchor
 * (market epoch, real epoch, scale), passed to children in the environment, so the simulated
 * market is identical everywhere. The anchor is kept in runtime/clock.json so a restarted mesh
 * continues market time where it stopped instead of going back in time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { scaledClock, type Clock } from '../core/clock.js';
import { writeFileAtomic } from '../store/atomic.js';

const anchorSchema = z.object({
  scale: z.number().positive(),
  market_epoch_ms: z.number(),
  real_epoch_ms: z.number(),
  /** Last real time the guardian confirmed the clock was running. */
  updated_real_ms: z.number(),
});
export type ClockAnchor = z.infer<typeof anchorSchema>;

export const ENV_MARKET_EPOCH = 'NEOLIGHT_MARKET_EPOCH_MS';
export const ENV_REAL_EPOCH = 'NEOLIGHT_REAL_EPOCH_MS';

const anchorPath = (home: string): string => join(home, 'runtime', 'clock.json');

function readAnchor(home: string): ClockAnchor | undefined {
  try {
    const r = anchorSchema.safeParse(JSON.parse(readFileSync(anchorPath(home), 'utf8')));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/** Start (or continue) the mesh clock: market time never goes backwards across restarts. */
export function startMeshClock(home: string, scale: number, realNow = Date.now()): ClockAnchor {
  const prev = readAnchor(home);
  const prevMarketNow = prev ? prev.market_epoch_ms + (prev.updated_real_ms - prev.real_epoch_ms) * prev.scale : 0;
  const anchor = { scale, market_epoch_ms: Math.max(realNow, prevMarketNow), real_epoch_ms: realNow, updated_real_ms: realNow };
  writeFileAtomic(anchorPath(home), JSON.stringify(anchor));
  return anchor;
}

export function touchMeshClock(home: string, anchor: ClockAnchor, realNow = Date.now()): void {
  writeFileAtomic(anchorPath(home), JSON.stringify({ ...anchor, updated_real_ms: realNow }));
}

/** Market time now on the mesh's clock (runtime/clock.json), or real time when no mesh has run here. */
export function meshNow(home: string, realNow = Date.now()): number {
  const a = readAnchor(home);
  return a ? a.market_epoch_ms + (realNow - a.real_epoch_ms) * a.scale : realNow;
}

export function clockOf(anchor: ClockAnchor): Clock {
  return scaledClock(anchor.scale, anchor.market_epoch_ms, anchor.real_epoch_ms);
}

export function anchorEnv(anchor: ClockAnchor): Record<string, string> {
  return { [ENV_MARKET_EPOCH]: String(anchor.market_epoch_ms), [ENV_REAL_EPOCH]: String(anchor.real_epoch_ms) };
}

/** The clock a child process should use: the guardian's anchor when supervised, else real time scaled from now. */
export function clockFromEnv(scale: number, env: NodeJS.ProcessEnv = process.env): Clock {
  const m = Number(env[ENV_MARKET_EPOCH]);
  const r = Number(env[ENV_REAL_EPOCH]);
  return Number.isFinite(m) && Number.isFinite(r) && env[ENV_MARKET_EPOCH] && env[ENV_REAL_EPOCH] ? scaledClock(scale, m, r) : scaledClock(scale);
}
