/**
 * The publishable text of a piece, pure: title, description, tags and a production script or
 * outline with timings, from the plan item's topic, niche and format. Templates are chosen by a
 * hash of the piece id, so one piece always reads the same. YouTube's limits are kept: titles of at
 * most 100 characters, descriptions of at most 5,000 bytes, no angle brackets (the API rejects
 * them), tags of at most 500 characters in all.
 */
import { hashId } from './audience.js';
import { trackBriefs } from './music.js';
import { NICHE_SPECS } from './niches.js';
import type { PlanItem } from './plan.js';
import { AFFILIATE } from './revenue-models.js';

export interface PieceText {
  title: string;
  description: string;
  tags: string[];
  /** Markdown: the script (spoken parts) or the production sheet (music), with timings. */
  script: string;
}

const TITLES: Record<PlanItem['niche'], readonly string[]> = {
  lofi_music: ['{T} 🎧 lo-fi beats to study and relax', '{T} — 1 hour of chill lo-fi', 'lo-fi for {t}: calm beats, no ads mid-way'],
  sports_highlights: ['{T}: the moments everyone is talking about', 'Best of {T} — ranked', '{T} in 60 seconds'],
  pop_science: ['The science of {t}, explained simply', 'Why {t} matters more than you think', '{T}: what the research actually says'],
};

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const clean = (s: string): string => s.replace(/[<>]/g, '');
const mmss = (minutes: number): string => `${Math.floor(minutes)}:${String(Math.round((minutes % 1) * 60)).padStart(2, '0')}`;

export function titleOf(item: PlanItem): string {
  const list = TITLES[item.niche];
  const t = list[hashId(item.id) % list.length]!.replace('{T}', cap(item.trend.topic)).replace('{t}', item.trend.topic);
  const title = clean(t);
  return title.length <= 100 ? title : `${title.slice(0, 99)}…`;
}

export function tagsOf(item: PlanItem): string[] {
  const spec = NICHE_SPECS[item.niche];
  const topicWords = item.trend.topic.toLowerCase().split(/[^a-z0-9-]+/).filter((w) => w.length > 3);
  const tags = [...new Set([item.trend.topic.toLowerCase(), spec.label.toLowerCase(), ...spec.keywords.slice(0, 6), ...topicWords, item.format === 'short' ? 'shorts' : 'video'])];
  const out: string[] = [];
  let chars = 0;
  for (const t of tags.map(clean)) {
    if (chars + t.length + 1 > 500) break;
    out.push(t);
    chars += t.length + 1;
  }
  return out;
}

/** Timed segments for a spoken piece: [start minute, heading, what is said or shown]. */
function segments(item: PlanItem): [number, string, string][] {
  const t = item.trend.topic;
  const m = item.minutes;
  if (item.niche === 'sports_highlights') {
    if (item.format === 'short') return [[0, 'Hook', `Cold open on the loudest moment of ${t}; caption: "Wait for it…"`], [m * 0.15, 'Build-up', 'Two quick cuts of the lead-up, on-screen score and minute'], [m * 0.5, 'The moment', 'Full-speed replay, then slow motion from the best angle'], [m * 0.85, 'Payoff', 'Crowd and bench reaction; caption asks "Best you have seen?"']];
    return [[0, 'Cold open', `The single most replayed moment of ${t}, no commentary`], [m * 0.05, 'Intro', `What this compilation covers and how the moments were ranked (impact, drama, skill)`], [m * 0.15, 'Number 5', 'Context card (teams, stakes), the clip, one line on why it matters'], [m * 0.32, 'Number 4', 'Context card, clip, the turning point in slow motion'], [m * 0.49, 'Number 3', 'Context card, clip, a stat that shows how rare it was'], [m * 0.66, 'Number 2', 'Context card, clip, reaction shots'], [m * 0.8, 'Number 1', 'Full build-up, the clip from two angles, the aftermath'], [m * 0.94, 'Outro', 'Ask viewers for their own number 1 in the comments; end screen to the next compilation']];
  }
  if (item.format === 'short') return [[0, 'Hook', `A surprising fact about ${t} in one sentence, on screen and spoken`], [m * 0.2, 'Explain', 'The mechanism in two sentences, one diagram'], [m * 0.7, 'So what', 'One thing the viewer can try or notice today'], [m * 0.9, 'Loop', 'End on a line that leads back into the hook']];
  return [[0, 'Hook', `Open with a question: what is really going on with ${t}?`], [m * 0.05, 'Why it matters', 'Where the viewer meets this in daily life; promise of the three ideas ahead'], [m * 0.15, 'Idea 1: the basics', 'Define the terms plainly; one analogy; one simple animation'], [m * 0.4, 'Idea 2: the evidence', 'The key study or observation, who ran it, what they found, how big the effect is'], [m * 0.65, 'Idea 3: the common myth', 'What people get wrong and what the evidence says instead'], [m * 0.85, 'Recap', 'The three ideas in three sentences'], [m * 0.93, 'Call to action', 'Question for the comments; end screen to a related video']];
}

function scriptOf(item: PlanItem): string {
  const head = [`# ${titleOf(item)}`, '', `Niche: ${NICHE_SPECS[item.niche].label} · Platform: ${item.platform} · Format: ${item.format} · Length: ${mmss(item.minutes)} · Production time: ${item.productionHours} h`, `Trend: ${item.trend.topic} (score ${item.trend.score}, source ${item.trend.source}${item.trend.source === 'simulated' ? ', SIMULATED' : ''})`, ''];
  if (item.niche === 'lofi_music') {
    const count = item.format === 'long_video' ? Math.max(1, Math.round(item.minutes / 3)) : 1;
    const each = item.format === 'long_video' ? 3 : item.minutes;
    const rows = trackBriefs(item.id, item.trend.topic, count, each).map((b) => `| ${b.n} | ${b.title} | ${b.bpm} | ${b.key} | ${b.progression}: ${b.chords.join(' – ')} | ${b.lead} | ${b.texture} | ${mmss(b.minutes)} |`);
    return [...head, '## Production sheet', '', '| # | title | BPM | key | progression | lead | texture | length |', '|---|---|---|---|---|---|---|---|', ...rows, '', '## Mix notes', '', '- Drums: swung 16ths (55–60 % swing), side-chained to the kick by 2–3 dB.', '- Master to about −14 LUFS integrated (the loudness YouTube and Spotify normalise to).', '- Only original or properly licensed samples; keep the licence files beside this sheet.', ''].join('\n');
  }
  const rows = segments(item).map(([at, h, body]) => `## ${mmss(at)} — ${h}\n\n${body}\n`);
  const rights = item.niche === 'sports_highlights' ? ['## Rights', '', 'Use only footage the channel owns or licenses (league and broadcaster clips are copyrighted); keep the licence with this script.', ''] : ['## Sources', '', 'Cite each study on screen and in the description (authors, year, journal).', ''];
  return [...head, ...rows, ...rights].join('\n');
}

function descriptionOf(item: PlanItem): string {
  const a = AFFILIATE[item.niche];
  const spec = NICHE_SPECS[item.niche];
  const chapters = item.niche !== 'lofi_music' && item.format === 'long_video' ? ['', 'Chapters', ...segments(item).map(([at, h]) => `${mmss(at)} ${h}`)] : [];
  const intro: Record<PlanItem['niche'], string> = {
    lofi_music: `Slow down with ${item.trend.topic}: warm chords, soft drums and ${trackBriefs(item.id, item.trend.topic, 1, item.minutes)[0]!.texture} to study, work or unwind to.`,
    sports_highlights: `${cap(item.trend.topic)} — the moments fans keep replaying, with the context that makes them great.`,
    pop_science: `What does the research say about ${item.trend.topic}? A clear, sourced explanation in ${mmss(item.minutes)}.`,
  };
  const text = [
    clean(intro[item.niche]),
    ...chapters,
    '',
    `Gear and reading we like for ${spec.label.toLowerCase()}: ${a.category.replace(/ \(.*\)/, '').toLowerCase()} (link below).`,
    'Affiliate disclosure: some links are affiliate links; we may earn a commission at no extra cost to you.',
    '',
    'Made by the NeoLight studio.',
    '',
    tagsOf(item).slice(0, 3).map((t) => `#${t.replace(/[^a-z0-9]/gi, '')}`).join(' '),
  ].join('\n');
  return new TextEncoder().encode(text).length <= 5000 ? text : text.slice(0, 4900);
}

export function pieceText(item: PlanItem): PieceText {
  return { title: titleOf(item), description: descriptionOf(item), tags: tagsOf(item), script: scriptOf(item) };
}
