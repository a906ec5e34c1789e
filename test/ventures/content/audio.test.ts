import { describe, expect, it } from 'vitest';
import { lofiSketch, SAMPLE_RATE, sketchSeconds, wavBytes } from '../../../src/ventures/content/audio.js';
import { chordMidi, trackBriefs } from '../../../src/ventures/content/music.js';

/** Power of one frequency in a window (Goertzel), independent of the synthesiser's code. */
function power(x: Float32Array, from: number, len: number, freq: number): number {
  const k = 2 * Math.cos((2 * Math.PI * freq) / SAMPLE_RATE);
  let s1 = 0;
  let s2 = 0;
  for (let i = from; i < from + len; i++) {
    const s0 = x[i]! + k * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - k * s1 * s2;
}

describe('lo-fi audio sketch', () => {
  const brief = { bpm: 72, voicings: [chordMidi('C', 2, 'm9'), chordMidi('C', 5, '13'), chordMidi('C', 1, 'maj9')] };

  it('voices the progression: ii–V–I in C as D, G and C chords (MIDI 50, 55, 48)', () => {
    expect(brief.voicings.map((v) => v[0])).toEqual([50, 55, 48]);
    expect(chordMidi('C', 2, 'm9')).toEqual([50, 53, 57, 60, 64]);
  });

  it('renders four bars at the tempo, peak 0.8, deterministic from the id', () => {
    const x = lofiSketch('piece-1', brief);
    expect(x.length).toBe(Math.round(sketchSeconds(72) * SAMPLE_RATE));
    expect(sketchSeconds(72)).toBeCloseTo(13.333, 3);
    expect(x.reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeCloseTo(0.8, 6);
    expect(lofiSketch('piece-1', brief)).toEqual(x);
    expect(lofiSketch('piece-2', brief)).not.toEqual(x);
  });

  it('each bar carries its chord: the bass root of bar 1 (D2) outweighs that of bar 2 (G2), and the reverse in bar 2', () => {
    const x = lofiSketch('piece-1', brief);
    const bar = Math.round((4 * 60 / 72) * SAMPLE_RATE);
    const d2 = 440 * 2 ** ((38 - 69) / 12);
    const g2 = 440 * 2 ** ((43 - 69) / 12);
    const win = 8192;
    expect(power(x, 1000, win, d2)).toBeGreaterThan(10 * power(x, 1000, win, g2));
    expect(power(x, bar + 1000, win, g2)).toBeGreaterThan(10 * power(x, bar + 1000, win, d2));
  });

  it('writes a valid 16-bit mono PCM WAV', () => {
    const b = wavBytes(new Float32Array([0, 0.5, -1, 1]));
    const v = new DataView(b.buffer);
    const text = (at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));
    expect([text(0, 4), text(8, 4), text(12, 4), text(36, 4)]).toEqual(['RIFF', 'WAVE', 'fmt ', 'data']);
    expect([v.getUint32(4, true), v.getUint16(20, true), v.getUint16(22, true), v.getUint32(24, true), v.getUint16(34, true), v.getUint32(40, true)]).toEqual([44, 1, 1, 22050, 16, 8]);
    expect([v.getInt16(44, true), v.getInt16(46, true), v.getInt16(48, true), v.getInt16(50, true)]).toEqual([0, 16384, -32767, 32767]);
  });

  it('track briefs carry voicings matching their chord names', () => {
    for (const b of trackBriefs('abc', 'rainy night jazz', 5, 3)) expect(b.voicings).toHaveLength(b.chords.length);
  });
});
