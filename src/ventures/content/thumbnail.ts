/**
 * Thumbnails as SVG, pure: the niche's gradient, the title in large type wrapped to at most three
 * lines, a badge with the niche and format, and a SIMULATED ribbon when the trend was simulated.
 * Sizes follow the platforms: 1280×720 for a YouTube video (its recommended thumbnail size),
 * 1080×1920 for a vertical short's cover and 3000×3000 for a track's cover art.
 */
import { NICHE_SPECS } from './niches.js';
import type { PlanItem } from './plan.js';

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function thumbnailSize(format: PlanItem['format']): { width: number; height: number } {
  if (format === 'short') return { width: 1080, height: 1920 };
  if (format === 'track') return { width: 3000, height: 3000 };
  return { width: 1280, height: 720 };
}

/** Greedy word wrap to `width` characters per line, at most `maxLines` lines (the last ends in … when cut). */
export function wrap(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]!.replace(/[\s.,:;—-]+$/, '')}…`;
  return kept;
}

export function thumbnailSvg(item: PlanItem, title: string): string {
  const { width, height } = thumbnailSize(item.format);
  const spec = NICHE_SPECS[item.niche];
  const unit = Math.min(width, height) / 720;
  const fontSize = Math.round(84 * unit);
  const lines = wrap(title.replace(/[^\p{L}\p{N}\p{P}\p{Zs}]/gu, '').trim(), item.format === 'long_video' ? 22 : 16, 3);
  const top = height / 2 - ((lines.length - 1) * fontSize * 1.15) / 2;
  const text = lines.map((l, i) => `<text x="${Math.round(width * 0.06)}" y="${Math.round(top + i * fontSize * 1.15)}" font-size="${fontSize}" font-weight="800" fill="#ffffff" stroke="#000000" stroke-opacity="0.35" stroke-width="${Math.round(4 * unit)}" paint-order="stroke">${escapeXml(l)}</text>`);
  const badge = `${spec.label} · ${item.format.replace('_', ' ')}`.toUpperCase();
  const badgeSize = Math.round(30 * unit);
  const sim = item.trend.source === 'simulated'
    ? `<text x="${width - Math.round(24 * unit)}" y="${height - Math.round(24 * unit)}" text-anchor="end" font-size="${Math.round(22 * unit)}" fill="#ffffff" fill-opacity="0.7">SIMULATED TREND</text>`
    : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Inter, Helvetica, Arial, sans-serif">`,
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${spec.palette.from}"/><stop offset="1" stop-color="${spec.palette.to}"/></linearGradient></defs>`,
    `<rect width="${width}" height="${height}" fill="url(#bg)"/>`,
    `<circle cx="${Math.round(width * 0.85)}" cy="${Math.round(height * 0.2)}" r="${Math.round(160 * unit)}" fill="${spec.palette.accent}" fill-opacity="0.25"/>`,
    `<rect x="${Math.round(width * 0.06)}" y="${Math.round(48 * unit)}" width="${Math.round(badge.length * badgeSize * 0.62 + 32 * unit)}" height="${Math.round(badgeSize * 1.6)}" rx="${Math.round(10 * unit)}" fill="${spec.palette.accent}"/>`,
    `<text x="${Math.round(width * 0.06 + 16 * unit)}" y="${Math.round(48 * unit + badgeSize * 1.12)}" font-size="${badgeSize}" font-weight="700" fill="#111111">${escapeXml(badge)}</text>`,
    ...text,
    sim,
    '</svg>',
    '',
  ].join('\n');
}
