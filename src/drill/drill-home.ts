/**
 * Data directories for the drill: a fresh temp dir with a config file that makes the trader
 * trade often (small drift threshold, one-minute ticks, a million USD so orders are many shares,
 * risk documents refreshed on a cadence the real machine can keep at a high time scale),
 * so that a book check after hundreds of kills has hundreds of fills to replay.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DRILL_EQUITY = 1_000_000;

export const BUSY_CONFIG = {
  NEOLIGHT_STARTING_EQUITY: DRILL_EQUITY,
  trader: { interval_seconds: 60, drift_threshold: 0.0005 },
  // At ×6000 a 60 s risk interval is 10 ms of real time: on a loaded 2-core machine the risk
  // documents would look stale (fail closed: reduce-only) nearly all the time and the trader would
  // barely trade. An hour of market time (0.6 s real) keeps them fresh between kills.
  risk: { rebalance_threshold: 0.001, allocator_interval: 60, governor_interval: 3600, drawdown_interval: 3600 },
};

export function makeDrillHome(part: string, config: Record<string, unknown> = BUSY_CONFIG): string {
  const home = mkdtempSync(join(tmpdir(), `neolight-drill-${part}-`));
  writeFileSync(join(home, 'neolight.config.json'), `${JSON.stringify(config, null, 2)}\n`);
  return home;
}

/** Remove a drill home unless the user asked to keep it for inspection. */
export function cleanup(home: string, keep: boolean): void {
  if (!keep) rmSync(home, { recursive: true, force: true });
}
