/** Ticket arbitrage's settings in force: the shared venture settings plus its own keys, with their documented defaults. */
import type { Config } from '../../config/config.js';
import { configSection } from '../../config/config.js';
import { venturesSectionSchema } from '../../config/sections/ventures.js';
import { toCents } from '../../core/venue.js';
import type { VentureDefaults } from '../shared/settings.js';
import type { MarkdownRule, ResaleCosts } from './valuation.js';

export const TICKET_DEFAULTS: VentureDefaults = {
  budgetUsd: 3_000,
  approvalAboveUsd: 800,
  approvalTtlHours: 12,
  itemCapUsd: 600,
  // The specification's target is 20–40 % ROI per cycle: buy only at 20 % or more expected.
  minMargin: 0.2,
  intervalSeconds: 3_600,
};

export interface TicketOwnSettings {
  readonly costs: ResaleCosts;
  readonly perEventCents: number;
  readonly primaryEnabled: boolean;
  readonly markdown: MarkdownRule;
}

export const TICKET_OWN_DEFAULTS: TicketOwnSettings = {
  costs: { sellerFee: 0.12, deliveryRisk: 0.02, holdDays: 3 },
  perEventCents: 80_000,
  primaryEnabled: false,
  markdown: { premium: 0.08, markdownDays: 7, floor: 0.8 },
};

export function ticketOwnSettings(config: Config): TicketOwnSettings {
  const s = configSection(config, 'ventures', venturesSectionSchema.optional())?.ticket_arbitrage;
  const d = TICKET_OWN_DEFAULTS;
  return {
    costs: { ...d.costs, sellerFee: s?.seller_fee ?? d.costs.sellerFee, deliveryRisk: s?.delivery_risk ?? d.costs.deliveryRisk },
    perEventCents: s?.per_event_budget_usd !== undefined ? toCents(s.per_event_budget_usd) : d.perEventCents,
    primaryEnabled: s?.primary_enabled ?? d.primaryEnabled,
    markdown: { ...d.markdown, markdownDays: s?.markdown_days ?? d.markdown.markdownDays },
  };
}
