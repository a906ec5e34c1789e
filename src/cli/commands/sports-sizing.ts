/**
 * `neolight sports sizing`: learns a bet-sizing policy on earlier seasons and compares it with
 * fractional Kelly out of sample on later ones (SIMULATED markets on the real calendar), under the
 * betting agent's own limits from the config; saves the comparison to state/sports_models/sizing.json,
 * which is what lets the agent use the policy (ventures.sports_betting.sizing: learned-if-better).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { sportsSizing } from '../../contracts/sports-sizing.js';
import { openStore } from '../../store/open.js';
import { toCents } from '../../core/venue.js';
import { sportsBettingSettings } from '../../ventures/sports/betting-agent.js';
import { loadMatches } from '../../ventures/sports/data.js';
import type { Sport } from '../../ventures/sports/matches.js';
import { DEFAULT_MARGIN, DEFAULT_TRAIN, evaluateSizing, type Seasons, type SizingEvaluation } from '../../ventures/sports/sizing/evaluate.js';
import { CEM_DEFAULTS } from '../../ventures/sports/sizing/learn.js';
import { AGENT_LIMITS, type Figures, type SizingLimits } from '../../ventures/sports/sizing/replay.js';
import { progressBar } from '../progress.js';
import { action, parseIntFlag, parseNumberFlag, printJson, say } from '../run.js';

interface Opts {
  data: Sport;
  trainSeasons?: Seasons;
  testSeasons?: Seasons;
  seed: number;
  margin: number;
  iterations: number;
  population: number;
  home?: string;
  json?: boolean;
}

function parseSport(v: string): Sport {
  if (v === 'nfl' || v === 'football') return v;
  throw new InvalidArgumentError(`--data "${v}" is not accepted: expected nfl or football`);
}

function parseSeasons(flag: string): (v: string) => Seasons {
  return (v) => {
    const m = /^(\d{4})-(\d{4})$/.exec(v);
    if (!m || Number(m[1]) > Number(m[2])) throw new InvalidArgumentError(`${flag} "${v}" is not accepted: expected FROM-TO years such as 2013-2018, FROM <= TO`);
    return [Number(m[1]), Number(m[2])];
  };
}

const money = (x: number) => `$${x.toFixed(2)}`;
const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(2)} %`);

function row(name: string, f: Figures): string {
  return `  ${name.padEnd(18)} ${String(f.bets).padStart(6)} ${money(f.staked).padStart(13)} ${money(f.profit).padStart(11)} ${money(f.commission).padStart(10)} ${pct(f.yield).padStart(9)} ${f.log_growth.toFixed(4).padStart(10)} ${pct(f.max_drawdown).padStart(9)}`;
}

function table(title: string, k: Figures, l: Figures): string[] {
  return [title, `  ${'policy'.padEnd(18)} ${'bets'.padStart(6)} ${'staked'.padStart(13)} ${'profit'.padStart(11)} ${'commission'.padStart(10)} ${'yield'.padStart(9)} ${'log growth'.padStart(10)} ${'max dd'.padStart(9)}`, row(`fractional Kelly`, k), row('learned', l)];
}

export function sizingText(r: SizingEvaluation, saved: string, ms: number): string {
  const c = r.comparison;
  return [
    `Bet sizing on SIMULATED markets (real ${r.data} calendar, simulator prices and results), seed ${r.seed}`,
    `Model ${r.model.name} ${JSON.stringify(r.model.params)} tuned on ${r.model.tuned_on?.join('–') ?? 'none (defaults)'}; policy learned on ${r.train_seasons.join('–')}, tested on ${r.test_seasons.join('–')}`,
    `Limits: bankroll ${money(r.limits.bankroll)} per season, per bet ${money(r.limits.per_bet_cap)}, market ${money(r.limits.market_cap)}, day ${money(r.limits.day_cap)}, min stake ${money(r.limits.min_stake)}, min edge ${r.limits.min_edge}, Kelly fraction ${r.limits.kelly_fraction}, risk scaler ${r.limits.risk_scaler}`,
    `Learner: ${r.learner.method}, ${r.learner.iterations} iterations × ${r.learner.population}, ${r.learner.evaluations} evaluations; policy ${r.policy.features.map((f, i) => `${f} ${(r.policy.params[i] as number).toFixed(3)}`).join(', ')}`,
    '',
    ...table(`Out of sample, seasons ${r.test_seasons.join('–')} (SIMULATED):`, r.test.kelly, r.test.learned),
    '',
    ...table(`In sample, seasons ${r.train_seasons.join('–')} (SIMULATED, what the learner saw):`, r.train.kelly, r.train.learned),
    '',
    `Out of sample the learned policy ${c.learned_beats_kelly ? 'BEAT' : 'did NOT beat'} fractional Kelly by the margin ${c.margin}: log growth difference ${c.log_growth_difference.toFixed(4)}, profit difference ${money(c.profit_difference)}`,
    `The betting agent ${c.learned_beats_kelly ? 'may use the learned policy (with sizing: learned-if-better and the same Kelly fraction and min edge)' : 'keeps fractional Kelly'}. Saved ${saved}`,
    `Ran in ${(ms / 1000).toFixed(1)} s`,
  ].join('\n');
}

function limitsFrom(home: string | undefined): { limits: SizingLimits; home: string; store: string | undefined } {
  const config = loadConfig({ home });
  const s = sportsBettingSettings({ config });
  const cents = (usd: number | undefined, fallback: number) => (usd === undefined ? fallback : toCents(usd));
  return {
    home: config.home,
    store: config.store,
    limits: {
      ...AGENT_LIMITS,
      bankrollCents: cents(s.budget_usd, AGENT_LIMITS.bankrollCents),
      perBetCapCents: cents(s.item_cap_usd, AGENT_LIMITS.perBetCapCents),
      marketCapCents: cents(s.market_cap_usd, AGENT_LIMITS.marketCapCents),
      dayCapCents: cents(s.day_cap_usd, AGENT_LIMITS.dayCapCents),
      minEdge: s.min_edge ?? AGENT_LIMITS.minEdge,
      kellyFraction: s.kelly_fraction ?? AGENT_LIMITS.kellyFraction,
    },
  };
}

export function registerSizing(sports: Command): void {
  sports
    .command('sizing')
    .description('learn a bet-sizing policy on earlier seasons and compare it with fractional Kelly out of sample (SIMULATED markets, the betting agent\'s limits); saves state/sports_models/sizing.json')
    .option('--data <set>', 'nfl or football (the simulator bets football)', parseSport, 'football' as Sport)
    .option('--train-seasons <from-to>', 'seasons the policy learns on; earlier ones tune the model (default 2013-2018 football, 2000-2009 nfl)', parseSeasons('--train-seasons'))
    .option('--test-seasons <from-to>', 'out-of-sample seasons (default: after training through the last played)', parseSeasons('--test-seasons'))
    .option('--seed <n>', 'simulator and learner seed', parseIntFlag('--seed', 0, 2 ** 31 - 1), 1)
    .option('--margin <x>', 'out-of-sample log-growth lead the learned policy needs to count as better', parseNumberFlag('--margin', 0, 10), DEFAULT_MARGIN)
    .option('--iterations <n>', 'cross-entropy iterations', parseIntFlag('--iterations', 1, 200), CEM_DEFAULTS.iterations)
    .option('--population <n>', 'policies sampled per iteration', parseIntFlag('--population', 2, 500), CEM_DEFAULTS.population)
    .option('--home <dir>', 'data directory (NEOLIGHT_HOME): its config gives the limits, its state/ receives the evaluation')
    .option('--json', 'print one JSON document: the saved evaluation (train, test, comparison, policy, limits, seed, seasons) plus saved_to and elapsed_ms')
    .action(
      action((opts: Opts) => {
        const started = performance.now();
        const { limits, home, store: storeUrl } = limitsFrom(opts.home);
        const matches = loadMatches(opts.data);
        const progress = progressBar('sizing [{bar}] {percentage}% {value}/{total} iterations', { json: opts.json, delayMs: 1000 });
        const r = evaluateSizing(
          matches,
          { sport: opts.data, seed: opts.seed, train: opts.trainSeasons ?? DEFAULT_TRAIN[opts.data], ...(opts.testSeasons ? { test: opts.testSeasons } : {}), limits, margin: opts.margin, cem: { iterations: opts.iterations, population: opts.population, elite: Math.max(1, Math.round(opts.population / 4)) }, now: new Date() },
          (done, total) => progress.update(done, total),
        );
        progress.stop();
        const store = openStore({ home, storeUrl });
        try {
          store.write(sportsSizing, r);
        } finally {
          store.close();
        }
        const saved = sportsSizing.path;
        const ms = performance.now() - started;
        if (opts.json) printJson({ ...r, saved_to: saved, elapsed_ms: Math.round(ms) });
        else say(false, sizingText(r, saved, ms));
      }),
    );
}
