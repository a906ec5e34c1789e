/**
 * Lo-fi production sheets, pure: for a topic, a deterministic set of tracks with tempo, key, chord
 * progression (jazz ii–V–I and neo-soul loops, the genre's staples) and texture, so the producer
 * starts from a real brief rather than a blank page. Chosen by a hash of the piece id.
 */
import { hashId } from './audience.js';

const KEYS = ['C', 'D', 'E♭', 'F', 'G', 'A', 'B♭'] as const;
/** Progressions as scale degrees with chord qualities; rendered in the track's key. */
const PROGRESSIONS: readonly { name: string; degrees: readonly [number, string][] }[] = [
  { name: 'ii–V–I', degrees: [[2, 'm9'], [5, '13'], [1, 'maj9']] },
  { name: 'I–vi–ii–V', degrees: [[1, 'maj7'], [6, 'm7'], [2, 'm9'], [5, '7♭9']] },
  { name: 'IV–iii–ii–I', degrees: [[4, 'maj7'], [3, 'm7'], [2, 'm7'], [1, 'maj9']] },
  { name: 'vi–IV–I–V', degrees: [[6, 'm9'], [4, 'maj7'], [1, 'add9'], [5, 'sus4']] },
];
const TEXTURES = ['vinyl crackle and tape hiss', 'soft rain on a window', 'distant city traffic', 'a crackling fireplace', 'café murmur', 'night crickets'];
const LEADS = ['muted Rhodes', 'nylon-string guitar', 'felt piano', 'warm saxophone sample', 'mellow vibraphone', 'detuned synth pad'];

/** Semitones of major-scale degrees 1–7. */
const DEGREE_SEMITONES = [0, 2, 4, 5, 7, 9, 11];
const NOTE_NAMES = ['C', 'D♭', 'D', 'E♭', 'E', 'F', 'G♭', 'G', 'A♭', 'A', 'B♭', 'B'];

/** Intervals in semitones above the root of each chord quality the progressions use. */
export const QUALITY_INTERVALS: Readonly<Record<string, readonly number[]>> = {
  m9: [0, 3, 7, 10, 14],
  '13': [0, 4, 10, 14, 21],
  maj9: [0, 4, 7, 11, 14],
  maj7: [0, 4, 7, 11],
  m7: [0, 3, 7, 10],
  '7♭9': [0, 4, 7, 10, 13],
  add9: [0, 4, 7, 14],
  sus4: [0, 5, 7, 10],
};

/** MIDI notes of a chord on scale degree `degree` of `key`, rooted in the octave above C3 (MIDI 48). */
export function chordMidi(key: string, degree: number, quality: string): number[] {
  const root = 48 + ((NOTE_NAMES.indexOf(key) + DEGREE_SEMITONES[degree - 1]!) % 12);
  return (QUALITY_INTERVALS[quality] ?? [0, 4, 7]).map((i) => root + i);
}

function noteAt(key: string, degree: number): string {
  const root = NOTE_NAMES.indexOf(key);
  return NOTE_NAMES[(root + DEGREE_SEMITONES[degree - 1]!) % 12]!;
}

export interface TrackBrief {
  n: number;
  title: string;
  bpm: number;
  key: string;
  progression: string;
  chords: string[];
  /** The chords as MIDI notes, for the audio sketch. */
  voicings: number[][];
  lead: string;
  texture: string;
  minutes: number;
}

export function trackBriefs(id: string, topic: string, count: number, minutesEach: number): TrackBrief[] {
  const h = hashId(id);
  const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX'];
  return Array.from({ length: count }, (_, i) => {
    const r = (h >>> (i % 24)) + i * 7919;
    const key = KEYS[r % KEYS.length]!;
    const prog = PROGRESSIONS[(r >>> 3) % PROGRESSIONS.length]!;
    const words = topic.split(' ');
    return {
      n: i + 1,
      title: `${words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ')} ${roman[i % roman.length]}`,
      bpm: 68 + ((r >>> 5) % 18),
      key: `${key} major`,
      progression: prog.name,
      chords: prog.degrees.map(([d, q]) => `${noteAt(key, d)}${q}`),
      voicings: prog.degrees.map(([d, q]) => chordMidi(key, d, q)),
      lead: LEADS[(r >>> 7) % LEADS.length]!,
      texture: TEXTURES[(r >>> 9) % TEXTURES.length]!,
      minutes: minutesEach,
    };
  });
}
