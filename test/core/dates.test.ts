import { strToU8, zipSync } from 'fflate';
import { isDateFormat, serialToIso } from '../../src/core/dates';
import { readSheets } from '../../src/excel/read';
import { ALL_CAPS, MIN_CAPS } from '../../src/excel/requirements';
import { readSubmission } from '../../src/xlsx/read';
import { FakeExcel } from '../excel/fakeExcel';

describe('core dates', () => {
  it('tells calendar-date formats from time-only and number formats', () => {
    const dates = ['yyyy-mm-dd', 'm/d/yyyy', 'yyyy"年"m"月"d"日"', '[$-F800]dddd, mmmm dd, yyyy', '[DBNum1][$-804]yyyy"年"m"月"', 'd-mmm-yy', 'YYYY/MM/DD', 'm/d/yy h:mm', 'mmm', 'yyyy-mm-dd hh:mm:ss'];
    const notDates = ['General', '0.00', '@', 'h:mm', 'h:mm:ss', 'h:mm AM/PM', '[h]:mm:ss', '[h]:mm', '[hh]:mm', '[mm]:ss', 'mm:ss', 'mm:ss.0', '[h]', 'h"时"mm"分"', '上午/下午h"时"mm"分"ss"秒"', '0.00E+00', '#,##0"元"', '[Red]0.0', '"yyyy"0', '\\d0', '_-* #,##0_-;\\-* #,##0_-;_-* "-"_-;_-@_-'];
    for (const f of dates) expect([f, isDateFormat(f)]).toEqual([f, true]);
    for (const f of notDates) expect([f, isDateFormat(f)]).toEqual([f, false]);
  });

  it('converts serials: seconds rounding, the 1900 leap-day bug, 1904, out of range', () => {
    expect(serialToIso(45000.9999999)).toBe('2023-03-16');
    expect(serialToIso(45000.99998)).toBe('2023-03-15'); // 23:59:58
    expect(serialToIso(45383)).toBe('2024-04-01');
    expect(serialToIso(1)).toBe('1900-01-01');
    expect(serialToIso(59)).toBe('1900-02-28');
    expect(serialToIso(60)).toBe('1900-03-01');
    expect(serialToIso(61)).toBe('1900-03-01');
    expect(serialToIso(0, true)).toBe('1904-01-01');
    expect(serialToIso(45383, true)).toBe('2028-04-02');
    expect(serialToIso(-1)).toBeNull();
    expect(serialToIso(1e20)).toBeNull();
    expect(serialToIso(Number.NaN)).toBeNull();
  });
});

/** The same values and formats through the .xlsx reader and the Office.js reader. */
const CASES: { v: number; code: string; builtin?: number }[] = [
  { v: 45000.9999999, code: 'yyyy-mm-dd' },
  { v: 45000.5, code: 'yyyy"年"m"月"d"日"' },
  { v: 45376, code: 'yyyy/m/d', builtin: 14 },
  { v: 0.5, code: 'h:mm', builtin: 20 },
  { v: 0.75, code: '[h]:mm:ss' },
  { v: 45376.25, code: 'm/d/yy h:mm', builtin: 22 },
  { v: 1234.5, code: '0.00' },
  { v: 60, code: 'yyyy-mm-dd' },
  { v: -3, code: 'yyyy-mm-dd' },
];

function xlsxOf(cases: typeof CASES): Uint8Array {
  const custom = cases.map((c, i) => (c.builtin === undefined ? `<numFmt numFmtId="${164 + i}" formatCode="${c.code.replace(/"/g, '&quot;')}"/>` : '')).join('');
  const xfs = cases.map((c, i) => `<xf numFmtId="${c.builtin ?? 164 + i}"/>`).join('');
  const cells = cases.map((c, i) => `<c r="${String.fromCharCode(65 + i)}1" s="${i + 1}"><v>${c.v}</v></c>`).join('');
  return zipSync({
    '[Content_Types].xml': strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': strToU8('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/styles.xml': strToU8(`<styleSheet><numFmts>${custom}</numFmts><cellXfs><xf numFmtId="0"/>${xfs}</cellXfs></styleSheet>`),
    'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData><row r="1">${cells}</row></sheetData></worksheet>`),
  });
}

describe('one cell reads the same from a file and through Office.js', () => {
  for (const caps of [ALL_CAPS, MIN_CAPS]) {
    it(`xlsx reader and Excel reader agree (${caps === ALL_CAPS ? 'valuesAsJson' : 'values + valueTypes'})`, async () => {
      const file = await readSubmission('a.xlsx', xlsxOf(CASES));
      if (!file.ok) throw new Error(file.detail);
      const fake = new FakeExcel(caps === ALL_CAPS ? '1.18' : '1.7');
      const s = fake.addSheet('S', [CASES.map((c) => c.v)]);
      CASES.forEach((c, i) => (s.cell(0, i)!.nf = c.code));
      const excel = await fake.run((ctx) => readSheets(ctx, caps, ['S']));
      expect(excel.sheets[0]!.rows).toEqual(file.workbook.sheets[0]!.rows);
      // And the values are the decided ones, not merely equal.
      expect(file.workbook.sheets[0]!.rows[0]).toEqual([
        { t: 'd', v: '2023-03-16' },
        { t: 'd', v: '2023-03-15' },
        { t: 'd', v: '2024-03-25' },
        { t: 'n', v: 0.5 },
        { t: 'n', v: 0.75 },
        { t: 'd', v: '2024-03-25' },
        { t: 'n', v: 1234.5 },
        { t: 'd', v: '1900-03-01' },
        { t: 'n', v: -3 },
      ]);
    });
  }
});
