/** The ledgers' CSV: any row of fields written by csvLine splits back to the same fields. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLine, splitCsvLine } from '../../src/store/csv.js';

describe('csvLine / splitCsvLine', () => {
  it('round-trips any fields without newlines: commas, quotes, doubled quotes, empty fields', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', ' ', 'é', '€', '1') });
    fc.assert(fc.property(fc.array(field, { minLength: 1, maxLength: 8 }), (fields) => {
      expect(splitCsvLine(csvLine(fields))).toEqual(fields);
    }), { numRuns: 2000 });
  });

  it('splits hand-written lines as RFC 4180 does', () => {
    expect(splitCsvLine('a,"b, c","d ""e"""')).toEqual(['a', 'b, c', 'd "e"']);
    expect(splitCsvLine(',,')).toEqual(['', '', '']);
    expect(splitCsvLine('"",x')).toEqual(['', 'x']);
    expect(splitCsvLine('plain,fields,only')).toEqual(['plain', 'fields', 'only']);
  });
});
