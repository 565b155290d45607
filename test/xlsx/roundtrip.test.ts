/** Properties: text survives writing and reading unchanged, and never turns into a formula. */
import fc from 'fast-check';
import Papa from 'papaparse';
import { strToU8 } from 'fflate';
import { readBackSheets, readSubmission } from '../../src/xlsx/read';
import { renderWorkbook } from '../../src/xlsx/write';
import { cleanText } from '../../src/xlsx/values';

const tricky = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ maxLength: 20 }).map((s) => `=${s}`),
  fc.constantFrom('=1+1', '+86 138 0000 1111', '-5', '@SUM(A1)', '=HYPERLINK("http://x","y")', ' 序号\n', '"引号",逗号'),
);

describe('round trips', () => {
  it('writes arbitrary strings as text cells and reads them back', async () => {
    const values = fc.sample(tricky, { numRuns: 300, seed: 42 });
    const bytes = await renderWorkbook({ sheets: [{ name: 'S', columns: [{ header: 'v' }], rows: values.map((v) => [v]) }] });
    const rows = (await readBackSheets(bytes)).sheets[0]!.rows;
    values.forEach((v, i) => {
      const expected = cleanText(v);
      expect(rows[i + 1]?.[0] ?? null).toEqual(expected === '' ? null : { t: 's', v: expected });
    });
  });

  it('reads back any CSV grid written by papaparse', async () => {
    const cell = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !s.includes('\r'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }), async (grid) => {
        const r = await readSubmission('t.csv', strToU8(Papa.unparse(grid, { quotes: true })));
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const got = r.workbook.sheets[0]!.rows.map((row) => row.map((c) => (c && c.t === 's' ? c.v : '')));
        const want = grid.map((row) => {
          const out = [...row];
          while (out.length && out[out.length - 1] === '') out.pop();
          return out;
        });
        while (want.length && want[want.length - 1]!.length === 0) want.pop();
        expect(got).toEqual(want);
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});
