// @vitest-environment jsdom
/** The shell: a 401 brings up the token prompt, and the token is then sent on every request. */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App.js';
import { LiveProvider } from './live.js';
import { sampleStatus, stubFetch } from './test-utils.js';

vi.mock('lightweight-charts', () => ({
  AreaSeries: 'Area',
  LineSeries: 'Line',
  ColorType: { Solid: 'solid' },
  createChart: () => ({ addSeries: () => ({ setData: () => undefined }), timeScale: () => ({ fitContent: () => undefined }), remove: () => undefined }),
}));

/** A stand-in EventSource that records the URLs it was opened with and never connects. */
const opened: string[] = [];
class FakeEventSource {
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((e: MessageEvent) => void) | null = null;
  constructor(url: string) {
    opened.push(url);
  }
  addEventListener() {}
  close() {}
}

beforeEach(() => {
  opened.length = 0;
  localStorage.clear();
  vi.stubGlobal('EventSource', FakeEventSource);
  location.hash = '#/agents';
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('token prompt', () => {
  it('asks for the token on 401, stores it, and sends it as a bearer token and on /events', async () => {
    const status = sampleStatus();
    const fetchMock = stubFetch({
      '/': (init) => {
        const auth = new Headers(init?.headers).get('authorization');
        return auth === 'Bearer s3cret' ? { status: 200, body: status } : { status: 401, body: { error: { code: 'NL_ERR_UNAUTHORIZED', message: 'missing bearer token' } } };
      },
    });
    render(
      <LiveProvider>
        <App />
      </LiveProvider>,
    );
    const prompt = await screen.findByTestId('token-prompt');
    fireEvent.change(prompt.querySelector('input') as HTMLInputElement, { target: { value: 's3cret' } });
    await act(async () => {
      fireEvent.submit(prompt);
    });
    await waitFor(() => expect(screen.queryByTestId('token-prompt')).toBeNull());
    expect(localStorage.getItem('neolight.token')).toBe('s3cret');
    expect(await screen.findByTestId('agent-row-smart_trader')).toBeTruthy();
    expect(screen.getByTestId('mode-badge').textContent).toBe('SIMULATED');
    expect(opened.at(-1)).toBe('/events?token=s3cret');
    const lastStatusCall = fetchMock.mock.calls.filter(([u]) => u === '/status').at(-1);
    expect(new Headers(lastStatusCall?.[1]?.headers).get('authorization')).toBe('Bearer s3cret');
  });

  it('shows the unreachable banner with what to run', async () => {
    stubFetch({ '/': () => 'network-error' });
    render(
      <LiveProvider>
        <App />
      </LiveProvider>,
    );
    expect((await screen.findByTestId('unreachable')).textContent).toContain('Is `neolight up` running?');
  });
});
