/** `neolight sports evaluate`: walk-forward figures of the sports models on the shipped real match data. */
import { summaryOf } from './index.js';
import { InvalidArgumentError, type Command } from 'commander';
import { loadMatches } from '../../ventures/sports/data.js';
import { DEFAULT_FROM_SEASON, evaluate, selectMatches, type Entry, type Evaluation } from '../../ventures/sports/evaluate.js';
import type { Sport } from '../../ventures/sports/matches.js';
import { action, printJson, say } from '../run.js';
import { registerSizing } from './sports-sizing.js';

interface Opts {
  data: Sport;
  league?: string;
  fromSeason?: number;
  json?: boolean;
}

function parseSport(v: string): Sport {
  if (v === 'nfl' || v === 'football') return v;
  throw new InvalidArgumentError(`--data "${v}" is not accepted: expected nfl or football`);
}

/** "2016" or football's "2016-17" → 2016. */
function parseSeason(v: string): number {
  const m = /^(\d{4})(-\d{2})?$/.exec(v);
  if (!m) throw new InvalidArgumentError(`--from-season "${v}" is not accepted: expected a year such as 2016 or a season such as 2016-17`);
  return Number(m[1]);
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

function line(e: Entry): string {
  return `  ${e.name.padEnd(20)} ${String(e.n).padStart(6)}  ${pct(e.accuracy).padStart(7)}  ${e.brier.toFixed(4)}  ${e.log_loss.toFixed(4)}`;
}

function calibration(e: Entry): string {
  return e.calibration.map((b) => `    ${b.from.toFixed(1)}–${b.to.toFixed(1)}  n=${String(b.n).padStart(6)}  predicted ${pct(b.predicted).padStart(7)}  observed ${pct(b.observed).padStart(7)}`).join('\n');
}

export function evaluationText(r: Evaluation, ms: number): string {
  const scoring = r.data === 'nfl' ? 'two-way (ties count half; accuracy over decided games)' : 'three-way home/draw/away (Brier summed over outcomes)';
  const out = [
    `Sports models on real ${r.data} data${r.league ? ` (${r.league})` : ''}: walk-forward, scored on seasons ${r.from_season}–${r.to_season}, ${scoring}`,
    `Target accuracy (specification): ${pct(r.target.accuracy)} — measured ${pct(r.model.accuracy)} by ${r.model.name} (${r.model.accuracy_minus_target >= 0 ? '+' : ''}${(100 * r.model.accuracy_minus_target).toFixed(1)} points)`,
    '',
    `  ${'model / baseline'.padEnd(20)} ${'n'.padStart(6)}  ${'accuracy'.padStart(7)}  brier   log loss`,
    ...r.models.map(line),
    ...r.baselines.map((b) => `${line(b)}  (baseline)`),
    ...r.unavailable_baselines.map((b) => `  ${b.name.padEnd(20)} unavailable: ${b.reason}`),
    '',
    `Tuning (earlier seasons only): elo ${JSON.stringify(r.tuning.elo.params)} on ${r.tuning.elo.seasons?.join('–') ?? 'none (defaults)'}`,
    ...(r.tuning.dixon_coles ? [`  dixon_coles ${JSON.stringify(r.tuning.dixon_coles.params)} on ${r.tuning.dixon_coles.seasons?.join('–') ?? 'none (defaults)'}`] : []),
    '',
    ...[...r.models, ...r.baselines].flatMap((e) => [`Calibration of ${e.name} (predicted probability bins):`, calibration(e)]),
    '',
    `Evaluated in ${(ms / 1000).toFixed(1)} s`,
  ];
  return out.join('\n');
}

export function registerSports(program: Command): void {
  const sports = program.command('sports').description(summaryOf('sports'));
  sports
    .command('evaluate')
    .description('walk-forward accuracy, Brier score, log loss and calibration of the models against the baselines (tuned on the seasons before --from-season only)')
    .requiredOption('--data <set>', 'nfl (FiveThirtyEight games 1920–2020) or football (five European leagues 2010–2026)', parseSport)
    .option('--league <code>', 'football only: en.1, de.1, es.1, it.1 or fr.1 (default: all five)')
    .option('--from-season <season>', 'first scored season; earlier ones fit and tune the models (default 2010 nfl, 2016 football)', parseSeason)
    .option('--json', 'print one JSON document: model, models, baselines (each n, accuracy, brier, log_loss, calibration), target, tuning, elapsed_ms')
    .action(
      action((opts: Opts) => {
        const started = performance.now();
        const matches = selectMatches(loadMatches(opts.data), opts.league);
        const r = evaluate(opts.data, matches, opts.fromSeason ?? DEFAULT_FROM_SEASON[opts.data], opts.league ?? null);
        const ms = performance.now() - started;
        if (opts.json) printJson({ ...r, elapsed_ms: Math.round(ms) });
        else say(false, evaluationText(r, ms));
      }),
    );
  registerSizing(sports);
}
