/** Gap counts against calendars written out by hand here (NYSE holidays of 2024 from NYSE's published calendar). */
import { describe, expect, it } from 'vitest';
import { countGaps } from '../../src/market/data/gaps.js';

const H = 3_600_000;
const D = 86_400_000;
const at = (iso: string): number => Date.parse(iso);

describe('gap counting', () => {
  // NYSE, 2024-07-01..12: open Jul 1, 2, 3 (early close), 5, 8, 9, 10, 11, 12; closed Jul 4 and the weekend.
  const july = ['01', '02', '03', '05', '08', '09', '10', '11', '12'];

  it('counts only NYSE trading days for daily equity bars, stamped at the open or at UTC midnight', () => {
    const atOpen = Float64Array.from(july.filter((d) => d !== '09').map((d) => at(`2024-07-${d}T13:30:00Z`)));
    expect(countGaps(atOpen, D, 'us_equity')).toEqual({ expected: 9, gaps: 1 });
    const dates = Float64Array.from(july.map((d) => at(`2024-07-${d}T00:00:00Z`)));
    expect(countGaps(dates, D, 'us_equity')).toEqual({ expected: 9, gaps: 0 });
  });

  it('sees no gap over Thanksgiving 2024 (Nov 28 closed, Nov 29 early close)', () => {
    const days = ['25', '26', '27', '29'].map((d) => at(`2024-11-${d}T14:30:00Z`)).concat([at('2024-12-02T14:30:00Z')]);
    expect(countGaps(Float64Array.from(days), D, 'us_equity')).toEqual({ expected: 5, gaps: 0 });
  });

  it('counts hourly equity slots of each regular session (9:30-16:00 New York: 7 bars a day)', () => {
    const slots = (day: string) => [13, 14, 15, 16, 17, 18, 19].map((h) => at(`2024-07-${day}T${h}:30:00Z`));
    const ts = [...slots('11'), ...slots('12').filter((t) => t !== at('2024-07-12T16:30:00Z')), ...slots('15')];
    expect(countGaps(Float64Array.from(ts), H, 'us_equity')).toEqual({ expected: 21, gaps: 1 });
  });

  it('counts every missing hour for crypto', () => {
    const t0 = Date.UTC(2025, 0, 1);
    const ts = Array.from({ length: 48 }, (_, i) => t0 + i * H).filter((_, i) => i !== 5 && i !== 30);
    expect(countGaps(Float64Array.from(ts), H, 'crypto_24_7')).toEqual({ expected: 48, gaps: 2 });
  });

  it('counts FX weekdays, not weekends', () => {
    // Mon 2024-07-01 .. Fri 2024-07-12, daily at UTC midnight, Wednesday the 10th missing.
    const days = [1, 2, 3, 4, 5, 8, 9, 11, 12].map((d) => Date.UTC(2024, 6, d));
    expect(countGaps(Float64Array.from(days), D, 'forex_24_5')).toEqual({ expected: 10, gaps: 1 });
  });
});
