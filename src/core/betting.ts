/**
 * The betting exchange port: what the sports-betting agent needs from a venue, whichever it is —
 * the deterministic simulator (several books, sim and backtest) or Betfair Exchange (live). Money is
 * in integer cents; odds are decimal. The composition root (src/mesh/ports.ts) chooses the adapter.
 */
export type Selection = 'home' | 'draw' | 'away';

export interface BookPrice {
  readonly book: string;
  readonly selection: Selection;
  /** Best available price to back at, decimal. */
  readonly decimalOdds: number;
  /** Fraction of net winnings the book takes (an exchange's commission; 0 for a sportsbook). */
  readonly commission: number;
}

export interface BettingMarket {
  readonly marketId: string;
  readonly matchId: string;
  readonly sport: string;
  readonly league: string;
  readonly home: string;
  readonly away: string;
  readonly kickoff: string;
  readonly status: 'OPEN' | 'SUSPENDED' | 'CLOSED';
  readonly inPlay: boolean;
  /** The selections the market settles on (a two-way market has no draw). */
  readonly selections: readonly Selection[];
  readonly prices: readonly BookPrice[];
}

export interface BetRequest {
  readonly marketId: string;
  readonly book: string;
  readonly selection: Selection;
  /** The lowest price the agent accepts (a limit). */
  readonly decimalOdds: number;
  readonly stakeCents: number;
  /** Idempotency key: the same reference never places a second bet. */
  readonly customerRef: string;
}

export type BetResult =
  | { readonly status: 'MATCHED'; readonly betId: string; readonly decimalOdds: number; readonly stakeCents: number }
  | { readonly status: 'LAPSED' | 'REJECTED'; readonly code: string; readonly detail: string };

export interface OpenBet {
  readonly betId: string;
  readonly marketId: string;
  readonly book: string;
  readonly selection: Selection;
  readonly decimalOdds: number;
  readonly stakeCents: number;
}

export interface Settlement {
  readonly betId: string;
  readonly result: 'won' | 'lost' | 'void';
  /** What the market settled on; null when void or unknown (an exchange's cleared lost bet does not name the winner). */
  readonly winner: Selection | null;
  readonly settledAt: string;
}

export interface BettingExchange {
  readonly name: string;
  readonly simulated: boolean;
  readonly minStakeCents: number;
  /** The book's commission rate on net market winnings (0 for a sportsbook). */
  commissionOf(book: string): number;
  /** The closing price of a selection (the last before kick-off), when the venue knows it: for closing-line value. */
  closingOdds?(marketId: string, book: string, selection: Selection): number | undefined;
  /** Markets open for betting at `nowMs` (kick-off in the future), with every book's prices. */
  listMarkets(nowMs: number): Promise<BettingMarket[]>;
  placeBet(req: BetRequest, nowMs: number): Promise<BetResult>;
  /** Settlements of the given bets whose markets have a result by `nowMs`. */
  settlements(bets: readonly OpenBet[], nowMs: number): Promise<Settlement[]>;
}
