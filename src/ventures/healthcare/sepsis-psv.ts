/**
 * Loader for the PhysioNet/Computing in Cardiology Challenge 2019 (early prediction of sepsis)
 * file layout: one pipe-separated `.psv` file per patient (p000001.psv, ...), a header line of the
 * 41 documented columns — 8 vital signs, 26 laboratory values, 6 demographics, SepsisLabel — and
 * one row per ICU hour, a missing measurement written NaN. The challenge data itself is not
 * shipped (download it from PhysioNet under its licence); MIMIC is never used. Files are read
 * locally and nothing leaves the machine.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { NeoLightError } from '../../core/errors.js';

export const SEPSIS_VITALS = ['HR', 'O2Sat', 'Temp', 'SBP', 'MAP', 'DBP', 'Resp', 'EtCO2'] as const;
export const SEPSIS_LABS = [
  'BaseExcess', 'HCO3', 'FiO2', 'pH', 'PaCO2', 'SaO2', 'AST', 'BUN', 'Alkalinephos', 'Calcium', 'Chloride', 'Creatinine', 'Bilirubin_direct',
  'Glucose', 'Lactate', 'Magnesium', 'Phosphate', 'Potassium', 'Bilirubin_total', 'TroponinI', 'Hct', 'Hgb', 'PTT', 'WBC', 'Fibrinogen', 'Platelets',
] as const;
export const SEPSIS_DEMOGRAPHICS = ['Age', 'Gender', 'Unit1', 'Unit2', 'HospAdmTime', 'ICULOS'] as const;
export const SEPSIS_COLUMNS = [...SEPSIS_VITALS, ...SEPSIS_LABS, ...SEPSIS_DEMOGRAPHICS, 'SepsisLabel'] as const;
export type SepsisMeasure = Exclude<(typeof SEPSIS_COLUMNS)[number], 'SepsisLabel'>;

export interface SepsisHour {
  /** Row index: the hour since ICU admission the row describes (ICULOS counts from 1). */
  hour: number;
  values: Record<SepsisMeasure, number | null>;
  sepsisLabel: 0 | 1;
}

export interface SepsisPatient {
  id: string;
  hours: SepsisHour[];
}

export function parseSepsisPsv(text: string, id: string): SepsisPatient {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split('|').map((h) => h.trim());
  if (header.length !== SEPSIS_COLUMNS.length || header.some((h, i) => h !== SEPSIS_COLUMNS[i])) {
    const missing = SEPSIS_COLUMNS.filter((c) => !header.includes(c));
    const extra = header.filter((h) => !(SEPSIS_COLUMNS as readonly string[]).includes(h));
    throw new NeoLightError('NL_ERR_DATA', `${id}: the header is not the challenge's 41 columns in order${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; unknown ${extra.join(', ')}` : ''}`);
  }
  const hours = lines.slice(1).map((line, h): SepsisHour => {
    const cells = line.split('|');
    if (cells.length !== SEPSIS_COLUMNS.length) throw new NeoLightError('NL_ERR_DATA', `${id} line ${h + 2}: ${cells.length} fields, expected ${SEPSIS_COLUMNS.length}`);
    const values = {} as Record<SepsisMeasure, number | null>;
    let label: 0 | 1 = 0;
    SEPSIS_COLUMNS.forEach((col, j) => {
      const raw = cells[j]!.trim();
      const v = raw === 'NaN' || raw === '' ? null : Number(raw);
      if (v !== null && !Number.isFinite(v)) throw new NeoLightError('NL_ERR_DATA', `${id} line ${h + 2}: column ${col} is "${raw}", expected a number or NaN`);
      if (col === 'SepsisLabel') {
        if (v !== 0 && v !== 1) throw new NeoLightError('NL_ERR_DATA', `${id} line ${h + 2}: SepsisLabel is "${raw}", expected 0 or 1`);
        label = v;
      } else values[col] = v;
    });
    return { hour: h, values, sepsisLabel: label };
  });
  return { id, hours };
}

/** Every `*.psv` file of a directory (a challenge training set), in file-name order. */
export function loadSepsisDirectory(dir: string): SepsisPatient[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.psv')).sort();
  } catch (err) {
    throw new NeoLightError('NL_ERR_DATA', `cannot read the sepsis directory ${dir}: ${(err as Error).message}`);
  }
  return names.map((f) => parseSepsisPsv(readFileSync(join(dir, f), 'utf8'), basename(f, '.psv')));
}

/** Whether a patient ever develops sepsis (the challenge labels the hours from 6 h before onset on). */
export function everSeptic(p: SepsisPatient): boolean {
  return p.hours.some((h) => h.sepsisLabel === 1);
}
