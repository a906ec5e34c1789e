/** Reading a venture's risk view from the store each cycle (the I/O edge of risk-view.ts). */
import type { Config } from '../../config/config.js';
import { traderConfig } from '../../config/trader.js';
import { atlasBrain } from '../../contracts/brain.js';
import type { Logger } from '../../log/logger.js';
import { riskStateReader } from '../../risk/sources.js';
import type { StateStore } from '../../store/file-store.js';
import { ventureRiskView, type VentureRisk } from './risk-view.js';

/** A reader of the venture's risk view at market time `nowMs`; logs when the restriction changes. */
export function ventureRiskReader(store: StateStore, config: Config, log: Logger): (nowMs: number) => VentureRisk {
  const combined = riskStateReader(store, config, log);
  const missing = traderConfig(config).missing_brain_scaler;
  return (nowMs) => {
    const brain = store.read(atlasBrain);
    return ventureRiskView(combined(nowMs), brain.ok ? brain.value?.risk_scaler : undefined, missing);
  };
}
