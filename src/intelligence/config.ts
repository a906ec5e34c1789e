/**
 * The `intelligence` section of the config file: the tradable universe the weights bridge accepts
 * and the orchestrator's volatility target. The composition root may also pass the universe as
 * the `universe` port (a string array, e.g. from the market's instrument catalogue); it wins.
 */
import type { AgentPorts } from '../core/ports.js';
import { configSection, type Config } from '../config/config.js';
import { intelligenceSectionSchema, type IntelligenceSection } from '../config/sections/intelligence.js';
import { SYMBOLS } from '../market/instruments.js';

/** The specification's asset list (crypto, equities, commodities, forex), as the instrument catalogue names it. */
export const DEFAULT_UNIVERSE: readonly string[] = SYMBOLS;

export function intelligenceSection(config: Config): IntelligenceSection {
  return configSection(config, 'intelligence', intelligenceSectionSchema);
}

export function universeOf(config: Config, ports: AgentPorts): string[] {
  if (ports.universe && ports.universe.length > 0) return [...ports.universe];
  return intelligenceSection(config).universe ?? [...DEFAULT_UNIVERSE];
}
