/**
 * `backtest --json` written in pieces: the same bytes as JSON.stringify(doc, null, 2), but each
 * top-level value, and a long top-level array 512 elements at a time, is stringified and
 * written on its own, so a run with hundreds of thousands of fills never holds its whole
 * document as one string (a 1,000,000-bar run's was 130 MB, built and then copied into a Buffer).
 *
 * Each piece comes from one JSON.stringify call at the right depth: a top-level entry is
 * stringified as the object `{key: value}` and a run of array elements as `{key: [elements]}`,
 * and the wrapper's braces and brackets are cut off. So the engine's own indenting does all the
 * work: no call per element, no re-indenting pass over the text (both cost more than the
 * stringifying itself on a 1,000,000-bar report).
 *
 * The long lists of a backtest (fills, trades, monthly returns, rolling figures, the equity curve)
 * come as rows of text instead (`jsonRows`, `jsonRow`): flat rows of scalars whose text is simple
 * to make exactly, from the run's columns, with no object per row to build and stringify.
 */

/**
 * Elements of a top-level array stringified per call: their string stays under V8's 128 KB
 * large-object size, so it is made in the young generation's pages, which are reused, instead of
 * fresh pages mapped for each (4,096 rows a call was ~8,000 page faults on a 1,000,000-bar report).
 */
const ELEMENTS = 512;
/** Bytes gathered per write. */
const FLUSH = 1 << 20;

/**
 * A top-level array given as the rows it would hold, made one at a time: `each` emits exactly
 * `length` rows in order. The writer stringifies them ELEMENTS at a time, so a run's hundreds of
 * thousands of fill and trade rows never exist as objects all at once (nine pairs of a million
 * minute bars: ~300,000 rows, ~60 MB of heap). With `json`, each row is emitted as its JSON text
 * (made by a `jsonRow` formatter) and written as it is: no object per row at all.
 */
export interface RowStream {
  readonly length: number;
  readonly json?: boolean;
  each(emit: (row: unknown) => void): void;
}

/** A RowStream of rows given as their JSON text (jsonRow): `each` emits exactly `length` of them. */
export const jsonRows = (length: number, each: (emit: (json: string) => void) => void): RowStream => ({ length, json: true, each });

/** A value JSON.stringify prints as a scalar, as it prints it (a number that is not finite is null). */
export const jsonScalar = (v: string | number | boolean | null): string => (typeof v === 'number' ? (Number.isFinite(v) ? numberText(v) : 'null') : JSON.stringify(v));

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6] as const;

/**
 * String(x), made faster for the short decimals a backtest prints most (prices of four places,
 * quantities, money in cents): ~200 ns a number in V8's shortest-digits conversion, which was a
 * fifth of a nine-pair run's --json.
 *
 * For |x| < 1e9 and the fewest decimals d ≤ 6 such that u = round(|x|·10^d) gives u / 10^d === |x|:
 * that division is correctly rounded, so x is the double nearest the decimal u·10^-d, and no other
 * decimal of d or fewer places is (they are 10^-d ≥ 1e-6 apart, wider than x's spacing there,
 * under 1.2e-7), so that decimal, with no trailing zero as d is the fewest, is the shortest text
 * that reads back as x: String(x). Anything else goes to String(x) itself
 * (test/backtest/number-text.test.ts holds the two equal on integers, short decimals and random doubles).
 */
export function numberText(x: number): string {
  const a = Math.abs(x);
  if (!(a < 1e9) || Number.isInteger(x)) return String(x);
  for (let d = 1; d <= 6; d++) {
    const p = POW10[d]!;
    const u = Math.round(a * p);
    if (u / p !== a) continue;
    const frac = u % p;
    const digits = String(frac);
    return `${x < 0 ? '-' : ''}${(u - frac) / p}.${digits.length < d ? '0'.repeat(d - digits.length) : ''}${digits}`;
  }
  return String(x);
}

/**
 * JSON text of strings from a small set (symbols, sides, reasons), each made once: JSON.stringify
 * of a short string costs ~120 ns, and the fill and trade rows print three or four a row.
 */
export function jsonStrings(): (s: string) => string {
  const known = new Map<string, string>();
  return (s) => {
    let text = known.get(s);
    if (text === undefined) {
      text = JSON.stringify(s);
      // A bound, in case a caller's "small set" is not: past it, texts are made each time.
      if (known.size < 4096) known.set(s, text);
    }
    return text;
  };
}

/** The JSON text of an ISO 8601 time (isoTime, toISOString): digits, letters and "-:.+" need no escape. */
export const jsonIsoTime = (iso: string): string => `"${iso}"`;

/**
 * The JSON text of flat rows with these keys as JSON.stringify(doc, null, 2) prints them as
 * elements of a top-level array: `fields` are the JSON texts of a row's values (jsonScalar) in the
 * order of `keys`. String(x) of a finite number is the text JSON.stringify gives it.
 */
export function jsonRow(keys: readonly string[]): (fields: readonly string[]) => string {
  if (keys.length === 0) return () => '    {}';
  const heads = keys.map((k, i) => `${i === 0 ? '    {\n' : ',\n'}      ${JSON.stringify(k)}: `);
  return (fields) => {
    let text = '';
    for (let i = 0; i < heads.length; i++) text += heads[i]! + fields[i]!;
    return `${text}\n    }`;
  };
}

/**
 * Writes `doc` as JSON.stringify(doc, null, 2) + '\n' through `write`, as UTF-8 in chunks of about
 * FLUSH bytes; a key of `streams` is written from its rows instead of `doc`'s value, as if that
 * value were the array of those rows. A chunk is one reused buffer: `write` must be done with it
 * when it returns (the pieces are encoded into it as they are made, so the text is never joined
 * into large strings, and no buffer is allocated per chunk — fresh pages cost more than the encoding).
 */
export function writeJsonDocument(doc: object, write: (chunk: Uint8Array) => void, streams: Readonly<Record<string, RowStream>> = {}): void {
  const buf = Buffer.allocUnsafe(FLUSH);
  let at = 0;
  const out = (s: string): void => {
    // A UTF-16 unit is at most 3 bytes of UTF-8.
    if (at + s.length * 3 > FLUSH) {
      if (at > 0) write(buf.subarray(0, at));
      at = 0;
      if (s.length * 3 > FLUSH) {
        write(Buffer.from(s, 'utf8'));
        return;
      }
    }
    at += buf.write(s, at);
  };
  writePieces(doc, out, streams);
  if (at > 0) write(buf.subarray(0, at));
}

function writePieces(doc: object, write: (chunk: string) => void, streams: Readonly<Record<string, RowStream>>): void {
  // Keys JSON.stringify drops: undefined, functions and symbols.
  const entries = Object.entries(doc).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  // A stream stands in for a key's value, in its place: a stream without one would be lost.
  for (const k of Object.keys(streams)) if (!entries.some(([key]) => key === k)) throw new Error(`row stream "${k}" has no key in the document`);
  if (entries.length === 0) {
    write('{}\n');
    return;
  }
  write('{\n');
  entries.forEach(([k, v], n) => {
    const last = n === entries.length - 1;
    const rows = Object.hasOwn(streams, k) ? streams[k] : undefined;
    if (rows) writeRows(k, rows, write);
    else if (Array.isArray(v) && v.length > ELEMENTS) writeLongArray(k, v, write);
    else {
      // `{\n  "k": value\n}` without its first two and last two characters.
      const wrapped = JSON.stringify({ [k]: v }, null, 2);
      write(wrapped.slice(2, wrapped.length - 2));
    }
    write(last ? '\n' : ',\n');
  });
  write('}\n');
}

/** `  "k": [` … `  ]`, the elements in runs of ELEMENTS, each run one string. */
function writeLongArray(k: string, v: unknown[], write: (chunk: string) => void): void {
  const head = JSON.stringify({ [k]: [] }, null, 2);
  // `{\n  "k": []\n}` → `  "k": [`
  write(`${head.slice(2, head.length - 4)}[\n`);
  for (let at = 0; at < v.length; at += ELEMENTS) {
    const wrapped = JSON.stringify({ [k]: v.slice(at, at + ELEMENTS) }, null, 2);
    // `{\n  "k": [\n` + elements + `\n  ]\n}`: keep the elements.
    const open = wrapped.indexOf('[\n') + 2;
    write(wrapped.slice(open, wrapped.length - 6));
    write(at + ELEMENTS < v.length ? ',\n' : '\n');
  }
  write('  ]');
}

/** `  "k": [` … `  ]` from a RowStream, as writeLongArray writes the array of its rows. */
function writeRows(k: string, rows: RowStream, write: (chunk: string) => void): void {
  const total = rows.length;
  if (total === 0) {
    write(JSON.stringify({ [k]: [] }, null, 2).slice(2, -2));
    rows.each(() => {
      throw new Error(`${k}: a row stream of length 0 emitted a row`);
    });
    return;
  }
  const head = JSON.stringify({ [k]: [] }, null, 2);
  write(`${head.slice(2, head.length - 4)}[\n`);
  const done = rows.json ? writeJsonRows(k, rows, write) : writeValueRows(k, rows, write);
  if (done !== total) throw new Error(`${k}: the row stream emitted ${done} of its ${total} rows`);
  write('  ]');
}

/** The rows of a stream of values, ELEMENTS a JSON.stringify call; the number of rows written. */
function writeValueRows(k: string, rows: RowStream, write: (chunk: string) => void): number {
  const total = rows.length;
  let batch: unknown[] = [];
  let done = 0;
  const flush = (): void => {
    const wrapped = JSON.stringify({ [k]: batch }, null, 2);
    done += batch.length;
    batch = [];
    write(wrapped.slice(wrapped.indexOf('[\n') + 2, wrapped.length - 6));
    write(done < total ? ',\n' : '\n');
  };
  rows.each((row) => {
    if (done + batch.length >= total) throw new Error(`${k}: the row stream emitted more than its ${total} rows`);
    batch.push(row);
    if (batch.length === ELEMENTS) flush();
  });
  if (batch.length > 0) flush();
  return done;
}

/** The rows of a stream of JSON texts, joined ELEMENTS at a time; the number of rows written. */
function writeJsonRows(k: string, rows: RowStream, write: (chunk: string) => void): number {
  const total = rows.length;
  let text = '';
  let done = 0;
  rows.each((row) => {
    if (done >= total) throw new Error(`${k}: the row stream emitted more than its ${total} rows`);
    done++;
    text += `${row as string}${done < total ? ',\n' : '\n'}`;
    if (done % ELEMENTS === 0) {
      write(text);
      text = '';
    }
  });
  if (text) write(text);
  return done;
}
