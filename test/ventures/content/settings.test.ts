import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { NeoLightError } from '../../../src/core/errors.js';
import { venturePorts } from '../../../src/mesh/venture-ports.js';
import { manualClock } from '../../../src/core/clock.js';
import { contentSettings } from '../../../src/ventures/content/content-agent.js';
import { contentPublisherFromConfig } from '../../../src/ventures/content/publisher-from-config.js';

function homeWith(config?: unknown): string {
  const home = mkdtempSync(join(tmpdir(), 'nl-content-cfg-'));
  if (config !== undefined) writeFileSync(join(home, 'neolight.config.json'), JSON.stringify(config));
  return home;
}

describe('content agent settings', () => {
  it('defaults to 20 hours a week, a week-long approval and an hourly cycle', () => {
    expect(contentSettings(loadConfig({ home: homeWith() }, {}))).toEqual({ hoursPerWeek: 20, approvalTtlMs: 7 * 24 * 3600_000, intervalMs: 3600_000 });
  });

  it('reads ventures.content_agent and rejects capital settings the content agent does not have', () => {
    const s = contentSettings(loadConfig({ home: homeWith({ ventures: { content_agent: { hours_per_week: 12.5, approval_ttl_hours: 48, interval: 600 } } }) }, {}));
    expect(s).toEqual({ hoursPerWeek: 12.5, approvalTtlMs: 48 * 3600_000, intervalMs: 600_000 });
    expect(() => loadConfig({ home: homeWith({ ventures: { content_agent: { budget_usd: 100 } } }) }, {})).toThrow(/budget_usd.*spends no capital/);
    expect(() => loadConfig({ home: homeWith({ ventures: { content_agent: { hours_per_week: 0 } } }) }, {})).toThrow(/hours_per_week/);
  });
});

describe('content publisher from the settings', () => {
  const base = { mode: 'sim' as const, youtubePrivacy: 'private' as const, youtubeAccessToken: undefined, youtubeClientId: undefined, youtubeClientSecret: undefined, youtubeRefreshToken: undefined, youtubeBaseUrl: undefined, youtubeTokenUrl: undefined };

  it('is the simulator without YouTube credentials, and routes YouTube to the API with them (never in a backtest)', () => {
    expect(contentPublisherFromConfig(base)).toMatchObject({ name: 'simulated', simulated: true });
    const yt = contentPublisherFromConfig({ ...base, youtubeAccessToken: 'tok' });
    expect(yt).toMatchObject({ name: 'youtube+simulated', simulated: false });
    expect(yt.needsMedia('youtube')).toBe(true);
    expect(yt.needsMedia('tiktok')).toBe(false);
    expect(contentPublisherFromConfig({ ...base, mode: 'backtest', youtubeAccessToken: 'tok' }).name).toBe('simulated');
  });

  it('half-set refresh credentials are a start-up error naming the missing settings', () => {
    const err = (() => {
      try {
        contentPublisherFromConfig({ ...base, youtubeClientId: 'cid', youtubeRefreshToken: 'r' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(NeoLightError);
    expect((err as NeoLightError).code).toBe('NL_ERR_BAD_CONFIG');
    expect((err as NeoLightError).message).toContain('missing: YOUTUBE_CLIENT_SECRET');
  });

  it('the venture ports table gives the content agent its publisher from the environment', async () => {
    const config = loadConfig({ home: homeWith() }, { YOUTUBE_ACCESS_TOKEN: 'tok' });
    expect((await venturePorts('content_agent', config, manualClock(0))).publisher?.name).toBe('youtube+simulated');
    expect((await venturePorts('smart_trader', config, manualClock(0))).publisher).toBeUndefined();
  });
});

describe('doctor integrations', () => {
  it('youtube is active with the refresh-token triple; a fixed access token is its own integration', async () => {
    const { integrations } = await import('../../../src/config/config.js');
    const of = (env: Record<string, string>) => Object.fromEntries(integrations(loadConfig({ home: homeWith() }, env)).filter((i) => i.name.startsWith('youtube')).map((i) => [i.name, i.active]));
    expect(of({})).toEqual({ youtube: false, 'youtube-token': false });
    expect(of({ YOUTUBE_CLIENT_ID: 'c', YOUTUBE_CLIENT_SECRET: 's', YOUTUBE_REFRESH_TOKEN: 'r' })).toEqual({ youtube: true, 'youtube-token': false });
    expect(of({ YOUTUBE_ACCESS_TOKEN: 't' })).toEqual({ youtube: false, 'youtube-token': true });
  });
});
