/** Dropshipping's settings in force: the shared venture settings plus its own keys, each with its documented default. */
import type { Config } from '../../config/config.js';
import { configSection } from '../../config/config.js';
import { venturesSectionSchema } from '../../config/sections/ventures.js';
import { toCents } from '../../core/venue.js';
import type { VentureDefaults } from '../shared/settings.js';
import type { Platform } from './fees.js';

export const DROPSHIP_DEFAULTS: VentureDefaults = {
  budgetUsd: 2_000,
  approvalAboveUsd: 500,
  approvalTtlHours: 24,
  itemCapUsd: 400,
  // Profit over exposure at cost; the sale-margin band below is the specification's 15–60 %.
  minMargin: 0.15,
  intervalSeconds: 3_600,
};

export interface DropshipOwnSettings {
  readonly platform: Platform;
  readonly returnRate: number;
  readonly adCostPerSaleCents: number;
  readonly unitsPerListing: number;
  readonly saleMargin: { readonly min: number; readonly max: number };
}

export const DROPSHIP_OWN_DEFAULTS: DropshipOwnSettings = {
  platform: 'shopify',
  returnRate: 0.175,
  adCostPerSaleCents: 400,
  unitsPerListing: 5,
  saleMargin: { min: 0.15, max: 0.6 },
};

export function dropshipOwnSettings(config: Config): DropshipOwnSettings {
  const s = configSection(config, 'ventures', venturesSectionSchema.optional())?.dropship_agent;
  const d = DROPSHIP_OWN_DEFAULTS;
  return {
    platform: s?.platform ?? d.platform,
    returnRate: s?.return_rate ?? d.returnRate,
    adCostPerSaleCents: s?.ad_cost_per_sale_usd !== undefined ? toCents(s.ad_cost_per_sale_usd) : d.adCostPerSaleCents,
    unitsPerListing: s?.units_per_listing ?? d.unitsPerListing,
    saleMargin: { min: s?.min_sale_margin ?? d.saleMargin.min, max: s?.max_sale_margin ?? d.saleMargin.max },
  };
}
