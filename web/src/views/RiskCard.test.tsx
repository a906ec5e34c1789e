// @vitest-environment jsdom
/**
 * The Risk card shows why trading is restricted: the combined risk state from /status with its
 * reason codes (fail closed: missing, stale, invalid inputs), and the codes each risk document
 * carries (issue 11, defect 5).
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { drawdownGuard, riskGovernor } from '../../../src/contracts/risk.js';
import { StaticLive } from '../live.js';
import { contractDoc, ok, sampleStatus, stubFetch } from '../test-utils.js';
import { RiskCard } from './RiskCard.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const doc = (name: string) => `/api/documents/${name}`;

describe('Risk card reason codes', () => {
  it('shows the state in force from /status with each reason code and what it means', async () => {
    stubFetch({});
    const status = sampleStatus({}, null, {
      trading_state: 'REDUCING',
      reasons: ['RISK_STATE_STALE', 'DRAWDOWN_SLOWDOWN'],
      details: ['state/risk_governor.json is 400 s old (limit 180 s of market time): reduce-only', 'drawdown guard slowdown: drawdown 6.00 %, multiplier 0.75'],
      exposure_cap: 0.6,
    });
    render(
      <StaticLive value={{ status }}>
        <RiskCard />
      </StaticLive>,
    );
    expect((await screen.findByTestId('risk-state')).textContent).toBe('REDUCING');
    expect(screen.getByTestId('risk-exposure-cap').textContent).toBe('60.00% of equity');
    const items = within(screen.getByTestId('risk-reasons')).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([expect.stringMatching(/^RISK_STATE_STALE — .*stale.*reduce-only/), expect.stringMatching(/^DRAWDOWN_SLOWDOWN — drawdown tier/)]);
  });

  it('says all clear with no reasons, and waits for /status before claiming anything', async () => {
    stubFetch({});
    const { unmount } = render(<RiskCard />);
    expect(screen.getByText('Loading risk state…')).toBeTruthy();
    expect(screen.queryByTestId('risk-state')).toBeNull();
    unmount();
    render(
      <StaticLive value={{ status: sampleStatus() }}>
        <RiskCard />
      </StaticLive>,
    );
    expect((await screen.findByTestId('risk-state')).parentElement?.textContent).toBe('ACTIVE all clear');
    expect(screen.queryByTestId('risk-reasons')).toBeNull();
  });

  it("shows the codes the governor's and the guard's documents carry", async () => {
    stubFetch({
      [doc('risk_governor')]: ok(contractDoc(riskGovernor, { trading_state: 'REDUCING', regime: 'stressed', reasons: ['EQUITY_HISTORY_CORRUPT', 'VAR_DAILY_EXCEEDED'] })),
      [doc('drawdown_guard')]: ok(contractDoc(drawdownGuard, { reasons: ['EQUITY_HISTORY_CORRUPT'] })),
    });
    render(<RiskCard />);
    const gov = await screen.findByTestId('governor-reasons');
    expect(within(gov).getAllByRole('listitem').map((li) => li.querySelector('code')?.textContent)).toEqual(['EQUITY_HISTORY_CORRUPT', 'VAR_DAILY_EXCEEDED']);
    expect((await screen.findByTestId('drawdown-reasons')).textContent).toContain('EQUITY_HISTORY_CORRUPT — the equity ledger cannot be read: reduce-only');
  });
});
