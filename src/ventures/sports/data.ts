/**
 * Loads the real match data shipped in data/sports/ (gzip CSV). The same relative path works from
 * src/ (tests, tsx) and from dist/ (the built CLI).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { NeoLightError } from '../../core/errors.js';
import { chronological, parseFootballCsv, parseNflCsv, type Match, type Sport } from './matches.js';

export const SPORTS_DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../data/sports');

const FILES: Record<Sport, string> = { nfl: 'nfl_games.csv.gz', football: 'football_matches.csv.gz' };

export function loadMatches(sport: Sport, dir = SPORTS_DATA_DIR): Match[] {
  const file = join(dir, FILES[sport]);
  // The bytes, not one string of them: the parser decodes a line at a time.
  let text: Buffer;
  try {
    text = gunzipSync(readFileSync(file));
  } catch (err) {
    throw new NeoLightError('NL_ERR_DATA', `cannot read the ${sport} match data ${file}: ${(err as Error).message}`);
  }
  return chronological(sport === 'nfl' ? parseNflCsv(text, file) : parseFootballCsv(text, file));
}
