/**
 * Matches as the sports models see them, and the pure parsers of the shipped CSV files. A match
 * without a score is a fixture still to be played: the models predict it but nothing learns from it.
 */
import { NeoLightError } from '../../core/errors.js';
import { splitCsvLine } from '../../store/csv.js';

export type Sport = 'nfl' | 'football';
export type Outcome = 'home' | 'draw' | 'away';
export const OUTCOMES: readonly Outcome[] = ['home', 'draw', 'away'];

export interface Match {
  readonly id: string;
  readonly sport: Sport;
  readonly league: string;
  /** The calendar year the season starts in (football 2015-16 → 2015, NFL 2015 → 2015). */
  readonly season: number;
  readonly round: string;
  /** YYYY-MM-DD: the walk-forward's unit of time (all matches of a day are predicted before any is learned). */
  readonly date: string;
  readonly kickoff: string;
  readonly home: string;
  readonly away: string;
  /** True when neither team plays at home (NFL neutral-site games): no home advantage. */
  readonly neutral: boolean;
  readonly homeScore: number | null;
  readonly awayScore: number | null;
  /** FiveThirtyEight's published pre-game probability that `home` wins (NFL only). */
  readonly publishedEloProbHome?: number;
}

export interface Probs {
  readonly home: number;
  readonly draw: number;
  readonly away: number;
}

export function outcomeOf(m: Pick<Match, 'homeScore' | 'awayScore'>): Outcome | null {
  if (m.homeScore === null || m.awayScore === null) return null;
  return m.homeScore > m.awayScore ? 'home' : m.homeScore < m.awayScore ? 'away' : 'draw';
}

function rows(text: string, file: string, header: readonly string[]): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const head = splitCsvLine(lines[0] ?? '');
  const missing = header.filter((h) => !head.includes(h));
  if (missing.length) throw new NeoLightError('NL_ERR_DATA', `${file}: missing column(s) ${missing.join(', ')}; expected ${header.join(',')}`);
  // Leagues, teams, rounds and dates repeat thousands of times: one string each.
  const interned = new Map<string, string>();
  const intern = (v: string): string => {
    const known = interned.get(v);
    if (known !== undefined) return known;
    interned.set(v, v);
    return v;
  };
  return lines.slice(1).map((l) => {
    const f = splitCsvLine(l);
    return Object.fromEntries(head.map((h, i) => [h, intern(f[i] ?? '')]));
  });
}

function score(v: string, file: string, line: number, col: string): number | null {
  if (v === '') return null;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new NeoLightError('NL_ERR_DATA', `${file} row ${line}: ${col} "${v}" is not a whole number >= 0`);
  return n;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function date(v: string, file: string, line: number): string {
  if (!DATE.test(v)) throw new NeoLightError('NL_ERR_DATA', `${file} row ${line}: date "${v}" is not YYYY-MM-DD`);
  return v;
}

/** nfl_games.csv (FiveThirtyEight): team1 is the home team unless `neutral` is 1. */
export function parseNflCsv(text: string, file = 'nfl_games.csv'): Match[] {
  const cols = ['date', 'season', 'neutral', 'team1', 'team2', 'elo_prob1', 'score1', 'score2'];
  return rows(text, file, cols).map((r, i) => {
    const d = date(r.date ?? '', file, i + 2);
    const p = Number(r.elo_prob1);
    return {
      id: `nfl-${d}-${r.team1}-${r.team2}`,
      sport: 'nfl',
      league: 'nfl',
      season: Number(r.season),
      round: d,
      date: d,
      kickoff: `${d}T18:00:00.000Z`,
      home: r.team1 ?? '',
      away: r.team2 ?? '',
      neutral: r.neutral === '1',
      homeScore: score(r.score1 ?? '', file, i + 2, 'score1'),
      awayScore: score(r.score2 ?? '', file, i + 2, 'score2'),
      ...(Number.isFinite(p) && p > 0 && p < 1 ? { publishedEloProbHome: p } : {}),
    };
  });
}

/** football_matches.csv (flattened football.json): season "2015-16" → 2015; kickoff time is UK/CET local, kept as given. */
export function parseFootballCsv(text: string, file = 'football_matches.csv'): Match[] {
  const cols = ['league', 'season', 'round', 'date', 'time', 'home', 'away', 'home_goals', 'away_goals'];
  return rows(text, file, cols).map((r, i) => {
    const d = date(r.date ?? '', file, i + 2);
    const season = Number((r.season ?? '').slice(0, 4));
    if (!Number.isInteger(season)) throw new NeoLightError('NL_ERR_DATA', `${file} row ${i + 2}: season "${r.season}" is not like 2015-16`);
    const time = /^\d{2}:\d{2}$/.test(r.time ?? '') ? r.time : '15:00';
    return {
      id: `${r.league}-${d}-${r.home}-${r.away}`.replace(/\s+/g, '_'),
      sport: 'football',
      league: r.league ?? '',
      season,
      round: r.round ?? '',
      date: d,
      kickoff: `${d}T${time}:00.000Z`,
      home: r.home ?? '',
      away: r.away ?? '',
      neutral: false,
      homeScore: score(r.home_goals ?? '', file, i + 2, 'home_goals'),
      awayScore: score(r.away_goals ?? '', file, i + 2, 'away_goals'),
    };
  });
}

/** Matches in time order (date, then id, so equal days have one order on every machine). */
export function chronological(ms: readonly Match[]): Match[] {
  if (ms.every((m, i) => i === 0 || before(ms[i - 1] as Match, m))) return [...ms];
  return [...ms].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function before(a: Match, b: Match): boolean {
  return a.date < b.date || (a.date === b.date && a.id <= b.id);
}
