/**
 * Writes a piece's publishable files to <home>/content/<id>/: script.md (the script or production
 * sheet), metadata.json (title, description, tags, platform settings), description.txt (to paste),
 * thumbnail.svg and, for lo-fi pieces, sketch.wav (four bars of the first track). Each file is
 * written atomically, so a crash leaves the old file or the new one.
 * The rendered media a real platform needs (video.mp4, or track.wav for Spotify) is made by a
 * person from the script and dropped into the same folder.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../store/atomic.js';
import { lofiSketch, wavBytes } from './audio.js';
import { trackBriefs } from './music.js';
import type { PlanItem } from './plan.js';
import type { PieceText } from './script.js';
import { thumbnailSvg } from './thumbnail.js';

/** YouTube category ids (videoCategories.list, region US): Music, Sports, Education. */
export const YOUTUBE_CATEGORY: Record<PlanItem['niche'], string> = { lofi_music: '10', sports_highlights: '17', pop_science: '27' };

export interface PieceFiles {
  /** Relative to the data directory. */
  dir: string;
  media: string;
  script: string;
  metadata: string;
  description: string;
  thumbnail: string;
  /** Lo-fi pieces: four bars of the first track as a WAV sketch for the producer. */
  sketch?: string;
}

export function pieceFiles(id: string, format: PlanItem['format']): PieceFiles {
  const dir = `content/${id}`;
  return {
    dir,
    media: `${dir}/${format === 'track' ? 'track.wav' : 'video.mp4'}`,
    script: `${dir}/script.md`,
    metadata: `${dir}/metadata.json`,
    description: `${dir}/description.txt`,
    thumbnail: `${dir}/thumbnail.svg`,
  };
}

export function writePiece(home: string, item: PlanItem, text: PieceText): PieceFiles {
  const f = pieceFiles(item.id, item.format);
  mkdirSync(join(home, f.dir), { recursive: true });
  const metadata = {
    id: item.id,
    title: text.title,
    description: text.description,
    tags: text.tags,
    platform: item.platform,
    format: item.format,
    niche: item.niche,
    minutes: item.minutes,
    ...(item.platform === 'youtube' ? { category_id: YOUTUBE_CATEGORY[item.niche] } : {}),
    trend: { topic: item.trend.topic, score: item.trend.score, source: item.trend.source, simulated: item.trend.source === 'simulated' },
    media: f.media.slice(f.dir.length + 1),
    status: 'awaiting approval: nothing is published before a person approves it',
  };
  const howTo = `\n---\n\nRender the finished ${item.format === 'track' ? 'audio' : 'video'} from this ${item.niche === 'lofi_music' ? 'sheet' : 'script'} to \`${metadata.media}\` in this folder; once the piece is approved, the publisher uploads it with the title, description and tags of metadata.json.\n`;
  writeFileAtomic(join(home, f.script), text.script + howTo);
  writeFileAtomic(join(home, f.metadata), `${JSON.stringify(metadata, null, 2)}\n`);
  writeFileAtomic(join(home, f.description), `${text.description}\n`);
  writeFileAtomic(join(home, f.thumbnail), thumbnailSvg(item, text.title));
  if (item.niche !== 'lofi_music') return f;
  const sketch = `${f.dir}/sketch.wav`;
  writeFileAtomic(join(home, sketch), wavBytes(lofiSketch(item.id, trackBriefs(item.id, item.trend.topic, 1, item.minutes)[0]!)));
  return { ...f, sketch };
}
