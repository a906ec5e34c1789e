/** Every state contract of the specification, by name; the public interface between agents. */
import type { Contract } from './contract.js';
import { atlasBrain, intelligenceSummary } from './brain.js';
import { capitalBudgetChanges, capitalBudgets, hedgeBook, hedgeLedger, hedgeProposals } from './capital.js';
import { cashMovements } from './cash.js';
import { dropshipMarketSim } from './dropship-sim.js';
import { configRollbacks } from './config-versions.js';
import { contentPipeline } from './content.js';
import { guardianLock } from './guardian.js';
import { eventSchedule, knowledgeSnap, sportsOdds, trendingProducts } from './inputs.js';
import { orderIntents } from './orders.js';
import { collectiblesMarketSim, luxuryMarketSim } from './resale-sim.js';
import { collectiblesStockx } from './stockx-connector.js';
import { ticketStubhub } from './stubhub-connector.js';
import { luxuryEbay } from './luxury-ebay.js';
import { revenueByAgent } from './revenue.js';
import { ticketMarketSim } from './ticket-sim.js';
import { allocatorDrift, drawdownGuard, riskGovernor } from './risk.js';
import { smartTraderState } from './smart-trader.js';
import { sportsSizing } from './sports-sizing.js';
import { approvalDecisions, approvals } from './status.js';
import { tunedParameters, tuningDecisions } from './tuning.js';
import { performanceMetrics, pnlHistory } from './trading.js';
import {
  collectiblesInventory,
  collectiblesPnl,
  contentAnalytics,
  contentRevenue,
  dropshipListings,
  dropshipProfit,
  healthcareModels,
  healthcareProjects,
  healthcareRevenue,
  luxuryInventory,
  luxuryPnl,
  sportsBetting,
  sportsBettingPnl,
  sportsModelFootball,
  sportsModelNfl,
  sportsPredictions,
  ticketArbitrage,
  ticketInventory,
} from './ventures.js';
import { wealthTrajectory } from './wealth.js';
import { allocationsOverride, strategyWeights } from './weights.js';

export * from './contract.js';
export * from './brain.js';
export * from './cash.js';
export * from './config-versions.js';
export * from './content.js';
export * from './guardian.js';
export * from './inputs.js';
export * from './orders.js';
export * from './resale-sim.js';
export * from './ticket-sim.js';
export * from './revenue.js';
export * from './smart-trader.js';
export * from './sports-sizing.js';
export * from './risk.js';
export * from './status.js';
export * from './trading.js';
export * from './tuning.js';
export * from './ventures.js';
export * from './wealth.js';
export * from './weights.js';

export const CONTRACTS: readonly Contract[] = [
  // inputs
  strategyWeights,
  knowledgeSnap,
  trendingProducts,
  eventSchedule,
  sportsOdds,
  // core outputs
  atlasBrain,
  intelligenceSummary,
  allocationsOverride,
  pnlHistory,
  performanceMetrics,
  cashMovements,
  smartTraderState,
  orderIntents,
  wealthTrajectory,
  riskGovernor, drawdownGuard, allocatorDrift,
  // revenue agents
  revenueByAgent,
  dropshipListings,
  dropshipProfit,
  ticketArbitrage,
  ticketInventory,
  sportsPredictions,
  sportsModelFootball,
  sportsModelNfl,
  sportsSizing,
  sportsBettingPnl,
  sportsBetting,
  collectiblesInventory,
  collectiblesPnl,
  luxuryInventory,
  luxuryPnl,
  contentRevenue,
  contentAnalytics,
  contentPipeline,
  healthcareRevenue,
  healthcareProjects,
  healthcareModels,
  // runtime
  guardianLock,
  approvals,
  approvalDecisions,
  capitalBudgets,
  capitalBudgetChanges,
  hedgeProposals,
  hedgeLedger,
  hedgeBook,
  configRollbacks,
  tunedParameters,
  tuningDecisions,
  collectiblesMarketSim,
  luxuryMarketSim,
  collectiblesStockx,
  ticketStubhub,
  luxuryEbay,
  ticketMarketSim,
  dropshipMarketSim,
];

export function contractByPath(path: string): Contract | undefined {
  return CONTRACTS.find((c) => c.path === path);
}
