/**
 * A venture's settings in force: its defaults overlaid by the config file's `ventures.<agent>`
 * section (validated strictly at load, so a misspelt key never gets here), in the units the
 * lifecycle works in (cents, milliseconds).
 */
import type { Config } from '../../config/config.js';
import { configSection } from '../../config/config.js';
import { venturesSectionSchema, type VentureBaseSettings, type VentureName } from '../../config/sections/ventures.js';
import { MS } from '../../core/clock.js';
import { toCents } from '../../core/venue.js';

export interface VentureDefaults {
  budgetUsd?: number;
  budgetFraction?: number;
  approvalAboveUsd: number;
  approvalTtlHours: number;
  itemCapUsd: number;
  minMargin: number;
  /** Market seconds between cycles. */
  intervalSeconds: number;
}

export interface VentureSettings {
  enabled: boolean;
  budget: { budgetUsd?: number; budgetFraction?: number };
  approvalAboveCents: number;
  approvalTtlMs: number;
  itemCapCents: number;
  minMargin: number;
  intervalMs: number;
}

/** The section's own object for `agent` (undefined when the file has none). */
export function ventureSection(config: Config, agent: VentureName): VentureBaseSettings | undefined {
  return configSection(config, 'ventures', venturesSectionSchema.optional())?.[agent];
}

/** Defaults overlaid by the config (pure once the section is read). */
export function resolveVentureSettings(d: VentureDefaults, s: VentureBaseSettings | undefined): VentureSettings {
  const fixed = s?.budget_usd ?? (s?.budget_fraction === undefined ? d.budgetUsd : undefined);
  const fraction = s?.budget_fraction ?? (s?.budget_usd === undefined && fixed === undefined ? d.budgetFraction : undefined);
  return {
    enabled: s?.enabled ?? true,
    budget: { ...(fixed !== undefined ? { budgetUsd: fixed } : {}), ...(fraction !== undefined ? { budgetFraction: fraction } : {}) },
    approvalAboveCents: toCents(s?.approval_above_usd ?? d.approvalAboveUsd),
    approvalTtlMs: (s?.approval_ttl_hours ?? d.approvalTtlHours) * MS.hour,
    itemCapCents: toCents(s?.item_cap_usd ?? d.itemCapUsd),
    minMargin: s?.min_margin ?? d.minMargin,
    intervalMs: (s?.interval ?? d.intervalSeconds) * MS.second,
  };
}

export function ventureSettings(config: Config, agent: VentureName, d: VentureDefaults): VentureSettings {
  return resolveVentureSettings(d, ventureSection(config, agent));
}
