/**
 * The sports agents' betting venue: Betfair Exchange in live mode, the simulated books over the
 * real teams otherwise. Loaded only in the two sports agents' processes (see venture-ports.ts).
 */
import type { Config } from '../config/config.js';
import { configSection } from '../config/config.js';
import { venturesSectionSchema } from '../config/sections/ventures.js';
import type { BettingExchange } from '../core/betting.js';
import { NeoLightError } from '../core/errors.js';
import type { AgentPorts } from '../core/ports.js';
import { toCents } from '../core/venue.js';
import { betfairExchange } from '../ventures/sports/betfair/exchange.js';
import { BETFAIR_BETTING_URL, BETFAIR_LOGIN_URL, betfairHttp } from '../ventures/sports/betfair/http.js';
import { betfairSetup } from '../ventures/sports/betfair/setup.js';
import { loadMatches } from '../ventures/sports/data.js';
import { simWorldFromMatches } from '../ventures/sports/odds-simulator.js';
import { simulatedExchange } from '../ventures/sports/sim-exchange.js';

/** One betting venue per process (both sports agents see the same markets). */
let betting: BettingExchange | undefined;

/**
 * The sports venue: in live mode Betfair Exchange with the credentials from the config layer
 * (BETFAIR_API_KEY, BETFAIR_USERNAME, BETFAIR_PASSWORD; missing ones are a start-up error naming
 * them; real bets still need ventures.sports_betting.live_betting: true), otherwise the simulated
 * books over the real teams.
 */
export function bettingPort(config: Config): Partial<AgentPorts> {
  if (betting) return { betting };
  if (config.mode === 'live') {
    const setup = betfairSetup(config);
    if (!setup.configured) throw new NeoLightError('NL_ERR_BAD_CONFIG', `live mode: the sports agents need Betfair credentials; set ${setup.missing.join(', ')} (or disable sports_analytics and sports_betting)`);
    const s = configSection(config, 'ventures', venturesSectionSchema.optional())?.sports_betting ?? {};
    const call = betfairHttp({ loginUrl: config.betfairLoginUrl ?? BETFAIR_LOGIN_URL, bettingUrl: config.betfairBettingUrl ?? BETFAIR_BETTING_URL, appKey: config.betfairApiKey ?? '', username: config.betfairUsername ?? '', password: config.betfairPassword ?? '', timeoutMs: 15_000, retries: 3, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
    betting = betfairExchange(call, { liveBetting: setup.liveBetting, minStakeCents: 200, allowInPlay: false, maxExposureCents: toCents(s.budget_usd ?? 1000), maxTransactionsPerHour: s.max_transactions_per_hour ?? 1000, commission: s.commission ?? 0.05 });
  } else {
    // Built on the venue's first use: in the analytics agent's process after its model fit, not before it.
    betting = simulatedExchange(() => simWorldFromMatches(loadMatches('football')), config.seed);
  }
  return { betting };
}
