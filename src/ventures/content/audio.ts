/**
 * A lo-fi audio sketch, pure: four bars of a track brief rendered as a WAV (16-bit PCM, mono,
 * 22,050 Hz) — one chord per bar from the brief's progression (soft sine voicing with a slow
 * attack and a bass root an octave down), a kick on beats 1 and 3, a noise snare on 2 and 4,
 * swung eighth-note hats and sparse vinyl crackle, at the brief's tempo. It is the producer's
 * starting point for the track, not the finished master; deterministic from the piece id.
 */
import { seedKey, streamKey, uniform } from '../../market/rng.js';
import { hashId } from './audience.js';
import type { TrackBrief } from './music.js';

export const SAMPLE_RATE = 22_050;
const BARS = 4;

const hz = (midi: number): number => 440 * 2 ** ((midi - 69) / 12);

export function sketchSeconds(bpm: number): number {
  return (BARS * 4 * 60) / bpm;
}

export function lofiSketch(id: string, brief: Pick<TrackBrief, 'bpm' | 'voicings'>): Float32Array {
  const beat = 60 / brief.bpm;
  const n = Math.round(sketchSeconds(brief.bpm) * SAMPLE_RATE);
  const out = new Float32Array(n);
  const sk = streamKey(seedKey(hashId(id)), 1);
  for (let i = 0; i < n; i++) {
    const t = i / SAMPLE_RATE;
    const bar = Math.floor(t / (4 * beat));
    const inBar = t - bar * 4 * beat;
    const chord = brief.voicings[bar % brief.voicings.length]!;
    const env = Math.min(1, inBar / 0.25) * Math.exp(-inBar / (6 * beat));
    let x = 0;
    for (const m of chord) x += Math.sin(2 * Math.PI * hz(m + 12) * t) * 0.12 * env;
    x += Math.sin(2 * Math.PI * hz(chord[0]! - 12) * t) * 0.25 * Math.exp(-inBar / (3 * beat));
    const b = Math.floor(t / beat);
    const inBeat = t - b * beat;
    if (b % 2 === 0) x += Math.sin(2 * Math.PI * (50 + 70 * Math.exp(-inBeat * 30)) * inBeat) * 0.6 * Math.exp(-inBeat * 12);
    else x += (uniform(sk, i) * 2 - 1) * 0.2 * Math.exp(-inBeat * 25);
    // Swung eighths: the off-beat hat lands at 2/3 of the beat.
    const hatAt = inBeat >= beat * (2 / 3) ? inBeat - beat * (2 / 3) : inBeat;
    x += (uniform(sk, n + i) * 2 - 1) * 0.05 * Math.exp(-hatAt * 80);
    if (uniform(sk, 2 * n + i) < 0.0004) x += (uniform(sk, 3 * n + i) - 0.5) * 0.3;
    out[i] = x;
  }
  let peak = 0;
  for (const v of out) peak = Math.max(peak, Math.abs(v));
  const gain = peak > 0 ? 0.8 / peak : 0;
  for (let i = 0; i < n; i++) out[i] = out[i]! * gain;
  return out;
}

/** 16-bit PCM mono WAV bytes of samples in [-1, 1]. */
export function wavBytes(samples: Float32Array, sampleRate = SAMPLE_RATE): Uint8Array {
  const data = samples.length * 2;
  const buf = new ArrayBuffer(44 + data);
  const v = new DataView(buf);
  const ascii = (at: number, s: string): void => [...s].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + data, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, 1, true); // mono
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  ascii(36, 'data');
  v.setUint32(40, data, true);
  samples.forEach((s, i) => v.setInt16(44 + i * 2, Math.round(Math.max(-1, Math.min(1, s)) * 32767), true));
  return new Uint8Array(buf);
}
