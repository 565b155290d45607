/**
 * What a printed sheet shows: rows tall enough for their wrapped Chinese text, chart labels
 * that read as the numbers they are, number formats in the blocks under a table.
 */
import { strFromU8, unzipSync } from 'fflate';
import type { SheetModel } from '../../src/core/report/model';
import { renderWorkbook } from '../../src/xlsx/write';
import { wrappedLines } from '../../src/xlsx/writeSheet';

async function parts(sheet: SheetModel): Promise<Record<string, string>> {
  const files = unzipSync(await renderWorkbook({ sheets: [sheet] }));
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

/** The number format code of a cell of sheet1, through its style. */
function formatOf(p: Record<string, string>, ref: string): string {
  const s = Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(p['xl/worksheets/sheet1.xml']!)![1]);
  const xfs = /<cellXfs[^>]*>(.*?)<\/cellXfs>/.exec(p['xl/styles.xml']!)![1]!.match(/<xf [^>]*>/g)!;
  const id = Number(/numFmtId="(\d+)"/.exec(xfs[s]!)![1]);
  if (id === 0) return 'General';
  if (id === 2) return '0.00';
  if (id === 1) return '0';
  return new RegExp(`<numFmt numFmtId="${id}" formatCode="([^"]*)"`).exec(p['xl/styles.xml']!)![1]!;
}

// A deduction note as 考核排名 writes it: Chinese text, then a file path that cannot break.
const NOTE = '网站更新 -2：网站超过 14 天未更新：网站“马院思政教育网”最后更新于 2024-10-11，已 40 天未更新（超过 14 天），请立即更新或申请关停（samples/submissions/马克思主义学院-网络阵地备案表（修改版）.xlsx / 网站平台 / G5）';

describe('wrapped text', () => {
  it('counts a CJK glyph as about two digit widths', () => {
    // 24 glyphs in a column 40 wide need two lines in Excel's 等线 (one glyph ≈ 1.9 digits).
    expect(wrappedLines('报'.repeat(24), 40)).toBe(2);
    expect(wrappedLines('报'.repeat(20), 40)).toBe(1);
    expect(wrappedLines('abcd '.repeat(8), 41)).toBe(1);
  });

  it('moves a word that does not fit to the next line, and cuts one longer than a line', () => {
    expect(wrappedLines(`${'x'.repeat(30)} ${'y'.repeat(30)}`, 40)).toBe(2);
    expect(wrappedLines('z'.repeat(130), 60)).toBe(3);
    // LibreOffice prints this note in four lines in a column 60 wide; three cut its end off.
    expect(wrappedLines(NOTE, 60)).toBeGreaterThanOrEqual(4);
  });

  it('makes the row tall enough for its longest wrapped cell', async () => {
    const p = await parts({ name: 'S', columns: [{ header: '单位' }, { header: '加减分明细', width: 60, wrap: true }], rows: [['马克思主义学院', NOTE]] });
    const ht = Number(/<row r="2" ht="([\d.]+)"/.exec(p['xl/worksheets/sheet1.xml']!)![1]);
    expect(ht).toBeGreaterThanOrEqual(4 * 14.25);
  });
});

describe('charts and blocks', () => {
  const chartLabels = async (values: number[]) => {
    const p = await parts({
      name: 'S',
      columns: [{ header: '类型' }, { header: '条数' }],
      rows: values.map((v, i) => [`类型${i}`, v]),
      chart: { type: 'bar', title: '问题类型分布', categoryCol: 0, valueCol: 1, anchor: { row: 0, col: 3 } },
    });
    return /<c:dLbls><c:numFmt formatCode="([^"]*)"/.exec(p['xl/charts/chart1.xml']!)![1];
  };

  it('labels counts as whole numbers and scores with two decimals', async () => {
    expect(await chartLabels([21, 7, 3])).toBe('0');
    expect(await chartLabels([97.375, 84.5])).toBe('0.00');
  });

  it('formats block cells by the block kinds', async () => {
    const p = await parts({
      name: 'S',
      columns: [{ header: 'a' }],
      rows: [['x']],
      blocks: [{ title: '前 2 名', header: true, rows: [['排名', '单位', '年度得分'], [1, '团委', 97.375], [2, '图书馆', 84.5]], kinds: ['integer', undefined, 'decimal2'] }],
    });
    // Table on rows 1–2, the block's title on row 4, its header on 5, data from 6.
    expect(formatOf(p, 'C6')).toBe('0.00');
    expect(formatOf(p, 'C7')).toBe('0.00');
    expect(formatOf(p, 'A6')).toBe('0');
    expect(formatOf(p, 'B6')).toBe('General');
  });
});

describe('block labels', () => {
  it('wrap, and their row grows, when wider than their column and a value sits beside them', async () => {
    const p = await parts({
      name: 'S',
      columns: [{ header: '排名', width: 6 }, { header: '单位', width: 20 }],
      rows: [[1, '团委']],
      blocks: [{ title: '等级分布', header: true, rows: [['等级', '单位数'], ['优秀', 1], ['未评分（不计入排名）', 1], ['未评分（不计入排名）']] }],
    });
    const xml = p['xl/worksheets/sheet1.xml']!;
    const wraps = (ref: string) => {
      const s = Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(xml)![1]);
      const xf = /<cellXfs[^>]*>(.*?)<\/cellXfs>/.exec(p['xl/styles.xml']!)![1]!.split('<xf ').slice(1)[s]!;
      return /wrapText="1"/.test(xf);
    };
    // Table rows 1–2; block title row 4, header 5, 优秀 6, the long label 7, alone on row 8.
    expect(wraps('A6')).toBe(false);
    expect(wraps('A7')).toBe(true);
    expect(Number(/<row r="7" ht="([\d.]+)"/.exec(xml)?.[1])).toBeGreaterThanOrEqual(3 * 14.25);
    expect(xml).not.toMatch(/<row r="6" ht=/);
    expect(wraps('A8')).toBe(false); // nothing beside it: the text runs on into the empty cells
  });
});

describe('charts under a table', () => {
  const sheet = (anchorRow: number, onePage = false): SheetModel => ({
    name: 'S',
    title: '网络阵地年度考核排名',
    columns: [{ header: '单位' }, { header: '年度得分', kind: 'decimal2' }],
    rows: Array.from({ length: 30 }, (_, i) => [`单位${i}`, 60 + i]),
    chart: { type: 'bar', title: '年度得分', categoryCol: 0, valueCol: 1, anchor: { row: anchorRow, col: 0 } },
    print: onePage ? { onePage: true } : { landscape: true },
  });
  const breaks = async (s: SheetModel) => [...(await parts(s))['xl/worksheets/sheet1.xml']!.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));

  it('start a new page, so a chart is never printed half on each of two pages', async () => {
    // Title row 1, header row 2, data rows 3–32; the chart's top-left cell is 0-based row 34.
    expect(await breaks(sheet(34))).toEqual([34]);
  });

  it('leave the page alone beside the table or on a one-page sheet', async () => {
    expect(await breaks(sheet(2))).toEqual([]);
    expect(await breaks(sheet(34, true))).toEqual([]);
  });
});
