/**
 * What a resale platform takes from a sale (pure, integer cents): a commission, a payment-processing
 * percentage and a fixed fee per order, each rounded half up to the cent on its own as the platforms
 * print them on a payout statement. The schedules and their sources are listed in docs/ventures.md;
 * a schedule is data, so a changed fee is a one-line change with its source beside it.
 */

export interface FeeTier {
  /** The tier applies to the part of the price up to this amount (cents); undefined: no upper end. */
  readonly upToCents?: number;
  readonly pct: number;
}

export interface FeeSchedule {
  readonly platform: string;
  /** Commission, as a fraction of the sale price; tiers are marginal (eBay's watch category). */
  readonly commission: number | readonly FeeTier[];
  /** Payment processing, as a fraction of the sale price. */
  readonly processingPct: number;
  /** Fixed fee per order, cents. */
  readonly fixedCents: number;
  /** Where the figures come from (shown in docs/ventures.md). */
  readonly source: string;
}

export const FEE_SCHEDULES = {
  stockx: { platform: 'stockx', commission: 0.09, processingPct: 0.03, fixedCents: 0, source: 'StockX seller fees: 9 % transaction fee (level 1) + 3 % payment processing' },
  goat: { platform: 'goat', commission: 0.095, processingPct: 0, fixedCents: 500, source: 'GOAT seller fees: 9.5 % commission + $5 seller fee (US)' },
  tcgplayer: { platform: 'tcgplayer', commission: 0.1075, processingPct: 0.025, fixedCents: 30, source: 'TCGplayer marketplace: 10.75 % commission + 2.5 % + $0.30 payment processing' },
  chrono24: { platform: 'chrono24', commission: 0.065, processingPct: 0, fixedCents: 0, source: 'Chrono24 private seller commission 6.5 % of the sale price' },
  ebay_watches: {
    platform: 'ebay_watches',
    commission: [{ upToCents: 100_000, pct: 0.15 }, { upToCents: 750_000, pct: 0.065 }, { pct: 0.03 }],
    processingPct: 0,
    fixedCents: 40,
    source: 'eBay final value fee, Jewelry & Watches > Watches: 15 % up to $1,000, 6.5 % $1,000–7,500, 3 % above; + $0.40 per order',
  },
  ebay_jewelry: {
    platform: 'ebay_jewelry',
    commission: [{ upToCents: 500_000, pct: 0.15 }, { pct: 0.09 }],
    processingPct: 0,
    fixedCents: 40,
    source: 'eBay final value fee, Jewelry & Watches (except watches): 15 % up to $5,000, 9 % above; + $0.40 per order',
  },
  ebay_handbags: {
    platform: 'ebay_handbags',
    commission: [{ upToCents: 200_000, pct: 0.15 }, { pct: 0.09 }],
    processingPct: 0,
    fixedCents: 40,
    source: 'eBay final value fee, Women’s Bags & Handbags: 15 % up to $2,000, 9 % above; + $0.40 per order',
  },
  ebay_fashion: {
    platform: 'ebay_fashion',
    commission: [{ upToCents: 750_000, pct: 0.1325 }, { pct: 0.0235 }],
    processingPct: 0,
    fixedCents: 40,
    source: 'eBay final value fee, Clothing, Shoes & Accessories: 13.25 % up to $7,500, 2.35 % above; + $0.40 per order over $10',
  },
  opensea: { platform: 'opensea', commission: 0.025, processingPct: 0, fixedCents: 0, source: 'OpenSea marketplace fee 2.5 % (creator royalties optional, modelled as 0); gas not modelled' },
} as const satisfies Record<string, FeeSchedule>;

export type PlatformName = keyof typeof FEE_SCHEDULES;

export function isPlatform(name: string): name is PlatformName {
  return Object.hasOwn(FEE_SCHEDULES, name);
}

const pctOf = (cents: number, pct: number): number => Math.round(cents * pct);

function commissionCents(priceCents: number, c: FeeSchedule['commission']): number {
  if (typeof c === 'number') return pctOf(priceCents, c);
  // Marginal tiers: each tier's rate applies to the slice of the price inside it; rounded once.
  let exact = 0;
  let lower = 0;
  for (const t of c) {
    const upper = Math.min(priceCents, t.upToCents ?? Infinity);
    if (upper > lower) exact += (upper - lower) * t.pct;
    if (priceCents <= (t.upToCents ?? Infinity)) break;
    lower = t.upToCents ?? lower;
  }
  return Math.round(exact);
}

/** The platform's total take from a sale at `priceCents` (commission + processing + fixed), cents. */
export function sellerFeesCents(s: FeeSchedule, priceCents: number): number {
  if (!Number.isInteger(priceCents) || priceCents <= 0) return 0;
  return commissionCents(priceCents, s.commission) + pctOf(priceCents, s.processingPct) + s.fixedCents;
}

/** What the seller is paid for a sale at `priceCents` before shipping: price less the platform's take. */
export function payoutCents(s: FeeSchedule, priceCents: number): number {
  return priceCents - sellerFeesCents(s, priceCents);
}
