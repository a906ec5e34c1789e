/**
 * Simulator calibration: volatilities by regime, the correlation tree, spreads, drifts, start
 * prices and volumes. Defaults from /work/shared/reference/markets.md; "est." marks a default
 * with no clean source. docs/market.md lists every number with its source.
 */
import type { UniverseSymbol } from './instruments.js';

export type Regime = 0 | 1 | 2;
export const REGIME_NAMES = ['calm', 'normal', 'stressed'] as const;
export type RegimeName = (typeof REGIME_NAMES)[number];

export interface AssetCalibration {
  /** Annualised volatility by regime [calm, normal, stressed]. */
  readonly vol: readonly [number, number, number];
  /** Parent in the correlation tree (null for the root, SPY) and correlation with it [calm, stressed]. */
  readonly parent: UniverseSymbol | null;
  readonly rho: readonly [number, number];
  /** Expected annual arithmetic return (est.). */
  readonly drift: number;
  /** Price on 2025-01-01 00:00 UTC, close to the 2024-12-31 close (est.). */
  readonly anchorPrice: number;
  /** Full bid-ask spread in basis points in the normal regime; stressed multiplies it. */
  readonly spreadBps: number;
  readonly stressSpreadMult: number;
  /** Typical volume per open minute, in units of the instrument (est.). */
  readonly volumePerMinute: number;
}

const spy = [0.11, 0.16, 0.4] as const;
const scale = (v: readonly [number, number, number], k: number): [number, number, number] => [v[0] * k, v[1] * k, v[2] * k];
const btc = [0.4, 0.55, 1.0] as const;
// FX spreads in pips converted to basis points at the anchor price: 0.8 pip / 1.035 ≈ 0.77 bp.
const pipsToBps = (pips: number, pip: number, price: number): number => ((pips * pip) / price) * 10_000;

/**
 * Order matters: a parent comes before its children. Unlisted pairs get the product of the
 * correlations along the tree path (e.g. ETH–QQQ = 0.80 · 0.15 · 0.90), which keeps the matrix
 * positive definite by construction.
 */
export const CALIBRATION: Readonly<Record<UniverseSymbol, AssetCalibration>> = {
  SPY: { vol: spy, parent: null, rho: [1, 1], drift: 0.07, anchorPrice: 586.08, spreadBps: 0.3, stressSpreadMult: 3.5, volumePerMinute: 150_000 },
  QQQ: { vol: scale(spy, 1.25), parent: 'SPY', rho: [0.9, 0.95], drift: 0.09, anchorPrice: 511.23, spreadBps: 0.5, stressSpreadMult: 3.5, volumePerMinute: 90_000 },
  'BTC-USD': { vol: btc, parent: 'SPY', rho: [0.15, 0.5], drift: 0.15, anchorPrice: 93_400, spreadBps: 3, stressSpreadMult: 6.7, volumePerMinute: 12 },
  'ETH-USD': { vol: scale(btc, 1.5), parent: 'BTC-USD', rho: [0.8, 0.9], drift: 0.15, anchorPrice: 3_330, spreadBps: 4, stressSpreadMult: 6.7, volumePerMinute: 150 },
  GLD: { vol: [0.12, 0.16, 0.28], parent: 'SPY', rho: [0.05, 0.0], drift: 0.04, anchorPrice: 242.13, spreadBps: 1, stressSpreadMult: 3.5, volumePerMinute: 20_000 },
  SLV: { vol: [0.2, 0.29, 0.5], parent: 'GLD', rho: [0.8, 0.85], drift: 0.03, anchorPrice: 26.33, spreadBps: 3, stressSpreadMult: 3.5, volumePerMinute: 50_000 },
  EURUSD: { vol: [0.05, 0.07, 0.12], parent: 'SPY', rho: [0.0, 0.0], drift: 0, anchorPrice: 1.0354, spreadBps: pipsToBps(0.8, 0.0001, 1.0354), stressSpreadMult: 3, volumePerMinute: 5_000_000 },
  GBPUSD: { vol: [0.06, 0.08, 0.14], parent: 'EURUSD', rho: [0.75, 0.85], drift: 0, anchorPrice: 1.2516, spreadBps: pipsToBps(1.0, 0.0001, 1.2516), stressSpreadMult: 3, volumePerMinute: 2_000_000 },
  USDJPY: { vol: [0.07, 0.09, 0.15], parent: 'SPY', rho: [0.1, 0.4], drift: 0, anchorPrice: 157.2, spreadBps: pipsToBps(0.7, 0.01, 157.2), stressSpreadMult: 3, volumePerMinute: 3_000_000 },
};

/** Where prices are pinned: the simulator's price at this instant is `anchorPrice`. */
export const ANCHOR_MS = Date.UTC(2025, 0, 1);
/** The simulated span: 1970-01-01 to 2100-01-01 UTC. */
export const FIRST_DAY = 0;
export const END_DAY = Math.floor(Date.UTC(2100, 0, 1) / 86_400_000);

/**
 * Daily regime transition probabilities (from → to). Hardy's monthly switch probabilities
 * (calm → stressed 0.047, stressed → calm 0.32) converted to calendar days (p_day =
 * 1 − (1 − p_month)^(1/30.4)), with the non-stressed state split into calm and normal that
 * alternate about every six months. Stationary shares: calm 43.5 %, normal 43.5 %, stressed 13 %.
 */
export const REGIME_TRANSITIONS: readonly (readonly [number, number, number])[] = [
  [1 - 1 / 180, 1 / 180, 0],
  [1 / 180, 1 - 1 / 180 - 0.00377, 0.00377],
  [0, 0.0126, 1 - 0.0126],
];

/** GARCH(1,1)-style clustering of the daily variance within a regime (markets.md: α 0.08, β 0.90). */
export const GARCH = { alpha: 0.08, beta: 0.9, cap: 25 } as const;
/** Student-t degrees of freedom of daily shocks (markets.md default). */
export const T_DOF = 5;
/** Weight of the opening minute of a US equity session, in minutes: carries the overnight gap (est.). */
export const EQUITY_GAP_WEIGHT = 80;
/** Spread multiplier while a market is closed (quotes are indicative then) (est.). */
export const CLOSED_SPREAD_MULT = 4;
/** Spread multiplier per regime on top of the normal spread; stressed uses the asset's own. */
export const CALM_SPREAD_MULT = 0.7;
