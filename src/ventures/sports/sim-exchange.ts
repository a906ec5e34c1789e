/**
 * The simulated betting venue (SIMULATED): markets, prices and results from the pure simulator;
 * a bet is matched at the book's current price when the limit is met, lapses when the price moved
 * below the limit, and is rejected under the minimum stake, on a market that is not open or in
 * play, or for an unknown book. It keeps no state: settlements are recomputed from the bets given.
 */
import type { BetRequest, BetResult, BettingExchange, BettingMarket, OpenBet, Settlement } from '../../core/betting.js';
import { bookPrices, fixtureById, openFixtures, simResult, SIM_BOOKS, type SimFixture, type SimWorld } from './odds-simulator.js';

export const SIM_MIN_STAKE_CENTS = 200;

function market(seed: number, f: SimFixture, nowMs: number): BettingMarket {
  return {
    marketId: f.marketId,
    matchId: f.marketId,
    sport: 'football',
    league: f.league,
    home: f.home,
    away: f.away,
    kickoff: new Date(f.kickoffMs).toISOString(),
    status: nowMs < f.kickoffMs ? 'OPEN' : 'CLOSED',
    inPlay: nowMs >= f.kickoffMs,
    selections: ['home', 'draw', 'away'],
    prices: SIM_BOOKS.flatMap((b) => bookPrices(seed, f, b, nowMs)),
  };
}

/**
 * `world` may be given as its builder, called once on first use: the mesh's venue builds it from the
 * shipped match data, and a process that builds it after its agent's start (the analytics agent's
 * model fit) does not hold that parse and the fit in memory at the same time.
 */
export function simulatedExchange(worldOrBuild: SimWorld | (() => SimWorld), seed: number): BettingExchange {
  let built: SimWorld | undefined = typeof worldOrBuild === 'function' ? undefined : worldOrBuild;
  const w = (): SimWorld => (built ??= (worldOrBuild as () => SimWorld)());
  return {
    name: 'sports_sim',
    simulated: true,
    minStakeCents: SIM_MIN_STAKE_CENTS,
    commissionOf: (book) => SIM_BOOKS.find((b) => b.book === book)?.commission ?? 0,
    closingOdds: (marketId, book, selection) => {
      const f = fixtureById(w(), seed, marketId);
      const b = SIM_BOOKS.find((x) => x.book === book);
      return f && b ? bookPrices(seed, f, b, f.kickoffMs).find((p) => p.selection === selection)?.decimalOdds : undefined;
    },
    listMarkets: async (nowMs) => openFixtures(w(), seed, nowMs).map((f) => market(seed, f, nowMs)),
    placeBet: async (req: BetRequest, nowMs: number): Promise<BetResult> => {
      const f = fixtureById(w(), seed, req.marketId);
      if (!f) return { status: 'REJECTED', code: 'MARKET_NOT_FOUND', detail: `no market ${req.marketId}` };
      if (nowMs >= f.kickoffMs) return { status: 'REJECTED', code: 'MARKET_NOT_OPEN_FOR_BETTING', detail: `market ${req.marketId} kicked off` };
      if (req.stakeCents < SIM_MIN_STAKE_CENTS) return { status: 'REJECTED', code: 'INVALID_BET_SIZE', detail: `stake ${req.stakeCents} cents is under the minimum ${SIM_MIN_STAKE_CENTS}` };
      const book = SIM_BOOKS.find((b) => b.book === req.book);
      if (!book) return { status: 'REJECTED', code: 'UNKNOWN_BOOK', detail: `no book ${req.book}` };
      const price = bookPrices(seed, f, book, nowMs).find((p) => p.selection === req.selection);
      if (!price || price.decimalOdds < req.decimalOdds) return { status: 'LAPSED', code: 'PRICE_MOVED', detail: `best price ${price?.decimalOdds ?? 'none'} is below the limit ${req.decimalOdds}` };
      return { status: 'MATCHED', betId: `sim-${req.customerRef}`, decimalOdds: price.decimalOdds, stakeCents: req.stakeCents };
    },
    settlements: async (bets: readonly OpenBet[], nowMs: number): Promise<Settlement[]> =>
      bets.flatMap((b): Settlement[] => {
        const f = fixtureById(w(), seed, b.marketId);
        if (!f) return [{ betId: b.betId, result: 'void', winner: null, settledAt: new Date(nowMs).toISOString() }];
        const winner = simResult(seed, f, nowMs);
        if (!winner) return [];
        return [{ betId: b.betId, result: winner === b.selection ? 'won' : 'lost', winner, settledAt: new Date(f.kickoffMs + 2 * 3_600_000).toISOString() }];
      }),
  };
}
