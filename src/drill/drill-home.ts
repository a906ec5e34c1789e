/**
 * Data directories for the drill: a fresh temp dir with a config file that makes the trader
 * trade often (small drift threshold, one-minute ticks, a million USD so orders are many shares),
 * so that a book check after hundreds of kills has hundreds of fills to replay.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DRILL_EQUITY = 1_000_000;

export const BUSY_CONFIG = {
  NEOLIGHT_STARTING_EQUITY: DRILL_EQUITY,
  trader: { interval_seconds: 60, drift_threshold: 0.0005 },
  risk: { rebalance_threshold: 0.001, allocator_interval: 60 },
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
