import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePiece } from '../../../src/ventures/content/artefacts.js';
import { candidates } from '../../../src/ventures/content/plan.js';
import { pieceText } from '../../../src/ventures/content/script.js';
import { thumbnailSvg, wrap } from '../../../src/ventures/content/thumbnail.js';
import { simulatedTrends } from '../../../src/ventures/content/trends.js';

const T0 = Date.parse('2026-11-23T00:00:00Z');
const all = candidates(simulatedTrends(42, T0));

describe('generated content artefacts', () => {
  it('every piece of a week has a title, description and tags within YouTube’s limits, and a timed script', () => {
    expect(all.length).toBeGreaterThan(20);
    for (const item of all) {
      const t = pieceText(item);
      expect(t.title.length).toBeGreaterThan(10);
      expect(t.title.length).toBeLessThanOrEqual(100);
      expect(t.title + t.description).not.toMatch(/[<>]/);
      expect(new TextEncoder().encode(t.description).length).toBeLessThanOrEqual(5000);
      expect(t.description).toContain('Affiliate disclosure');
      expect(t.tags.join(',').length).toBeLessThanOrEqual(500);
      expect(t.tags).toContain(item.trend.topic.toLowerCase());
      expect(t.script).toContain(item.trend.topic);
      expect(t.script).toMatch(/SIMULATED/);
      expect(t.script).not.toMatch(/lorem|ipsum|TODO|\{[tT]\}|undefined|NaN/);
      if (item.niche === 'lofi_music') expect(t.script).toMatch(/\| 1 \| .+ \| \d{2} \| [A-G]♭? major \|/);
      else expect(t.script).toMatch(/## 0:00 — Hook|## 0:00 — Cold open/);
    }
  });

  it('a long pop-science video lists its chapters with timestamps in the description', () => {
    const item = all.find((c) => c.niche === 'pop_science' && c.format === 'long_video')!;
    const d = pieceText(item).description;
    expect(d).toMatch(/Chapters\n0:00 Hook\n0:30 Why it matters\n1:30 Idea 1: the basics/);
  });

  it('is deterministic: the same piece reads the same', () => {
    expect(pieceText(all[0]!)).toEqual(pieceText(all[0]!));
  });

  it('the thumbnail is a sized SVG with the title escaped and the SIMULATED label', () => {
    const item = { ...all[0]!, format: 'long_video' as const, trend: { ...all[0]!.trend, topic: 'R&B late night' } };
    const svg = thumbnailSvg(item, 'R&B "late" night: 1 hour 🎧 of chill');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720"')).toBe(true);
    expect(svg).toContain('R&amp;B &quot;late&quot; night');
    expect(svg).not.toMatch(/R&B|"late"|🎧/);
    expect(svg).toContain('SIMULATED TREND');
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(thumbnailSvg({ ...item, format: 'short' }, 'x')).toContain('width="1080" height="1920"');
  });

  it('wraps titles to three lines at most', () => {
    expect(wrap('one two three four five six seven eight nine ten', 9, 3)).toEqual(['one two', 'three', 'four five…']);
    expect(wrap('short title', 20, 3)).toEqual(['short title']);
  });

  it('writes script, metadata, description and thumbnail into <home>/content/<id>/', () => {
    const home = mkdtempSync(join(tmpdir(), 'nl-content-'));
    const item = all.find((c) => c.platform === 'youtube' && c.format === 'long_video')!;
    const text = pieceText(item);
    const f = writePiece(home, item, text);
    expect(f.dir).toBe(`content/${item.id}`);
    const meta = JSON.parse(readFileSync(join(home, f.metadata), 'utf8')) as Record<string, unknown>;
    expect(meta).toMatchObject({ id: item.id, title: text.title, tags: text.tags, platform: 'youtube', media: 'video.mp4', trend: { simulated: true } });
    expect(readFileSync(join(home, f.description), 'utf8')).toBe(`${text.description}\n`);
    expect(readFileSync(join(home, f.script), 'utf8')).toContain('Render the finished video');
    expect(readFileSync(join(home, f.thumbnail), 'utf8')).toContain('<svg');
    expect(f.sketch).toBeUndefined();
    const lofi = all.find((c) => c.niche === 'lofi_music')!;
    const lf = writePiece(home, lofi, pieceText(lofi));
    const wav = readFileSync(join(home, lf.sketch!));
    expect(wav.subarray(0, 4).toString()).toBe('RIFF');
    expect(wav.length).toBeGreaterThan(44 + 2 * 22_050 * 10);
  });
});
