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
  description: 'Ticket arbitrage transactions (buys, sales, fees).',
  row: z.object({
    ts: isoTime,
    mode,
    event_id: csvString.min(1),
    action: z.enum(['buy', 'list', 'sell', 'refund']),
    qty: csvNumber.refine((n) => Number.isInteger(n) && n > 0, 'must be a positive whole number'),
    price: csvNonNegative,
    fees: csvNonNegative,
    pnl: csvNumber,
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
});

export const collectiblesInventory = defineDocument({
  name: 'collectibles_inventory',
  path: 'state/collectibles_inventory.json',
  description: 'Collectibles holdings (sneakers, trading cards, NFTs).',
  schema: z.object({ updated_at: isoTime, simulated: z.boolean(), items: z.array(inventoryItem) }),
});

const tradeRow = z.object({
  ts: isoTime,
  mode,
  item_id: csvString.min(1),
  action: z.enum(['buy', 'sell', 'fee', 'writeoff']),
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
  schema: z.object({ updated_at: isoTime, simulated: z.boolean(), items: z.array(inventoryItem) }),
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

export const healthcareProjects = defineDocument({
  name: 'healthcare_projects',
  path: 'state/healthcare_projects.json',
  description: 'Healthcare AI prototypes with their validation scores and status.',
  schema: z.object({
    updated_at: isoTime,
    simulated: z.boolean(),
    projects: z.array(
      z.object({
        id: z.string().min(1),
        name: z.string().min(1),
        area: z.enum(['logistics', 'clinical_analytics']),
        dataset: z.string(),
        status: z.enum(['research', 'prototype', 'pilot', 'revenue', 'stopped']),
        validation_score: z.number().min(0).max(1).nullable(),
        monthly_revenue: money,
      }),
    ),
  }),
});
