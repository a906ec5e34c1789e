/** The small slice of RFC 4180 the ledgers need: quote a field when it must be, split a line back. */

export function csvField(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly unknown[]): string {
  return values.map(csvField).join(',');
}

/**
 * Split one CSV line (no embedded newlines: ledgers never write them) into fields; double-quoted
 * fields may hold commas and doubled quotes. Fields are cut as slices, never grown a character at
 * a time: `+=` per character leaves each field a chain of one-character strings (the 25,574
 * football matches held ~30 MB of heap that way).
 */
const QUOTE = 34;
const COMMA = 44;

export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === QUOTE) {
      cur += line.slice(start, i);
      if (quoted && line.charCodeAt(i + 1) === QUOTE) {
        cur += '"';
        i++;
      } else quoted = !quoted;
      start = i + 1;
    } else if (c === COMMA && !quoted) {
      out.push(cur + line.slice(start, i));
      cur = '';
      start = i + 1;
    }
  }
  out.push(cur + line.slice(start));
  return out;
}

