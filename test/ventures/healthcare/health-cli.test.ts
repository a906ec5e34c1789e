import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = resolve(import.meta.dirname, '../../../dist/cli/main.js');
const data = resolve(import.meta.dirname, '../../../data/health');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'health', ...args], { encoding: 'utf8' });

describe('neolight health evaluate', () => {
  it('prints the Pima figures as one JSON document; the AUROC clears the stated floor of 0.80', () => {
    const r = run('evaluate', '--dataset', 'pima', '--json');
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown> & { models: { model: string; auroc: number }[] };
    for (const k of ['dataset', 'model', 'n_train', 'n_test', 'auroc', 'accuracy', 'brier']) expect(doc, k).toHaveProperty(k);
    expect([doc.dataset, doc.model, doc.n_train, doc.n_test]).toEqual(['pima', 'logistic_regression', 200, 332]);
    expect(doc.auroc as number).toBeGreaterThan(0.8);
    expect(doc.models.map((m) => m.model)).toEqual(['logistic_regression', 'gradient_boosted_trees']);
    for (const m of doc.models) expect(m.auroc).toBeGreaterThan(0.8);
    expect(doc.disclaimer).toMatch(/not for clinical use/);
    expect(doc).not.toHaveProperty('fitted');
    console.log(`pima: AUROC ${(doc.auroc as number).toFixed(3)}, evaluate ran ${doc.runtime_ms} ms`);
  }, 120_000);

  it('colon --json carries hazard_ratios matching the README (±0.0005) and the text shows them', () => {
    const r = run('evaluate', '--dataset', 'colon', '--json');
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { hazard_ratios: Record<string, { hr: number }>; n_train: number; n_test: number; auroc: number; accuracy: number; brier: number };
    expect(Math.abs(doc.hazard_ratios.rxLev!.hr - 0.985)).toBeLessThan(0.0005);
    expect(Math.abs(doc.hazard_ratios['rxLev+5FU']!.hr - 0.599)).toBeLessThan(0.0005);
    expect(doc.n_train + doc.n_test).toBe(929);
    const text = run('evaluate', '--dataset', 'colon');
    expect(text.stdout).toContain('rxLev+5FU         0.599');
    expect(text.stdout).toContain('not for clinical use');
  }, 60_000);

  it('exits 2 naming the flag or the file line, and has --help', () => {
    const bad = run('evaluate', '--dataset', 'mimic');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--dataset "mimic" is not accepted: expected one of pima, colon, pbc');
    const dir = mkdtempSync(join(tmpdir(), 'neolight-health-cli-'));
    for (const f of ['colon_trial.csv', 'pbc.csv']) copyFileSync(join(data, f), join(dir, f));
    const pima = readFileSync(join(data, 'pima_diabetes.csv'), 'utf8').split('\n');
    pima[3] = pima[3]!.replace(/^\d+,\d+/, '5,abc');
    writeFileSync(join(dir, 'pima_diabetes.csv'), pima.join('\n'));
    const broken = run('evaluate', '--data-dir', dir);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/pima_diabetes.csv line 4: column "glu" is "abc"/);
    const help = run('evaluate', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--dataset <name>');
  }, 60_000);
});
