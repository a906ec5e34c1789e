/**
 * The shipped research datasets (data/health/, R's MASS and survival packages; licences in
 * data/health/README.md), read from local files only: no patient data is fetched or sent anywhere.
 * Each loader checks the header and every value it uses, naming file, line and column on error.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NeoLightError } from '../../core/errors.js';
import { splitCsvLine } from '../../store/csv.js';

/** data/health/ of the project (the same relative place from src/ and from dist/). */
export const HEALTH_DATA_DIR = fileURLToPath(new URL('../../../data/health/', import.meta.url));

export const DATASET_FILES = { pima: 'pima_diabetes.csv', colon: 'colon_trial.csv', pbc: 'pbc.csv' } as const;
export type DatasetName = keyof typeof DATASET_FILES;
export const DATASET_NAMES = Object.keys(DATASET_FILES) as DatasetName[];

interface Table {
  file: string;
  header: string[];
  rows: string[][];
}

function readTable(dir: string, name: DatasetName): Table {
  const file = `${dir.replace(/\/$/, '')}/${DATASET_FILES[name]}`;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new NeoLightError('NL_ERR_DATA', `cannot read ${file}: ${(err as Error).message}`);
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = splitCsvLine(lines[0] ?? '');
  return { file, header, rows: lines.slice(1).map(splitCsvLine) };
}

/** A column reader that names the file, line and column of a bad value. NA reads as null. */
function columns(t: Table, wanted: readonly string[]) {
  const idx = new Map<string, number>();
  for (const c of wanted) {
    const i = t.header.indexOf(c);
    if (i < 0) throw new NeoLightError('NL_ERR_DATA', `${t.file}: column "${c}" is missing (header: ${t.header.join(', ')})`);
    idx.set(c, i);
  }
  const raw = (row: string[], line: number, c: string): string => {
    const v = row[idx.get(c)!];
    if (v === undefined) throw new NeoLightError('NL_ERR_DATA', `${t.file} line ${line}: row has no column "${c}"`);
    return v;
  };
  return {
    text: raw,
    num(row: string[], line: number, c: string): number | null {
      const v = raw(row, line, c);
      if (v === 'NA' || v === '') return null;
      const n = Number(v);
      if (!Number.isFinite(n)) throw new NeoLightError('NL_ERR_DATA', `${t.file} line ${line}: column "${c}" is "${v}", expected a number or NA`);
      return n;
    },
  };
}

function required(v: number | null, t: Table, line: number, c: string): number {
  if (v === null) throw new NeoLightError('NL_ERR_DATA', `${t.file} line ${line}: column "${c}" is NA, and it may not be`);
  return v;
}

export const PIMA_FEATURES = ['npreg', 'glu', 'bp', 'skin', 'bmi', 'ped', 'age'] as const;

export interface PimaRow {
  x: number[];
  y: 0 | 1;
  split: 'train' | 'test';
}

export function loadPima(dir = HEALTH_DATA_DIR): PimaRow[] {
  const t = readTable(dir, 'pima');
  const c = columns(t, [...PIMA_FEATURES, 'type', 'split']);
  return t.rows.map((r, i) => {
    const line = i + 2;
    const type = c.text(r, line, 'type');
    const split = c.text(r, line, 'split');
    if (type !== 'Yes' && type !== 'No') throw new NeoLightError('NL_ERR_DATA', `${t.file} line ${line}: column "type" is "${type}", expected Yes or No`);
    if (split !== 'train' && split !== 'test') throw new NeoLightError('NL_ERR_DATA', `${t.file} line ${line}: column "split" is "${split}", expected train or test`);
    return { x: PIMA_FEATURES.map((f) => required(c.num(r, line, f), t, line, f)), y: type === 'Yes' ? 1 : 0, split };
  });
}

export const COLON_ARMS = ['Obs', 'Lev', 'Lev+5FU'] as const;
export type ColonArm = (typeof COLON_ARMS)[number];

export interface ColonRow {
  id: number;
  rx: ColonArm;
  /** 1 recurrence, 2 death. */
  etype: 1 | 2;
  time: number;
  status: 0 | 1;
}

export function loadColon(dir = HEALTH_DATA_DIR): ColonRow[] {
  const t = readTable(dir, 'colon');
  const c = columns(t, ['id', 'rx', 'etype', 'time', 'status']);
  return t.rows.map((r, i) => {
    const line = i + 2;
    const rx = c.text(r, line, 'rx');
    if (!(COLON_ARMS as readonly string[]).includes(rx)) throw new NeoLightError('NL_ERR_DATA', `${t.file} line ${line}: column "rx" is "${rx}", expected one of ${COLON_ARMS.join(', ')}`);
    const etype = required(c.num(r, line, 'etype'), t, line, 'etype');
    const status = required(c.num(r, line, 'status'), t, line, 'status');
    if (etype !== 1 && etype !== 2) throw new NeoLightError('NL_ERR_DATA', `${t.file} line ${line}: column "etype" is ${etype}, expected 1 or 2`);
    if (status !== 0 && status !== 1) throw new NeoLightError('NL_ERR_DATA', `${t.file} line ${line}: column "status" is ${status}, expected 0 or 1`);
    return { id: required(c.num(r, line, 'id'), t, line, 'id'), rx: rx as ColonArm, etype, time: required(c.num(r, line, 'time'), t, line, 'time'), status };
  });
}

export interface PbcRow {
  id: number;
  time: number;
  /** 0 censored, 1 transplant, 2 death. */
  status: 0 | 1 | 2;
  /** 1 D-penicillamine, 2 placebo, null: not randomised (the 106 extra cases). */
  trt: 1 | 2 | null;
  age: number;
  edema: number;
  bili: number;
  albumin: number;
  protime: number | null;
}

export function loadPbc(dir = HEALTH_DATA_DIR): PbcRow[] {
  const t = readTable(dir, 'pbc');
  const c = columns(t, ['id', 'time', 'status', 'trt', 'age', 'edema', 'bili', 'albumin', 'protime']);
  return t.rows.map((r, i) => {
    const line = i + 2;
    const status = required(c.num(r, line, 'status'), t, line, 'status');
    const trt = c.num(r, line, 'trt');
    if (status !== 0 && status !== 1 && status !== 2) throw new NeoLightError('NL_ERR_DATA', `${t.file} line ${line}: column "status" is ${status}, expected 0, 1 or 2`);
    if (trt !== null && trt !== 1 && trt !== 2) throw new NeoLightError('NL_ERR_DATA', `${t.file} line ${line}: column "trt" is ${trt}, expected 1, 2 or NA`);
    const num = (k: string): number => required(c.num(r, line, k), t, line, k);
    return { id: num('id'), time: num('time'), status, trt, age: num('age'), edema: num('edema'), bili: num('bili'), albumin: num('albumin'), protime: c.num(r, line, 'protime') };
  });
}

/** Modification times of the shipped files: the cached evaluation is recomputed when any changes. */
export function datasetFingerprint(dir = HEALTH_DATA_DIR): string {
  return DATASET_NAMES.map((n) => {
    const file = `${dir.replace(/\/$/, '')}/${DATASET_FILES[n]}`;
    try {
      const s = statSync(file);
      return `${n}:${s.size}:${Math.floor(s.mtimeMs)}`;
    } catch {
      return `${n}:missing`;
    }
  }).join('|');
}
