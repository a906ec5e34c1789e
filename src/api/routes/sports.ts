/**
 * `GET /api/sports`: the sports agents' predictions, validation, calibration and betting book for
 * the dashboard, summarised by src/ventures/sports/summary.ts and checked against the shared
 * contract before it leaves. Files not written yet are named in `missing` (200, not 404): the view
 * shows what exists. A file that exists but cannot be read is an error, never an empty view.
 */
import type { FastifyInstance } from 'fastify';
import { sportsSummary } from '../../contracts/sports-view.js';
import { sportsBetting, sportsBettingPnl, sportsPredictions } from '../../contracts/ventures.js';
import type { StateStore } from '../../store/file-store.js';
import { sportsSummaryOf } from '../../ventures/sports/summary.js';

export function sportsRoutes(store: StateStore) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/api/sports', async () => {
      const predictions = store.read(sportsPredictions);
      if (!predictions.ok) throw predictions.error;
      const betting = store.read(sportsBetting);
      if (!betting.ok) throw betting.error;
      const rows = store.exists(sportsBettingPnl) ? store.ledger(sportsBettingPnl).readAll() : [];
      return sportsSummary.parse(sportsSummaryOf(predictions.value, betting.value, rows));
    });
  };
}
