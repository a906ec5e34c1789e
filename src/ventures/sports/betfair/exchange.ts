/**
 * Betfair Exchange as the agent's betting port: football MATCH_ODDS markets starting within three
 * days (listMarketCatalogue, then listMarketBook for the best back prices), back bets as LIMIT
 * FILL_OR_KILL orders (placeOrders; an unmatched order is not left resting — it lapses at once),
 * cancellation (cancelOrders) and settlement from cleared orders (listClearedOrders, SETTLED and
 * VOIDED). Runner order in a MATCH_ODDS market is home (sortPriority 1), away (2), the draw (3).
 * Every bet passes the controls of ./controls.ts first; live betting is off by default, so nothing
 * reaches Betfair's placeOrders until it is switched on. Stakes are cents here and currency units there.
 */
import type { BetRequest, BetResult, BettingExchange, BettingMarket, OpenBet, Selection, Settlement } from '../../../core/betting.js';
import { NeoLightError } from '../../../core/errors.js';
import { formatIssues } from '../../../contracts/contract.js';
import { checkBet, type ControlLimits } from './controls.js';
import type { BetfairCall } from './http.js';
import { cancelReport, clearedOrders, marketBook, marketCatalogue, placeReport } from './schemas.js';
import type { z } from 'zod';

export interface BetfairExchangeOptions extends ControlLimits {
  /** Commission rate on net market winnings (the account's Market Base Rate, 0.05 in the UK). */
  readonly commission: number;
  /** Placements already sent (ms), so the hourly limit survives a restart when the caller keeps them. */
  readonly placements?: number[];
}

const SOCCER = '1';
const BY_PRIORITY: Record<number, Selection> = { 1: 'home', 2: 'away', 3: 'draw' };

function parse<S extends z.ZodType>(schema: S, body: unknown, operation: string): z.infer<S> {
  const r = schema.safeParse(body);
  if (!r.success) throw new NeoLightError('NL_ERR_UPSTREAM', `betfair: ${operation} answered in an unexpected shape: ${formatIssues(r.error)}`, { venue: 'betfair', reason: 'malformed' });
  return r.data;
}

/** Betfair's customerRef is at most 32 characters; a longer key is shortened by a stable hash. */
export function customerRef(key: string): string {
  if (key.length <= 32) return key;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return `${key.slice(0, 23)}-${(h >>> 0).toString(16).padStart(8, '0')}`;
}

export function betfairExchange(call: BetfairCall, o: BetfairExchangeOptions): BettingExchange & { cancelBet(marketId: string, betId: string): Promise<boolean> } {
  const selections = new Map<string, Map<Selection, number>>();
  const markets = new Map<string, BettingMarket>();
  const placements = o.placements ?? [];
  const open = new Map<string, number>();

  async function books(ids: readonly string[]): Promise<z.infer<typeof marketBook>> {
    const out: z.infer<typeof marketBook> = [];
    // EX_BEST_OFFERS weighs 5 a market against the request weight limit of 200.
    for (let i = 0; i < ids.length; i += 40) out.push(...parse(marketBook, await call('listMarketBook', { marketIds: ids.slice(i, i + 40), priceProjection: { priceData: ['EX_BEST_OFFERS'] } }), 'listMarketBook'));
    return out;
  }

  return {
    name: 'betfair',
    simulated: false,
    minStakeCents: o.minStakeCents,
    commissionOf: (book) => (book === 'betfair' ? o.commission : 0),
    async listMarkets(nowMs) {
      const cat = parse(
        marketCatalogue,
        await call('listMarketCatalogue', {
          filter: { eventTypeIds: [SOCCER], marketTypeCodes: ['MATCH_ODDS'], marketStartTime: { from: new Date(nowMs).toISOString(), to: new Date(nowMs + 3 * 86_400_000).toISOString() } },
          marketProjection: ['EVENT', 'COMPETITION', 'RUNNER_DESCRIPTION', 'MARKET_START_TIME'],
          sort: 'FIRST_TO_START',
          maxResults: 100,
        }),
        'listMarketCatalogue',
      );
      const byId = new Map((await books(cat.map((m) => m.marketId))).map((b) => [b.marketId, b]));
      const out: BettingMarket[] = [];
      for (const m of cat) {
        const book = byId.get(m.marketId);
        const sel = new Map<Selection, number>();
        for (const r of m.runners) if (BY_PRIORITY[r.sortPriority]) sel.set(BY_PRIORITY[r.sortPriority] as Selection, r.selectionId);
        const home = m.runners.find((r) => r.sortPriority === 1)?.runnerName;
        const away = m.runners.find((r) => r.sortPriority === 2)?.runnerName;
        if (!book || !home || !away || sel.size !== 3) continue;
        selections.set(m.marketId, sel);
        const prices = [...sel].flatMap(([selection, id]) => {
          const best = book.runners.find((r) => r.selectionId === id)?.ex?.availableToBack?.[0]?.price;
          return best && best > 1 ? [{ book: 'betfair', selection, decimalOdds: best, commission: o.commission }] : [];
        });
        const market: BettingMarket = {
          marketId: m.marketId,
          matchId: `betfair-${m.marketId}`,
          sport: 'football',
          league: m.competition?.name ?? '',
          home,
          away,
          kickoff: new Date(Date.parse(m.marketStartTime)).toISOString(),
          status: book.status === 'OPEN' ? 'OPEN' : book.status === 'SUSPENDED' ? 'SUSPENDED' : 'CLOSED',
          inPlay: book.inplay,
          selections: ['home', 'draw', 'away'],
          prices,
        };
        markets.set(m.marketId, market);
        out.push(market);
      }
      return out;
    },

    async placeBet(req: BetRequest, nowMs: number): Promise<BetResult> {
      const market = markets.get(req.marketId);
      const selectionId = selections.get(req.marketId)?.get(req.selection);
      if (!market || selectionId === undefined) return { status: 'REJECTED', code: 'MARKET_NOT_LISTED', detail: `market ${req.marketId} was not in the last listing` };
      const exposure = [...open.values()].reduce((s, v) => s + v, 0);
      const control = checkBet({ stakeCents: req.stakeCents, decimalOdds: req.decimalOdds, market, openExposureCents: exposure, placements, nowMs }, o);
      if (!control.ok) return { status: 'REJECTED', code: control.code, detail: control.detail };
      placements.push(nowMs);
      const report = parse(
        placeReport,
        await call('placeOrders', {
          marketId: req.marketId,
          instructions: [{ selectionId, handicap: 0, side: 'BACK', orderType: 'LIMIT', limitOrder: { size: req.stakeCents / 100, price: req.decimalOdds, persistenceType: 'LAPSE', timeInForce: 'FILL_OR_KILL' } }],
          customerRef: customerRef(req.customerRef),
        }),
        'placeOrders',
      );
      const ir = report.instructionReports?.[0];
      const code = ir?.errorCode ?? report.errorCode;
      if (code === 'BET_LAPSED_PRICE_IMPROVEMENT_TOO_LARGE') return { status: 'LAPSED', code, detail: 'the price moved too far in our favour; Betfair lapsed the bet' };
      if (report.status !== 'SUCCESS' || !ir || ir.status !== 'SUCCESS') return { status: 'REJECTED', code: code ?? 'UNKNOWN', detail: `placeOrders ${report.status}` };
      const matchedCents = Math.round((ir.sizeMatched ?? 0) * 100);
      if (matchedCents <= 0 || !ir.betId) return { status: 'LAPSED', code: ir.orderStatus ?? 'EXPIRED', detail: 'nothing matched at the limit price (fill or kill)' };
      open.set(ir.betId, matchedCents);
      return { status: 'MATCHED', betId: ir.betId, decimalOdds: ir.averagePriceMatched ?? req.decimalOdds, stakeCents: matchedCents };
    },

    async cancelBet(marketId, betId) {
      const r = parse(cancelReport, await call('cancelOrders', { marketId, instructions: [{ betId }] }), 'cancelOrders');
      const ok = r.status === 'SUCCESS';
      if (ok) open.delete(betId);
      return ok;
    },

    async settlements(bets: readonly OpenBet[], nowMs: number): Promise<Settlement[]> {
      if (bets.length === 0) return [];
      const byId = new Map(bets.map((b) => [b.betId, b]));
      const out: Settlement[] = [];
      for (const betStatus of ['SETTLED', 'VOIDED'] as const) {
        const r = parse(clearedOrders, await call('listClearedOrders', { betStatus, betIds: [...byId.keys()] }), 'listClearedOrders');
        for (const c of r.clearedOrders) {
          const bet = byId.get(c.betId);
          if (!bet) continue;
          const result = betStatus === 'VOIDED' ? 'void' : c.betOutcome === 'WON' ? 'won' : 'lost';
          open.delete(c.betId);
          out.push({ betId: c.betId, result, winner: result === 'won' ? bet.selection : null, settledAt: new Date(c.settledDate ? Date.parse(c.settledDate) : nowMs).toISOString() });
        }
      }
      return out;
    },
  };
}
