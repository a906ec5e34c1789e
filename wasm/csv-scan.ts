/**
 * The CSV fast path's scanner, in AssemblyScript compiled to WebAssembly (scripts/build-wasm.mjs
 * writes src/market/csv-scan-wasm.ts from it). It reads rows exactly as csv-fast.ts documents:
 * plain decimals whose digits read as an integer below 2^53, integer or YYYY-MM-DD times, every
 * check passed; at the first row it cannot take it stops and the general path reads that row.
 * Why WebAssembly: this loop touches every byte of a file; V8 runs it here at about 1.2 ns a byte
 * against 3-4 ns as JavaScript (a 45 MB file: ~60 ms against ~200 ms).
 *
 * Memory is laid out by the host (csv-fast.ts): the bytes to scan, a table of 10^0..10^22, a row's
 * field values, and six batch columns (ts, open, high, low, close, volume) of `room` rows at most.
 * Every input the host passes ends with an LF: each scan below ends at one, so no bounds check.
 */

const LF: u32 = 10;
const CR: u32 = 13;
const PLUS: u32 = 43;
const MINUS: u32 = 45;
const DOT: u32 = 46;
const ZERO: u32 = 48;
/** 2^53: a mantissa below it was accumulated exactly. */
const MAX_EXACT: f64 = 9007199254740992;

let powAt: usize = 0;
let valsAt: usize = 0;
let colsAt: usize = 0;
let batch: i32 = 0;
/** Rows the last scan took. */
let taken: i32 = 0;

/** Where the host put the power table, the field values and the batch columns (`rows` each). */
export function setup(pow: usize, vals: usize, cols: usize, rows: i32): void {
  powAt = pow;
  valsAt = vals;
  colsAt = cols;
  batch = rows;
}

export function lastTaken(): i32 {
  return taken;
}

function digitsAt(at: usize, n: i32): i32 {
  let v: i32 = 0;
  for (let k: i32 = 0; k < n; k++) {
    const d = <u32>load<u8>(at + <usize>k) - ZERO;
    if (d > 9) return -1;
    v = v * 10 + <i32>d;
  }
  return v;
}

/** Epoch ms of the 10 bytes at `s` when they are a YYYY-MM-DD (year >= 100) naming a real day; else NaN (as csv-columns.ts isoDayAt). */
function isoDay(s: usize): f64 {
  if (<u32>load<u8>(s + 4) !== MINUS || <u32>load<u8>(s + 7) !== MINUS) return NaN;
  const y = digitsAt(s, 4);
  const m = digitsAt(s + 5, 2);
  const d = digitsAt(s + 8, 2);
  if (y < 100 || m < 1 || m > 12 || d < 1) return NaN;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  if (d > days) return NaN;
  // Days since 1970-01-01 of a proleptic Gregorian date (what Date.UTC counts), years >= 1.
  const yy = m <= 2 ? y - 1 : y;
  const era = yy / 400;
  const yoe = yy - era * 400;
  const doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return <f64>(era * 146097 + doe - 719468) * 86400000.0;
}

/**
 * Reads rows from `s` up to `end` (just past an LF) into the batch columns, at most `room`, each
 * after `lastTs`. Returns where it stopped (the start of the first row not taken, or `end`);
 * lastTaken() says how many it took. The arguments are csv-fast.ts FastLayout's.
 */
export function scan(s: usize, end: usize, sep: u32, width: i32, tsAt: i32, oAt: i32, hAt: i32, lAt: i32, cAt: i32, vAt: i32, need: i32, maxPrice: f64, lastTs: f64, room: i32): usize {
  let n: i32 = 0;
  const cTs = colsAt;
  const cO = colsAt + <usize>batch * 8;
  const cH = cO + <usize>batch * 8;
  const cL = cH + <usize>batch * 8;
  const cC = cL + <usize>batch * 8;
  const cV = cC + <usize>batch * 8;
  while (s < end && n < room) {
    let i = s;
    let k: i32 = 0;
    let ok = true;
    while (true) {
      const start = i;
      let c = <u32>load<u8>(i);
      const neg = c === MINUS;
      const plus = c === PLUS;
      if (neg || plus) c = <u32>load<u8>(++i);
      const firstDigit = i;
      let mant: f64 = 0;
      let dotAt: isize = -1;
      while (true) {
        const d = c - ZERO;
        if (d <= 9) mant = mant * 10 + <f64>d;
        else if (c === DOT && dotAt < 0) dotAt = <isize>i;
        else break;
        c = <u32>load<u8>(++i);
      }
      let plain = true;
      if (c !== sep && c !== LF && c !== CR) {
        plain = false;
        do c = <u32>load<u8>(++i);
        while (c !== sep && c !== LF && c !== CR);
      }
      if (k < need) {
        const digits = <i32>(i - firstDigit) - (dotAt >= 0 ? 1 : 0);
        let v: f64 = NaN;
        if (k === tsAt) {
          if (plain && !plus && dotAt < 0 && digits > 0 && digits <= 15) {
            const t = neg ? -mant : mant;
            if (Math.abs(t - 19999999.5) > 1000000) v = Math.abs(t) < 1e11 ? t * 1000 : t;
          } else if (i - start === 10) v = isoDay(start);
        } else if (plain && digits > 0 && mant < MAX_EXACT) {
          const frac = dotAt < 0 ? 0 : <i32>(<isize>i - dotAt) - 1;
          if (frac <= 22) {
            const m = frac === 0 ? mant : mant / load<f64>(powAt + (<usize>frac << 3));
            v = neg ? -m : m;
          }
        }
        if (v !== v) {
          ok = false;
          break;
        }
        store<f64>(valsAt + (<usize>k << 3), v);
      }
      k++;
      if (c === sep) {
        i++;
        continue;
      }
      if (c === CR) {
        if (<u32>load<u8>(i + 1) !== LF) {
          ok = false;
          break;
        }
        i++;
      }
      i++;
      break;
    }
    if (!ok || k < width || k < need) break;
    const t = load<f64>(valsAt + (<usize>tsAt << 3));
    const o = load<f64>(valsAt + (<usize>oAt << 3));
    const h = load<f64>(valsAt + (<usize>hAt << 3));
    const l = load<f64>(valsAt + (<usize>lAt << 3));
    const cl = load<f64>(valsAt + (<usize>cAt << 3));
    const v = vAt >= 0 ? load<f64>(valsAt + (<usize>vAt << 3)) : 0;
    if (!(o > 0 && o < maxPrice && h > 0 && h < maxPrice && l > 0 && l < maxPrice && cl > 0 && cl < maxPrice && v >= 0 && v < Infinity && h >= l && t > lastTs)) break;
    const at = <usize>n << 3;
    store<f64>(cTs + at, t);
    store<f64>(cO + at, o);
    store<f64>(cH + at, h);
    store<f64>(cL + at, l);
    store<f64>(cC + at, cl);
    store<f64>(cV + at, v);
    n++;
    lastTs = t;
    s = i;
  }
  taken = n;
  return s;
}
