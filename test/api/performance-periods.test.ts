/** `GET /api/performance/periods`: the live run's monthly returns and worst drawdowns, from the equity ledger. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiServer } from '../../src/api/server.js';
import { loadConfig } from '../../src/config/config.js';
import { performancePeriods } from '../../src/contracts/performance-periods.js';
import { performanceMetrics } from '../../src/contracts/trading.js';
import { openFileStore } from '../../src/store/file-store.js';
import { fakeSupervisor } from './fixture.js';

const home = mkdtempSync(join(tmpdir(), 'neolight-periods-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const server = () => createApiServer({ config: loadConfig({ home }, {}), supervisor: fakeSupervisor, webDist: join(home, 'no-web') });

describe('GET /api/performance/periods', () => {
  it('answers 404 naming the ledger before the first equity row', async () => {
    const app = await server();
    const r = await app.inject({ method: 'GET', url: '/api/performance/periods' });
    expect(r.statusCode).toBe(404);
    expect(r.body).toContain('state/performance_metrics.csv');
    await app.close();
  });

  it('computes months, years and drawdowns from each day’s last equity row', async () => {
    // Intraday rows: only each day's last counts. Days: 100, 110 (Jan), 99, 104.5 (Feb), 115.5 (Mar 2).
    const rows: [string, number][] = [
      ['2026-01-30T10:00:00Z', 90],
      ['2026-01-30T20:00:00Z', 100],
      ['2026-01-31T20:00:00Z', 110],
      ['2026-02-02T20:00:00Z', 99],
      ['2026-02-27T20:00:00Z', 104.5],
      ['2026-03-02T20:00:00Z', 115.5],
    ];
    openFileStore(home)
      .ledger(performanceMetrics)
      .append(rows.map(([ts, equity], i) => ({ key: `k${i}`, row: { ts, mode: 'sim' as const, equity, cash: equity, exposure: 0, drawdown: 0, sharpe: '' as const, daily_pnl: 0 } })));
    const app = await server();
    const r = await app.inject({ method: 'GET', url: '/api/performance/periods' });
    expect(r.statusCode).toBe(200);
    const body = performancePeriods.parse(r.json());
    expect(body).toMatchObject({ mode: 'sim', simulated: true, days: 5, first_day: '2026-01-30', last_day: '2026-03-02' });
    expect(body.monthly_returns.map((m) => [m.month, Number(m.return.toFixed(12))])).toEqual([
      ['2026-01', 0.1],
      ['2026-02', -0.05],
      ['2026-03', Number((115.5 / 104.5 - 1).toFixed(12))],
    ]);
    expect(body.yearly_returns.map((y) => [y.year, Number(y.return.toFixed(12))])).toEqual([[2026, 0.155]]);
    // 110 → 99 is a 10 % fall, recovered on 2026-03-02, 30 calendar days after the peak.
    expect(body.worst_drawdowns.map((d) => ({ ...d, depth: Number(d.depth.toFixed(12)) }))).toEqual([{ start: '2026-01-31', valley: '2026-02-02', recovery: '2026-03-02', depth: 0.1, days: 30 }]);
    await app.close();
  });
});
