/**
 * The ticket arbitrage agent (`ticket_arbitrage`, the specification's agent 11): buys resale tickets
 * on a secondary marketplace below their modelled resale value net of seller fees and delivery risk,
 * relists and marks them down toward the event, within a per-event budget; primary tickets only ever
 * through a person's approval (US BOTS Act). Ledger `state/ticket_arbitrage.csv`; lots
 * `state/ticket_inventory.json`.
 */
import { eventSchedule } from '../../contracts/inputs.js';
import { ticketArbitrage, ticketInventory } from '../../contracts/ventures.js';
import { requirePort } from '../../core/agent.js';
import { ventureAgent, type VentureSpec } from '../shared/agent.js';
import { ledgerMode } from '../shared/ledger-mode.js';
import { ticketCycle } from './cycle.js';
import { TICKET_DEFAULTS, ticketOwnSettings } from './settings.js';

export const TICKET_AGENT = 'ticket_arbitrage';

export const ticketSpec: VentureSpec = {
  name: TICKET_AGENT,
  description: 'Ticket arbitrage: buys resale tickets below modelled value net of fees, relists and marks down to the event; primary tickets only with a person’s approval (state/ticket_arbitrage.csv).',
  defaults: TICKET_DEFAULTS,
  consumes: [eventSchedule],
  produces: [ticketArbitrage, ticketInventory],
  needs: ['marketplace'],
  approvalKind: 'ticket_purchase',
  create: (ctx) => {
    const marketplace = requirePort(ctx, 'marketplace');
    return ticketCycle({ store: ctx.store, log: ctx.log, marketplace, mode: ledgerMode(ctx.config.mode, marketplace.simulated), own: ticketOwnSettings(ctx.config) });
  },
};

export const ticketAgent = ventureAgent(ticketSpec);
