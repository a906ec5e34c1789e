/**
 * Cron expressions, pure: the five classic fields (minute hour day-of-month month day-of-week)
 * with `*`, `*\/n`, `a-b`, `a-b/n` and comma lists, evaluated in UTC on market time. Enough for
 * the specification's schedule_all ("every 4 hours" = `0 *\/4 * * *`) and for users' own entries.
 */
import { NeoLightError } from '../core/errors.js';

export interface CronSpec {
  readonly source: string;
  readonly minute: ReadonlySet<number>;
  readonly hour: ReadonlySet<number>;
  readonly dayOfMonth: ReadonlySet<number>;
  readonly month: ReadonlySet<number>;
  readonly dayOfWeek: ReadonlySet<number>;
  /** Cron's rule: when both day fields are restricted, a day matches if either does. */
  readonly domRestricted: boolean;
  readonly dowRestricted: boolean;
}

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day-of-week', min: 0, max: 7 },
] as const;

export function parseCron(source: string): CronSpec {
  const parts = source.trim().split(/\s+/);
  if (parts.length !== 5) throw bad(source, `has ${parts.length} fields; expected 5 (minute hour day-of-month month day-of-week), e.g. "0 */4 * * *"`);
  const sets = parts.map((p, i) => parseField(source, p, FIELDS[i] as (typeof FIELDS)[number]));
  const [minute, hour, dayOfMonth, month, dow] = sets as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  if (dow.has(7)) dow.add(0); // 7 and 0 are both Sunday
  return {
    source,
    minute,
    hour,
    dayOfMonth,
    month,
    dayOfWeek: dow,
    domRestricted: parts[2] !== '*',
    dowRestricted: parts[4] !== '*',
  };
}

function parseField(source: string, text: string, f: { name: string; min: number; max: number }): Set<number> {
  const out = new Set<number>();
  for (const item of text.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (!m) throw bad(source, `${f.name} "${item}" is not *, a number, a range a-b or a step */n`);
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    const lo = m[1] === '*' ? f.min : Number(m[2]);
    const hi = m[1] === '*' ? f.max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? f.max : lo;
    if (step < 1 || lo < f.min || hi > f.max || lo > hi) throw bad(source, `${f.name} "${item}" is outside ${f.min}-${f.max} or has a zero step`);
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

function bad(source: string, problem: string): NeoLightError {
  return new NeoLightError('NL_ERR_BAD_CONFIG', `cron "${source}": ${problem}`, { cron: source });
}

function matchesDay(spec: CronSpec, d: Date): boolean {
  const dom = spec.dayOfMonth.has(d.getUTCDate());
  const dow = spec.dayOfWeek.has(d.getUTCDay());
  if (spec.domRestricted && spec.dowRestricted) return dom || dow;
  return dom && dow;
}

/** The first minute strictly after `afterMs` (epoch ms, UTC) that the expression matches. */
export function nextCronTime(spec: CronSpec, afterMs: number): number {
  const d = new Date(Math.floor(afterMs / 60_000) * 60_000 + 60_000);
  // Four years of minutes bounds the search (Feb 29 schedules); skip whole hours and days early.
  const limit = afterMs + 4 * 366 * 86_400_000;
  while (d.getTime() <= limit) {
    if (!spec.month.has(d.getUTCMonth() + 1) || !matchesDay(spec, d)) {
      d.setUTCHours(24, 0, 0, 0);
      continue;
    }
    if (!spec.hour.has(d.getUTCHours())) {
      d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!spec.minute.has(d.getUTCMinutes())) {
      d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    return d.getTime();
  }
  throw bad(spec.source, 'never matches a real date');
}
