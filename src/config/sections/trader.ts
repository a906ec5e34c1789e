/** The `trader` section of the config file, with the SmartTrader's documented defaults. */
import { z } from 'zod';

/**
 * THE risk_scaler while runtime/atlas_brain.json is missing or invalid: cautious, not neutral. The
 * trader and the allocator use it through `trader.missing_brain_scaler`; the risk governor uses the same.
 */
export const MISSING_BRAIN_SCALER = 0.5;

export const traderSchema = z.strictObject({
  /** Market seconds between ticks. */
  interval_seconds: z.number().positive().default(300),
  /** Trade a symbol only when its value is off target by more than this fraction of equity. */
  drift_threshold: z.number().min(0).max(1).default(0.02),
  /** Skip an order when the quote's spread is wider than this. */
  max_spread_bps: z.number().positive().default(25),
  max_order_notional: z.number().positive().default(250_000),
  slippage_bps: z.number().min(0).default(0.5),
  slippage_bps_per_100k: z.number().min(0).default(1),
  /** Largest gross exposure as a fraction of equity (the paper book has no margin). */
  max_gross: z.number().positive().max(1).default(0.98),
  /** risk_scaler used while runtime/atlas_brain.json is missing or invalid: cautious, not neutral. */
  missing_brain_scaler: z.number().min(0.4).max(1.2).default(MISSING_BRAIN_SCALER),
});
export type TraderConfig = z.infer<typeof traderSchema>;
