/**
 * deploy/loki/promtail.yaml against what NeoLight really writes: with NEOLIGHT_LOG_STDOUT=1 a real
 * agent run puts pino JSON lines on stdout (and none without it); every field the pipeline
 * extracts is in those lines, every pino level has a name, the labels are few-valued and
 * documented in docs/deploy.md, and the keep rule matches the label every deploy/k8s pod carries.
 * Broken copies (a misspelt field, a high-cardinality label, a keep rule matching nothing) fail.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { kustomize, kustomizeMissing, parseManifests } from './k8s-models.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/cli/main.js');
type Stage = Record<string, Record<string, unknown> | null>;
interface Promtail {
  scrape_configs: { job_name: string; relabel_configs: { source_labels?: string[]; regex?: string; action?: string; target_label?: string }[]; pipeline_stages: Stage[] }[];
}
const load = (): Promtail => parse(readFileSync(join(ROOT, 'deploy/loki/promtail.yaml'), 'utf8')) as Promtail;
const stage = (p: Promtail, name: string): Record<string, unknown> => p.scrape_configs[0]!.pipeline_stages.find((s) => name in s)![name]!;
const HIGH_CARDINALITY = new Set(['msg', 'time', 'pid', 'err', 'order_id']);

/** stdout of one real agent tick in a fresh data dir, with the given environment. */
function agentStdout(env: Record<string, string>): string {
  const home = mkdtempSync(join(tmpdir(), 'neolight-logs-'));
  try {
    const r = spawnSync(process.execPath, [CLI, 'agent', 'revenue_rollup', '--once', '--home', home], { env: { ...process.env, NEOLIGHT_SUPERVISED: '1', ...env }, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** What is wrong with a Promtail config for these real log lines and pod labels. */
function problems(p: Promtail, lines: Record<string, unknown>[], podLabels: Record<string, string>, documented: string): string[] {
  const out: string[] = [];
  const json = stage(p, 'json').expressions as Record<string, string>;
  for (const [field, path] of Object.entries(json)) if (!lines.every((l) => path in l)) out.push(`json: ${field} reads "${path}", absent from NeoLight's log lines`);
  const template = String(stage(p, 'template').template);
  for (const [n, label] of Object.entries(pino.levels.labels)) if (!template.includes(`eq .Value "${n}" }}${label}`)) out.push(`template: level ${n} is not named ${label}`);
  const labels = Object.keys(stage(p, 'labels'));
  for (const l of labels) {
    if (!(l in json)) out.push(`labels: ${l} is not extracted by the json stage`);
    if (HIGH_CARDINALITY.has(l)) out.push(`labels: ${l} has a value per line: a stream per line in Loki`);
  }
  const targets = p.scrape_configs[0]!.relabel_configs.map((r) => r.target_label).filter((t): t is string => !!t && !t.startsWith('__'));
  for (const l of [...labels, ...targets]) if (!documented.includes(`| \`${l}\` |`)) out.push(`label ${l} is not documented in docs/deploy.md`);
  for (const keep of p.scrape_configs[0]!.relabel_configs.filter((r) => r.action === 'keep')) {
    const label = keep.source_labels![0]!.replace('__meta_kubernetes_pod_label_', '');
    const value = Object.entries(podLabels).find(([k]) => k.replace(/[./-]/g, '_') === label)?.[1];
    if (value === undefined || !new RegExp(`^(?:${keep.regex})$`).test(value)) out.push(`keep: ${keep.source_labels![0]} =~ ${keep.regex} matches no NeoLight pod`);
  }
  return out;
}

describe('deploy/loki/promtail.yaml', () => {
  const documented = readFileSync(join(ROOT, 'docs/deploy.md'), 'utf8');
  let lines: Record<string, unknown>[];
  let pod: Record<string, string>;
  beforeAll(() => {
    lines = agentStdout({ NEOLIGHT_LOG_STDOUT: '1' }).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    // The labels of a rendered pod template; without kustomize v5, those the base writes.
    const missing = kustomizeMissing();
    if (missing) console.warn(`pod labels from deploy/k8s/base as written: ${missing}`);
    const deployment = missing ? parseManifests(readFileSync(join(ROOT, 'deploy/k8s/base/api.yaml'), 'utf8'))[0]! : kustomize(join(ROOT, 'deploy/k8s/overlays/prod')).find((o) => o.kind === 'Deployment')!;
    pod = (deployment as unknown as { spec: { template: { metadata: { labels: Record<string, string> } } } }).spec.template.metadata.labels;
    // kustomize adds the base's common labels (base/kustomization.yaml `labels`) to every pod.
    if (missing) pod = { ...pod, ...(parse(readFileSync(join(ROOT, 'deploy/k8s/base/kustomization.yaml'), 'utf8')) as { labels: { pairs: Record<string, string> }[] }).labels[0]!.pairs };
  }, 180_000);

  it('NEOLIGHT_LOG_STDOUT=1 puts JSON lines with the agent on stdout, and nothing without it', () => {
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l.agent).toBe('revenue_rollup');
    expect(agentStdout({})).toBe('');
  });

  it('extracts fields NeoLight writes, names every level, and keeps few, documented labels', () => {
    expect(problems(load(), lines, pod, documented)).toEqual([]);
  });

  it('rejects broken copies: a misspelt field, a label per line, a keep rule matching no pod, an undocumented label', () => {
    const misspelt = load();
    (stage(misspelt, 'json').expressions as Record<string, string>).agent = 'agnet';
    expect(problems(misspelt, lines, pod, documented).join('\n')).toMatch(/agnet/);
    const perLine = load();
    (stage(perLine, 'json').expressions as Record<string, string>).msg = 'msg';
    stage(perLine, 'labels').msg = null;
    expect(problems(perLine, lines, pod, documented).join('\n')).toMatch(/msg has a value per line/);
    const keepNothing = load();
    keepNothing.scrape_configs[0]!.relabel_configs[0]!.regex = 'neolite';
    expect(problems(keepNothing, lines, pod, documented).join('\n')).toMatch(/matches no NeoLight pod/);
    expect(problems(load(), lines, pod, documented.replace('| `agent` |', '| agent |')).join('\n')).toMatch(/agent is not documented/);
  });
});
