/**
 * `GET /api/ventures`: each commerce venture's headline figures for the dashboard — inventory, P&L,
 * and the measured margin or ROI per cycle beside the specification's target — from its own
 * documents and ledger, through the venture's pure summary. A venture that has not run is absent.
 */
import type { FastifyInstance } from 'fastify';
import { collectiblesInventory, collectiblesPnl, dropshipListings, dropshipProfit, luxuryInventory, luxuryPnl, ticketArbitrage, ticketInventory } from '../../contracts/ventures.js';
import type { StateStore } from '../../store/state-store.js';
import { collectiblesSummary } from '../../ventures/collectibles/summary.js';
import { dropshipSummary } from '../../ventures/dropship/summary.js';
import { luxurySummary } from '../../ventures/luxury/summary.js';
import { ticketSummary } from '../../ventures/tickets/summary.js';

/** One venture's figures as the dashboard shows them (the measured figure named by `metric`). */
export interface VentureFigures {
  agent: string;
  metric: 'margin' | 'roi_per_cycle';
  measured: number | null;
  target: { min: number; max: number };
  inventory_count: number;
  inventory_cost: number;
  revenue: number;
  fees: number;
  profit: number;
  simulated: boolean;
}

export function ventureFigures(store: StateStore): VentureFigures[] {
  const out: VentureFigures[] = [];
  if (store.exists(dropshipProfit) || store.exists(dropshipListings)) {
    const s = dropshipSummary(store.get(dropshipListings), store.exists(dropshipProfit) ? store.ledger(dropshipProfit).readAll() : []);
    out.push({ agent: 'dropship_agent', metric: 'margin', measured: s.margin, ...pick(s) });
  }
  if (store.exists(ticketArbitrage) || store.exists(ticketInventory)) {
    const s = ticketSummary(store.get(ticketInventory), store.exists(ticketArbitrage) ? store.ledger(ticketArbitrage).readAll() : []);
    out.push({ agent: 'ticket_arbitrage', metric: 'roi_per_cycle', measured: s.roi_per_cycle, ...pick(s) });
  }
  if (store.exists(collectiblesPnl) || store.exists(collectiblesInventory)) {
    const s = collectiblesSummary(store.get(collectiblesInventory), store.exists(collectiblesPnl) ? store.ledger(collectiblesPnl).readAll() : []);
    out.push({ agent: 'collectibles_agent', metric: 'roi_per_cycle', measured: s.roi_per_cycle, ...pick(s) });
  }
  if (store.exists(luxuryPnl) || store.exists(luxuryInventory)) {
    const s = luxurySummary(store.get(luxuryInventory), store.exists(luxuryPnl) ? store.ledger(luxuryPnl).readAll() : []);
    out.push({ agent: 'luxury_agent', metric: 'margin', measured: s.margin, ...pick(s) });
  }
  return out;
}

function pick(s: { inventory_count: number; inventory_cost: number; revenue: number; fees: number; profit: number; target: { min: number; max: number }; simulated: boolean }) {
  return { target: { min: s.target.min, max: s.target.max }, inventory_count: s.inventory_count, inventory_cost: s.inventory_cost, revenue: s.revenue, fees: s.fees, profit: s.profit, simulated: s.simulated };
}

export function ventureRoutes(store: StateStore) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/api/ventures', async () => ({ ventures: ventureFigures(store) }));
  };
}
