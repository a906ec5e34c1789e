/**
 * The `intelligence` section of the config file: the tradable universe the weights bridge accepts
 * and the orchestrator's volatility target. The composition root may also pass the universe as
 * the `universe` port (a string array, e.g. from the market's instrument catalogue); it wins.
 */
import type { AgentPorts } from '../core/ports.js';
import { z } from 'zod';
import { configSection, type Config } from '../config/config.js';
import { SYMBOLS } from '../market/instruments.js';

/** The specification's asset list (crypto, equities, commodities, forex), as the instrument catalogue names it. */
export const DEFAULT_UNIVERSE: readonly string[] = SYMBOLS;

export const intelligenceSectionSchema = z.object({
  universe: z.array(z.string().min(1)).min(1).optional(),
  /** Annualised volatility target of the orchestrator's volatility targeting. */
  target_vol: z.number().positive().max(5).optional(),
  /** Symbols whose bars stand in for the portfolio when the equity curve is too short. */
  proxy_symbols: z.array(z.string().min(1)).min(1).optional(),
  /** An input older than this many market seconds counts as stale. */
  stale_after: z.number().positive().optional(),
});

export function intelligenceSection(config: Config): z.infer<typeof intelligenceSectionSchema> {
  return configSection(config, 'intelligence', intelligenceSectionSchema);
}

export function universeOf(config: Config, ports: AgentPorts): string[] {
  if (ports.universe && ports.universe.length > 0) return [...ports.universe];
  return intelligenceSection(config).universe ?? [...DEFAULT_UNIVERSE];
}
