/**
 * Whether Betfair is set up, from the config layer (never process.env directly): which of the
 * specification's credentials are missing, whether live betting is on, and whether their absence
 * stops the mesh (live mode with a sports agent enabled). `neolight doctor` prints it; the betting
 * port refuses to start on the same facts.
 */
import { configSection, integrations, type Config } from '../../../config/config.js';
import { venturesSectionSchema } from '../../../config/sections/ventures.js';
import { BETFAIR_CREDENTIAL_ENV } from './http.js';

export interface BetfairSetup {
  /** Every credential in BETFAIR_CREDENTIAL_ENV is set. */
  readonly configured: boolean;
  /** The credential variables not set, by name. */
  readonly missing: readonly string[];
  /** ventures.sports_betting.live_betting (default false: orders are validated, none is sent). */
  readonly liveBetting: boolean;
  /** Live mode with a sports agent enabled: the mesh uses Betfair and cannot start without it. */
  readonly required: boolean;
}

export function betfairSetup(config: Config): BetfairSetup {
  const ventures = configSection(config, 'ventures', venturesSectionSchema.optional());
  const missing = integrations(config).find((i) => i.name === 'betfair')?.missing ?? [...BETFAIR_CREDENTIAL_ENV];
  const sportsOn = ventures?.sports_analytics?.enabled !== false || ventures?.sports_betting?.enabled !== false;
  return { configured: missing.length === 0, missing, liveBetting: ventures?.sports_betting?.live_betting ?? false, required: config.mode === 'live' && sportsOn };
}

/** The doctor's line: fails only when the mesh could not start (live mode, sports agents on, a credential missing). */
export function betfairCheck(config: Config): { name: string; ok: boolean; detail: string } {
  const s = betfairSetup(config);
  const live = s.liveBetting
    ? 'live betting ON (ventures.sports_betting.live_betting: true): real bets are sent in live mode'
    : 'live betting off (ventures.sports_betting.live_betting: false, the default): orders are validated and none is sent';
  if (s.configured) return { name: 'Betfair', ok: true, detail: `configured (${BETFAIR_CREDENTIAL_ENV.join(', ')} set); ${live}` };
  const set = `set ${s.missing.join(', ')}`;
  if (s.required) return { name: 'Betfair', ok: false, detail: `not configured: ${set}; live mode cannot start the sports agents without it (or set ventures.sports_analytics.enabled and ventures.sports_betting.enabled to false); ${live}` };
  return { name: 'Betfair', ok: true, detail: `not configured (${set} for live mode); in ${config.mode} mode the sports agents bet on the SIMULATED books; ${live}` };
}
