/**
 * `GET /api/sports`: the sports agents' figures for the dashboard — missing files named, yield with
 * commission from the ledger in cents (checked by hand), closing-line value per bet, predictions
 * upcoming from the document's own time — and an unreadable file answered as an error.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiServer } from '../../src/api/server.js';
import { loadConfig } from '../../src/config/config.js';
import { sportsSummary } from '../../src/contracts/sports-view.js';
import { sportsBetting, sportsBettingPnl, sportsPredictions } from '../../src/contracts/ventures.js';
import { openFileStore } from '../../src/store/file-store.js';
import { fakeSupervisor } from './fixture.js';

let home = '';
afterEach(() => rmSync(home, { recursive: true, force: true }));
const server = () => {
  home = mkdtempSync(join(tmpdir(), 'neolight-sports-api-'));
  return createApiServer({ config: loadConfig({ home }, {}), supervisor: fakeSupervisor, webDist: join(home, 'no-web') });
};
const T = '2026-11-29T12:00:00.000Z';

function writeFiles(dir: string) {
  const store = openFileStore(dir);
  store.write(sportsPredictions, {
    updated_at: T,
    model: 'dixon_coles',
    simulated: true,
    validation: { accuracy: 0.5312, log_loss: 0.98, matches: 3404, target_accuracy: 0.7, brier: 0.58, baseline_accuracy: 0.44, seasons: '2024-2025', calibration: [{ from: 0.4, to: 0.5, n: 812, predicted: 0.452, observed: 0.47 }] },
    predictions: [
      { match_id: 'm-late', sport: 'football', home: 'Arsenal', away: 'Chelsea', kickoff: '2026-12-02T15:00:00.000Z', p_home: 0.5, p_draw: 0.3, p_away: 0.2, league: 'E0' },
      { match_id: 'm-past', sport: 'football', home: 'Leeds', away: 'Hull', kickoff: '2026-11-28T15:00:00.000Z', p_home: 0.4, p_draw: 0.3, p_away: 0.3 },
      { match_id: 'm-soon', sport: 'football', home: 'Lyon', away: 'Nice', kickoff: '2026-11-30T20:00:00.000Z', p_home: 0.45, p_draw: 0.25, p_away: 0.3, league: 'F1' },
    ],
  });
  store.write(sportsBetting, {
    updated_at: T,
    simulated: true,
    bankroll: 1006.92,
    staked: 5,
    settled_bets: 3,
    yield: 0.3993,
    clv: 0.027853,
    open_bets: [{ bet_id: 'b4', match_id: 'm-soon', venue: 'exchange_sim', selection: 'away', decimal_odds: 3.4, stake: 5, placed_at: T }],
    bankroll_curve: [
      { ts: '2026-11-28T17:00:00.000Z', bankroll: 1014.25 },
      { ts: '2026-11-28T19:00:00.000Z', bankroll: 1006.92 },
    ],
    clv_bets: [
      { bet_id: 'b1', match_id: 'm1', venue: 'exchange_sim', selection: 'home', decimal_odds: 2.5, closing_odds: 2.3, settled_at: '2026-11-28T17:00:00.000Z' },
      { bet_id: 'b2', match_id: 'm2', venue: 'book_a_sim', selection: 'draw', decimal_odds: 3.1, closing_odds: 3.2, settled_at: '2026-11-28T19:00:00.000Z' },
    ],
  });
  const row = (bet: string, status: 'placed' | 'won' | 'lost' | 'void', stake: number, odds: number, commission: number, pnl: number) => ({ key: `${status}:${bet}`, row: { ts: T, mode: 'sim' as const, bet_id: bet, match_id: `m-${bet}`, venue: 'exchange_sim', selection: 'home' as const, decimal_odds: odds, stake, status, commission, pnl } });
  store.ledger(sportsBettingPnl).append([
    row('b1', 'placed', 10, 2.5, 0, 0),
    row('b2', 'placed', 7.33, 3.1, 0, 0),
    row('b3', 'placed', 4, 1.9, 0, 0),
    row('b4', 'placed', 5, 3.4, 0, 0),
    // won at 2.50: gross 15.00, 5 % commission 0.75, net 14.25
    row('b1', 'won', 10, 2.5, 0.75, 14.25),
    row('b2', 'lost', 7.33, 3.1, 0, -7.33),
    row('b3', 'void', 4, 1.9, 0, 0),
  ]);
}

describe('GET /api/sports', () => {
  it('answers 200 with both parts null and names the files not written yet', async () => {
    const app = await server();
    const r = await app.inject({ method: 'GET', url: '/api/sports' });
    expect(r.statusCode).toBe(200);
    const s = sportsSummary.parse(r.json());
    expect(s.predictions).toBeNull();
    expect(s.betting).toBeNull();
    expect(s.missing).toEqual(['state/sports_predictions.json', 'state/sports_betting.json']);
    await app.close();
  });

  it('summarises predictions, validation beside the target, and the book with yield and CLV', async () => {
    const app = await server();
    writeFiles(home);
    const r = await app.inject({ method: 'GET', url: '/api/sports' });
    expect(r.statusCode).toBe(200);
    const s = sportsSummary.parse(r.json());
    expect(s.missing).toEqual([]);
    const p = s.predictions;
    expect(p?.accuracy).toEqual({ measured: 0.5312, target: 0.7, baseline: 0.44 });
    expect(p?.fixtures_simulated).toBe(true);
    expect(p?.calibration).toEqual([{ from: 0.4, to: 0.5, n: 812, predicted: 0.452, observed: 0.47 }]);
    // Upcoming against the document's time, soonest first; the past fixture is left out.
    expect(p?.upcoming.map((u) => u.match_id)).toEqual(['m-soon', 'm-late']);
    expect(p?.upcoming[1]?.league).toBe('E0');
    expect(p?.total_predictions).toBe(3);
    const b = s.betting;
    // By hand: staked 10.00 + 7.33 (the void 4.00 is not a stake at risk) = 17.33;
    // profit 14.25 − 7.33 = 6.92 after 0.75 commission; yield 692 / 1733.
    expect(b?.total_staked).toBe(17.33);
    expect(b?.profit).toBe(6.92);
    expect(b?.commission).toBe(0.75);
    expect(b?.yield).toBeCloseTo(0.399307559145990, 12);
    expect(b?.clv).toBe(0.027853);
    // Latest first: 3.10 taken against a 3.20 close is −3.125 %; 2.50 against 2.30 is +8.696 %.
    expect(b?.clv_bets.map((x) => x.bet_id)).toEqual(['b2', 'b1']);
    expect(b?.clv_bets[0]?.clv).toBeCloseTo(3.1 / 3.2 - 1, 12);
    expect(b?.clv_bets[1]?.clv).toBeCloseTo(2.5 / 2.3 - 1, 12);
    expect(b?.beat_close).toBe(0.5);
    expect(b?.open_bets.map((o) => o.bet_id)).toEqual(['b4']);
    expect(b?.open_stake).toBe(5);
    expect(b?.bankroll_curve).toHaveLength(2);
    expect(b?.simulated).toBe(true);
    await app.close();
  });

  it('answers an error naming the file when the predictions cannot be read, never an empty view', async () => {
    const app = await server();
    mkdirSync(join(home, 'state'), { recursive: true });
    writeFileSync(join(home, 'state', 'sports_predictions.json'), '{"updated_at": 5');
    const r = await app.inject({ method: 'GET', url: '/api/sports' });
    expect(r.statusCode).toBeGreaterThanOrEqual(400);
    expect(r.body).toContain('sports_predictions');
    await app.close();
  });
});
