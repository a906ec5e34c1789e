/** NEOLIGHT_SIM_CRASH_AT: every market port of a sim mesh carries the simulator's crash from that day; paper and live refuse it. */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { manualClock } from '../../src/core/clock.js';
import { portsForNeeds } from '../../src/mesh/agent-ports.js';
import { portsFor } from '../../src/mesh/ports.js';
import type { SimulatedMarket } from '../../src/market/simulator.js';
import { tempHome } from '../risk/agent-context.js';

const homes: string[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});
const home = () => {
  const h = tempHome();
  homes.push(h);
  return h;
};

describe('simulated crash', () => {
  it('gives the market of every agent process the crash from NEOLIGHT_SIM_CRASH_AT', async () => {
    const config = loadConfig({ home: home() }, { NEOLIGHT_SEED: '2', NEOLIGHT_SIM_CRASH_AT: '2026-12-01T00:00:00Z' });
    expect(config.simCrashAt).toBe(Date.parse('2026-12-01T00:00:00Z'));
    const clock = manualClock(Date.parse('2026-11-20T15:00:00Z'));
    const hedge = (await portsForNeeds(config, ['market'], clock)).market as SimulatedMarket;
    const trader = (await portsFor(config, clock)).market;
    expect(hedge.options).toEqual({ scenario: 'crash', crashStartMs: Date.parse('2026-12-01T00:00:00Z') });
    // The crash day is stressed, and 21 days later equities are 40 % lower (log-exact over the fall's open minutes).
    expect(hedge.regime(Date.parse('2026-12-01T15:00:00Z'))).toBe('stressed');
    const before = hedge.quoteSync('SPY', Date.parse('2026-11-30T21:00:00Z')).last;
    const after = hedge.quoteSync('SPY', Date.parse('2026-12-22T21:00:00Z')).last;
    // The trader's market (behind its paper venue) quotes the same crashed prices.
    expect((await trader.quote('SPY', Date.parse('2026-12-22T21:00:00Z'))).last).toBe(after);
    expect(after / before).toBeGreaterThan(0.5);
    expect(after / before).toBeLessThan(0.7);
  });

  it('leaves the market without a crash when unset', async () => {
    const config = loadConfig({ home: home() }, {});
    expect(config.simCrashAt).toBeUndefined();
    const m = (await portsForNeeds(config, ['market'], manualClock(0))).market as SimulatedMarket;
    expect(m.options).toEqual({});
  });

  it('refuses a bad date and a crash in paper or live mode, naming the setting and what is accepted', () => {
    expect(() => loadConfig({ home: home() }, { NEOLIGHT_SIM_CRASH_AT: 'tomorrow' })).toThrow(/NEOLIGHT_SIM_CRASH_AT="tomorrow" is invalid: must be an ISO date-time/);
    expect(() => loadConfig({ home: home() }, { NEOLIGHT_MODE: 'paper', NEOLIGHT_SIM_CRASH_AT: '2026-12-01T00:00:00Z' })).toThrow(/NEOLIGHT_SIM_CRASH_AT=.* is invalid with NEOLIGHT_MODE=paper: .*accepted: unset, or NEOLIGHT_MODE=sim or backtest/);
  });
});
