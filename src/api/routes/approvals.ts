/** The approvals queue: actions agents may not take alone wait here for a person's decision. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { approvals } from '../../contracts/status.js';
import { NeoLightError } from '../../core/errors.js';
import type { StateStore } from '../../store/file-store.js';

const bodySchema = z.object({ reason: z.string().max(500).optional() }).optional();

export function approvalRoutes(store: StateStore) {
  return async (app: FastifyInstance): Promise<void> => {
    const current = () => store.get(approvals) ?? { updated_at: new Date(0).toISOString(), items: [] };
    app.get('/api/approvals', async () => current());
    app.post('/api/approvals/:id/:decision', async (req) => {
      const { id, decision } = req.params as { id: string; decision: string };
      if (decision !== 'approve' && decision !== 'reject') throw new NeoLightError('NL_ERR_NOT_FOUND', `no route for "${decision}"; use approve or reject`);
      const body = bodySchema.safeParse(req.body ?? undefined);
      if (!body.success) throw new NeoLightError('NL_ERR_BAD_INPUT', `body: ${body.error.issues[0]?.message}; expected {"reason": "..."} or nothing`);
      const doc = current();
      const item = doc.items.find((i) => i.id === id);
      if (!item) throw new NeoLightError('NL_ERR_NOT_FOUND', `no approval with id "${id}"`);
      if (item.status !== 'pending') throw new NeoLightError('NL_ERR_CONFLICT', `approval "${id}" was already ${item.status} at ${item.decided_at}`);
      const now = new Date().toISOString();
      const decided = { ...item, status: decision === 'approve' ? ('approved' as const) : ('rejected' as const), decided_at: now, ...(body.data?.reason ? { reason: body.data.reason } : {}) };
      store.write(approvals, { updated_at: now, items: doc.items.map((i) => (i.id === id ? decided : i)) });
      return decided;
    });
  };
}
