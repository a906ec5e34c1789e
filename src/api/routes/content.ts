/**
 * `GET /api/content`: the content agent's pipeline and revenue by stream for the dashboard,
 * summarised by the API (src/ventures/content/summary.ts) so the page only renders it.
 */
import type { FastifyInstance } from 'fastify';
import { contentPipeline } from '../../contracts/content.js';
import { contentRevenue } from '../../contracts/ventures.js';
import { NeoLightError } from '../../core/errors.js';
import type { StateStore } from '../../store/file-store.js';
import { contentSummaryOf } from '../../ventures/content/summary.js';

export function contentRoutes(store: StateStore) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/api/content', async () => {
      const doc = store.read(contentPipeline);
      if (!doc.ok) throw doc.error;
      if (doc.value === undefined) throw new NeoLightError('NL_ERR_NOT_FOUND', `${contentPipeline.path} does not exist yet: the content agent has not run`);
      const rows = store.exists(contentRevenue) ? store.ledger(contentRevenue).readAll() : [];
      return contentSummaryOf(doc.value, rows);
    });
  };
}
