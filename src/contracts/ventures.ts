/** Documents and ledgers of the revenue agents, with the specification's exact file names. */
import { z } from 'zod';
import { csvNonNegative, csvNumber, csvString, defineDocument, defineLedger, isoTime, mode } from './contract.js';

const money = z.number().refine(Number.isFinite, 'must be a finite number');
const positiveMoney = z.number().positive();
const nonNegativeMoney = z.number().min(0).refine(Number.isFinite, 'must be a finite number');

export const dropshipListings = defineDocument({
  name: 'dropship_listings',
  path: 'state/dropship_listings.json',
  description: 'Active dropshipping listings with supplier cost, price and margin.',
  schema: z.object({
    updated_at: isoTime,
    simulated: z.boolean(),
    /** The marketplace's event cursor: orders before it are booked in state/dropship_profit.csv. */
    cursor: z.string().optional(),
    listings: z.array(
      z.object({
        id: z.string().min(1),
        product_id: z.string().min(1),
        title: z.string().min(1),
        supplier: z.string(),
        platform: z.string(),
        cost: positiveMoney,
        price: positiveMoney,
        margin: z.number().min(-1).max(1),
        status: z.enum(['draft', 'active', 'paused', 'retired']),
        /** The store's id of the listing (null while a draft). */
        listing_id: z.string().nullable().optional(),
        /** Units in flight the listing may have, and its exposure (units × cost), USD. */
        units: z.number().int().positive().optional(),
        exposure: z.number().min(0).optional(),
        /** Advertising per sale the valuation assumed, USD. */
        ad_cost: z.number().min(0).optional(),
        listed_at: isoTime.nullable().optional(),
      }),
    ),
  }),
});

export const dropshipProfit = defineLedger({
  name: 'dropship_profit',
  path: 'state/dropship_profit.csv',
  description: 'Dropshipping P&L per order.',
  row: z.object({
    ts: isoTime,
    mode,
    order_id: csvString.min(1),
    listing_id: csvString.min(1),
    revenue: csvNumber,
    cost: csvNonNegative,
    fees: csvNonNegative,
    profit: csvNumber,
    status: z.enum(['fulfilled', 'refunded', 'chargeback']),
  }),
});

export const ticketArbitrage = defineLedger({
  name: 'ticket_arbitrage',
  path: 'state/ticket_arbitrage.csv',
  description:
    'Ticket arbitrage transactions: buy (price per ticket, buyer fees), list (ask per ticket), sell (price per ticket, seller fees, pnl against the all-in cost), refund (a cancelled event), expired (unsold at the door, pnl = −cost), reversal (a sale the marketplace cancelled: its price and seller fees back, pnl = −the sale\'s pnl). The key names the lot.',
  row: z.object({
    ts: isoTime,
    mode,
    event_id: csvString.min(1),
    action: z.enum(['buy', 'list', 'sell', 'refund', 'expired', 'reversal']),
    qty: csvNumber.refine((n) => Number.isInteger(n) && n > 0, 'must be a positive whole number'),
    price: csvNonNegative,
    fees: csvNonNegative,
    pnl: csvNumber,
  }),
});

export const ticketInventory = defineDocument({
  name: 'ticket_inventory',
  path: 'state/ticket_inventory.json',
  description: 'Ticket lots of the arbitrage agent: bought, listed, sold, refunded or expired; a projection of state/ticket_arbitrage.csv plus purchases in flight.',
  schema: z.object({
    updated_at: isoTime,
    simulated: z.boolean(),
    /** The marketplace's event cursor: sales and refunds before it are booked. */
    cursor: z.string().optional(),
    lots: z.array(
      z.object({
        id: z.string().min(1),
        event_id: z.string().min(1),
        offer_id: z.string().min(1),
        qty: z.number().int().positive(),
        primary: z.boolean(),
        /** Price per ticket and buyer fees of the lot, USD; cost is the lot all-in. */
        unit_price: positiveMoney,
        buyer_fees: z.number().min(0),
        cost: positiveMoney,
        /** buying: sent to the venue, not yet booked (a restart re-sends it with the same client id). */
        status: z.enum(['buying', 'held', 'listed', 'sold', 'refunded', 'expired', 'rejected']),
        listing_id: z.string().nullable(),
        /** Ask per ticket while listed, USD. */
        ask: positiveMoney.nullable(),
        starts_at: isoTime,
        bought_at: isoTime.nullable(),
        /** Listings whose sale the marketplace cancelled after reporting it (the lot came back each time), oldest first. */
        reversed_listings: z.array(z.string()).optional(),
      }),
    ),
  }),
});

export const sportsPredictions = defineDocument({
  name: 'sports_predictions',
  path: 'state/sports_predictions.json',
  description: 'Match outcome probabilities from the sports analytics models, with their walk-forward validation on real data beside the target.',
  schema: z.object({
    updated_at: isoTime,
    model: z.string().min(1),
    validation: z.object({
      accuracy: z.number().min(0).max(1),
      log_loss: z.number().min(0),
      matches: z.number().int().min(0),
      /** Optional additions: the specification's target beside the measured accuracy, never asserted. */
      target_accuracy: z.number().min(0).max(1).optional(),
      brier: z.number().min(0).optional(),
      baseline_accuracy: z.number().min(0).max(1).optional(),
      seasons: z.string().optional(),
      calibration: z.array(z.object({ from: z.number(), to: z.number(), n: z.number().int().min(0), predicted: z.number(), observed: z.number() })).optional(),
    }),
    /** True when the fixtures are the simulator's (the model and its validation are real either way). */
    simulated: z.boolean().optional(),
    predictions: z.array(
      z
        .object({
          match_id: z.string().min(1),
          sport: z.string().min(1),
          home: z.string().min(1),
          away: z.string().min(1),
          kickoff: isoTime,
          p_home: z.number().min(0).max(1),
          p_draw: z.number().min(0).max(1),
          p_away: z.number().min(0).max(1),
          league: z.string().optional(),
        })
        .refine((p) => Math.abs(p.p_home + p.p_draw + p.p_away - 1) < 1e-6, { message: 'probabilities must sum to 1', path: ['p_home'] }),
    ),
  }),
});

const sportsModelSchema = z.object({
  updated_at: isoTime,
  sport: z.enum(['nfl', 'football']),
  data: z.string().min(1),
  fitted_through: z.string(),
  tuning: z.record(z.string(), z.object({ params: z.record(z.string(), z.union([z.number(), z.boolean()])), seasons: z.tuple([z.number(), z.number()]).nullable(), candidates: z.number().int(), log_loss: z.number().nullable() })),
  /** League → team → Elo rating at the end of the data. */
  elo_ratings: z.record(z.string(), z.record(z.string(), z.number())),
});

export const sportsModelFootball = defineDocument({
  name: 'sports_model_football',
  path: 'state/sports_models/football.json',
  description: 'The football models (Elo, Dixon-Coles): tuned parameters, the seasons they were tuned on, and the ratings.',
  schema: sportsModelSchema,
});

export const sportsModelNfl = defineDocument({
  name: 'sports_model_nfl',
  path: 'state/sports_models/nfl.json',
  description: 'The NFL Elo model: tuned parameters, the seasons they were tuned on, and the ratings.',
  schema: sportsModelSchema,
});

export const sportsBetting = defineDocument({
  name: 'sports_betting',
  path: 'state/sports_betting.json',
  description: 'The betting agent\'s book: bankroll curve, open bets, yield and closing-line value.',
  schema: z.object({
    updated_at: isoTime,
    simulated: z.boolean(),
    bankroll: money,
    staked: nonNegativeMoney,
    settled_bets: z.number().int().min(0),
    /** Net P&L over settled stakes. */
    yield: z.number().nullable(),
    /** Mean of odds taken / closing odds − 1 over settled bets with a known closing price. */
    clv: z.number().nullable(),
    open_bets: z.array(z.object({ bet_id: z.string(), match_id: z.string(), venue: z.string(), selection: z.enum(['home', 'draw', 'away']), decimal_odds: z.number(), stake: nonNegativeMoney, placed_at: isoTime })),
    bankroll_curve: z.array(z.object({ ts: isoTime, bankroll: money })),
    /** Optional: the latest settled bets whose venue knows the closing price, odds taken beside it (the CLV behind `clv`). */
    clv_bets: z.array(z.object({ bet_id: z.string(), match_id: z.string(), venue: z.string(), selection: z.enum(['home', 'draw', 'away']), decimal_odds: z.number().gt(1), closing_odds: z.number().gt(1), settled_at: isoTime })).optional(),
    /** Which sizing the last plan used (fractional Kelly or the learned policy) and why. */
    sizing: z.object({ policy: z.enum(['kelly', 'learned']), reason: z.string(), detail: z.string() }).optional(),
  }),
});

export const sportsBettingPnl = defineLedger({
  name: 'sports_betting_pnl',
  path: 'state/sports_betting_pnl.csv',
  description: 'Sports bets: a row when placed and one when settled, with stake, odds, result, commission and P&L.',
  row: z.object({
    ts: isoTime,
    mode,
    bet_id: csvString.min(1),
    match_id: csvString.min(1),
    venue: csvString.min(1),
    selection: z.enum(['home', 'draw', 'away']),
    decimal_odds: csvNumber.refine((n) => n > 1, 'must be > 1'),
    stake: csvNonNegative,
    status: z.enum(['placed', 'won', 'lost', 'void']),
    /** Commission charged on the market's net winnings (0 on a loss and at placement). */
    commission: csvNonNegative,
    /** Net of commission. */
    pnl: csvNumber,
  }),
});

const inventoryItem = z.object({
  id: z.string().min(1),
  category: z.string().min(1),
  name: z.string().min(1),
  platform: z.string(),
  cost: positiveMoney,
  estimated_value: positiveMoney,
  authenticated: z.boolean(),
  status: z.enum(['watching', 'held', 'listed', 'sold', 'rejected']),
  acquired_at: isoTime.nullable(),
  /** Marketplace reference the item is valued by (model and size, card and grade, watch reference). */
  ref: z.string().min(1).optional(),
  /** Buyer fees and shipping in paid on top of `cost`'s price part, USD (`cost` is the all-in cost). */
  buy_fees: z.number().min(0).optional(),
  /** Authentication before listing: pending until the result arrives; only `passed` items are listed. */
  auth_status: z.enum(['pending', 'passed', 'failed']).optional(),
  listing_id: z.string().min(1).optional(),
  list_price: positiveMoney.optional(),
  sold_price: positiveMoney.optional(),
  /** True when the item turned out counterfeit (caught before listing, or returned by a buyer). */
  counterfeit: z.boolean().optional(),
});

/** A purchase written down before the venue is asked (write-ahead), so a restart repeats it under the same client id. */
const pendingBuy = z.object({
  client_id: z.string().min(1),
  offer_id: z.string().min(1),
  ref: z.string().min(1),
  category: z.string().min(1),
  name: z.string().min(1),
  platform: z.string(),
  max_price_cents: z.number().int().positive(),
  estimated_value: positiveMoney,
  list_price: positiveMoney,
  at: isoTime,
});

const inventoryDoc = z.object({
  updated_at: isoTime,
  simulated: z.boolean(),
  items: z.array(inventoryItem),
  /** The marketplace's event cursor after the last booked event. */
  cursor: z.string().optional(),
  pending_buys: z.array(pendingBuy).optional(),
});

export const collectiblesInventory = defineDocument({
  name: 'collectibles_inventory',
  path: 'state/collectibles_inventory.json',
  description: 'Collectibles holdings (sneakers, trading cards, NFTs).',
  schema: inventoryDoc,
});

const tradeRow = z.object({
  ts: isoTime,
  mode,
  item_id: csvString.min(1),
  action: z.enum(['buy', 'sell', 'fee', 'writeoff', 'return']),
  amount: csvNumber,
  fees: csvNonNegative,
  pnl: csvNumber,
});

export const collectiblesPnl = defineLedger({
  name: 'collectibles_pnl',
  path: 'state/collectibles_pnl.csv',
  description: 'Collectibles P&L per transaction.',
  row: tradeRow,
});

export const luxuryInventory = defineDocument({
  name: 'luxury_inventory',
  path: 'state/luxury_inventory.json',
  description: 'Luxury goods holdings with authentication status.',
  schema: inventoryDoc,
});

export const luxuryPnl = defineLedger({
  name: 'luxury_pnl',
  path: 'state/luxury_pnl.csv',
  description: 'Luxury goods P&L per transaction.',
  row: tradeRow,
});

export const contentRevenue = defineLedger({
  name: 'content_revenue',
  path: 'state/content_revenue.csv',
  description: 'Content monetisation revenue by platform and stream.',
  row: z.object({
    ts: isoTime,
    mode,
    platform: csvString.min(1),
    channel: csvString.min(1),
    stream: z.enum(['ads', 'affiliate', 'sponsorship', 'merchandise', 'digital_products', 'lead_generation']),
    amount: csvNumber,
  }),
});

export const contentAnalytics = defineDocument({
  name: 'content_analytics',
  path: 'state/content_analytics.json',
  description: 'Content channels with audience and engagement.',
  schema: z.object({
    updated_at: isoTime,
    simulated: z.boolean(),
    channels: z.array(
      z.object({
        platform: z.string().min(1),
        channel: z.string().min(1),
        niche: z.string(),
        followers: z.number().int().min(0),
        views_30d: z.number().int().min(0),
        engagement_rate: z.number().min(0).max(1),
        revenue_30d: money,
      }),
    ),
  }),
});

export const healthcareRevenue = defineLedger({
  name: 'healthcare_revenue',
  path: 'state/healthcare_revenue.csv',
  description: 'Healthcare AI revenue by project and stream.',
  row: z.object({
    ts: isoTime,
    mode,
    project_id: csvString.min(1),
    stream: z.enum(['saas', 'consulting', 'licensing']),
    amount: csvNumber,
  }),
});

/** How a project's validation_score was measured, so a reader knows what the number is. */
const healthcareMetric = z.enum(['nested_cv_auroc', 'heldout_concordance', 'simulated_fill_rate', 'solved_share']);

export const healthcareProjects = defineDocument({
  name: 'healthcare_projects',
  path: 'state/healthcare_projects.json',
  description: 'Healthcare AI prototypes with their validation scores and status.',
  schema: z.object({
    updated_at: isoTime,
    simulated: z.boolean(),
    /** Research prototypes only: the sentence every view shows (no clinical use). */
    disclaimer: z.string().optional(),
    projects: z.array(
      z.object({
        id: z.string().min(1),
        name: z.string().min(1),
        area: z.enum(['logistics', 'clinical_analytics']),
        dataset: z.string(),
        status: z.enum(['research', 'prototype', 'pilot', 'revenue', 'stopped']),
        validation_score: z.number().min(0).max(1).nullable(),
        monthly_revenue: money,
        /** What validation_score measures. */
        metric: healthcareMetric.optional(),
        /** 95 % bootstrap interval of the score, when it has one. */
        score_ci: z.object({ lo: z.number(), hi: z.number(), level: z.number() }).optional(),
        /** The score a project must reach before its (simulated) sales pipeline opens. */
        commercial_floor: z.number().min(0).max(1).optional(),
        /** When the simulated pipeline opened (it stays open while the score clears the floor). */
        launched_at: isoTime.nullable().optional(),
        /** Why the project has its status, in a sentence. */
        note: z.string().optional(),
      }),
    ),
  }),
});

const interval = z.object({ lo: z.number(), hi: z.number(), level: z.number() });
const treeNode = z.union([z.object({ leaf: z.number() }), z.object({ feature: z.number().int().min(0), threshold: z.number(), left: z.number().int().min(0), right: z.number().int().min(0) })]);

export const healthcareModels = defineDocument({
  name: 'healthcare_models',
  path: 'state/healthcare_models.json',
  description: 'The healthcare agent\'s model file: fitted models and their measured figures on the shipped open datasets, re-evaluated when the data changes or on the tuner\'s schedule.',
  schema: z.object({
    updated_at: isoTime,
    evaluated_at: isoTime,
    next_evaluation_at: isoTime,
    /** Sizes and modification times of the dataset files the figures were measured on. */
    data_fingerprint: z.string(),
    runtime_ms: z.number().min(0),
    disclaimer: z.string(),
    pima: z.object({
      headline: z.string(),
      models: z.array(
        z.object({
          model: z.string(),
          params: z.record(z.string(), z.number()),
          n_train: z.number().int(),
          n_test: z.number().int(),
          auroc: z.number(),
          auroc_ci: interval,
          accuracy: z.number(),
          brier: z.number(),
          expected_calibration_error: z.number(),
          calibration: z.array(z.object({ lo: z.number(), hi: z.number(), n: z.number().int(), mean_predicted: z.number(), observed_rate: z.number() })),
          cv_auroc: z.number(),
          cv_auroc_ci: interval,
          cv_folds: z.number().int(),
        }),
      ),
      fitted: z.object({
        logistic: z.object({ mean: z.array(z.number()), sd: z.array(z.number()), weights: z.array(z.number()) }),
        gbt: z.object({ mean: z.array(z.number()), sd: z.array(z.number()), base: z.number(), learning_rate: z.number(), trees: z.array(z.array(treeNode)) }),
      }),
    }),
    survival: z.array(
      z.object({
        dataset: z.enum(['colon', 'pbc']),
        model: z.string(),
        endpoint: z.string(),
        n: z.number().int(),
        events: z.number().int(),
        hazard_ratios: z.record(z.string(), z.object({ hr: z.number(), lower: z.number(), upper: z.number() })),
        concordance: z.number(),
        auroc: z.number(),
        brier: z.number(),
        km: z.array(z.object({ group: z.string(), n: z.number().int(), events: z.number().int(), median: z.number().nullable(), points: z.array(z.tuple([z.number(), z.number()])) })),
      }),
    ),
    logistics: z.object({
      reorder: z.object({ simulated: z.literal(true), days: z.number().int(), fill_rate: z.number().min(0).max(1), target_service: z.number(), reorder_point: z.number(), order_up_to: z.number() }),
      roster: z.object({ instances: z.number().int(), solved_valid: z.number().int(), nodes: z.number().int() }),
    }),
  }),
});
