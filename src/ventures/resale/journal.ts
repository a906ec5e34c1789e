/** The resale simulator's memory kept in the data directory (runtime/<venture>_market_sim.json), so it outlives the agent as a real venue would. */
import type { DocumentContract } from '../../contracts/contract.js';
import type { collectiblesMarketSim } from '../../contracts/resale-sim.js';
import type { StateStore } from '../../store/file-store.js';
import type { SimJournal } from './simulator.js';

export function storeJournal(store: StateStore, contract: DocumentContract<typeof collectiblesMarketSim.schema>): SimJournal {
  return { load: () => store.get(contract), save: (s) => store.write(contract, s) };
}
