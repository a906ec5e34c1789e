/**
 * The `risk` section of the config file (schema in config/sections/risk.ts): overrides of the
 * governor's budgets and thresholds and the risk agents' intervals (market seconds). Every key is optional; defaults are documented in
 * docs/risk.md and in DEFAULT_GOVERNOR_PARAMS / DEFAULT_DRAWDOWN_PARAMS.
 */
import { configSection, type Config } from '../config/config.js';
import { riskSectionSchema, type RiskSection } from '../config/sections/risk.js';
import { DEFAULT_GOVERNOR_PARAMS, type GovernorParams } from './governor.js';

export function riskSection(config: Config): RiskSection {
  return configSection(config, 'risk', riskSectionSchema);
}

export function governorParams(config: Config): GovernorParams {
  const r = riskSection(config);
  return {
    ...DEFAULT_GOVERNOR_PARAMS,
    varBudgetDaily: r.var_budget_daily ?? DEFAULT_GOVERNOR_PARAMS.varBudgetDaily,
    varBudgetWeekly: r.var_budget_weekly ?? DEFAULT_GOVERNOR_PARAMS.varBudgetWeekly,
    varConfidence: r.var_confidence ?? DEFAULT_GOVERNOR_PARAMS.varConfidence,
    spikeSigma: r.spike_sigma ?? DEFAULT_GOVERNOR_PARAMS.spikeSigma,
  };
}
