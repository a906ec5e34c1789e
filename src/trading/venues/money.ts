/**
 * Exact money at the venue edge: venues report amounts as decimal strings ("1237.005", "0.26"),
 * and a float product of two of them can land a hair under a half cent. These helpers do the
 * arithmetic on integers (BigInt) so "half up" means half up.
 */
import { NeoLightError } from '../../core/errors.js';

interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

function parseDecimal(text: string, what: string): Decimal {
  const m = DECIMAL.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new NeoLightError('NL_ERR_UPSTREAM', `venue sent a ${what} that is not a decimal number: "${text}"`);
  const frac = m[3] ?? '';
  const units = BigInt(`${m[2] || '0'}${frac}`);
  return { units: m[1] === '-' ? -units : units, scale: frac.length };
}

/** Integer `units / 10^scale` rounded half up (away from zero for negatives). */
function roundHalfUp(units: bigint, scale: number): bigint {
  if (scale <= 0) return units * 10n ** BigInt(-scale);
  const div = 10n ** BigInt(scale);
  const abs = units < 0n ? -units : units;
  const q = (abs * 2n + div) / (2n * div);
  return units < 0n ? -q : q;
}

/** A decimal string of dollars as whole cents, half up: "0.125" → 13. */
export function decimalCents(usd: string, what = 'money amount'): number {
  const d = parseDecimal(usd, what);
  return Number(roundHalfUp(d.units * 100n, d.scale));
}

/** qty × price of two decimal strings as whole cents, half up, with no float in between. */
export function productCents(qty: string, price: string): number {
  const a = parseDecimal(qty, 'quantity');
  const b = parseDecimal(price, 'price');
  return Number(roundHalfUp(a.units * b.units * 100n, a.scale + b.scale));
}
