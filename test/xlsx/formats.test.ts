/**
 * Every format reads the same cells as the .xlsx of the same content: .xls/.et, .ods, .csv,
 * HTML saved as .xls, .docx and .doc. Live conversions need LibreOffice (and gnumeric,
 * xlsxwriter for the producer differential) and skip without them; the committed fixtures in
 * test/fixtures/formats (made by scripts/make-format-fixtures.ts) run everywhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8 } from 'fflate';
import { readSubmission, type ReadResult } from '../../src/xlsx/read';
import { dump, edgeXlsx, formCsv, formsXml2003, mhtml, type FormTable, type Raw, formsHtml, formsXlsx, hasPythonDocx, hasSoffice, hasSsconvert, hasXlsxwriter, pythonDocx, sofficeConvert, ssconvert, unitForms, xlsxwriterBook } from './formatFiles';

const FIXTURES = join(__dirname, '../fixtures/formats');

async function read(name: string, bytes: Uint8Array): Promise<Extract<ReadResult, { ok: true }>> {
  const r = await readSubmission(name, bytes);
  if (!r.ok) throw new Error(`${name}: ${r.detail}`);
  return r;
}

/** A Word table's sheet as the .xlsx sheet of the same form would read (only the sheet name differs). */
function asWorkbookSheets(d: ReturnType<typeof dump>, names: string[]) {
  return d.map((s, i) => ({ ...s, name: names[i] ?? s.name }));
}

const SHEETS = ['附件1', '附件2', '附件3', '附件4', '附件5'];

describe('committed fixtures read like their .xlsx', () => {
  const files = readdirSync(FIXTURES);
  const bytes = (f: string) => new Uint8Array(readFileSync(join(FIXTURES, f)));
  let xlsx: ReturnType<typeof dump>;
  beforeAll(async () => {
    xlsx = dump((await read('机电学院.xlsx', bytes('机电学院.xlsx'))).workbook);
  });

  it('has the fixtures', () => {
    expect(files).toEqual(expect.arrayContaining(['机电学院.xlsx', '机电学院.xls', '机电学院.ods', '机电学院.docx', '机电学院.doc', '机电学院-html.xls']));
  });

  it.each([
    ['机电学院.xls', 'xls'],
    ['机电学院.et', 'xls'],
    ['机电学院.ods', 'ods'],
  ])('%s', async (file, kind) => {
    const bytesOf = file.endsWith('.et') ? bytes('机电学院.xls') : bytes(file);
    const r = await read(file, bytesOf);
    expect(r.kind).toBe(kind);
    expect(r.mismatch).toBeUndefined();
    expect(dump(r.workbook)).toEqual(xlsx);
  });

  it.each(['机电学院.docx', '机电学院.doc', '机电学院-html.xls'])('%s: one sheet per table, text cells equal to the .xlsx', async (file) => {
    const r = await read(file, bytes(file));
    // Word and web tables hold text only: compare the text of every cell.
    expect(asWorkbookSheets(dump(r.workbook, { types: false }), SHEETS)).toEqual(dump((await read('x.xlsx', bytes('机电学院.xlsx'))).workbook, { types: false }));
    if (!file.endsWith('html.xls')) expect(r.workbook.sheets.map((s) => s.origin)).toEqual(SHEETS.map((_, i) => ({ table: i + 1, top: 2 })));
  });

  it.each(['edge.xls', 'edge.ods'])('%s: long shared strings, booleans, formula results, merges, a hidden sheet', async (file) => {
    const want = dump((await read('edge.xlsx', bytes('edge.xlsx'))).workbook);
    expect(want[1]).toMatchObject({ name: '下拉', hidden: true });
    expect(want[0]!.rows[1]).toBe('s:name-0|n:0|d:2020-01-01|b:TRUE|n:0|s:name-0!|b:FALSE');
    expect(dump((await read(file, bytes(file))).workbook)).toEqual(want);
  });

  it('reads Excel 2003 XML saved as .xls like the .xlsx, hidden sheet included', async () => {
    const forms = unitForms('机电学院');
    const r = await read('导出.xls', strToU8(formsXml2003(forms, true)));
    expect(r.kind).toBe('xlsxml');
    const sheets = dump(r.workbook);
    expect(sheets.pop()).toMatchObject({ name: '下拉', hidden: true });
    expect(sheets).toEqual(dump((await read('x.xlsx', bytes('机电学院.xlsx'))).workbook));
  });

  it.each(['utf-8', 'gb18030'] as const)('reads a single-file web page (.mht, quoted-printable %s) like the web page', async (charset) => {
    const html = formsHtml(unitForms('机电学院'));
    const r = await read('导出.xls', mhtml(html, charset));
    expect(r.kind).toBe('mhtml');
    expect(dump(r.workbook)).toEqual(dump((await read('a.html', strToU8(html))).workbook));
  });

  it('reads a CSV of one form like that sheet of the .xlsx', async () => {
    const r = await read('机电学院-附件2.csv', strToU8(formCsv(unitForms('机电学院')[1]!)));
    expect(dump(r.workbook, { types: false })[0]!.rows).toEqual(dump((await read('x.xlsx', bytes('机电学院.xlsx'))).workbook, { types: false })[1]!.rows);
  });
});

const soffice = hasSoffice();
const live = soffice ? describe : describe.skip;

live('LibreOffice conversions of a freshly written workbook', () => {
  const forms = unitForms('信息工程学院');
  let source: Uint8Array;
  let expected: ReturnType<typeof dump>;
  beforeAll(async () => {
    source = await formsXlsx(forms);
    expected = dump((await read('a.xlsx', source)).workbook);
  });

  it.each(['xls', 'ods'])('to .%s', async (ext) => {
    const r = await read(`a.${ext}`, sofficeConvert(source, 'xlsx', ext));
    expect(dump(r.workbook)).toEqual(expected);
  });

  it.each([
    ['docx', 'docx:MS Word 2007 XML'],
    ['doc', 'doc:MS Word 97'],
  ])('HTML through Writer to .%s', async (ext, target) => {
    const r = await read(`a.${ext}`, sofficeConvert(formsHtml(forms), 'html', target, 'HTML (StarWriter)'));
    expect(r.kind).toBe(ext);
    expect(asWorkbookSheets(dump(r.workbook, { types: false }), SHEETS)).toEqual(dump((await read('a.xlsx', source)).workbook, { types: false }));
  });
});

/** The forms with every non-ASCII character spelled out: gnumeric writes BIFF5 in the C locale's code page. */
function asciiForms(forms: FormTable[]): FormTable[] {
  const a = (v: string) => v.replace(/[^ -~]/g, (ch) => `u${ch.charCodeAt(0).toString(16)}`);
  const raw = (v: Raw): Raw => (typeof v === 'string' ? a(v) : v);
  return forms.map((f) => ({ ...f, sheet: a(f.sheet), title: a(f.title), signer: a(f.signer), head: f.head.map((r) => r.map((v) => (v === null ? null : a(v)))), rows: f.rows.map((r) => r.map(raw)) }));
}

(hasSsconvert() ? describe : describe.skip)('gnumeric as a second .xls producer', () => {
  it.each([
    ['BIFF8', 'Gnumeric_Excel:excel_biff8', false],
    ['BIFF5 (Excel 5.0/95)', 'Gnumeric_Excel:excel_biff7', true],
  ])('%s', async (_v, exporter, ascii) => {
    const forms = unitForms('团委');
    const source = await formsXlsx(ascii ? asciiForms(forms) : forms);
    const expected = dump((await read('a.xlsx', source)).workbook);
    const r = await read('a.xls', ssconvert(source, 'xlsx', exporter, 'xls'));
    expect(dump(r.workbook)).toEqual(expected);
  });

  it.each([
    ['xls', 'Gnumeric_Excel:excel_biff8'],
    ['ods', 'Gnumeric_OpenCalc:odf'],
  ])('reader edge cases to .%s', async (ext, exporter) => {
    const source = await edgeXlsx();
    expect(dump((await read(`a.${ext}`, ssconvert(source, 'xlsx', exporter, ext))).workbook)).toEqual(dump((await read('a.xlsx', source)).workbook));
  });
});

(hasSsconvert() ? describe : describe.skip)('gnumeric reading the same Excel 2003 XML', () => {
  it('gets the cells this reader gets (gnumeric drops MergeAcross/MergeDown, so merges are not compared)', async () => {
    const xml = formsXml2003(unitForms('团委'));
    const viaGnumeric = await read('a.xlsx', ssconvert(strToU8(xml), 'xml', 'Gnumeric_Excel:xlsx', 'xlsx'));
    const cells = (d: ReturnType<typeof dump>) => d.map(({ merges: _m, ...s }) => s);
    expect(cells(dump((await read('a.xls', strToU8(xml))).workbook))).toEqual(cells(dump(viaGnumeric.workbook)));
  });
});

(hasXlsxwriter() ? describe : describe.skip)('xlsxwriter as another .xlsx producer', () => {
  it('reads the same cells as exceljs wrote, and LibreOffice’s .xls of it too', async () => {
    const forms = unitForms('艺术设计学院');
    const expected = dump((await read('a.xlsx', await formsXlsx(forms))).workbook);
    const book = xlsxwriterBook(forms);
    expect(dump((await read('b.xlsx', book)).workbook)).toEqual(expected);
    if (soffice) expect(dump((await read('b.xls', sofficeConvert(book, 'xlsx', 'xls'))).workbook)).toEqual(expected);
  });
});

(hasPythonDocx() ? describe : describe.skip)('python-docx as another .docx producer', () => {
  it('reads its tables, gridSpan and vMerge merges included, like the .xlsx of the same content', async () => {
    const forms = unitForms('体育部');
    const r = await read('a.docx', pythonDocx(forms));
    expect(asWorkbookSheets(dump(r.workbook, { types: false }), SHEETS)).toEqual(dump((await read('a.xlsx', await formsXlsx(forms))).workbook, { types: false }));
  });
});
