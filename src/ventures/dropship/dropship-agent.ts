/**
 * The dropshipping agent (`dropship_agent`, the specification's agent 10): lists trending products
 * whose net margin after platform fees, shipping, ads and returns lies in the 15–60 % band, under
 * its budget and inventory-exposure cap, buys each order from the supplier and books every sale,
 * return and chargeback in `state/dropship_profit.csv`; its listings are `state/dropship_listings.json`.
 */
import { trendingProducts } from '../../contracts/inputs.js';
import { dropshipListings, dropshipProfit } from '../../contracts/ventures.js';
import { requirePort } from '../../core/agent.js';
import { ventureAgent, type VentureSpec } from '../shared/agent.js';
import { ledgerMode } from '../shared/ledger-mode.js';
import { dropshipCycle } from './cycle.js';
import { DROPSHIP_DEFAULTS, dropshipOwnSettings } from './settings.js';

export const DROPSHIP_AGENT = 'dropship_agent';

export const dropshipSpec: VentureSpec = {
  name: DROPSHIP_AGENT,
  description: 'Dropshipping: lists trending products at a 15–60 % net margin after fees, ads and returns; buys each order from the supplier (state/dropship_profit.csv).',
  defaults: DROPSHIP_DEFAULTS,
  consumes: [trendingProducts],
  produces: [dropshipListings, dropshipProfit],
  needs: ['marketplace'],
  approvalKind: 'dropship_listing',
  create: (ctx) => {
    const marketplace = requirePort(ctx, 'marketplace');
    return dropshipCycle({ store: ctx.store, log: ctx.log, marketplace, mode: ledgerMode(ctx.config.mode, marketplace.simulated), own: dropshipOwnSettings(ctx.config) });
  },
};

export const dropshipAgent = ventureAgent(dropshipSpec);
