/**
 * The luxury agent's marketplace for the configuration: the deterministic resale simulator by
 * default; in paper or live mode with an eBay User token (EBAY_ACCESS_TOKEN, or EBAY_CLIENT_ID,
 * EBAY_CLIENT_SECRET and EBAY_REFRESH_TOKEN), items whose reference `ventures.luxury_agent.ebay.
 * listings` maps to an eBay category are listed, marked down, delisted and sold on eBay, while
 * asks, comps, purchases and third-party authentication stay with the simulator (eBay's Sell APIs
 * sell; they neither buy from private sellers nor authenticate) — so the marketplace, and every
 * figure the agent shows, stays SIMULATED. The simulator's authentication results pass through
 * here to the eBay storefront, which lists nothing whose authentication has not passed.
 */
import type { Config } from '../../config/config.js';
import { configSection } from '../../config/config.js';
import { venturesSectionSchema, type LuxuryEbaySettings } from '../../config/sections/ventures.js';
import { luxuryEbay } from '../../contracts/luxury-ebay.js';
import { NeoLightError } from '../../core/errors.js';
import type { Marketplace } from '../../core/marketplace.js';
import type { StateStore } from '../../store/state-store.js';
import { FEE_SCHEDULES, type FeeSchedule } from '../resale/fees.js';
import { venueFor } from '../resale/simulator.js';
import { withStorefront } from '../resale/with-storefront.js';
import { LUXURY_CATALOGUE, LUXURY_VENUE } from './catalogue.js';
import { ebayClientFromConfig, type EbayClient } from './ebay-client.js';
import { ebayStorefront, type EbayListingSpec } from './ebay-storefront.js';
import { storeJournal } from '../shared/venue-memory.js';

const EBAY_PLATFORMS = new Set(['ebay_watches', 'ebay_jewelry', 'ebay_handbags', 'ebay_fashion']);

/** Whether the agent lists on eBay: paper or live mode with any eBay credential (a half-set refresh trio is then a start-up error). */
export function ebayWired(config: Config): boolean {
  return (config.mode === 'paper' || config.mode === 'live') && [config.ebayAccessToken, config.ebayClientId, config.ebayClientSecret, config.ebayRefreshToken].some((v) => !!v);
}

/**
 * The eBay settings, each mapped reference checked against the catalogue: only references valued
 * with an eBay fee schedule may be listed there (a Chrono24 reference's value nets Chrono24's fees).
 */
export function ebaySettings(config: Config): LuxuryEbaySettings {
  const s = configSection(config, 'ventures', venturesSectionSchema.optional())?.luxury_agent?.ebay;
  if (!s) throw new NeoLightError('NL_ERR_BAD_CONFIG', 'config ventures.luxury_agent.ebay: missing; with eBay credentials set it needs merchant_location_key, fulfillment_policy_id, payment_policy_id, return_policy_id and listings (docs/ventures.md)', { key: 'ventures.luxury_agent.ebay' });
  const accepted = LUXURY_CATALOGUE.filter((r) => EBAY_PLATFORMS.has(r.platform)).map((r) => r.ref);
  for (const ref of Object.keys(s.listings)) {
    const known = LUXURY_CATALOGUE.find((r) => r.ref === ref);
    if (!known || !EBAY_PLATFORMS.has(known.platform)) {
      throw new NeoLightError('NL_ERR_BAD_CONFIG', `config ventures.luxury_agent.ebay.listings: "${ref}" is ${known ? `a ${known.platform} reference` : 'not in the luxury catalogue'}; accepted: ${accepted.join(', ')}`, { key: ref });
    }
  }
  return s;
}

/** The eBay fee schedule of a catalogue reference valued on eBay. */
export function ebayFeesOf(ref: string): FeeSchedule | undefined {
  const platform = LUXURY_CATALOGUE.find((r) => r.ref === ref)?.platform;
  return platform !== undefined && EBAY_PLATFORMS.has(platform) ? FEE_SCHEDULES[platform as keyof typeof FEE_SCHEDULES] : undefined;
}

/** The listing of each mapped reference: the catalogue's title with the configured category, images and item specifics. */
function ebaySpecs(s: LuxuryEbaySettings): (ref: string) => EbayListingSpec | undefined {
  return (ref) => {
    const l = s.listings[ref];
    const r = LUXURY_CATALOGUE.find((x) => x.ref === ref);
    if (!l || !r) return undefined;
    return {
      title: r.title,
      categoryId: l.category_id,
      imageUrls: l.image_urls,
      ...(l.aspects ? { aspects: l.aspects } : {}),
      condition: l.condition ?? 'USED_EXCELLENT',
      description: l.description ?? `${r.title}. Pre-owned; authenticated by an independent authenticator before listing.`,
    };
  };
}

/** The simulator alone, or the simulator with eBay listings when ebayWired(config). */
export function luxuryMarketplaceFor(config: Config, sim: Marketplace, store: StateStore, client?: EbayClient): Marketplace {
  if (!ebayWired(config)) return sim;
  const s = ebaySettings(config);
  const storefront = ebayStorefront({
    client: client ?? ebayClientFromConfig(config),
    journal: storeJournal(store, luxuryEbay),
    specOf: ebaySpecs(s),
    merchantLocationKey: s.merchant_location_key,
    policies: { fulfillmentPolicyId: s.fulfillment_policy_id, paymentPolicyId: s.payment_policy_id, returnPolicyId: s.return_policy_id },
    feesOf: ebayFeesOf,
    shippingOutOf: (ref) => venueFor(LUXURY_VENUE, LUXURY_CATALOGUE.find((r) => r.ref === ref)?.category ?? '').shippingOutCents,
  });
  // The gate: eBay learns of a passed authentication before the agent can ask to list the item.
  return withStorefront(sim, storefront, 'ebay', (events, now) => {
    for (const e of events) if (e.type === 'authenticated' && e.itemId) storefront.authenticated(e.itemId, now);
  });
}
