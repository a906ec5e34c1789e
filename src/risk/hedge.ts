/**
 * The hedge engine's measurements and proposals (pure): the mesh's exposure to market factors as a
 * beta of total wealth — equity beta to SPY, crypto beta to BTC — from the trader's positions and
 * the ventures' inventories, and, where an exposure is over its limit, a hedge that brings it back
 * inside with its estimated cost.
 *
 * Betas come from the market calibration (src/market/calibration.ts): correlation along the
 * calibration's correlation tree × the ratio of volatilities, in the normal or (in a stressed
 * regime, when correlations rise) the stressed regime. Venture inventories carry the documented
 * equity betas in VENTURE_EQUITY_BETA (estimates: resale prices of luxury goods and collectibles
 * move with household wealth; see docs/risk.md).
 */
import { CALIBRATION } from '../market/calibration.js';
import { isUniverseSymbol, type UniverseSymbol } from '../market/instruments.js';

export type Factor = 'SPY' | 'BTC-USD';

/**
 * Equity beta of each venture's inventory value (estimates, documented in docs/risk.md). Dropship
 * has none: it holds no stock (the supplier ships each order).
 */
export const VENTURE_EQUITY_BETA: Readonly<Record<string, number>> = {
  luxury_agent: 0.5,
  collectibles_agent: 0.35,
  ticket_arbitrage: 0.2,
};

function pathToRoot(s: UniverseSymbol): UniverseSymbol[] {
  const out: UniverseSymbol[] = [s];
  let p = CALIBRATION[s].parent;
  while (p) {
    out.push(p);
    p = CALIBRATION[p].parent;
  }
  return out;
}

/** Correlation of two universe symbols along the calibration tree (product of edge correlations). */
export function treeCorrelation(a: UniverseSymbol, b: UniverseSymbol, stressed: boolean): number {
  if (a === b) return 1;
  const pa = pathToRoot(a);
  const pb = pathToRoot(b);
  const common = pa.find((x) => pb.includes(x));
  if (!common) return 0;
  const edge = (s: UniverseSymbol): number => CALIBRATION[s].rho[stressed ? 1 : 0];
  let rho = 1;
  for (const s of pa.slice(0, pa.indexOf(common))) rho *= edge(s);
  for (const s of pb.slice(0, pb.indexOf(common))) rho *= edge(s);
  return rho;
}

/** Beta of `symbol` to `factor`: ρ · σ_symbol / σ_factor; 0 for symbols outside the universe. */
export function betaTo(symbol: string, factor: Factor, stressed: boolean): number {
  if (!isUniverseSymbol(symbol)) return 0;
  const k = stressed ? 2 : 1;
  return (treeCorrelation(symbol, factor, stressed) * CALIBRATION[symbol].vol[k]) / CALIBRATION[factor].vol[k];
}

export interface FactorExposure {
  readonly factor: Factor;
  /** Dollar-beta divided by total wealth (1.0 = wealth moves one-for-one with the factor). */
  readonly beta: number;
  /** Beta without the hedge book's shorts. */
  readonly unhedgedBeta: number;
  readonly limit: number;
  /** Per-source contribution to beta. */
  readonly contributions: Readonly<Record<string, number>>;
}

export interface ExposureInputs {
  /** Dollar value of each position (long positive). */
  readonly positions: Readonly<Record<string, number>>;
  /** Inventory value of each venture, dollars. */
  readonly inventories: Readonly<Record<string, number>>;
  /** The hedge book's signed dollar position per factor instrument (shorts negative), counted as `hedge_book`. */
  readonly hedges?: Readonly<Partial<Record<Factor, number>>>;
  readonly wealth: number;
  readonly stressed: boolean;
  readonly limits: Readonly<Record<Factor, number>>;
}

export function measureExposures(i: ExposureInputs): FactorExposure[] {
  return (['SPY', 'BTC-USD'] as const).map((factor) => {
    const contributions: Record<string, number> = {};
    if (i.wealth > 0) {
      for (const [symbol, value] of Object.entries(i.positions)) {
        const b = (value * betaTo(symbol, factor, i.stressed)) / i.wealth;
        if (b !== 0) contributions[symbol] = b;
      }
      if (factor === 'SPY') {
        for (const [agent, value] of Object.entries(i.inventories)) {
          const b = (value * (VENTURE_EQUITY_BETA[agent] ?? 0)) / i.wealth;
          if (b !== 0) contributions[agent] = b;
        }
      }
    }
    const unhedgedBeta = Object.values(contributions).reduce((a, b) => a + b, 0);
    let hedged = 0;
    if (i.wealth > 0) {
      for (const [instrument, value] of Object.entries(i.hedges ?? {})) hedged += ((value ?? 0) * betaTo(instrument, factor, i.stressed)) / i.wealth;
    }
    if (hedged !== 0) contributions.hedge_book = hedged;
    return { factor, beta: unhedgedBeta + hedged, unhedgedBeta, limit: i.limits[factor], contributions };
  });
}

export interface HedgeCosts {
  /** Full bid-ask spread of the hedge instrument, basis points (half is paid). */
  readonly spreadBps: number;
  /** Commission, basis points of notional. */
  readonly feeBps: number;
  /** Annual borrow or financing cost of the short, fraction (0.005 = 0.5 %/yr). */
  readonly borrowPerYear: number;
  /** How long the hedge is expected to be held, days. */
  readonly holdDays: number;
}

export interface HedgeProposal {
  readonly factor: Factor;
  readonly instrument: Factor;
  readonly side: 'sell';
  /** Short notional, dollars. */
  readonly notional: number;
  readonly betaBefore: number;
  readonly betaAfter: number;
  /** Estimated cost: half spread + fee + borrow for the holding period, dollars. */
  readonly estimatedCost: number;
  readonly reason: string;
}

/**
 * For each factor over its limit, the short of the factor itself that brings beta to `aim` × limit
 * (a margin below the limit, so the next move does not trip it again); none when inside.
 */
export function proposeHedges(exposures: readonly FactorExposure[], wealth: number, costs: Readonly<Record<Factor, HedgeCosts>>, aim = 0.9): HedgeProposal[] {
  const out: HedgeProposal[] = [];
  for (const e of exposures) {
    if (!(wealth > 0) || e.beta <= e.limit) continue;
    const target = e.limit * aim;
    const notional = (e.beta - target) * wealth;
    const c = costs[e.factor];
    const estimatedCost = notional * ((c.spreadBps / 2 + c.feeBps) / 10_000 + (c.borrowPerYear * c.holdDays) / 365);
    out.push({
      factor: e.factor,
      instrument: e.factor,
      side: 'sell',
      notional: Math.round(notional * 100) / 100,
      betaBefore: e.beta,
      betaAfter: target,
      estimatedCost: Math.round(estimatedCost * 100) / 100,
      reason: `${e.factor} beta ${e.beta.toFixed(2)} over its limit ${e.limit.toFixed(2)}: short ${e.factor} to bring it to ${target.toFixed(2)}`,
    });
  }
  return out;
}
