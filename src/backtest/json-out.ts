/**
 * `backtest --json` written in pieces: the same bytes as JSON.stringify(doc, null, 2), but each
 * top-level value, and each element of a top-level array, is stringified on its own and flushed in
 * ~1 MB chunks, so a run with hundreds of thousands of fills never holds its whole document as one
 * string (a 1,000,000-bar run's was 130 MB, built and then copied into a Buffer).
 */
const FLUSH = 1 << 20;

const indent = (json: string, pad: string): string => json.replaceAll('\n', `\n${pad}`);

/** Writes `doc` as JSON.stringify(doc, null, 2) + '\n' through `write`. */
export function writeJsonDocument(doc: object, write: (chunk: string) => void): void {
  let buf = '';
  const out = (s: string): void => {
    buf += s;
    if (buf.length >= FLUSH) {
      write(buf);
      buf = '';
    }
  };
  // Keys JSON.stringify drops: undefined, functions and symbols.
  const entries = Object.entries(doc).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (entries.length === 0) {
    write('{}\n');
    return;
  }
  out('{\n');
  entries.forEach(([k, v], n) => {
    out(`  ${JSON.stringify(k)}: `);
    if (Array.isArray(v) && v.length > 0) {
      out('[\n');
      v.forEach((el, i) => out(`    ${indent(JSON.stringify(el ?? null, null, 2) ?? 'null', '    ')}${i === v.length - 1 ? '\n' : ',\n'}`));
      out('  ]');
    } else out(indent(JSON.stringify(v, null, 2), '  '));
    out(n === entries.length - 1 ? '\n' : ',\n');
  });
  out('}\n');
  write(buf);
}
