/**
 * Pre-bet controls in the style of exchange trading frameworks (flumine's order and market
 * validation, strategy exposure and transaction control), each a pure check returning a reason
 * code, run in order by `checkBet`; the first rejection wins. The exchange's own rules are part of
 * them: the minimum stake, prices on 1.01–1000, a market that is OPEN and not in play (unless in-play
 * betting is allowed), and the hourly transaction limit above which Betfair charges per transaction.
 */
export type ControlCode =
  | 'LIVE_BETTING_DISABLED'
  | 'INVALID_STAKE'
  | 'BELOW_MIN_STAKE'
  | 'INVALID_PRICE'
  | 'MARKET_NOT_OPEN'
  | 'MARKET_IN_PLAY'
  | 'STRATEGY_EXPOSURE'
  | 'MAX_TRANSACTIONS';

export interface ControlLimits {
  /** Live betting is off unless configured on: no real bet is placed before someone turns it on. */
  readonly liveBetting: boolean;
  readonly minStakeCents: number;
  readonly allowInPlay: boolean;
  /** Most the strategy may have at risk across open bets. */
  readonly maxExposureCents: number;
  /** Most placements in any rolling hour. */
  readonly maxTransactionsPerHour: number;
}

export interface ControlInput {
  readonly stakeCents: number;
  readonly decimalOdds: number;
  readonly market: { readonly status: string; readonly inPlay: boolean };
  readonly openExposureCents: number;
  /** Times of the placements already sent, ms. */
  readonly placements: readonly number[];
  readonly nowMs: number;
}

export type ControlDecision = { readonly ok: true } | { readonly ok: false; readonly code: ControlCode; readonly detail: string };

type Check = (i: ControlInput, l: ControlLimits) => ControlDecision;
const ok: ControlDecision = { ok: true };
const no = (code: ControlCode, detail: string): ControlDecision => ({ ok: false, code, detail });

export const CONTROLS: readonly Check[] = [
  (_i, l) => (l.liveBetting ? ok : no('LIVE_BETTING_DISABLED', 'live betting is off (sports_betting.live_betting: false)')),
  (i) => (Number.isInteger(i.stakeCents) && i.stakeCents > 0 ? ok : no('INVALID_STAKE', `stake ${i.stakeCents} cents is not a positive whole number of cents`)),
  (i, l) => (i.stakeCents >= l.minStakeCents ? ok : no('BELOW_MIN_STAKE', `stake ${i.stakeCents} cents is under the exchange minimum ${l.minStakeCents}`)),
  (i) => (Number.isFinite(i.decimalOdds) && i.decimalOdds >= 1.01 && i.decimalOdds <= 1000 ? ok : no('INVALID_PRICE', `price ${i.decimalOdds} is outside 1.01–1000`)),
  (i) => (i.market.status === 'OPEN' ? ok : no('MARKET_NOT_OPEN', `market status is ${i.market.status}`)),
  (i, l) => (!i.market.inPlay || l.allowInPlay ? ok : no('MARKET_IN_PLAY', 'market is in play and in-play betting is not allowed')),
  (i, l) => (i.openExposureCents + i.stakeCents <= l.maxExposureCents ? ok : no('STRATEGY_EXPOSURE', `open exposure ${i.openExposureCents} + stake ${i.stakeCents} cents exceeds ${l.maxExposureCents}`)),
  (i, l) => {
    const lastHour = i.placements.filter((t) => t > i.nowMs - 3_600_000 && t <= i.nowMs).length;
    return lastHour < l.maxTransactionsPerHour ? ok : no('MAX_TRANSACTIONS', `${lastHour} placements in the last hour reach the limit ${l.maxTransactionsPerHour}`);
  },
];

export function checkBet(i: ControlInput, l: ControlLimits): ControlDecision {
  for (const c of CONTROLS) {
    const d = c(i, l);
    if (!d.ok) return d;
  }
  return ok;
}
