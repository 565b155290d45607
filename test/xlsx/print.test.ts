/** The writer's chart parts, page setup and escaping of submitted names, read back from the zip. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { DEFAULT_RUBRIC, assess, makeParams, rankingSheet, rectNotices, rectSheet, scorePrintSheet, scoreSheet } from '../../src/core/scoring';
import type { RectItem } from '../../src/core/scoring';
import { headerRow, type WorkbookModel } from '../../src/core/report/model';
import { readBackSheets } from '../../src/xlsx/read';
import { renderWorkbook } from '../../src/xlsx/write';
import { entry } from '../core/scoring/helpers';

const params = makeParams({ asOf: '2024-11-20' });
const units = ['信息工程学院', '护理学院', '后勤处', '团委'].map((unit, i) => ({ unit, category: i % 2 ? '职能部门' : '教学单位' }));
const scores = units.flatMap((u, i) => DEFAULT_RUBRIC.indicators.map((ind) => entry(u.unit, ind.id, Math.max(0, ind.max - i * 2))));
const assessment = assess({ units, findings: [], rubric: DEFAULT_RUBRIC, params, scores, adjustments: [] });

function parts(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

/** XML text unescaped (the few entities our writer emits). */
function unxml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

describe('charts', () => {
  const sheet = rankingSheet(assessment, params);
  let files: Record<string, string>;
  beforeAll(async () => {
    files = parts(await renderWorkbook({ sheets: [sheet] }));
  });

  it('writes a bar chart of annual scores in rank order, coloured by grade, and the grade distribution', () => {
    expect(files['[Content_Types].xml']).toContain('/xl/charts/chart1.xml');
    expect(files['xl/worksheets/_rels/sheet1.xml.rels']).toContain('../drawings/drawing1.xml');
    expect(files['xl/worksheets/sheet1.xml']).toMatch(/<drawing r:id="rId\d+"\/>/);
    expect(files['xl/drawings/_rels/drawing1.xml.rels']).toContain('../charts/chart2.xml');
    const bar = files['xl/charts/chart1.xml']!;
    expect(bar).toContain('<c:barDir val="bar"/>');
    const first = headerRow(sheet) + 2;
    const last = first + assessment.results.length - 1;
    const scoreCol = String.fromCharCode(65 + sheet.columns.findIndex((c) => c.header === '年度得分'));
    expect(unxml(bar)).toContain(`<c:f>'考核排名'!$B$${first}:$B$${last}</c:f>`);
    expect(unxml(bar)).toContain(`<c:f>'考核排名'!$${scoreCol}$${first}:$${scoreCol}$${last}</c:f>`);
    const cats = [...bar.matchAll(/<c:pt idx="\d+"><c:v>([^<]*)<\/c:v>/g)].map((m) => m[1]);
    expect(cats.slice(0, units.length)).toEqual(assessment.results.map((r) => r.unit));
    // One data point colour per bar, by grade.
    const colours = [...bar.matchAll(/<c:dPt><c:idx val="(\d+)"\/>.*?<a:srgbClr val="([0-9A-F]{6})"/g)].map((m) => m[2]);
    expect(colours).toHaveLength(units.length);
    const byGrade = new Map(assessment.results.map((r, i) => [r.grade, colours[i]]));
    expect(new Set(byGrade.values()).size).toBe(byGrade.size);
    const dist = files['xl/charts/chart2.xml']!;
    expect(dist).toContain('<c:barDir val="col"/>');
    expect(unxml(dist)).toContain('<c:v>优秀</c:v>');
    expect(unxml(dist)).not.toContain('<c:v>合计</c:v>');
  });

  const python = '/usr/bin/python3';
  const hasOpenpyxl = spawnSync(python, ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0;
  (hasOpenpyxl ? it : it.skip)('loads in openpyxl with both charts', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'zhendi-chart-'));
    try {
      const file = path.join(dir, 'r.xlsx');
      writeFileSync(file, await renderWorkbook({ sheets: [sheet] }));
      const script = 'import openpyxl,sys,json\nwb=openpyxl.load_workbook(sys.argv[1])\nws=wb.worksheets[0]\nprint(json.dumps({"charts":[type(c).__name__ for c in ws._charts],"titles":ws.print_title_rows,"orientation":ws.page_setup.orientation,"paper":ws.page_setup.paperSize,"footer":ws.oddFooter.center.text}))';
      const r = spawnSync(python, ['-c', script, file], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      const got = JSON.parse(r.stdout) as { charts: string[]; titles: string; orientation: string; paper: number; footer: string };
      expect(got).toEqual({ charts: ['BarChart', 'BarChart'], titles: `$${headerRow(sheet) + 1}:$${headerRow(sheet) + 1}`, orientation: 'landscape', paper: 9, footer: '第 &P 页 共 &N 页' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('print setup', () => {
  const items: RectItem[] = [
    { key: '后勤处|unit-missing|||', unit: '后勤处', type: '单位未报送', description: '未报送', basis: '', location: '', requirement: '补报', deadline: '2024-12-01', owner: '', status: '待整改', note: '', recheck: '' } as RectItem,
  ];
  const model: WorkbookModel = {
    sheets: [rankingSheet(assessment, params), scorePrintSheet({ units, rubric: DEFAULT_RUBRIC, scores }), rectSheet(items, params), { name: '宽表', columns: Array.from({ length: 20 }, (_, i) => ({ header: `列${i}`, width: 12 })), rows: [['x']] }],
  };
  let files: Record<string, string>;
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await renderWorkbook(model);
    files = parts(bytes);
  });

  it('every sheet: A4, fit to width, header row repeated, page numbers in the footer', () => {
    const wb = files['xl/workbook.xml']!;
    model.sheets.forEach((s, i) => {
      const xml = files[`xl/worksheets/sheet${i + 1}.xml`]!;
      expect(xml).toMatch(/<pageSetup paperSize="9" orientation="(landscape|portrait)" fitToWidth="1" fitToHeight="0"\/>/);
      expect(xml).toContain('<pageSetUpPr fitToPage="1"/>');
      expect(xml).toContain('<oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter>');
      const hr = headerRow(s) + 1;
      expect(unxml(wb)).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">'${s.name}'!$${hr}:$${hr}</definedName>`);
    });
    expect(files['xl/worksheets/sheet4.xml']).toContain('orientation="landscape"'); // wide sheet without a print spec
  });

  it('评分表 print view: one unit per page, standard text wrapped wide, averages read from 评分表', () => {
    const view = model.sheets[1]!;
    const n = DEFAULT_RUBRIC.indicators.length;
    const hr = headerRow(view) + 1;
    const xml = files['xl/worksheets/sheet2.xml']!;
    const breaks = [...xml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(breaks).toEqual(units.slice(1).map((_, u) => hr + (u + 1) * n));
    const std = view.columns.find((c) => c.header === '评分标准')!;
    expect(std).toMatchObject({ wrap: true });
    expect(std.width).toBeGreaterThanOrEqual(48);
    const full = scoreSheet({ units, rubric: DEFAULT_RUBRIC, scores });
    const avgCol = full.columns.findIndex((c) => c.header === '上半年·平均');
    const avg = view.rows[0]![view.columns.findIndex((c) => c.header === '上半年得分')] as { formula: string; result: unknown };
    expect(avg.formula).toContain(`'评分表'!${String.fromCharCode(65 + avgCol)}${headerRow(full) + 2}`);
    expect(avg.result).toEqual((full.rows[0]![avgCol] as { result: unknown }).result);
  });

  it('整改台账 keeps the key in a hidden column, 问题类型 wraps', async () => {
    const ws = (await new ExcelJS.Workbook().xlsx.load(bytes as unknown as ArrayBuffer)).getWorksheet('整改台账')!;
    const keyCol = model.sheets[2]!.columns.findIndex((c) => c.header === '问题编号') + 1;
    expect(ws.getColumn(keyCol).hidden).toBe(true);
    expect(ws.getColumn(2).hidden).toBe(false);
    const back = await readBackSheets(bytes);
    expect(back.sheets[2]!.rows[headerRow(model.sheets[2]!) + 1]![keyCol - 1]).toEqual({ t: 's', v: '后勤处|unit-missing|||' });
  });

  it('考核排名 ends with the sign-off block 初审 / 复核 / 审定', () => {
    const s = model.sheets[0]!;
    expect(s.blocks?.at(-1)?.rows.map((r) => r[0])).toEqual(['初审', '复核', '审定']);
    expect(s.blocks?.at(-1)?.rows[0]).toEqual(expect.arrayContaining(['签名：', '日期：']));
  });
});

describe('escaping submitted names', () => {
  const hostile = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 50 }),
    fc.constantFrom("x'!A1,cmd|'Ccalc'!A0,'x", "'", "''", "a'b", '=cmd|"/c calc"!A1', '[1]Sheet1', 'a:b/c\\d?e*f[g]', 'History', ' 前后空格 ', '_x0041_', '&<>"\'', 'x'.repeat(40)),
    fc.string({ maxLength: 20 }).map((s) => `'${s}'!$A$1`),
  );

  it('sheet names, print-titles names, notes and link labels stay data', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(hostile, { minLength: 1, maxLength: 4 }), async (names) => {
        const items = names.map((unit, i) => ({ key: `${unit}|r${i}|||`, unit, type: unit, description: unit, basis: '', location: '', requirement: '', deadline: null, owner: '', status: '待整改', note: '', recheck: '' }) as unknown as RectItem);
        const notices = rectNotices(items, params);
        const extra = { name: names[0]!, columns: [{ header: names[0]! }], rows: [[{ text: names[0]!, link: `#'${names[0]!.replace(/'/g, "''")}'!A1` }]], highlights: [{ row: 0, col: 0, severity: 'error' as const, note: names[0]! }] };
        const bytes = await renderWorkbook({ sheets: [...notices, extra] });
        const files = parts(bytes);
        const wb = files['xl/workbook.xml']!;
        const sheetNames = [...wb.matchAll(/<sheet name="([^"]*)"/g)].map((m) => unxml(m[1]!));
        expect(new Set(sheetNames.map((s) => s.toLowerCase())).size).toBe(sheetNames.length);
        expect(sheetNames.slice(0, notices.length)).toEqual(notices.map((n) => n.name)); // the model's names were already valid
        for (const s of sheetNames) {
          expect(s.length).toBeLessThanOrEqual(31);
          expect(s).not.toMatch(/[[\]:*?/\\]|^'|'$/);
        }
        // Every defined name is exactly one quoted sheet reference: apostrophes doubled, nothing after.
        for (const m of wb.matchAll(/<definedName name="_xlnm.Print_Titles" localSheetId="(\d+)">([^<]*)<\/definedName>/g)) {
          const text = unxml(m[2]!);
          const parsed = /^'((?:[^']|'')*)'!\$(\d+):\$\2$/.exec(text);
          expect(parsed).not.toBeNull();
          expect(parsed![1]!.replace(/''/g, "'")).toBe(sheetNames[Number(m[1])]);
        }
        // The link is one HYPERLINK() of two string literals, whatever the name holds.
        const f = /<f>([^<]*)<\/f>/.exec(files[`xl/worksheets/sheet${notices.length + 1}.xml`]!)?.[1];
        expect(unxml(f ?? '')).toMatch(/^HYPERLINK\("(?:[^"]|"")*","(?:[^"]|"")*"\)$/);
        // Readers see the text unchanged.
        const back = await readBackSheets(bytes);
        const comments = Object.keys(files).filter((k) => k.startsWith('xl/comments'));
        expect(comments.length).toBe(names[0] ? 1 : 0);
        await new ExcelJS.Workbook().xlsx.load(bytes as unknown as ArrayBuffer);
        expect(back.sheets.length).toBe(sheetNames.length);
      }),
      { numRuns: 60, seed: 11 },
    );
  });
});
