/** The approvals queue: actions agents may not take alone wait here for a person's decision. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NeoLightError } from '../../core/errors.js';
import type { StateStore } from '../../store/file-store.js';
import { approvalQueue, decideApproval, expireApprovals } from '../../store/approval-queue.js';

const bodySchema = z.object({ reason: z.string().max(500).optional() }).optional();

export function approvalRoutes(store: StateStore, decidedBy = 'api') {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/api/approvals', async () => {
      expireApprovals(store, Date.now());
      return approvalQueue(store);
    });
    app.post('/api/approvals/:id/:decision', async (req) => {
      const { id, decision } = req.params as { id: string; decision: string };
      if (decision !== 'approve' && decision !== 'reject') throw new NeoLightError('NL_ERR_NOT_FOUND', `no route for "${decision}"; use approve or reject`);
      const body = bodySchema.safeParse(req.body ?? undefined);
      if (!body.success) throw new NeoLightError('NL_ERR_BAD_INPUT', `body: ${body.error.issues[0]?.message}; expected {"reason": "..."} or nothing`);
      return decideApproval(store, id, decision, decidedBy, Date.now(), body.data?.reason);
    });
  };
}
