/** The SmartTrader's `trader` section, parsed with its documented defaults (schema in sections/trader.ts). */
import { configSection, type Config } from './config.js';
import { MISSING_BRAIN_SCALER, traderSchema, type TraderConfig } from './sections/trader.js';

export { MISSING_BRAIN_SCALER, traderSchema, type TraderConfig };

export function traderConfig(config: Config): TraderConfig {
  return configSection(config, 'trader', traderSchema);
}
