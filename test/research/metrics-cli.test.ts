import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReturns } from '../../src/research/returns-file.js';

const cli = resolve(import.meta.dirname, '../../dist/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'neolight-metrics-'));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'metrics', ...args], { encoding: 'utf8' });

describe('neolight metrics', () => {
  it('reads plain lists, CSVs with a returns column, and CSVs by their last column', () => {
    expect(parseReturns('0.01\n\n-0.02\n')).toEqual([0.01, -0.02]);
    expect(parseReturns('date,Returns,volume\n2025-01-01,0.01,5\n2025-01-02,-0.02,6\n')).toEqual([0.01, -0.02]);
    expect(parseReturns('2025-01-01,0.03\n2025-01-02,nan\n').map(String)).toEqual(['0.03', 'NaN']);
    expect(() => parseReturns('0.01\n0.02\nabc\n')).toThrow(/line 3: "abc"/);
    expect(() => parseReturns('-1.5\n')).toThrow(/line 1.*> -1/);
  });

  it('prints exactly one JSON document with the tearsheet keys', () => {
    const f = join(dir, 'r.txt');
    writeFileSync(f, '0.01\n0.02\n-0.01\n0.005\n');
    const r = run('--returns', f, '--periods', '365', '--json');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(doc)).toContain('gaussian_cvar_99');
    expect(doc.periods).toBe(4);
    // Everything the text's header line shows: the file and the annualisation.
    expect(doc.returns_file).toBe(f);
    expect(doc.periods_per_year).toBe(365);
  });

  it('exits 2 naming the line, the flag or the file', () => {
    const f = join(dir, 'bad.txt');
    writeFileSync(f, '0.01\nfoo\n');
    const bad = run('--returns', f);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('line 2');
    expect(run('--returns', f, '--periods', '0').stderr).toMatch(/--periods "0"/);
    expect(run('--returns', join(dir, 'missing.txt')).status).toBe(2);
  });

  it('exits 2 on a file without a return (empty, header only, all NaN) instead of an all-null tearsheet', () => {
    for (const [name, text, why] of [
      ['empty.txt', '', 'the file is empty'],
      ['blank.txt', '\n\n', 'the file is empty'],
      ['header.csv', 'date,returns\n', 'a header and no returns'],
      ['nan.txt', 'nan\nNaN\n', 'all 2 returns are NaN'],
    ] as const) {
      const f = join(dir, name);
      writeFileSync(f, text);
      const r = run('--returns', f, '--json');
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(f);
      expect(r.stderr).toContain(why);
    }
  });
});
