/**
 * Renders report models into an .xlsx file (the CLI's and the web page's output; the add-in
 * writes the same models through Office.js). Layout follows `headerRow()` in the model so formulas
 * line up. Our own writer on fflate's streaming zip: each part is deflated as it is produced, so
 * memory stays near the size of the model and the compressed output (see docs/architecture.md).
 */
import { columnLetters } from '../core/grid';
import type { SheetModel, WorkbookModel } from '../core/report/model';
import { uniqueSheetNames } from './names';
import { ListSheet } from './rules';
import { chartXml, drawingXml } from './writeChart';
import { REL_TYPES, SharedStrings, type SheetParts, writeSheetPart, type WriteContext } from './writeSheet';
import { StyleSheet } from './writeStyles';
import { type DeflateLevel, type DeflaterFactory, esc, tElement, XML_HEAD, ZipSink } from './writeZip';

export { safeSheetName, uniqueSheetNames } from './names';

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument';

/** The sheet names a model gets in the file (sanitised, deduplicated), in model order. */
export function sheetNamesFor(model: WorkbookModel): string[] {
  return uniqueSheetNames(model.sheets.map((s) => s.name));
}

export interface RenderOptions {
  /** Deflate level (default 6). */
  level?: DeflateLevel;
  /** Called after each sheet is written (progress for the web page's download). */
  onSheet?: (done: number, total: number, name: string) => void;
  /** The host's own deflate (the CLI passes Node's zlib); fflate's by default. */
  deflater?: DeflaterFactory;
}

export async function renderWorkbook(model: WorkbookModel, opts: RenderOptions = {}): Promise<Uint8Array> {
  return writeWorkbook(model, opts).finished();
}

/** Synchronous: with fflate's deflate, or a host deflater that answers at once. */
export function renderWorkbookSync(model: WorkbookModel, opts: RenderOptions = {}): Uint8Array {
  return writeWorkbook(model, opts).finish();
}

function writeWorkbook(model: WorkbookModel, opts: RenderOptions): ZipSink {
  const zip = new ZipSink(opts.level ?? 6, opts.deflater);
  const taken = new Set<string>();
  const names = uniqueSheetNames(model.sheets.map((s) => s.name), taken);
  const ctx: WriteContext = { styles: new StyleSheet(), strings: new SharedStrings(), lists: new ListSheet(taken), tableNames: new Set() };
  const written: { name: string; parts: SheetParts; hidden?: boolean }[] = [];
  const counters = { table: 0, chart: 0, drawing: 0, comments: 0 };
  const overrides: string[] = [];

  model.sheets.forEach((sheet, i) => {
    const n = i + 1;
    const parts = writeSheetPart(zip.part(`xl/worksheets/sheet${n}.xml`), sheet, names[i]!, ctx, { selected: i === 0 });
    overrides.push(`<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>`);
    writeSideParts(zip, parts, n, counters, overrides);
    written.push({ name: names[i]!, parts });
    opts.onSheet?.(n, model.sheets.length, names[i]!);
  });
  const list = ctx.lists.model();
  if (list) {
    const n = written.length + 1;
    writeListPart(zip, list, n, ctx);
    overrides.push(`<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>`);
    written.push({ name: list.name, parts: { rels: [], notes: [], charts: [], ref: '' }, hidden: true });
  }

  zip.text('xl/workbook.xml', workbookXml(written));
  zip.text('xl/_rels/workbook.xml.rels', rels([
    ...written.map((_, i) => ({ type: `${NS_REL}/worksheet`, target: `worksheets/sheet${i + 1}.xml` })),
    { type: `${NS_REL}/styles`, target: 'styles.xml' },
    { type: `${NS_REL}/sharedStrings`, target: 'sharedStrings.xml' },
  ]));
  zip.text('xl/styles.xml', ctx.styles.xml());
  writeSharedStrings(zip, ctx.strings);
  zip.text('[Content_Types].xml', contentTypes(overrides));
  zip.text('_rels/.rels', rels([
    { type: `${NS_REL}/officeDocument`, target: 'xl/workbook.xml' },
    { type: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', target: 'docProps/core.xml' },
    { type: `${NS_REL}/extended-properties`, target: 'docProps/app.xml' },
  ]));
  zip.text('docProps/app.xml', `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>`);
  zip.text('docProps/core.xml', `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>zhendi</dc:creator></cp:coreProperties>`);
  return zip;
}

/** Tables, notes and charts of one sheet; fills in the sheet's relationship targets. */
function writeSideParts(zip: ZipSink, parts: SheetParts, n: number, counters: { table: number; chart: number; drawing: number; comments: number }, overrides: string[]): void {
  for (const rel of parts.rels) {
    if (rel.type === REL_TYPES.table && parts.table) {
      const id = ++counters.table;
      rel.target = `../tables/table${id}.xml`;
      zip.text(`xl/tables/table${id}.xml`, tableXml(parts.table, id));
      overrides.push(`<Override PartName="/xl/tables/table${id}.xml" ContentType="${CT}.spreadsheetml.table+xml"/>`);
    } else if (rel.type === REL_TYPES.comments) {
      const id = ++counters.comments;
      rel.target = `../comments${id}.xml`;
      writeComments(zip, parts, id);
      overrides.push(`<Override PartName="/xl/comments${id}.xml" ContentType="${CT}.spreadsheetml.comments+xml"/>`);
    } else if (rel.type === REL_TYPES.vml) {
      rel.target = `../drawings/vmlDrawing${counters.comments}.vml`;
    } else if (rel.type === REL_TYPES.drawing) {
      const id = ++counters.drawing;
      rel.target = `../drawings/drawing${id}.xml`;
      const chartIds = parts.charts.map(() => ++counters.chart);
      zip.text(`xl/drawings/drawing${id}.xml`, drawingXml(parts.charts));
      zip.text(`xl/drawings/_rels/drawing${id}.xml.rels`, rels(chartIds.map((c) => ({ type: `${NS_REL}/chart`, target: `../charts/chart${c}.xml` }))));
      overrides.push(`<Override PartName="/xl/drawings/drawing${id}.xml" ContentType="${CT}.drawing+xml"/>`);
      parts.charts.forEach((c, i) => {
        zip.text(`xl/charts/chart${chartIds[i]}.xml`, chartXml(c, parts.ref));
        overrides.push(`<Override PartName="/xl/charts/chart${chartIds[i]}.xml" ContentType="${CT}.drawingml.chart+xml"/>`);
      });
    }
  }
  if (parts.rels.length) zip.text(`xl/worksheets/_rels/sheet${n}.xml.rels`, rels(parts.rels));
}

function rels(list: { type: string; target: string; external?: boolean }[]): string {
  const items = list.map((r, i) => `<Relationship Id="rId${i + 1}" Type="${r.type}" Target="${esc(r.target)}"${r.external ? ' TargetMode="External"' : ''}/>`);
  return `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">${items.join('')}</Relationships>`;
}

function contentTypes(overrides: string[]): string {
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    `<Default Extension="vml" ContentType="${CT}.vmlDrawing"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/>` +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.spreadsheetml.sharedStrings+xml"/>` +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    `<Override PartName="/docProps/app.xml" ContentType="${CT}.extended-properties+xml"/>` +
    `${overrides.join('')}</Types>`
  );
}

function workbookXml(sheets: { name: string; parts: SheetParts; hidden?: boolean }[]): string {
  const list = sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.hidden ? ' state="veryHidden"' : ''} r:id="rId${i + 1}"/>`);
  // Defined names refer to sheets by their sanitised name, quoted with apostrophes doubled.
  const defined = sheets
    .map((s, i) => (s.parts.printTitles ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${esc(`${s.parts.ref}!${s.parts.printTitles}`).replace(/'/g, '&apos;')}</definedName>` : ''))
    .join('');
  return (
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews>` +
    `<sheets>${list.join('')}</sheets>${defined ? `<definedNames>${defined}</definedNames>` : ''}<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>`
  );
}

function tableXml(t: NonNullable<SheetParts['table']>, id: number): string {
  const cols = t.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${esc(c)}"/>`).join('');
  return (
    `${XML_HEAD}<table xmlns="${NS_MAIN}" id="${id}" name="${esc(t.name)}" displayName="${esc(t.name)}" ref="${t.ref}" totalsRowShown="0">` +
    `<autoFilter ref="${t.ref}"/><tableColumns count="${t.columns.length}">${cols}</tableColumns>` +
    '<tableStyleInfo name="TableStyleLight1" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>'
  );
}

const cellRef = (row: number, col: number): string => `${columnLetters(col)}${row}`;

/** Notes: the comments part (read by every reader) and its VML shapes (which Excel needs to show them). */
function writeComments(zip: ZipSink, parts: SheetParts, id: number): void {
  const c = zip.part(`xl/comments${id}.xml`);
  c.write(`${XML_HEAD}<comments xmlns="${NS_MAIN}"><authors><author>zhendi</author></authors><commentList>`);
  for (const note of parts.notes) c.write(`<comment ref="${cellRef(note.row, note.col)}" authorId="0"><text><r>${tElement(note.text)}</r></text></comment>`);
  c.write('</commentList></comments>');
  c.end();
  const v = zip.part(`xl/drawings/vmlDrawing${id}.vml`);
  v.write(
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
      `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${id}"/></o:shapelayout>` +
      '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>',
  );
  parts.notes.forEach((note, k) => {
    const r0 = note.row - 1;
    v.write(
      `<v:shape id="_x0000_s${id * 1024 + k + 1}" type="#_x0000_t202" style="position:absolute;margin-left:60pt;margin-top:2pt;width:160pt;height:60pt;z-index:${k + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
        '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
        `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${note.col + 1}, 15, ${r0}, 2, ${note.col + 4}, 15, ${r0 + 4}, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${r0}</x:Row><x:Column>${note.col}</x:Column></x:ClientData></v:shape>`,
    );
  });
  v.write('</xml>');
  v.end();
}

function writeSharedStrings(zip: ZipSink, strings: SharedStrings): void {
  const p = zip.part('xl/sharedStrings.xml');
  p.write(`${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${strings.count}" uniqueCount="${strings.list.length}">`);
  for (const s of strings.list) p.write(`<si>${tElement(s)}</si>`);
  p.write('</sst>');
  p.end();
}

/** The hidden dropdown list sheet: values from A1 down, one column per list. */
function writeListPart(zip: ZipSink, sheet: SheetModel, n: number, ctx: WriteContext): void {
  const p = zip.part(`xl/worksheets/sheet${n}.xml`);
  p.write(`${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheetData>`);
  sheet.rows.forEach((row, r) => {
    const cells = row.map((v, c) => (typeof v === 'string' ? `<c r="${cellRef(r + 1, c)}" t="s"><v>${ctx.strings.id(v)}</v></c>` : '')).join('');
    p.write(`<row r="${r + 1}">${cells}</row>`);
  });
  p.write('</sheetData></worksheet>');
  p.end();
}
