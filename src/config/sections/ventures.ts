/**
 * The `ventures` section of the config file: one strict object per revenue agent, each with the
 * settings every venture shares (budget, approval threshold, per-item cap, margin, interval) and,
 * where it has them, its own. Every key is optional; each venture documents its defaults.
 * `budget_usd` and `budget_fraction` are alternatives: giving both is an error.
 */
import { z } from 'zod';

const pos = z.number().positive();

export const ventureBaseShape = {
  /** false keeps the agent out of the mesh. */
  enabled: z.boolean().optional(),
  /** Capital at work at most, USD. */
  budget_usd: pos.optional(),
  /** Capital at work at most, as a fraction of the mesh's equity (0–1]. */
  budget_fraction: pos.max(1).optional(),
  /** A single spend above this (USD) waits in the approval queue. */
  approval_above_usd: z.number().min(0).optional(),
  /** Hours a queued approval waits before it is dropped. */
  approval_ttl_hours: pos.max(24 * 30).optional(),
  /** Per-item cap before the risk scaler, USD. */
  item_cap_usd: pos.optional(),
  /** Minimum expected profit as a fraction of all-in cost. */
  min_margin: z.number().min(0).max(10).optional(),
  /** Market seconds between cycles. */
  interval: pos.optional(),
};

const oneBudget = (v: { budget_usd?: number | undefined; budget_fraction?: number | undefined }) => !(v.budget_usd !== undefined && v.budget_fraction !== undefined);
const budgetMessage = { message: 'give budget_usd or budget_fraction, not both', path: ['budget_usd'] };

export const ventureBaseSchema = z.strictObject(ventureBaseShape).refine(oneBudget, budgetMessage);
export type VentureBaseSettings = z.infer<typeof ventureBaseSchema>;

/**
 * The content agent spends no capital, so it has no budget, cap or margin: its only risk control is
 * the weekly production time budget (`hours_per_week`, person-hours of scripting, recording and
 * editing; default 20).
 */
const noCapital = z.custom<undefined>((v) => v === undefined, { message: 'none: the content agent spends no capital (its risk control is hours_per_week)' }).optional();
export const contentAgentSchema = z.strictObject({
  enabled: ventureBaseShape.enabled,
  approval_ttl_hours: ventureBaseShape.approval_ttl_hours,
  interval: ventureBaseShape.interval,
  hours_per_week: pos.max(168).optional(),
  // Named so that an attempt fails with the reason, and so every venture's object has the capital keys' types.
  budget_usd: noCapital,
  budget_fraction: noCapital,
  approval_above_usd: noCapital,
  item_cap_usd: noCapital,
  min_margin: noCapital,
});
export type ContentAgentSettings = z.infer<typeof contentAgentSchema>;
/** Dropshipping's own keys (defaults in docs/ventures.md and src/ventures/dropship/settings.ts). */
export const dropshipSchema = z
  .strictObject({
    ...ventureBaseShape,
    /** Where the listings sell: its fee schedule (Shopify Payments 2.9 % + 30¢, eBay ≈13 % + 40¢). */
    platform: z.enum(['shopify', 'ebay']).optional(),
    /** Expected share of orders returned and refunded. */
    return_rate: z.number().min(0).max(0.9).optional(),
    /** Advertising spent per sale, USD. */
    ad_cost_per_sale_usd: z.number().min(0).optional(),
    /** Units each listing may have in flight: its inventory exposure is this × unit cost. */
    units_per_listing: z.number().int().min(1).max(1000).optional(),
    /** Net margin on the price a listing must reach, and must not exceed (implausible supplier data). */
    min_sale_margin: z.number().min(0).max(1).optional(),
    max_sale_margin: z.number().min(0).max(1).optional(),
  })
  .refine(oneBudget, budgetMessage);

/** Ticket arbitrage's own keys (defaults in docs/ventures.md and src/ventures/tickets/settings.ts). */
export const ticketsSchema = z
  .strictObject({
    ...ventureBaseShape,
    /** Secondary marketplace seller fee as a fraction of the sale. */
    seller_fee: z.number().min(0).max(0.5).optional(),
    /** Expected loss from failed ticket transfers, as a fraction of the sale. */
    delivery_risk: z.number().min(0).max(0.5).optional(),
    /** Most money at work on one event, USD. */
    per_event_budget_usd: pos.optional(),
    /** Queue primary (face-value) purchases for a person's approval; never bought by software alone. */
    primary_enabled: z.boolean().optional(),
    /** Days before the event when markdowns start. */
    markdown_days: pos.max(60).optional(),
    /**
     * Event id of state/event_schedule.json → the StubHub event its lots are listed on (paper/live mode
     * with the StubHub credentials), with the seating StubHub requires on a listing; lots of other events list on the simulator.
     */
    stubhub_events: z
      .record(
        z.string().min(1),
        z.strictObject({
          event_id: z.number().int().positive('must be a StubHub event id (a positive whole number)'),
          section: z.string().min(1, 'must name the section of the seats'),
          row: z.string().min(1).optional(),
          /** StubHub's ticket type of the lots (default ETicket). */
          ticket_type: z.string().min(1).optional(),
        }),
      )
      .optional(),
    /** true: listings are published on StubHub; false (default): created unpublished for a person to publish. */
    stubhub_publish_listings: z.boolean().optional(),
  })
  .refine(oneBudget, budgetMessage);

/** The resale ventures (collectibles, luxury) add their margin of safety below the net value. */
const resaleShape = {
  ...ventureBaseShape,
  /** Fraction of an item's net resale value kept back: the agent pays at most (1 − this) of it, all in. */
  safety_margin: z.number().min(0).max(0.9).optional(),
};

/** Collectibles add where they list on StockX (paper/live mode with the StockX credentials; docs/ventures.md). */
export const collectiblesSchema = z
  .strictObject({
    ...resaleShape,
    /** Catalogue reference → StockX variant id (a UUID from the StockX Catalog API): items of these references are listed on StockX. */
    stockx_variants: z.record(z.string().min(1), z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a StockX variant id such as 98e2e748-8000-45bf-a624-5531d6a68318')).optional(),
    /** true: asks go live on StockX; false (default): they are placed inactive for a person to activate. */
    stockx_active_listings: z.boolean().optional(),
  })
  .refine(oneBudget, budgetMessage);
/** eBay ConditionEnum values a pre-owned luxury item can be listed under (Sell Inventory API v1, InventoryItem.condition). */
export const EBAY_CONDITIONS = ['NEW', 'NEW_OTHER', 'LIKE_NEW', 'USED_EXCELLENT', 'USED_VERY_GOOD', 'USED_GOOD', 'USED_ACCEPTABLE'] as const;
const ebayPolicyId = z.string().regex(/^\d{1,19}$/, 'must be an eBay business policy id (digits, from the Account API or Seller Hub)');
/** Luxury add where they list on eBay (paper/live mode with an eBay User token; docs/ventures.md). */
export const luxuryEbaySchema = z.strictObject({
  /** The seller's inventory location (createInventoryLocation), required by eBay to publish an offer. */
  merchant_location_key: z.string().regex(/^[A-Za-z0-9_-]{1,36}$/, 'must be a merchantLocationKey (letters, digits, _ and -, at most 36)'),
  fulfillment_policy_id: ebayPolicyId,
  payment_policy_id: ebayPolicyId,
  return_policy_id: ebayPolicyId,
  /** Catalogue reference → how it is listed on eBay: items of these references are listed there. */
  listings: z.record(
    z.string().min(1),
    z.strictObject({
      category_id: z.string().regex(/^\d{1,10}$/, 'must be an eBay category id such as 31387 (Wristwatches)'),
      /** At least one https image: eBay refuses to publish an offer without one. */
      image_urls: z.array(z.url({ protocol: /^https$/, error: 'must be an https:// URL' })).min(1).max(24),
      /** Item specifics (Brand, Model, Reference Number, ...): name → values. */
      aspects: z.record(z.string().min(1).max(65), z.array(z.string().min(1).max(65)).min(1)).optional(),
      condition: z.enum(EBAY_CONDITIONS).optional(),
      /** The listing's description (HTML allowed by eBay); default: the catalogue title and the authentication note. */
      description: z.string().min(1).max(500_000).optional(),
    }),
  ),
});
export type LuxuryEbaySettings = z.infer<typeof luxuryEbaySchema>;
export const luxurySchema = z.strictObject({ ...resaleShape, ebay: luxuryEbaySchema.optional() }).refine(oneBudget, budgetMessage);
/** The betting agent's own settings beside the shared ones. */
export const sportsBettingSchema = z
  .strictObject({
    ...ventureBaseShape,
    /** Model probability must exceed the de-margined (Shin) price by at least this much (0.03 = 3 points). */
    min_edge: z.number().min(0).max(0.5).optional(),
    /** Fraction of full Kelly staked (0.25 = quarter Kelly). */
    kelly_fraction: pos.max(1).optional(),
    /** Most staked on one market, USD. */
    market_cap_usd: pos.optional(),
    /** Most staked per calendar day (UTC), USD. */
    day_cap_usd: pos.optional(),
    /** Betfair: real bets are placed only when this is true (default false). */
    live_betting: z.boolean().optional(),
    /** Betfair: commission on net market winnings (the account's Market Base Rate). */
    commission: z.number().min(0).max(0.2).optional(),
    /** Betfair: most placements in any rolling hour. */
    max_transactions_per_hour: z.number().int().positive().optional(),
    /** Bet sizing: kelly (fractional Kelly, the default) or learned-if-better (the learned policy only while state/sports_models/sizing.json shows it beat fractional Kelly out of sample by sizing_margin). */
    sizing: z.enum(['kelly', 'learned-if-better']).optional(),
    /** Out-of-sample log-growth lead the learned policy needs over fractional Kelly to be used (default 0.02). */
    sizing_margin: z.number().min(0).max(10).optional(),
  })
  .refine(oneBudget, budgetMessage);
export type SportsBettingSettings = z.infer<typeof sportsBettingSchema>;

export const venturesSectionSchema = z.strictObject({
  dropship_agent: dropshipSchema.optional(),
  ticket_arbitrage: ticketsSchema.optional(),
  collectibles_agent: collectiblesSchema.optional(),
  luxury_agent: luxurySchema.optional(),
  sports_analytics: ventureBaseSchema.optional(),
  sports_betting: sportsBettingSchema.optional(),
  content_agent: contentAgentSchema.optional(),
  healthcare_agent: ventureBaseSchema.optional(),
});
export type VenturesSection = z.infer<typeof venturesSectionSchema>;
export type VentureName = keyof VenturesSection;
