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

/**
 * A string of its own: V8 keeps a concatenation as a chain of its pieces and a cut of a longer
 * string as a view of it, so an id built from fields would hold five strings and a team name the
 * file's whole text (megabytes, for as long as a fitted model keeps the name).
 */
function flat(v: string): string {
  return Buffer.from(v, 'utf8').toString('utf8');
}

/** One value per distinct string (leagues, teams, rounds and dates repeat thousands of times), each flat. */
function interner(): (v: string) => string {
  const seen = new Map<string, string>();
  return (v) => {
    const known = seen.get(v);
    if (known !== undefined) return known;
    const own = flat(v);
    seen.set(own, own);
    return own;
  };
}

/** A data row: its fields by column name, interned. */
type Field = (column: string) => string;

/**
 * The lines of a CSV text, or of its UTF-8 bytes, without their line ending: from bytes each line
 * is decoded alone, so the file is never one string of megabytes (the shipped data is ~2 MB).
 */
function* linesOf(text: string | Uint8Array): Generator<string> {
  const bytes = typeof text === 'string' ? undefined : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  const length = bytes ? bytes.length : (text as string).length;
  const at = (i: number): number => (bytes ? (bytes[i] as number) : (text as string).charCodeAt(i));
  for (let start = 0; start < length; ) {
    const nl = bytes ? bytes.indexOf(10, start) : (text as string).indexOf('\n', start);
    const end = nl < 0 ? length : nl;
    const stop = nl >= 0 && end > start && at(end - 1) === 13 ? end - 1 : end;
    yield bytes ? bytes.toString('utf8', start, stop) : (text as string).slice(start, stop);
    start = end + 1;
  }
}

/**
 * Each non-empty data row of a CSV text through `make` (`line` as the file's row number when no
 * line is blank), without an array of the lines or an object per row: the sports agents parse
 * 40,000 matches at start, and those would all be garbage the moment the matches exist.
 */
function parseRows<T>(text: string | Uint8Array, file: string, header: readonly string[], make: (field: Field, line: number, intern: (v: string) => string) => T): T[] {
  const intern = interner();
  const out: T[] = [];
  let index: Map<string, number> | undefined;
  let fields: string[] = [];
  const field: Field = (column) => intern(fields[index?.get(column) ?? -1] ?? '');
  for (const line of linesOf(text)) {
    if (line.trim() === '') continue;
    if (!index) {
      const head = splitCsvLine(line);
      const missing = header.filter((h) => !head.includes(h));
      if (missing.length) throw new NeoLightError('NL_ERR_DATA', `${file}: missing column(s) ${missing.join(', ')}; expected ${header.join(',')}`);
      index = new Map(head.map((h, i) => [h, i]));
      continue;
    }
    fields = splitCsvLine(line);
    out.push(make(field, out.length + 2, intern));
  }
  if (!index) throw new NeoLightError('NL_ERR_DATA', `${file}: missing column(s) ${header.join(', ')}; expected ${header.join(',')}`);
  return out;
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

/** nfl_games.csv (FiveThirtyEight), as text or UTF-8 bytes: team1 is the home team unless `neutral` is 1. */
export function parseNflCsv(text: string | Uint8Array, file = 'nfl_games.csv'): Match[] {
  const cols = ['date', 'season', 'neutral', 'team1', 'team2', 'elo_prob1', 'score1', 'score2'];
  return parseRows(text, file, cols, (r, line, intern) => {
    const d = date(r('date'), file, line);
    const p = Number(r('elo_prob1'));
    return {
      id: flat(`nfl-${d}-${r('team1')}-${r('team2')}`),
      sport: 'nfl',
      league: 'nfl',
      season: Number(r('season')),
      round: d,
      date: d,
      kickoff: intern(`${d}T18:00:00.000Z`),
      home: r('team1'),
      away: r('team2'),
      neutral: r('neutral') === '1',
      homeScore: score(r('score1'), file, line, 'score1'),
      awayScore: score(r('score2'), file, line, 'score2'),
      ...(Number.isFinite(p) && p > 0 && p < 1 ? { publishedEloProbHome: p } : {}),
    };
  });
}

/** football_matches.csv (flattened football.json), as text or UTF-8 bytes: season "2015-16" → 2015; kickoff time is UK/CET local, kept as given. */
export function parseFootballCsv(text: string | Uint8Array, file = 'football_matches.csv'): Match[] {
  const cols = ['league', 'season', 'round', 'date', 'time', 'home', 'away', 'home_goals', 'away_goals'];
  return parseRows(text, file, cols, (r, line, intern) => {
    const d = date(r('date'), file, line);
    const season = Number(r('season').slice(0, 4));
    if (!Number.isInteger(season)) throw new NeoLightError('NL_ERR_DATA', `${file} row ${line}: season "${r('season')}" is not like 2015-16`);
    const time = /^\d{2}:\d{2}$/.test(r('time')) ? r('time') : '15:00';
    return {
      id: flat(`${r('league')}-${d}-${r('home')}-${r('away')}`.replace(/\s+/g, '_')),
      sport: 'football',
      league: r('league'),
      season,
      round: r('round'),
      date: d,
      kickoff: intern(`${d}T${time}:00.000Z`),
      home: r('home'),
      away: r('away'),
      neutral: false,
      homeScore: score(r('home_goals'), file, line, 'home_goals'),
      awayScore: score(r('away_goals'), file, line, 'away_goals'),
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
