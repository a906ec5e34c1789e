/** The resale ventures' own setting: the margin of safety from `ventures.<agent>.safety_margin`, else the default. */
import type { Config } from '../../config/config.js';
import { configSection } from '../../config/config.js';
import { venturesSectionSchema } from '../../config/sections/ventures.js';

export function safetyMargin(config: Config, agent: 'collectibles_agent' | 'luxury_agent', fallback: number): number {
  return configSection(config, 'ventures', venturesSectionSchema.optional())?.[agent]?.safety_margin ?? fallback;
}
