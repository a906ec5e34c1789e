// @vitest-environment jsdom
/** The content pipeline card: what waits, what was published, revenue by stream, SIMULATED labels. */
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ContentSummary } from '../../../src/contracts/content.js';
import { ok, stubFetch } from '../test-utils.js';
import { ContentCard } from './ContentCard.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const T = '2026-11-23T09:00:00.000Z';
const summary: ContentSummary = {
  updated_at: T,
  publisher: 'youtube+simulated',
  hours_per_week: 20,
  hours_used_week: 19.5,
  counts: { awaiting_approval: 1, approved: 1, published: 2, rejected: 1, expired: 0 },
  waiting: [
    { id: 'a', title: 'Why we procrastinate', platform: 'youtube', format: 'long_video', niche: 'pop_science', status: 'awaiting_approval', dir: 'content/a', approval_id: 'content-a', produced_at: T, expected_revenue_30d: 151.71, trend_source: 'simulated', last_error: null, retry_at: null },
    { id: 'b', title: 'NBA buzzer-beaters', platform: 'youtube', format: 'long_video', niche: 'sports_highlights', status: 'approved', dir: 'content/b', approval_id: 'content-b', produced_at: T, expected_revenue_30d: 90, trend_source: 'knowledge_snap', last_error: 'NO_MEDIA: render the video to /d/content/b/video.mp4', retry_at: null },
  ],
  published: [
    { id: 'c', title: 'Rainy night jazz', platform: 'youtube', format: 'long_video', niche: 'lofi_music', published_at: T, url: 'https://www.youtube.com/watch?v=vid1', published_simulated: false },
    { id: 'd', title: 'Snowfall piano', platform: 'spotify', format: 'track', niche: 'lofi_music', published_at: T, url: 'https://simulated.invalid/spotify/sim-1', published_simulated: true },
  ],
  revenue_simulated: true,
  revenue_by_stream: { ads: 145.99, affiliate: 16.23, sponsorship: 368.78 },
  revenue_by_platform: { youtube: 500, spotify: 31 },
  revenue_total: 531,
};

describe('ContentCard', () => {
  it('shows what waits and why, what was published, and revenue by stream, labelled SIMULATED', async () => {
    stubFetch({ '/api/content': ok(summary) });
    render(<ContentCard />);
    const waiting = await screen.findByTestId('content-waiting');
    const rows = within(waiting).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows[0]).toContain('your approval');
    expect(rows[0]).toContain('SIMULATED trend');
    expect(rows[1]).toContain('its rendered media');
    expect(screen.getByTestId('content-total').textContent).toMatch(/\$531\.00.*SIMULATED/);
    const streams = within(screen.getByTestId('content-streams')).getAllByRole('listitem').map((li) => li.textContent);
    expect(streams).toEqual(['ads$145.99', 'sponsorship$368.78', 'affiliate$16.23']);
    const published = within(screen.getByTestId('content-published')).getAllByRole('row').slice(1);
    expect(within(published[0]!).getByRole('link').getAttribute('href')).toBe('https://www.youtube.com/watch?v=vid1');
    expect(published[1]!.textContent).toContain('SIMULATED');
    expect(screen.getByTestId('content-counts').textContent).toContain('19.5 of 20 production hours');
  });

  it('explains a missing pipeline, and refuses an answer that breaks the contract', async () => {
    stubFetch({});
    render(<ContentCard />);
    expect(await screen.findByText(/state\/content_pipeline.json/)).toBeTruthy();
    cleanup();
    stubFetch({ '/api/content': ok({ ...summary, revenue_by_stream: { ads: 'lots' } }) });
    render(<ContentCard />);
    expect(await screen.findByText(/revenue_by_stream/)).toBeTruthy();
    expect(screen.queryByTestId('content-waiting')).toBeNull();
  });
});
