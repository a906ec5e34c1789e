import { describe, expect, it } from 'vitest';
import { bookPrices, fixturesOfDay, openFixtures, simResult, SIM_BOOKS, type SimWorld } from '../../../src/ventures/sports/odds-simulator.js';
import { overround, shin } from '../../../src/ventures/sports/odds.js';
import { simulatedExchange } from '../../../src/ventures/sports/sim-exchange.js';

const world: SimWorld = {
  leagues: [{ league: 'x.1', teams: Array.from({ length: 20 }, (_, i) => ({ name: `T${i}`, rating: 1400 + 10 * i })) }],
  homeAdvantage: 70,
  drawMargin: 95,
};
const NOW = Date.parse('2026-11-29T12:00:00Z');

describe('the simulated books (a pure function of seed and time)', () => {
  it('repeats for a seed and differs for another', () => {
    expect(openFixtures(world, 7, NOW)).toEqual(openFixtures(world, 7, NOW));
    expect(openFixtures(world, 7, NOW).map((f) => f.home)).not.toEqual(openFixtures(world, 8, NOW).map((f) => f.home));
  });

  it("each book's overround is near its margin, and the closing price is nearer the truth than the opening one", () => {
    let openErr = 0;
    let closeErr = 0;
    for (let day = 20_000; day < 20_040; day++) {
      for (const f of fixturesOfDay(world, 3, day)) {
        for (const b of SIM_BOOKS) {
          const open = bookPrices(3, f, b, f.kickoffMs - 3 * 86_400_000);
          const close = bookPrices(3, f, b, f.kickoffMs);
          const o = overround(close.map((p) => p.decimalOdds));
          expect(o).toBeGreaterThan(b.margin - 0.01);
          expect(o).toBeLessThan(b.margin + 0.02);
          openErr += Math.abs((shin(open.map((p) => p.decimalOdds)).probs[0] as number) - f.truth.home);
          closeErr += Math.abs((shin(close.map((p) => p.decimalOdds)).probs[0] as number) - f.truth.home);
        }
      }
    }
    expect(closeErr).toBeLessThan(openErr * 0.6);
  });

  it('results follow the true probabilities (home-win share within 3 points over 4,000 matches)', () => {
    let home = 0;
    let expected = 0;
    let n = 0;
    for (let day = 20_000; day < 20_400; day++) {
      for (const f of fixturesOfDay(world, 11, day)) {
        expect(simResult(11, f, f.kickoffMs)).toBeNull();
        if (simResult(11, f, f.kickoffMs + 2 * 3_600_000) === 'home') home++;
        expected += f.truth.home;
        n++;
      }
    }
    expect(Math.abs(home - expected) / n).toBeLessThan(0.03);
  });
});

describe('the simulated exchange', () => {
  const ex = simulatedExchange(world, 5);

  it('given a builder of its world, builds it once, on first use, and lists the same markets', async () => {
    let builds = 0;
    const lazy = simulatedExchange(() => (builds++, world), 5);
    expect(builds).toBe(0);
    expect(await lazy.listMarkets(NOW)).toEqual(await ex.listMarkets(NOW));
    await lazy.listMarkets(NOW + 86_400_000);
    expect(builds).toBe(1);
  });

  it('matches at the current price, lapses above it, rejects a small stake and a started market', async () => {
    const [m] = await ex.listMarkets(NOW);
    if (!m) throw new Error('no market');
    const p = m.prices.find((x) => x.book === 'exchange_sim' && x.selection === 'home');
    if (!p) throw new Error('no price');
    const req = { marketId: m.marketId, book: 'exchange_sim', selection: 'home' as const, decimalOdds: p.decimalOdds, stakeCents: 1000, customerRef: 'r1' };
    expect(await ex.placeBet(req, NOW)).toEqual({ status: 'MATCHED', betId: 'sim-r1', decimalOdds: p.decimalOdds, stakeCents: 1000 });
    expect(await ex.placeBet({ ...req, decimalOdds: p.decimalOdds + 0.5 }, NOW)).toMatchObject({ status: 'LAPSED', code: 'PRICE_MOVED' });
    expect(await ex.placeBet({ ...req, stakeCents: 199 }, NOW)).toMatchObject({ status: 'REJECTED', code: 'INVALID_BET_SIZE' });
    expect(await ex.placeBet(req, Date.parse(m.kickoff))).toMatchObject({ status: 'REJECTED', code: 'MARKET_NOT_OPEN_FOR_BETTING' });
    const bet = { betId: 'sim-r1', marketId: m.marketId, book: 'exchange_sim', selection: 'home' as const, decimalOdds: p.decimalOdds, stakeCents: 1000 };
    expect(await ex.settlements([bet], NOW)).toEqual([]);
    const [s] = await ex.settlements([bet], Date.parse(m.kickoff) + 3 * 3_600_000);
    expect(s?.result).toBe(s?.winner === 'home' ? 'won' : 'lost');
  });
});
