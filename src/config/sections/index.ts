/**
 * Every section of the config file, by name, with its strict schema. The loader validates each
 * section against this table at start, so a misspelt or misplaced key fails every command before
 * any agent runs; the owners (trader, risk, intelligence, ...) import their schema from here.
 */
import type { z } from 'zod';
import { intelligenceSectionSchema } from './intelligence.js';
import { knowledgeSectionSchema } from './knowledge.js';
import { riskSectionSchema } from './risk.js';
import { schedulesSchema } from './schedules.js';
import { strategyLabSectionSchema } from './strategy-lab.js';
import { traderSchema } from './trader.js';
import { venturesSectionSchema } from './ventures.js';

export const SECTIONS = {
  trader: traderSchema,
  risk: riskSectionSchema,
  intelligence: intelligenceSectionSchema,
  knowledge: knowledgeSectionSchema,
  strategy_lab: strategyLabSectionSchema,
  schedules: schedulesSchema,
  ventures: venturesSectionSchema,
} as const satisfies Record<string, z.ZodType>;

export type SectionName = keyof typeof SECTIONS;

export function isSectionName(name: string): name is SectionName {
  return Object.hasOwn(SECTIONS, name);
}
