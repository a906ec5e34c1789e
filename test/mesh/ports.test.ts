/** A missing port is a start-up error naming the agent and the port, never a silent simulator. */
import { describe, expect, it } from 'vitest';
import { requirePort } from '../../src/core/agent.js';
import { missingPorts } from '../../src/core/ports.js';
import { smartTraderAgent } from '../../src/trading/smart-trader.js';
import { runAgent } from '../../src/mesh/runtime.js';
import { loadConfig } from '../../src/config/config.js';
import { manualClock } from '../../src/core/clock.js';
import { simulatedMarket } from '../../src/market/simulator.js';
import { tempHome } from '../risk/agent-context.js';

describe('typed ports', () => {
  it('lists the needed ports a context lacks', () => {
    expect(missingPorts({}, ['market', 'venue'])).toEqual(['market', 'venue']);
    expect(missingPorts({ market: simulatedMarket(1) }, ['market'])).toEqual([]);
  });

  it('requirePort throws NL_ERR_BAD_CONFIG naming agent and port', () => {
    expect(() => requirePort({ name: 'smart_trader', ports: {} }, 'market')).toThrow(/smart_trader needs the "market" port/);
  });

  it('the runtime refuses to start an agent without its ports (exit 1, no tick)', async () => {
    const home = tempHome();
    const config = loadConfig({ home }, {});
    const code = await runAgent(smartTraderAgent, { config, ports: {}, once: true, clock: manualClock(Date.parse('2025-01-06T15:00:00Z')) });
    expect(code).toBe(1);
    expect(smartTraderAgent.needs).toContain('market');
  });
});
