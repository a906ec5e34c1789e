import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { everSeptic, loadSepsisDirectory, parseSepsisPsv, SEPSIS_COLUMNS } from '../../../src/ventures/healthcare/sepsis-psv.js';

/** A generated patient in the challenge layout: 41 pipe-separated columns, NaN for missing. */
function psv(rows: { hr: number | null; lactate: number | null; iculos: number; label: 0 | 1 }[]): string {
  const lines = rows.map((r) =>
    SEPSIS_COLUMNS.map((c) => {
      if (c === 'HR') return r.hr ?? 'NaN';
      if (c === 'Lactate') return r.lactate ?? 'NaN';
      if (c === 'ICULOS') return r.iculos;
      if (c === 'Age') return 67.5;
      if (c === 'Gender') return 1;
      if (c === 'SepsisLabel') return r.label;
      return 'NaN';
    }).join('|'),
  );
  return [SEPSIS_COLUMNS.join('|'), ...lines].join('\n') + '\n';
}

describe('PhysioNet 2019 sepsis file loader', () => {
  it('reads a directory of generated .psv patients: values, NaN as missing, labels', () => {
    const dir = mkdtempSync(join(tmpdir(), 'neolight-sepsis-'));
    writeFileSync(join(dir, 'p000002.psv'), psv([{ hr: 80, lactate: null, iculos: 1, label: 0 }, { hr: null, lactate: 2.4, iculos: 2, label: 0 }]));
    writeFileSync(join(dir, 'p000001.psv'), psv([{ hr: 97, lactate: 4.1, iculos: 1, label: 0 }, { hr: 112, lactate: null, iculos: 2, label: 1 }]));
    writeFileSync(join(dir, 'notes.txt'), 'not a patient');
    const patients = loadSepsisDirectory(dir);
    expect(patients.map((p) => p.id)).toEqual(['p000001', 'p000002']);
    expect(SEPSIS_COLUMNS).toHaveLength(41);
    const [a, b] = patients;
    expect(a!.hours[1]!.values.HR).toBe(112);
    expect(a!.hours[1]!.values.Lactate).toBeNull();
    expect(a!.hours[0]!.values.Age).toBe(67.5);
    expect(a!.hours.map((h) => [h.hour, h.values.ICULOS, h.sepsisLabel])).toEqual([[0, 1, 0], [1, 2, 1]]);
    expect(everSeptic(a!)).toBe(true);
    expect(everSeptic(b!)).toBe(false);
  });

  it('rejects a wrong header, a short row and a bad value, naming what is wrong', () => {
    const good = psv([{ hr: 80, lactate: null, iculos: 1, label: 0 }]);
    expect(() => parseSepsisPsv(good.replace('Lactate', 'Lactic'), 'p9')).toThrow(/p9: the header .*missing Lactate; unknown Lactic/);
    expect(() => parseSepsisPsv(good.replace(/\|0\n$/, '\n'), 'p9')).toThrow(/p9 line 2: 40 fields, expected 41/);
    expect(() => parseSepsisPsv(good.replace('80|', 'eighty|'), 'p9')).toThrow(/p9 line 2: column HR is "eighty"/);
    expect(() => parseSepsisPsv(good.replace(/\|0\n$/, '|2\n'), 'p9')).toThrow(/SepsisLabel is "2"/);
    expect(() => loadSepsisDirectory('/nonexistent/neolight-sepsis')).toThrow(/cannot read the sepsis directory/);
  });
});
