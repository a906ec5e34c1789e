/** The SmartTrader's `trader` section, parsed with its documented defaults (schema in sections/trader.ts). */
import { configSection, type Config } from './config.js';
import { traderSchema, type TraderConfig } from './sections/trader.js';

export { traderSchema, type TraderConfig };

export function traderConfig(config: Config): TraderConfig {
  return configSection(config, 'trader', traderSchema);
}
