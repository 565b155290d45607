/**
 * The values-only reader (src/xlsx/fastSheet.ts) against the exceljs path it replaced: for every
 * sample workbook and for workbooks built here, the grids must be identical. The former exceljs
 * conversion is kept below, in the test only, as the reference.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { a1, type Cell, type Merge, type SheetGrid, type WorkbookGrid } from '../../src/core/grid';
import { cellScan, slideFormula } from '../../src/xlsx/fastSheet';
import { isDateFormat, serialToIso } from '../../src/xlsx/fastStyles';
import { decodeEntities } from '../../src/xlsx/fastXml';
import { DEFAULT_LIMITS, ReadRefused } from '../../src/xlsx/limits';
import { readBackSheets, readSubmission } from '../../src/xlsx/read';
import { guardZip } from '../../src/xlsx/zipGuard';
import { patchZip, toBytes } from './helpers';

// ---------------------------------------------------------------------------------------------
// Reference: the former exceljs read path (guarded parts → stored zip → exceljs → sheetToGrid).

const IGNORED_NODES = [
  'hyperlinks', 'dataValidations', 'conditionalFormatting', 'drawing', 'legacyDrawing', 'legacyDrawingHF',
  'picture', 'tableParts', 'extLst', 'headerFooter', 'rowBreaks', 'colBreaks', 'pageSetup', 'printOptions',
  'pageMargins', 'autoFilter', 'sheetProtection',
];

function isoDate(d: Date): string | null {
  const t = Math.round(d.getTime() / 1000) * 1000;
  if (!Number.isFinite(t)) return null;
  const r = new Date(t);
  return `${r.getUTCFullYear()}-${String(r.getUTCMonth() + 1).padStart(2, '0')}-${String(r.getUTCDate()).padStart(2, '0')}`;
}

function toCell(v: unknown): Cell | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : { t: 's', v };
  if (typeof v === 'number') return Number.isFinite(v) ? { t: 'n', v } : null;
  if (typeof v === 'boolean') return { t: 'b', v };
  if (v instanceof Date) {
    const d = isoDate(v);
    return d ? { t: 'd', v: d } : null;
  }
  if (typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) {
    const text = o.richText.map((r: { text?: unknown }) => (typeof r.text === 'string' ? r.text : '')).join('');
    return text === '' ? null : { t: 's', v: text };
  }
  if (typeof o.error === 'string') return { t: 'e', v: o.error };
  if ('formula' in o || 'sharedFormula' in o) return toCell(o.result);
  if ('text' in o) return toCell(o.text);
  return null;
}

function refSheetToGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const rows: (Cell | null)[][] = [];
  const formulas: Record<string, string> = {};
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const out: (Cell | null)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const value = toCell(cell.value);
      if (cell.type === ExcelJS.ValueType.Formula && cell.formula) formulas[a1(r - 1, c - 1)] = cell.formula;
      if (value) out[c - 1] = value;
    });
    while (out.length && !out[out.length - 1]) out.pop();
    if (out.length) rows[r - 1] = out;
  });
  const dense: (Cell | null)[][] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    dense.push(row ? Array.from(row, (c) => c ?? null) : []);
  }
  while (dense.length && dense[dense.length - 1]!.length === 0) dense.pop();
  const index = (ws as unknown as { _merges?: Record<string, Merge> })._merges ?? {};
  const merges = Object.values(index).map((m) => ({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 }));
  const grid: SheetGrid = { name: ws.name, rows: dense, merges };
  if (Object.keys(formulas).length) grid.formulas = formulas;
  return grid;
}

async function referenceRead(bytes: Uint8Array, limits = DEFAULT_LIMITS): Promise<WorkbookGrid | null> {
  const guarded = guardZip(bytes, limits);
  if (!guarded.ok) return null;
  let parts: Map<string, Uint8Array>;
  try {
    parts = guarded.parts.all();
  } catch (e) {
    if (e instanceof ReadRefused) return null;
    throw e;
  }
  const clean = zipSync(Object.fromEntries(parts), { level: 0 });
  const wb = new ExcelJS.Workbook();
  const options = { ignoreNodes: IGNORED_NODES } as unknown as Parameters<ExcelJS.Xlsx['load']>[1];
  await wb.xlsx.load(clean as unknown as Parameters<ExcelJS.Xlsx['load']>[0], options);
  // The reference marks hidden sheets the way the grid model does.
  return { sheets: wb.worksheets.map((ws) => (ws.state === 'visible' ? refSheetToGrid(ws) : { ...refSheetToGrid(ws), hidden: true })) };
}

async function fastRead(bytes: Uint8Array, name = 'a.xlsx'): Promise<WorkbookGrid> {
  const r = await readSubmission(name, bytes);
  if (!r.ok) throw new Error(`${name}: ${r.detail}`);
  return r.workbook;
}

// ---------------------------------------------------------------------------------------------

function xlsxUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...xlsxUnder(p));
    else if (/\.xlsx$/i.test(e)) out.push(p);
  }
  return out.sort();
}

const SAMPLES = join(__dirname, '../../samples');
const SHARED = '/work/shared/fixtures/batch1';

describe('fast reader: same grids as the exceljs path on real workbooks', () => {
  const files = [...xlsxUnder(SAMPLES), ...xlsxUnder(SHARED)];

  it('has sample workbooks to compare', () => {
    expect(xlsxUnder(join(SAMPLES, 'submissions')).length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [f.replace(/^.*\/(samples|fixtures)\//, '$1/'), f]))('%s', async (_label, file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const fast = await readSubmission(file, bytes);
    const ref = await referenceRead(bytes);
    if (ref === null) {
      expect(fast.ok).toBe(false); // the zip guard refuses it on both paths
      return;
    }
    expect(fast.ok).toBe(true);
    if (fast.ok) expect(fast.workbook).toEqual(ref);
    if (/submissions/.test(file)) return;
    expect(await readBackSheets(bytes)).toEqual(ref);
  });
});

async function builtWorkbook(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('附件1');
  ws.getCell('A1').value = '网站平台更新登记备案表';
  ws.mergeCells('A1:F1');
  ws.getCell('A2').value = '合并';
  ws.mergeCells('A2:A4');
  ws.getCell('B2').value = 1;
  ws.getCell('C2').value = 1e21;
  ws.getCell('D2').value = 0.1 + 0.2;
  ws.getCell('E2').value = -0;
  ws.getCell('F2').value = 123456789.125;
  const formats = ['yyyy-mm-dd', 'yyyy/m/d', 'yyyy"年"m"月"d"日"', 'm/d/yy h:mm', 'mm-dd-yy', '[$-F800]dddd, mmmm dd, yyyy', 'YYYY-MM-DD', 'yyyy-mm-dd hh:mm:ss'];
  formats.forEach((fmt, i) => {
    const c = ws.getCell(3, 2 + i);
    c.value = new Date(Date.UTC(2024, 2, 25 + i, i === 3 ? 23 : 0, i === 3 ? 59 : 0));
    c.numFmt = fmt;
  });
  const numbers = ['0.00', 'General', '#,##0"元"', '[Red]0.00', '0.00"天"', '@'];
  numbers.forEach((fmt, i) => {
    const c = ws.getCell(4, 2 + i);
    c.value = 45000 + i;
    c.numFmt = fmt;
  });
  ws.getCell('B5').value = { richText: [{ text: '信息' }, { font: { bold: true }, text: '工程' }, { text: ' 学院 ' }] };
  ws.getCell('C5').value = { formula: 'B2/#REF!', result: { error: '#REF!' } } as ExcelJS.CellFormulaValue;
  ws.getCell('D5').value = '=1+1';
  ws.getCell('E5').value = true;
  ws.getCell('F5').value = false;
  ws.getCell('G5').value = '   ';
  ws.getCell('H5').value = { text: '学院主页', hyperlink: 'http://example.edu.cn' };
  ws.getCell('I5').value = { formula: 'B2*3' };
  ws.getCell('J5').value = { formula: 'CONCATENATE("a","b")', result: 'ab' };
  ws.getCell('K5').value = { formula: 'DATE(2024,1,2)', result: new Date(Date.UTC(2024, 0, 2)) };
  ws.getCell('K5').numFmt = 'yyyy-mm-dd';
  ws.getCell('L5').value = 'a&b <c> "d" \'e\'';
  ws.getCell('M5').value = '第一行\r\n第二行\t制表';
  ws.getCell('A6').value = { formula: 'B2*10', result: 10, shareType: 'shared', ref: 'A6:A8' } as ExcelJS.CellSharedFormulaValue & { shareType: string; ref: string };
  ws.getCell('A7').value = { sharedFormula: 'A6', result: 20 } as ExcelJS.CellSharedFormulaValue;
  ws.getCell('A8').value = { sharedFormula: 'A6', result: 30 } as ExcelJS.CellSharedFormulaValue;
  ws.getCell('B6').value = { formula: 'SUM($B$2:B2)+LOG10(B2)', result: 1, shareType: 'shared', ref: 'B6:D6' } as ExcelJS.CellSharedFormulaValue & { shareType: string; ref: string };
  ws.getCell('C6').value = { sharedFormula: 'B6', result: 2 } as ExcelJS.CellSharedFormulaValue;
  ws.getCell('D6').value = { sharedFormula: 'B6', result: 3 } as ExcelJS.CellSharedFormulaValue;
  ws.getCell('Z30').value = null;
  ws.getCell('Z30').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' } };
  ws.getCell('C9').value = '中间空行之后';
  const hidden = wb.addWorksheet('隐藏');
  hidden.state = 'hidden';
  hidden.getCell('B2').value = '在这里';
  const empty = wb.addWorksheet('空表');
  empty.getCell('C3').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00FF00' } };
  const second = wb.addWorksheet('S&P <2>');
  second.getCell('A1').value = 'x';
  second.mergeCells('B2:C3');
  second.getCell('B2').value = 5;
  return wb;
}

describe('fast reader: same grids as the exceljs path on built workbooks', () => {
  it('reads every kind of cell exactly as before', async () => {
    const bytes = await toBytes(await builtWorkbook());
    const fast = await fastRead(bytes);
    expect(fast).toEqual(withI5(await referenceRead(bytes)));
    const s = fast.sheets[0]!;
    expect(fast.sheets.map((x) => x.name)).toEqual(['附件1', '隐藏', '空表', 'S&P <2>']);
    expect(s.rows[2]!.slice(1, 9)).toEqual(['2024-03-25', '2024-03-26', '2024-03-27', '2024-03-28', '2024-03-29', '2024-03-30', '2024-03-31', '2024-04-01'].map((v) => ({ t: 'd', v })));
    expect(s.rows[3]!.slice(1, 7)).toEqual([45000, 45001, 45002, 45003, 45004, 45005].map((v) => ({ t: 'n', v })));
    expect(s.rows[1]!.slice(1, 6)).toEqual([{ t: 'n', v: 1 }, { t: 'n', v: 1e21 }, { t: 'n', v: 0.1 + 0.2 }, { t: 'n', v: 0 }, { t: 'n', v: 123456789.125 }]);
    expect(s.rows[4]!.slice(1, 13)).toEqual([
      { t: 's', v: '信息工程 学院 ' }, { t: 'e', v: '#REF!' }, { t: 's', v: '=1+1' }, { t: 'b', v: true }, { t: 'b', v: false },
      { t: 's', v: '   ' }, { t: 's', v: '学院主页' }, { t: 'n', v: 3 }, { t: 's', v: 'ab' }, { t: 'd', v: '2024-01-02' },
      { t: 's', v: 'a&b <c> "d" \'e\'' }, { t: 's', v: '第一行\n第二行\t制表' }, // exceljs writes a raw CR LF: XML reads it as LF
    ]);
    expect(s.formulas).toEqual({
      C5: 'B2/#REF!', I5: 'B2*3', J5: 'CONCATENATE("a","b")', K5: 'DATE(2024,1,2)',
      A6: 'B2*10', A7: 'B3*10', A8: 'B4*10',
      B6: 'SUM($B$2:B2)+LOG10(B2)', C6: 'SUM($B$2:C2)+LOG10(C2)', D6: 'SUM($B$2:D2)+LOG10(D2)',
    });
    expect(s.rows[1]![0]).toEqual({ t: 's', v: '合并' });
    expect(s.rows).toHaveLength(9);
    expect(fast.sheets[2]).toEqual({ name: '空表', rows: [], merges: [] });
  });

  it('reads a 1904 date-system workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = new Date(Date.UTC(2024, 0, 31));
    ws.getCell('A1').numFmt = 'yyyy-mm-dd';
    ws.getCell('A2').value = new Date(Date.UTC(1904, 0, 1));
    ws.getCell('A2').numFmt = 'yyyy"年"m"月"d"日"';
    ws.getCell('A3').value = 100;
    const bytes = await toBytes(wb);
    expect(strToU8String(unzipSync(bytes)['xl/workbook.xml']!)).toMatch(/date1904="1"/);
    const fast = await fastRead(bytes);
    expect(fast).toEqual(await referenceRead(bytes));
    expect(fast.sheets[0]!.rows).toEqual([[{ t: 'd', v: '2024-01-31' }], [{ t: 'd', v: '1904-01-01' }], [{ t: 'n', v: 100 }]]);
  });

  it('treats the Chinese built-in format id 31 as a date (exceljs did not: the one intended difference)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = new Date(Date.UTC(2024, 4, 6));
    ws.getCell('A1').numFmt = 'yyyy"年"m"月"d"日"';
    ws.getCell('B1').value = '文本';
    const files = unzipSync(await toBytes(wb));
    let styles = strToU8String(files['xl/styles.xml']!);
    const id = /<numFmt numFmtId="(\d+)" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"\/>/.exec(styles)![1]!;
    styles = styles.replace(/<numFmts[^>]*>.*?<\/numFmts>/s, '').replaceAll(`numFmtId="${id}"`, 'numFmtId="31"');
    const bytes = patchZip(await toBytes(wb), { 'xl/styles.xml': styles });
    const fast = await fastRead(bytes);
    const ref = (await referenceRead(bytes))!;
    expect(ref.sheets[0]!.rows[0]![0]).toEqual({ t: 'n', v: 45418 });
    expect(fast.sheets[0]!.rows[0]![0]).toEqual({ t: 'd', v: '2024-05-06' });
    ref.sheets[0]!.rows[0]![0] = { t: 'd', v: '2024-05-06' };
    expect(fast).toEqual(ref);
  });

  it('reads inline strings (with rich runs) like exceljs', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S').getCell('A1').value = 'x';
    const bytes = patchZip(await toBytes(wb), {
      'xl/worksheets/sheet1.xml':
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
        '<row r="1"><c r="A1" t="inlineStr"><is><t>行内</t></is></c><c r="B1" t="inlineStr"><is><r><t>富</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 文本</t></r></is></c>' +
        '<c r="C1" t="inlineStr"><is><t></t></is></c><c r="D1" t="inlineStr"><is><t>  </t></is></c></row></sheetData></worksheet>',
    });
    const fast = await fastRead(bytes);
    expect(fast).toEqual(await referenceRead(bytes));
    expect(fast.sheets[0]!.rows).toEqual([[{ t: 's', v: '行内' }, { t: 's', v: '富 文本' }, null, { t: 's', v: '  ' }]]);
  });

  it('reads back a result workbook with the same fast path', async () => {
    const bytes = await toBytes(await builtWorkbook());
    expect(await readBackSheets(bytes)).toEqual(withI5(await referenceRead(bytes)));
  });
});

/** I5 (=B2*3) was saved without a cached value: the fast reader evaluates it, exceljs leaves it empty. */
function withI5(ref: WorkbookGrid | null): WorkbookGrid | null {
  if (ref) ref.sheets[0]!.rows[4]![8] = { t: 'n', v: 3 };
  return ref;
}

function strToU8String(b: Uint8Array): string {
  return new TextDecoder().decode(b);
}

// ---------------------------------------------------------------------------------------------
// Hand-written parts: what other generators write.

const CT = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
const NS = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

interface Parts {
  workbook?: string;
  rels?: string;
  sst?: string;
  styles?: string;
  sheets: Record<string, string>;
}

function book(p: Parts): Uint8Array {
  const names = Object.keys(p.sheets);
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(CT),
    'xl/workbook.xml': strToU8(p.workbook ?? `<workbook xmlns:r="r"><sheets>${names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(p.rels ?? `<Relationships>${names.map((_n, i) => `<Relationship Id="rId${i + 1}" Type="ws" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`),
  };
  names.forEach((n, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(p.sheets[n]!)));
  if (p.sst !== undefined) files['xl/sharedStrings.xml'] = strToU8(p.sst);
  if (p.styles !== undefined) files['xl/styles.xml'] = strToU8(p.styles);
  return zipSync(files);
}

const sheet = (data: string, tail = '') => `<worksheet><sheetData>${data}</sheetData>${tail}</worksheet>`;

async function rowsOf(p: Parts): Promise<SheetGrid[]> {
  return (await fastRead(book(p))).sheets;
}

const UNREADABLE = '无法解析工作簿内容（文件结构异常）；请用 Excel 或 WPS 打开后“另存为” .xlsx 格式再提交';

describe('fast reader: a space left far out', () => {
  it('a lone space in XFD1048576 is no content past the column limit; text there is', async () => {
    const at = (v: string) => book({ sst: `<sst><si><t>a</t></si><si><t xml:space="preserve"> </t></si><si><t>x</t></si></sst>`, sheets: { S: sheet(`<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="1048576"><c r="XFD1048576" t="s"><v>${v}</v></c></row>`) } });
    const blank = await readSubmission('a.xlsx', at('1'));
    expect(blank.ok && (blank.workbook.notes ?? []).filter((n) => n.kind === 'limit')).toEqual([]);
    const text = await readSubmission('a.xlsx', at('2'));
    expect(text.ok && (text.workbook.notes ?? []).map((n) => n.detail).join()).toMatch(/以后还有 1 个有内容的单元格/);
  });
});

describe('fast reader: hand-written parts', () => {
  it('matches local names under a namespace prefix (strict / x: generators)', async () => {
    const [s] = await rowsOf({
      workbook: `<x:workbook ${NS}><x:workbookPr/><x:sheets><x:sheet name="前缀" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
      rels: '<pr:Relationships xmlns:pr="p"><pr:Relationship Id="rId1" Target="/xl/worksheets/sheet1.xml"/></pr:Relationships>',
      sst: `<x:sst ${NS} count="2"><x:si><x:t>共享</x:t></x:si><x:si><x:r><x:t>富</x:t></x:r><x:r><x:t>文本</x:t></x:r></x:si></x:sst>`,
      sheets: {
        前缀: `<x:worksheet ${NS}><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c>` +
          `<x:c r="C1"><x:f>A1+1</x:f><x:v>2</x:v></x:c><x:c r="D1" t="inlineStr"><x:is><x:t>行内</x:t></x:is></x:c></x:row></x:sheetData>` +
          `<x:mergeCells count="1"><x:mergeCell ref="A2:B3"/></x:mergeCells></x:worksheet>`,
      },
    });
    expect(s).toEqual({
      name: '前缀',
      rows: [[{ t: 's', v: '共享' }, { t: 's', v: '富文本' }, { t: 'n', v: 2 }, { t: 's', v: '行内' }]],
      merges: [{ top: 1, left: 0, bottom: 2, right: 1 }],
      formulas: { C1: 'A1+1' },
    });
  });

  it('places cells and rows without r by position', async () => {
    const [s] = await rowsOf({
      sheets: {
        S: sheet('<row><c><v>1</v></c><c><v>2</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row><row/><row r="4"><c><v>7</v></c></row><row><c r="C5"><v>8</v></c></row>'),
      },
    });
    expect(s!.rows).toEqual([
      [{ t: 'n', v: 1 }, { t: 'n', v: 2 }, null, null, { t: 'n', v: 5 }, { t: 'n', v: 6 }],
      [],
      [],
      [{ t: 'n', v: 7 }],
      [null, null, { t: 'n', v: 8 }],
    ]);
  });

  it('ignores phonetic (rPh) runs and decodes _xHHHH_ escapes and character references', async () => {
    const [s] = await rowsOf({
      sst:
        '<sst><si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>' +
        '<si><r><t>漢</t></r><r><t>字</t></r><rPh sb="0" eb="1"><t>カン</t></rPh></si>' +
        '<si><t>第一行_x000D__x000A_第二行</t></si>' +
        '<si><t>字面_x005F_x000D_</t></si>' +
        '<si><t>&#x4E2D;&#25991;&amp;lt;&lt;&gt;&quot;&apos;&nbsp;&#0;&#xD800;</t></si>' +
        '<si><t xml:space="preserve">  两端空格  </t></si>' +
        '<si><t/></si>' +
        '<si><t><![CDATA[<b>原样</b> &amp;]]></t></si></sst>',
      sheets: { S: sheet(`<row r="1">${[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `<c t="s"><v>${i}</v></c>`).join('')}<c t="inlineStr"><is><t>ルビ</t><rPh><t>るび</t></rPh></is></c></row>`) },
    });
    expect(s!.rows[0]).toEqual([
      { t: 's', v: '東京' },
      { t: 's', v: '漢字' },
      { t: 's', v: '第一行\r\n第二行' },
      { t: 's', v: '字面_x000D_' },
      { t: 's', v: '中文&lt;<>"\'&nbsp;&#0;&#xD800;' },
      { t: 's', v: '  两端空格  ' },
      null,
      { t: 's', v: '<b>原样</b> &amp;' },
      { t: 's', v: 'ルビ' },
    ]);
  });

  it('reads dates by style: built-in ids, custom codes, 1904 system, t="d"', async () => {
    const styles =
      '<styleSheet><numFmts count="5"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>' +
      '<numFmt numFmtId="177" formatCode="[DBNum1][$-804]yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>' +
      '<numFmt numFmtId="178" formatCode="0.00&quot;days&quot;"/><numFmt numFmtId="179" formatCode="[Red]\\-0.00_h"/>' +
      '<numFmt numFmtId="180" formatCode="[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy"/></numFmts>' +
      '<cellStyleXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellStyleXfs>' +
      '<cellXfs count="9"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="31"/><xf numFmtId="176"/><xf numFmtId="177"/>' +
      '<xf numFmtId="178"/><xf numFmtId="179"/><xf numFmtId="180"/><xf numFmtId="2"/><xf numFmtId="57"/></cellXfs></styleSheet>';
    const data = '<row r="1">' + [1, 2, 3, 4, 5, 6, 7, 8, 9].map((st) => `<c s="${st}"><v>45383.75</v></c>`).join('') +
      '<c t="d"><v>2024-04-01T10:00:00</v></c><c t="d" s="1"><v>2024-04-02</v></c><c><v>45383</v></c></row>';
    const expected = [
      { t: 'd', v: '2024-04-01' }, { t: 'd', v: '2024-04-01' }, { t: 'd', v: '2024-04-01' }, { t: 'd', v: '2024-04-01' },
      { t: 'n', v: 45383.75 }, { t: 'n', v: 45383.75 }, { t: 'd', v: '2024-04-01' }, { t: 'n', v: 45383.75 }, { t: 'd', v: '2024-04-01' },
      { t: 'd', v: '2024-04-01' }, { t: 'd', v: '2024-04-02' }, { t: 'n', v: 45383 },
    ];
    const [s] = await rowsOf({ styles, sheets: { S: sheet(data) } });
    expect(s!.rows[0]).toEqual(expected);
    const [s1904] = await rowsOf({
      workbook: '<workbook><workbookPr date1904="1"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
      styles,
      sheets: { S: sheet(data) },
    });
    expect(s1904!.rows[0]).toEqual(expected.map((c, i) => (c.t === 'd' && i < 9 ? { t: 'd', v: '2028-04-02' } : c)));
  });

  it('reads errors, booleans, formula strings, formulas without values and shared formulas', async () => {
    const [s] = await rowsOf({
      sheets: {
        S: sheet(
          '<row r="1"><c r="A1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="B1" t="e"><v>#REF!</v></c><c r="C1" t="b"><v>1</v></c><c r="D1" t="b"><v>0</v></c>' +
            '<c r="E1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="F1"><f>A1+1</f></c><c r="G1" t="str"><f>""</f><v></v></c><c r="H1"><v>  </v></c></row>' +
            '<row r="2"><c r="A2"><f t="shared" ref="A2:C3" si="0">$A1+B$1+\'Sheet 2\'!C1&amp;"A1"</f><v>1</v></c><c r="B2"><f t="shared" si="0"/><v>2</v></c>' +
            '<c r="C2"><f t="shared" si="7"/><v>3</v></c></row><row r="3"><c r="A3"><f t="shared" si="0"/><v>4</v></c></row>',
        ),
      },
    });
    expect(s!.rows).toEqual([
      [{ t: 'e', v: '#DIV/0!' }, { t: 'e', v: '#REF!' }, { t: 'b', v: true }, { t: 'b', v: false }, { t: 's', v: 'ab' }],
      [{ t: 'n', v: 1 }, { t: 'n', v: 2 }, { t: 'n', v: 3 }],
      [{ t: 'n', v: 4 }],
    ]);
    expect(s!.formulas).toEqual({
      A1: '1/0', E1: '"a"&"b"', F1: 'A1+1', G1: '""',
      A2: '$A1+B$1+\'Sheet 2\'!C1&"A1"', B2: '$A1+C$1+\'Sheet 2\'!D1&"A1"', A3: '$A2+B$1+\'Sheet 2\'!C2&"A1"',
    });
  });

  it('keeps workbook order (not sheetId), includes hidden sheets, resolves targets, skips chart sheets', async () => {
    const p: Parts = {
      workbook: '<workbook><sheets><sheet name="第二" sheetId="9" r:id="rId2"/><sheet name="图表" sheetId="3" r:id="rId3"/>' +
        '<sheet name="隐藏" sheetId="1" state="veryHidden" r:id="rId1"/><sheet name="缺失" sheetId="4" r:id="rId9"/></sheets></workbook>',
      rels: '<Relationships><Relationship Id="rId1" Target="./worksheets/sheet1.xml"/><Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml"/>' +
        '<Relationship Id="rId3" Target="chartsheets/sheet1.xml"/></Relationships>',
      sheets: { a: sheet('<row r="1"><c r="A1"><v>1</v></c></row>'), b: sheet('<row r="1"><c r="A1"><v>2</v></c></row>') },
    };
    const sheets = await rowsOf(p);
    expect(sheets.map((s) => [s.name, s.rows[0]![0]])).toEqual([['第二', { t: 'n', v: 2 }], ['隐藏', { t: 'n', v: 1 }]]);
  });

  it('drops merged-over cells, ignores single-cell merges, trims like the grid contract', async () => {
    const [s] = await rowsOf({
      sheets: {
        S: sheet(
          '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><f>A1</f><v>3</v></c><c r="D1" s="3"/></row><row r="2" spans="1:4"><c r="A2"><v>4</v></c></row>' +
            '<row r="5"><c r="B5" s="1"/></row>',
          '<mergeCells count="3"><mergeCell ref="A1:C1"/><mergeCell ref="D4"/><mergeCell ref="B2:A3"/></mergeCells>',
        ),
      },
    });
    expect(s).toEqual({
      name: 'S',
      rows: [[{ t: 'n', v: 1 }], [{ t: 'n', v: 4 }]],
      merges: [{ top: 0, left: 0, bottom: 0, right: 2 }, { top: 1, left: 0, bottom: 2, right: 1 }],
    });
  });

  it('fails as unreadable, never throws, on malformed parts; a malformed sheet costs only that sheet', async () => {
    const good = { S: sheet('<row r="1"><c r="A1"><v>1</v></c></row>') };
    const badSheets: Parts[] = [
      { sheets: { S: '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' } },
      { sheets: { S: '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData></worksheet>' } },
      { sheets: { S: '<worksheet><sheetData><row r="1"><c r="A1" t="s><v>1</v></c></row></sheetData></worksheet>' } },
      { sheets: { S: '<worksheet><sheetData><row r="1"><c r="A0"><v>1</v></c></row></sheetData></worksheet>' } },
      { sheets: { S: '<worksheet><sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>' } },
      { sheets: { S: '<worksheet><sheetData><row r="1048577"><c><v>1</v></c></row></sheetData></worksheet>' } },
      { sheets: { S: '<worksheet><sheetData><row r="1"><c r="A1"><v>1<b/></v></c></row></sheetData></worksheet>' } },
      { sheets: { S: 'PK\u0003\u0004 not xml at all' } },
      { sheets: { S: '<html><body>网页</body></html>' } },
    ];
    for (const p of badSheets) {
      const r = await readSubmission('坏.xlsx', book(p));
      expect(r.ok && r.workbook.sheets.length === 0 && r.workbook.notes).toEqual([{ kind: 'sheet', sheet: 'S', detail: expect.stringContaining('工作表“S”的内容无法解析') }]);
    }
    const bad: Parts[] = [
      { sheets: good, sst: '<sst><si><t>a</t></si>' },
      { sheets: good, styles: '<styleSheet><cellXfs><xf numFmtId="0"></cellXfs></styleSheet>' },
      { sheets: good, workbook: '<workbook><sheets><sheet sheetId="1" r:id="rId1"/></sheets></workbook>' },
      { sheets: good, rels: '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"></Relationships>' },
    ];
    for (const p of bad) {
      expect(await readSubmission('坏.xlsx', book(p))).toEqual({ ok: false, problem: 'unreadable', detail: UNREADABLE });
    }
    await expect(readBackSheets(book(bad[0]!))).rejects.toThrow('无法解析工作簿内容');
  });

  it('survives every truncation and random damage of a sheet part without throwing', async () => {
    const xml = sheet(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>富</t></r><rPh><t>x</t></rPh></is></c><c r="C1"><f t="shared" ref="C1:C2" si="0">A1</f><v>1</v></c></row>' +
        '<row r="2"><c r="C2"><f t="shared" si="0"/><v>2</v></c></row>',
      '<mergeCells><mergeCell ref="A2:B2"/></mergeCells>',
    );
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const variants: string[] = [];
    for (let i = 0; i < xml.length; i += 3) variants.push(xml.slice(0, i));
    for (let i = 0; i < 300; i++) {
      const at = Math.floor(rand() * xml.length);
      variants.push(xml.slice(0, at) + '<>"\'&/=x'[Math.floor(rand() * 8)] + xml.slice(at + 1));
    }
    for (const v of variants) {
      const r = await readSubmission('x.xlsx', book({ sst: '<sst><si><t>s</t></si></sst>', sheets: { S: v } }));
      if (!r.ok) expect(r.detail).toBe(UNREADABLE);
    }
  });
});

describe('fast reader: parts shared across a batch', () => {
  it('resolves the same relationship text against each workbook\'s own folder', async () => {
    const rels = '<Relationships><Relationship Id="rId1" Type="ws" Target="worksheets/sheet1.xml"/></Relationships>';
    const wb = '<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>';
    const at = (dir: string, v: number) =>
      zipSync({
        '[Content_Types].xml': strToU8(CT),
        '_rels/.rels': strToU8(`<Relationships><Relationship Id="rId1" Type="http://x/officeDocument" Target="${dir}/workbook.xml"/></Relationships>`),
        [`${dir}/workbook.xml`]: strToU8(wb),
        [`${dir}/_rels/workbook.xml.rels`]: strToU8(rels),
        [`${dir}/worksheets/sheet1.xml`]: strToU8(sheet(`<row r="1"><c r="A1"><v>${v}</v></c></row>`)),
      });
    for (const [dir, v] of [['xl', 1], ['book', 2], ['xl', 3], ['book', 4]] as const) {
      expect((await fastRead(at(dir, v))).sheets[0]!.rows).toEqual([[{ t: 'n', v }]]);
    }
  });
});

describe('fast reader: helpers', () => {
  it('tells date formats from number formats', () => {
    for (const f of ['yyyy-mm-dd', 'yyyy"年"m"月"d"日"', '[$-F800]dddd, mmmm dd, yyyy', '[DBNum1][$-804]yyyy"年"m"月"', 'YYYY/MM/DD']) {
      expect([f, isDateFormat(f)]).toEqual([f, true]);
    }
    // Time-only formats are not calendar dates (core/dates).
    for (const f of ['h:mm AM/PM', '[h]:mm:ss', 'mm:ss.0', 'General', '0.00', '#,##0"元"', '[Red]0.00', '0.00_);[Red]\\(0.00\\)', '"yyyy"0', '\\d0', '@', '0.00E+00', '[h]', '_-* #,##0_-;\\-* #,##0_-;_-* "-"_-;_-@_-']) {
      expect([f, isDateFormat(f)]).toEqual([f, false]);
    }
  });

  it('converts serials in both date systems', () => {
    expect(serialToIso(45383, false)).toBe('2024-04-01');
    expect(serialToIso(45383.99999999, false)).toBe('2024-04-02');
    expect(serialToIso(1, false)).toBe('1900-01-01');
    expect(serialToIso(0, true)).toBe('1904-01-01');
    expect(serialToIso(1e20, false)).toBeNull();
  });

  it('decodes only predefined entities and character references', () => {
    expect(decodeEntities('&lt;&gt;&amp;&apos;&quot;&#65;&#x42;&copy;&amp;amp;&#1114112;')).toBe('<>&\'"AB&copy;&amp;&#1114112;');
  });

  it('slides shared formulas like Excel shows them', () => {
    expect(slideFormula('A1+$B$2+C$3+$D4', 2, 1)).toBe('B3+$B$2+D$3+$D6');
    expect(slideFormula('SUM(A1:A3)&"B2"&LOG10(A1)&A1B2', 1, 0)).toBe('SUM(A2:A4)&"B2"&LOG10(A2)&A1B2');
    expect(slideFormula("'Sheet 1'!A1+Sheet2!B1", 1, 1)).toBe("'Sheet 1'!B2+Sheet2!C2");
    expect(slideFormula('A1', -1, 0)).toBe('#REF!');
  });
});

// ---------------------------------------------------------------------------------------------
// The dedicated sheetData scanner (fastCells.ts) against the generic one: same result, always.

async function bothScanners(bytes: Uint8Array, limits?: Partial<typeof DEFAULT_LIMITS>): Promise<{ fast: unknown; generic: unknown; bailed: number }> {
  const before = cellScan.bails;
  const fast = await readSubmission('a.xlsx', bytes, limits);
  const bailed = cellScan.bails - before;
  cellScan.fast = false;
  try {
    return { fast, generic: await readSubmission('a.xlsx', bytes, limits), bailed };
  } finally {
    cellScan.fast = true;
  }
}

describe('dedicated sheetData scanner', () => {
  const real = [...xlsxUnder(SAMPLES), ...xlsxUnder(SHARED)].map((f) => [f.replace(/^.*\/(samples|fixtures)\//, '$1/'), f]);
  it.each(real)('reads %s like the generic scanner, without handing it back', async (_label, file) => {
    const { fast, generic, bailed } = await bothScanners(new Uint8Array(readFileSync(file)));
    expect(fast).toEqual(generic);
    expect(bailed).toBe(0);
  });

  it('takes the plain forms itself: values, types, styles, formulas, inline text, rows and cells without r', async () => {
    const styles =
      '<styleSheet><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>' +
      '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/></cellXfs></styleSheet>';
    const data =
      '<row r="1" spans="1:9" x14ac:dyDescent="0.25"><c r="A1" s="1"><v>45383</v></c><c r="B1" s="2" t="n"><v>45383.5</v></c><c r="C1" t="s"><v>1</v></c>' +
      '<c r="D1" t="str"><f>"a"&amp;"b"</f><v>a&amp;b</v></c><c r=\'E1\' t=\'b\'><v>1</v></c><c r="F1" t="e"><v>#N/A</v></c>' +
      '<c r="G1" t="inlineStr"><is><t xml:space="preserve"> 行内 _x000D_</t><t>二</t></is></c><c r="H1" t="inlineStr"><is/></c><c r="I1" t="d"><v>2024-04-01T00:00:00</v></c></row>\n' +
      '<row><c><v>1</v></c><c s="1"/><c><v>3</v></c><c r="e2"><f t="shared" ref="E2:E3" si="0">A2*2</f><v>2</v></c></row>' +
      '<row r="3"><c r="E3"><f t="shared" si="0"/><v>6</v></c><c r="F3"><f>E3+1</f></c><c r="G3"><v/></c><c r="H3" t="str"><v>第一行&#13;&#10;二</v></c></row>' +
      '<row r="5"/><row r="6" hidden="1"><c r="A6" s="0"><v>  </v></c><c r="B6" t="s" t="n"><v>0</v></c><c r="C6" t="s"><v>9</v></c><c r="D6" t="weird"><v>7</v></c></row>';
    const bytes = book({ styles, sst: '<sst><si><t>甲</t></si><si><t>乙</t></si></sst>', sheets: { S: sheet(data, '<mergeCells count="1"><mergeCell ref="A6:A7"/></mergeCells>') } });
    const { fast, generic, bailed } = await bothScanners(bytes);
    expect(bailed).toBe(0);
    expect(fast).toEqual(generic);
    const n = (v: number) => ({ t: 'n', v });
    const s = (v: string) => ({ t: 's', v });
    const d = { t: 'd', v: '2024-04-01' };
    expect(fast).toMatchObject({ ok: true, workbook: { sheets: [{ formulas: { D1: '"a"&"b"', E2: 'A2*2', E3: 'A3*2', F3: 'E3+1' } }] } });
    expect((fast as { workbook: WorkbookGrid }).workbook.sheets[0]!.rows).toEqual([
      [d, d, s('乙'), s('a&b'), { t: 'b', v: true }, { t: 'e', v: '#N/A' }, s(' 行内 \r二'), null, d],
      [n(1), null, n(3), null, n(2)],
      [null, null, null, null, n(6), n(7), null, s('第一行\r\n二')],
      [],
      [],
      [null, s('甲'), null, n(7)],
    ]);
  });

  it('reads digits as the generic scanner does: leading zeros, long runs, signs, exponents, spaces, bad indices', async () => {
    const values = ['0', '7', '007', '123456789012345', '1234567890123456', '99999', '12345678901', '-5', '1e3', ' 12', '1.50', '00'];
    const row = (r: number, t: string) => `<row r="${r}">${values.map((v) => `<c${t}><v>${v}</v></c>`).join('')}</row>`;
    const bytes = book({ sst: '<sst>' + '<si><t>x</t></si>'.repeat(12) + '</sst>', sheets: { S: sheet(row(1, '') + row(2, ' t="s"') + row(3, ' t="n" s="1"') + row(4, ' t="str"')) } });
    const { fast, generic, bailed } = await bothScanners(bytes);
    expect(bailed).toBe(0);
    expect(fast).toEqual(generic);
    expect((fast as { workbook: WorkbookGrid }).workbook.notes?.length).toBeGreaterThan(0);
  });

  it.each([
    ['a namespace prefix', '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>'],
    ['a comment', '<row r="1"><!-- x --><c r="A1"><v>1</v></c></row>'],
    ['CDATA in a value', '<row r="1"><c r="A1" t="str"><v><![CDATA[<a>]]></v></c></row>'],
    ['rich inline text with phonetic runs', '<row r="1"><c r="A1" t="inlineStr"><is><r><t>漢</t></r><rPh><t>カン</t></rPh></is></c></row>'],
    ['an escaped type', '<row r="1"><c r="A1" t="&#115;"><v>0</v></c></row>'],
    ['a tab in a reference', '<row r="1"><c r="A1\t"><v>1</v></c></row>'],
    ['spaces around =', '<row r = "1"><c r="A1"><v>1</v></c></row>'],
    ['an end tag with a space', '<row r="1"><c r="A1"><v>1</v ></c></row>'],
    ['a cell outside a row', '<c r="A1"><v>1</v></c>'],
    ['an unknown child', '<row r="1"><c r="A1"><v>1</v><extLst/></c></row>'],
    ['a $ reference', '<row r="1"><c r="$A$1"><v>1</v></c></row>'],
    ['a bad reference', '<row r="1"><c r="A0"><v>1</v></c></row>'],
    ['an unclosed row', '<row r="1"><c r="A1"><v>1</v></c>'],
    ['an element in a value', '<row r="1"><c r="A1"><v>1<b/></v></c></row>'],
    ['a processing instruction', '<row r="1"><?pi x?><c r="A1"><v>1</v></c></row>'],
  ])('hands %s to the generic scanner, with the same result', async (_what, data) => {
    const bytes = book({ sst: '<sst><si><t>s</t></si></sst>', sheets: { S: sheet(data), T: sheet('<row r="1"><c r="A1"><v>2</v></c></row>') } });
    const { fast, generic, bailed } = await bothScanners(bytes);
    expect(bailed).toBe(1);
    expect(fast).toEqual(generic);
  });

  it('takes plain and rich shared strings itself, and hands phonetic runs and CDATA back', async () => {
    const rich =
      '<sst count="6"><si><t>甲</t></si><si><t xml:space="preserve"> 两端 </t></si><si><r><rPr><b/><sz val="11"/><rFont val="宋体"/><family val="3"/><charset val="134"/></rPr><t>富</t></r>' +
      '<r><t>文本&amp;&#x4E2D;_x000D_</t></r></si><si><t>注</t><phoneticPr fontId="1" type="noConversion"/></si><si/><si><t/></si></sst>';
    const cells = '<row r="1">' + [0, 1, 2, 3, 4, 5].map((i) => `<c t="s"><v>${i}</v></c>`).join('') +
      '<c t="inlineStr"><is><r><rPr><i/></rPr><t>行</t></r><r><t>内</t></r></is></c></row>';
    const { fast, generic, bailed } = await bothScanners(book({ sst: rich, sheets: { S: sheet(cells) } }));
    expect(bailed).toBe(0);
    expect(fast).toEqual(generic);
    expect((fast as { workbook: WorkbookGrid }).workbook.sheets[0]!.rows[0]).toEqual(
      ['甲', ' 两端 ', '富文本&中\r', '注', null, null, '行内'].map((v) => (v === null ? null : { t: 's', v })),
    );
    for (const sst of ['<sst><si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si></sst>', '<sst><si><t><![CDATA[<b>]]></t></si></sst>', '<x:sst xmlns:x="x"><x:si><x:t>前缀</x:t></x:si></x:sst>']) {
      const both = await bothScanners(book({ sst, sheets: { S: sheet('<row r="1"><c t="s"><v>0</v></c></row>') } }));
      expect(both.bailed).toBe(1);
      expect(both.fast).toEqual(both.generic);
    }
  });

  it('reads shared strings like the generic scanner on every truncation and random damage', async () => {
    const sst =
      '<sst count="4"><si><t>甲&amp;</t></si><si><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve"> 富 </t></r><r><t>_x000A_文</t></r></si>' +
      '<si><t>注</t><phoneticPr fontId="1"/></si><si><t/></si></sst>';
    const cells = sheet('<row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c><c t="s"><v>3</v></c></row>');
    let seed = 5;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const variants: string[] = [];
    for (let i = 0; i < sst.length; i += 2) variants.push(sst.slice(0, i) + '</sst>');
    for (let i = 0; i < 300; i++) {
      const at = Math.floor(rand() * sst.length);
      const junk = '<>"\'&/= \tx1t:'[Math.floor(rand() * 13)]!;
      variants.push(rand() < 0.5 ? sst.slice(0, at) + junk + sst.slice(at + 1) : sst.slice(0, at) + junk + sst.slice(at));
    }
    let taken = 0;
    for (const [i, v] of variants.entries()) {
      const { fast, generic, bailed } = await bothScanners(book({ sst: v, sheets: { S: cells } }), i % 3 ? {} : { maxStringChars: 1, maxTextChars: 3 });
      if (bailed === 0) taken++;
      expect([i, fast]).toEqual([i, generic]);
    }
    expect(taken).toBeGreaterThan(variants.length / 4);
  });

  it('reads like the generic scanner on every truncation and random damage, limits and notes included', async () => {
    const xml = sheet(
      '<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>富&amp;_x000A_</t></is></c><c r="C1"><f t="shared" ref="C1:C2" si="0">A1</f><v>1</v></c>' +
        '<c r="D1" s="1"><v>45383</v></c></row><row r="2"><c r="C2"><f t="shared" si="0"/><v>2</v></c><c r="D2" t="e"><v>#REF!</v></c><c t="b"><v>0</v></c><c r="Z2"><v>9</v></c>' +
        '<c r="B2" t="s"><v>7</v></c></row><row><c r="A3" t="str"><f>A1&amp;"x"</f></c><c r="B3"><f>1+1</f></c><c/><c><v>3</v></c></row>',
      '<mergeCells><mergeCell ref="A2:B2"/></mergeCells>',
    );
    const styles = '<styleSheet><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>';
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const variants: string[] = [xml];
    for (let i = 0; i < xml.length; i += 2) variants.push(xml.slice(0, i) + '</sheetData></worksheet>');
    for (let i = 0; i < 600; i++) {
      const at = Math.floor(rand() * xml.length);
      const junk = '<>"\'&/= \tx1c:'[Math.floor(rand() * 13)]!;
      variants.push(rand() < 0.5 ? xml.slice(0, at) + junk + xml.slice(at + 1) : xml.slice(0, at) + junk + xml.slice(at));
    }
    const limits = [{}, { maxColumns: 3 }, { maxCellsPerSheet: 5 }, { maxFormulaChars: 2 }, { maxStringChars: 1 }];
    let taken = 0;
    for (const [i, v] of variants.entries()) {
      const bytes = book({ sst: '<sst><si><t>s</t></si></sst>', styles, sheets: { S: v } });
      const { fast, generic, bailed } = await bothScanners(bytes, limits[i % limits.length]);
      if (bailed === 0) taken++;
      expect([i, fast]).toEqual([i, generic]);
    }
    expect(taken).toBeGreaterThan(variants.length / 4);
  });
});
