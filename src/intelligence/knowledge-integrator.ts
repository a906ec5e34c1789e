/**
 * Knowledge Integrator agent: aggregates Twitter/Reddit/GitHub signals into
 * `state/knowledge_snap.json` when their keys are set, and writes the commerce ventures' inputs,
 * `state/trending_products.json` and `state/event_schedule.json`, from the labelled (simulated: true)
 * trend and event simulators, since no real source for them is configured. Without keys it still writes the snapshot
 * (every source `no_key`, sentiment null) — a graceful no-op the orchestrator understands. A failing
 * source is reported as `error` with its message; the others still count.
 */
import { configSection } from '../config/config.js';
import { knowledgeSectionSchema } from '../config/sections/knowledge.js';
import { eventSchedule, knowledgeSnap, trendingProducts } from '../contracts/inputs.js';
import { simulatedEventSchedule, simulatedTrendingProducts } from './commerce-inputs.js';
import { describeError } from '../core/errors.js';
import type { AgentDefinition } from '../core/agent.js';
import { sentimentOf, topicScores } from './knowledge.js';
import { fetchGithub, fetchReddit, fetchTwitter, type SourceBaseUrls } from './knowledge-sources.js';

type SourceName = 'twitter' | 'reddit' | 'github';
type SourceStatus = { status: 'active' | 'no_key' | 'error'; items: number; detail?: string };

export const knowledgeIntegratorAgent: AgentDefinition = {
  name: 'knowledge_integrator',
  description: 'Aggregates Twitter/Reddit/GitHub signals into state/knowledge_snap.json when keys exist; writes the (simulated) trending products and event schedule.',
  intervalMs: () => 4 * 3_600_000,
  consumes: [],
  produces: [knowledgeSnap, trendingProducts, eventSchedule],
  needs: [],
  create: (ctx) => {
    const section = configSection(ctx.config, 'knowledge', knowledgeSectionSchema);
    const urls: SourceBaseUrls = ctx.ports.knowledgeUrls ?? {};
    const c = ctx.config;
    const sources: Record<SourceName, (() => Promise<string[]>) | undefined> = {
      twitter: c.twitterBearerToken ? () => fetchTwitter(c.twitterBearerToken!, section.query, urls.twitter) : undefined,
      reddit: c.redditClientId && c.redditSecret ? () => fetchReddit(c.redditClientId!, c.redditSecret!, section.subreddits, urls) : undefined,
      github: c.githubToken ? () => fetchGithub(c.githubToken!, section.github_query, urls.github) : undefined,
    };
    return {
      async tick(now) {
        const status: Partial<Record<SourceName, SourceStatus>> = {};
        const texts: string[] = [];
        for (const [name, fetcher] of Object.entries(sources) as [SourceName, (() => Promise<string[]>) | undefined][]) {
          if (!fetcher) {
            status[name] = { status: 'no_key', items: 0 };
            continue;
          }
          try {
            const got = await fetcher();
            texts.push(...got);
            status[name] = { status: 'active', items: got.length };
          } catch (err) {
            ctx.log.warn({ source: name }, `knowledge source ${name} failed: ${describeError(err)}`);
            status[name] = { status: 'error', items: 0, detail: describeError(err) };
          }
        }
        ctx.store.write(knowledgeSnap, { timestamp: new Date(now).toISOString(), sources: status, sentiment: sentimentOf(texts), topics: topicScores(texts) });
        ctx.store.write(trendingProducts, simulatedTrendingProducts(c.seed, now));
        ctx.store.write(eventSchedule, simulatedEventSchedule(c.seed, now));
      },
    };
  },
};
