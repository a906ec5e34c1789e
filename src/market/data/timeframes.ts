/** Bar timeframes by their freqtrade/ccxt names, and the flag parser that names what is accepted. */
import { NeoLightError } from '../../core/errors.js';

const M = 60_000;
export const TIMEFRAMES = { '1m': M, '5m': 5 * M, '15m': 15 * M, '30m': 30 * M, '1h': 60 * M, '1d': 1440 * M } as const;
export type Timeframe = keyof typeof TIMEFRAMES;

export function isTimeframe(v: string): v is Timeframe {
  return Object.hasOwn(TIMEFRAMES, v);
}

/** The timeframe named by a flag value, or NL_ERR_BAD_FLAG naming the flag and the accepted names. */
export function parseTimeframe(flag: string, v: string): Timeframe {
  if (!isTimeframe(v)) {
    throw new NeoLightError('NL_ERR_BAD_FLAG', `${flag} "${v}" is not accepted: expected one of ${Object.keys(TIMEFRAMES).join(', ')}`, {
      field: flag, value: v, accepted: Object.keys(TIMEFRAMES),
    });
  }
  return v;
}

export function timeframeMs(tf: Timeframe): number {
  return TIMEFRAMES[tf];
}
