// @vitest-environment jsdom
/**
 * The risk and trading documents as their producers write them (fixtures are the contract examples,
 * parsed by the contract schemas): the Overview's risk card and the Portfolio's positions and
 * allocations show their real fields, and a document that fails its contract shows which field.
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { drawdownGuard, riskGovernor } from '../../../src/contracts/risk.js';
import { contractDoc, contractInvalid, ok, stubFetch } from '../test-utils.js';
import { RiskCard } from './RiskCard.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const doc = (name: string) => `/api/documents/${name}`;
const T = '2025-03-04T05:06:07.000Z';

describe('Risk card', () => {
  it("shows the governor's trading state, regime, exposure cap and the active gate with its reason", async () => {
    const governor = contractDoc(riskGovernor, {
      trading_state: 'REDUCING',
      regime: 'stressed',
      exposure_cap: 0.45,
      gates: [
        { name: 'var_daily', active: true, reason: 'forecast VaR 3.4 % > budget 3 %' },
        { name: 'volatility_spike', active: false, reason: 'no spike in the last 20 bars' },
      ],
    });
    stubFetch({ [doc('risk_governor')]: ok(governor) });
    render(<RiskCard />);
    expect((await screen.findByTestId('governor-state')).textContent).toBe('REDUCING');
    expect(screen.getByTestId('governor-regime').textContent).toContain('stressed');
    expect(screen.getByTestId('exposure-cap').textContent).toBe('45.00% of equity');
    const active = screen.getByTestId('gate-var_daily');
    expect(active.className).toBe('gate-on');
    expect(active.textContent).toContain('Daily VaR ACTIVE');
    expect(active.textContent).toContain('forecast VaR 3.4 % > budget 3 %');
    expect(screen.getByTestId('gate-volatility_spike').textContent).toContain('Volatility spike clear');
  });

  it("shows the drawdown guard's mode, tier, multiplier, drawdown, halt and newest events first", async () => {
    const guard = contractDoc(drawdownGuard, {
      mode: 'halted',
      trading_state: 'HALTED',
      multiplier: 0,
      tier: 4,
      equity: 7_900,
      drawdown: 0.21,
      halted_at: T,
      events: [
        { at: '2025-03-03T00:00:00.000Z', type: 'tier_1', equity: 9_400, drawdown: 0.06, multiplier: 0.75, detail: 'drawdown 6 % ≥ 5 %' },
        { at: T, type: 'halt', equity: 7_900, drawdown: 0.21, multiplier: 0, detail: 'drawdown 21 % ≥ 20 %: trading halted' },
      ],
    });
    stubFetch({ [doc('drawdown_guard')]: ok(guard) });
    render(<RiskCard />);
    expect((await screen.findByTestId('drawdown-mode')).textContent).toBe('halted · HALTED');
    expect(screen.getByTestId('drawdown-tier').textContent).toBe('halt');
    expect(screen.getByTestId('drawdown-multiplier').textContent).toBe('×0.00');
    expect(screen.getByTestId('drawdown-value').textContent).toBe('21.00% from $10,000.00');
    expect(screen.getByTestId('drawdown-halt')).toBeTruthy();
    const events = within(screen.getByTestId('drawdown-events')).getAllByRole('listitem');
    expect(events.map((e) => e.textContent)).toEqual([expect.stringContaining('Halt at 21.00% — drawdown 21 % ≥ 20 %: trading halted'), expect.stringContaining('Tier 1 at 6.00%')]);
  });

  it('names the failing field when the governor document does not match its contract', async () => {
    const governor = { ...contractDoc(riskGovernor), gates: { var_daily: true } };
    stubFetch({ [doc('risk_governor')]: ok(governor) });
    render(<RiskCard />);
    const error = await screen.findByText('Could not load risk governor.');
    expect(error.parentElement?.textContent).toMatch(/risk_governor answered an unexpected shape: gates: /);
    expect(screen.queryByTestId('governor-gates')).toBeNull();
  });

  it('passes on the API saying the drawdown guard file on disk fails its contract', async () => {
    stubFetch({ [doc('drawdown_guard')]: contractInvalid('state/drawdown_guard.json', 'tier: Too big: expected number to be <=4') });
    render(<RiskCard />);
    expect(await screen.findByText('state/drawdown_guard.json: tier: Too big: expected number to be <=4')).toBeTruthy();
    expect(screen.getByText(/does not match its contract/)).toBeTruthy();
  });

  it('says no gate or tier is in force before the governor and guard have written', async () => {
    stubFetch({});
    render(<RiskCard />);
    expect(await screen.findByText('No risk governor yet')).toBeTruthy();
    expect(await screen.findByText('No drawdown guard yet')).toBeTruthy();
    expect(screen.getByText(/no gate is in force/)).toBeTruthy();
  });
});
