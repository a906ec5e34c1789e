/**
 * Reading a file of simple returns for `neolight metrics`: one number a line, or a CSV whose
 * `return`/`returns` column (any case) — else its last column — holds them. A header is optional,
 * blank lines are skipped, and a bad value is an error naming the line. A file without a single
 * numeric return is an error too: its tearsheet would be all nulls, which reads as a result.
 */
import { readFileSync } from 'node:fs';
import { NeoLightError } from '../core/errors.js';

export function parseReturns(text: string, source = 'returns file'): number[] {
  const lines = text.split(/\r?\n/);
  const out: number[] = [];
  let column: number | undefined;
  let sawHeader = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    const fields = raw.split(/[,;\t]/).map((f) => f.trim().replace(/^"|"$/g, ''));
    if (column === undefined) {
      const named = fields.findIndex((f) => /^returns?$/i.test(f));
      column = named >= 0 ? named : fields.length - 1;
      const first = fields[column] ?? '';
      const isHeader = named >= 0 || (first !== '' && Number.isNaN(Number(first)) && !/^nan$/i.test(first));
      if (isHeader && !sawHeader) {
        sawHeader = true;
        continue;
      }
    }
    const cell = fields[column] ?? '';
    const v = /^nan$/i.test(cell) || cell === '' ? Number.NaN : Number(cell);
    if (Number.isNaN(v) && !/^nan$/i.test(cell)) {
      throw new NeoLightError('NL_ERR_DATA', `${source} line ${i + 1}: "${cell}" is not a number (expected a simple return such as 0.012 or -0.003)`, { line: i + 1 });
    }
    if (!Number.isNaN(v) && (!Number.isFinite(v) || v <= -1)) {
      throw new NeoLightError('NL_ERR_DATA', `${source} line ${i + 1}: ${cell} is not a simple return (must be finite and > -1)`, { line: i + 1 });
    }
    out.push(v);
  }
  if (!out.some((v) => !Number.isNaN(v))) {
    const why = out.length > 0 ? `all ${out.length} returns are NaN` : sawHeader ? 'a header and no returns' : 'the file is empty';
    throw new NeoLightError('NL_ERR_DATA', `${source}: no returns to measure (${why}); expected one simple return a line, such as 0.012`, { reason: why });
  }
  return out;
}

export function readReturnsFile(path: string): number[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new NeoLightError('NL_ERR_DATA', `--returns ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  return parseReturns(text, path);
}
