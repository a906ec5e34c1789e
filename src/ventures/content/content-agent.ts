/**
 * The content agent (the specification's agent 16): trending topics → a weekly content plan under
 * the production time budget → publishable pieces in <home>/content/<id>/ that wait in the approval
 * queue → publication once approved (simulated publisher, or YouTube when configured) → simulated
 * views and revenue in state/content_revenue.csv and state/content_analytics.json. Settings: the
 * config file's `ventures.content_agent` (hours_per_week, approval_ttl_hours, interval).
 */
import type { Config } from '../../config/config.js';
import { configSection } from '../../config/config.js';
import { venturesSectionSchema } from '../../config/sections/ventures.js';
import { contentPipeline } from '../../contracts/content.js';
import { knowledgeSnap } from '../../contracts/inputs.js';
import { approvals } from '../../contracts/status.js';
import { contentAnalytics, contentRevenue } from '../../contracts/ventures.js';
import type { AgentDefinition } from '../../core/agent.js';
import { requirePort } from '../../core/agent.js';
import { MS } from '../../core/clock.js';
import { AGENT, contentCycle, type ContentSettings } from './cycle.js';

export const CONTENT_DEFAULTS = { hoursPerWeek: 20, approvalTtlHours: 7 * 24, intervalSeconds: 3600 } as const;

export function contentSettings(config: Config): ContentSettings & { intervalMs: number } {
  const s = configSection(config, 'ventures', venturesSectionSchema.optional())?.content_agent;
  return {
    hoursPerWeek: s?.hours_per_week ?? CONTENT_DEFAULTS.hoursPerWeek,
    approvalTtlMs: (s?.approval_ttl_hours ?? CONTENT_DEFAULTS.approvalTtlHours) * MS.hour,
    intervalMs: (s?.interval ?? CONTENT_DEFAULTS.intervalSeconds) * MS.second,
  };
}

export const contentAgent: AgentDefinition = {
  name: AGENT,
  description: 'Plans content from trending topics under a weekly time budget, produces scripts, metadata and thumbnails for approval, publishes approved pieces and accounts simulated revenue.',
  intervalMs: (config) => contentSettings(config).intervalMs,
  consumes: [knowledgeSnap, approvals],
  produces: [contentPipeline, contentRevenue, contentAnalytics],
  needs: ['publisher'],
  create(ctx) {
    const cycle = contentCycle({ ctx, publisher: requirePort(ctx, 'publisher'), settings: contentSettings(ctx.config), wallNow: Date.now });
    return {
      async tick(now) {
        const r = await cycle.tick(now);
        const busy = r.produced.length + r.published.length + r.closed.length > 0;
        ctx.log[busy ? 'info' : 'debug']({ produced: r.produced, published: r.published, closed: r.closed, waiting: r.waiting, revenue_rows: r.revenueRows }, 'content cycle');
      },
    };
  },
};
