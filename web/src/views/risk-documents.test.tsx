// @vitest-environment jsdom
/**
 * The risk and trading documents as their producers write them (fixtures are the contract examples,
 * parsed by the contract schemas): the Overview's risk card and the Portfolio's positions and
 * allocations show their real fields, and a document that fails its contract shows which field.
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allocatorDrift, drawdownGuard, riskGovernor } from '../../../src/contracts/risk.js';
import { smartTraderState } from '../../../src/contracts/smart-trader.js';
import { allocationsOverride } from '../../../src/contracts/weights.js';
import { contractDoc, contractInvalid, ok, stubFetch } from '../test-utils.js';
import { Portfolio } from './Portfolio.js';
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
        { name: 'exposure_regime', active: true, reason: 'stressed regime: cap 0.45 of equity' },
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
    // The regime cap limits exposure but blocks nothing: not shown as an alarm.
    const cap = screen.getByTestId('gate-exposure_regime');
    expect(cap.className).toBe('gate-limit');
    expect(cap.textContent).toContain('Exposure (regime) limiting');
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

  it('says capital agents are reduce-only (RISK_STATE_MISSING) before the governor and guard have written', async () => {
    stubFetch({});
    render(<RiskCard />);
    expect(await screen.findByText('No risk governor yet')).toBeTruthy();
    expect(await screen.findByText('No drawdown guard yet')).toBeTruthy();
    expect(screen.getAllByText(/reduce-only \(RISK_STATE_MISSING\)/)).toHaveLength(2);
    expect(screen.queryByText(/no gate is in force/)).toBeNull();
  });
});

// Consistent with the allocator's definitions: drift = current − target, trade = (target − current) · equity,
// total = (Σ|d| + |Σd|) / 2 = (0.11 + 0.01) / 2.
const report = () =>
  contractDoc(allocatorDrift, {
    equity: 10_000,
    targets: { GLD: 0.2, SPY: 0.35 },
    assets: [
      { symbol: 'GLD', target_weight: 0.2, current_weight: 0.26, drift: 0.06, trade_notional: -600 },
      { symbol: 'SPY', target_weight: 0.35, current_weight: 0.3, drift: -0.05, trade_notional: 500 },
    ],
    total_drift: 0.06,
    rebalance_needed: true,
    threshold: 0.05,
  });

const cells = (testId: string) => [...screen.getByTestId(testId).querySelectorAll('td')].map((td) => td.textContent);

describe('Portfolio documents', () => {
  it("shows target, current, drift and trade from the allocator's report, with its total and verdict", async () => {
    stubFetch({ [doc('allocator_drift')]: ok(report()) });
    render(<Portfolio />);
    await screen.findByTestId('drift-table');
    // The old reader looked for `target`/`current` and showed "—" in both columns.
    expect(cells('drift-row-SPY').slice(0, 5)).toEqual(['SPY', '35.00%', '30.00%', '−5.00%', '+$500.00']);
    expect(cells('drift-row-GLD').slice(0, 5)).toEqual(['GLD', '20.00%', '26.00%', '+6.00%', '−$600.00']);
    expect(screen.getByTestId('drift-summary').textContent).toBe('Total drift 6.00% > threshold 5.00%: rebalance needed.');
  });

  it('says no rebalance is needed when the report is within its threshold', async () => {
    stubFetch({ [doc('allocator_drift')]: ok({ ...report(), total_drift: 0.01, rebalance_needed: false }) });
    render(<Portfolio />);
    expect((await screen.findByTestId('drift-summary')).textContent).toBe('Total drift 1.00% ≤ threshold 5.00%: no rebalance needed.');
  });

  it('shows positions from the SmartTrader state with unrealised P&L = (last − avg) · qty', async () => {
    stubFetch({ [doc('smart_trader_state')]: ok(contractDoc(smartTraderState)) });
    render(<Portfolio />);
    await screen.findByTestId('positions-table');
    expect(cells('position-row-SPY')).toEqual(['SPY', '10', '$500.00', '$510.00', '$5,100.00', '+$100.00']);
    expect(screen.getByText(/From state\/smart_trader_state.json/).textContent).toContain('cash $5,123.45');
  });

  it("derives drift with the allocator's formula before the allocator's first report", async () => {
    stubFetch({
      [doc('allocations_override')]: ok(contractDoc(allocationsOverride)),
      [doc('smart_trader_state')]: ok(contractDoc(smartTraderState, { equity: 10_000 })),
    });
    render(<Portfolio />);
    await screen.findByTestId('drift-table');
    expect(cells('drift-row-SPY').slice(0, 4)).toEqual(['SPY', '30.00%', '51.00%', '+21.00%']);
    // d = +0.21 (SPY), −0.3 (QQQ), −0.2 (BTC-USD), −0.2 (GLD): (0.91 + 0.49) / 2 = 70 %; Σ|d|/2 would say 45.5 %.
    expect(screen.getByTestId('drift-summary').textContent).toBe('Total drift 70.00%.');
    expect(screen.getByText(/has not written state\/allocator_drift.json yet/)).toBeTruthy();
  });

  it('names the failing field when the allocator report has the old guessed shape', async () => {
    stubFetch({ [doc('allocator_drift')]: ok({ ...report(), assets: [{ symbol: 'SPY', target: 0.35, current: 0.3, drift: -0.05 }] }) });
    render(<Portfolio />);
    const error = await screen.findByText("Could not load the allocator's report.");
    expect(error.parentElement?.textContent).toContain('assets.0.target_weight');
    expect(screen.queryByTestId('drift-table')).toBeNull();
  });

  it('shows the trader state error instead of quietly rebuilding positions from fills', async () => {
    stubFetch({ [doc('smart_trader_state')]: contractInvalid('state/smart_trader_state.json', 'positions.SPY.qty: Invalid input: expected number, received string') });
    render(<Portfolio />);
    expect(await screen.findByText('Could not load positions.')).toBeTruthy();
    expect(screen.getByText(/positions.SPY.qty/)).toBeTruthy();
    expect(screen.queryByTestId('positions-table')).toBeNull();
  });
});
