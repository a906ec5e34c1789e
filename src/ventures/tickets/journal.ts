/** The ticket simulator's memory kept in the data directory (runtime/ticket_market_sim.json), so it outlives the agent as a real venue would. */
import { ticketMarketSim } from '../../contracts/ticket-sim.js';
import type { StateStore } from '../../store/file-store.js';
import { storeJournal } from '../shared/venue-memory.js';
import type { TicketSimJournal } from './simulator.js';

export function ticketStoreJournal(store: StateStore): TicketSimJournal {
  return storeJournal(store, ticketMarketSim);
}
