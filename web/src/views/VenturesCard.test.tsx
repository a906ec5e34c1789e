// @vitest-environment jsdom
/** The ventures card: each venture's measured figure against its target band, SIMULATED labels. */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok, stubFetch } from '../test-utils.js';
import { againstTarget, VenturesCard } from './VenturesCard.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const row = (agent: string, metric: 'margin' | 'roi_per_cycle', measured: number | null, min: number, max: number) => ({ agent, metric, measured, target: { min, max }, inventory_count: 3, inventory_cost: 1200, revenue: 5000, fees: 400, profit: 700, simulated: true });

describe('VenturesCard', () => {
  it('shows measured against target and labels simulated figures', async () => {
    stubFetch({ '/api/ventures': ok({ ventures: [row('luxury_agent', 'margin', 0.122, 0.3, 0.6), row('ticket_arbitrage', 'roi_per_cycle', 0.38, 0.2, 0.4)] }) });
    render(<VenturesCard />);
    const lux = await screen.findByTestId('venture-luxury_agent');
    expect(lux.textContent).toMatch(/margin 12\.20%/);
    expect(lux.querySelector('[title="below"]')).toBeTruthy();
    expect(screen.getByTestId('venture-ticket_arbitrage').querySelector('[title="within"]')).toBeTruthy();
    expect(screen.getAllByText('SIMULATED')).toHaveLength(2);
  });

  it('places a figure against its band', () => {
    expect(againstTarget({ measured: null, target: { min: 0.2, max: 0.4 } })).toBe('none');
    expect(againstTarget({ measured: 0.41, target: { min: 0.2, max: 0.4 } })).toBe('above');
  });
});
