/**
 * One worksheet part, written row by row into the zip: values, styles, merges, table, notes,
 * links, validations, conditional formats, page setup and charts. Memory is the model's rows plus
 * small per-sheet lists (merges, links, notes), never a cell object per cell.
 */
import { columnLetters } from '../core/grid';
import { FILLS, blockRows, headerRow, type ColumnSpec, type Highlight, type OutValue, type SheetModel } from '../core/report/model';
import { quoteSheet, safeTableName, tableHeaders } from './names';
import { conditionalFormatsXml, dataValidationsXml, type ListSheet } from './rules';
import { cleanText, dateSerial, formulaString, isInternalLink, NUM_FMT } from './values';
import { type CellStyle, StyleSheet } from './writeStyles';
import { esc, type PartWriter, xstr } from './writeZip';

/** Shared strings of the workbook: one index per distinct text. */
export class SharedStrings {
  private readonly index = new Map<string, number>();
  readonly list: string[] = [];
  count = 0;

  /** Per column, the last text and its index: four in ten cells repeat the cell above (unit, file). */
  private readonly lastText: (string | undefined)[] = [];
  private readonly lastId: number[] = [];

  /** id() for a cell of column `col`, skipping the lookup when the text is the column's last one. */
  idInColumn(col: number, s: string): number {
    if (this.lastText[col] === s) {
      this.count++;
      return this.lastId[col]!;
    }
    const i = this.id(s);
    this.lastText[col] = s;
    this.lastId[col] = i;
    return i;
  }

  id(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

export interface WriteContext {
  styles: StyleSheet;
  strings: SharedStrings;
  lists: ListSheet;
  tableNames: Set<string>;
}

/** What the workbook needs to know about a sheet once its part is written. */
export interface SheetParts {
  /** Relationship targets of the sheet part, in rId order (rId1…). */
  rels: { type: string; target: string; external?: boolean }[];
  notes: { row: number; col: number; text: string }[];
  table?: { name: string; ref: string; columns: string[] };
  charts: SheetChart[];
  /** `$4:$4` when the header row repeats on printed pages. */
  printTitles?: string;
  /** Sheet name as quoted in references, e.g. `'考核排名'`. */
  ref: string;
}

export interface SheetChart {
  spec: NonNullable<SheetModel['chart']>;
  /** 1-based sheet rows of the data (excluding the header). */
  first: number;
  last: number;
  categories: string[];
  values: (number | null)[];
  colors: (string | null)[];
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_TYPES = {
  hyperlink: `${REL}/hyperlink`,
  table: `${REL}/table`,
  comments: `${REL}/comments`,
  vml: `${REL}/vmlDrawing`,
  drawing: `${REL}/drawing`,
};

/** Width of a CJK glyph or full-width sign in digit widths: ~1.9 in Excel's 等线, ~1.5 in LibreOffice. */
const WIDE = 1.8;

/**
 * Lines a wrapped text needs in a column `width` characters wide, wrapped as spreadsheets do:
 * a line may break after a CJK glyph, a space, `/` or `-`, never inside a Latin word or a path
 * (a word that does not fit moves to the next line; one longer than a line is cut). Counting
 * total width only, a message holding a long file path got too few lines and its end was cut
 * off in print; so did Chinese text measured at 1.5 digits a glyph.
 */
export function wrappedLines(v: OutValue | undefined, width: number): number {
  if (typeof v !== 'string' || !v) return 1;
  const max = Math.max(1, width - 0.5);
  let lines = 1;
  let x = 0; // width used on the current line
  let word = 0; // width of the unbreakable run that ends the line
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 10) {
      lines++;
      x = word = 0;
      continue;
    }
    const wide = c >= 0x2e80 || (c >= 0x2010 && c <= 0x206f);
    const w = wide ? WIDE : 1;
    x += w;
    if (wide || c === 32) {
      if (x > max) {
        lines++;
        x = c === 32 ? 0 : w;
      }
      word = 0;
      continue;
    }
    word += w;
    if (x > max) {
      lines++;
      // The word moves down whole when it fits a line; else it is cut at the edge.
      x = word <= max && word < x ? word : w;
      if (x === w) word = w;
    }
    if (c === 47 || c === 45) word = 0; // a break may follow '/' or '-'
  }
  return lines;
}

function defaultWidth(header: string): number {
  let w = 2;
  for (const ch of header) w += ch.charCodeAt(0) > 0xff ? 2 : 1;
  return Math.min(40, Math.max(8, w));
}

export function columnWidth(c: ColumnSpec | undefined): number {
  return c ? (c.width ?? defaultWidth(c.header)) : 9;
}

/** Cached cell references: column letters are computed once per column. */
class Refs {
  private readonly letters: string[] = [];
  col(c: number): string {
    return (this.letters[c] ??= columnLetters(c));
  }
}

const LINK_COLOR = '0563C1';

/** Writes the sheet part; returns what the workbook and the side parts need. */
export function writeSheetPart(out: PartWriter, sheet: SheetModel, name: string, ctx: WriteContext, opts: { selected: boolean }): SheetParts {
  const { styles, strings } = ctx;
  const refs = new Refs();
  const ref = quoteSheet(name);
  const ncols = Math.max(sheet.columns.length, maxRowLength(sheet.rows), 1);
  const hr = headerRow(sheet) + 1; // 1-based sheet row of the header
  const parts: SheetParts = { rels: [], notes: [], charts: [], ref };
  const merges: string[] = [];
  const links: { ref: string; rel: number }[] = [];
  const protect = sheet.protect === true || !!sheet.protection;

  const widths = sheet.columns.map((c) => columnWidth(c));
  const totalWidth = widths.reduce((s, w) => s + w, 0) || 9;
  const print = sheet.print ?? { landscape: totalWidth > 110, fitToWidth: true };
  const fit = print.onePage || print.fitToWidth !== false;

  out.write(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS_MAIN}" xmlns:r="${REL}">`);
  out.write(`<sheetPr>${fit ? '<pageSetUpPr fitToPage="1"/>' : ''}</sheetPr>`);
  const bodyRows = sheet.table && sheet.rows.length === 0 ? 1 : sheet.rows.length;
  const blockStarts = blockRows(sheet);
  const lastBlock = sheet.blocks?.length ? blockStarts.at(-1)! + sheet.blocks.at(-1)!.rows.length + 1 : 0;
  const lastRow = Math.max(hr + bodyRows, lastBlock);
  out.write(`<dimension ref="A1:${refs.col(ncols - 1)}${lastRow}"/>`);

  // Sheet view: frozen header (and leading columns).
  let pane = '';
  if (sheet.freeze) {
    const x = sheet.freeze.cols;
    const active = x ? 'bottomRight' : 'bottomLeft';
    pane = `<pane${x ? ` xSplit="${x}"` : ''} ySplit="${hr}" topLeftCell="${refs.col(x)}${hr + 1}" activePane="${active}" state="frozen"/><selection pane="${active}" activeCell="${refs.col(x)}${hr + 1}" sqref="${refs.col(x)}${hr + 1}"/>`;
  }
  out.write(`<sheetViews><sheetView workbookViewId="0"${opts.selected ? ' tabSelected="1"' : ''}>${pane}</sheetView></sheetViews>`);
  out.write('<sheetFormatPr defaultRowHeight="14.25"/>');
  if (sheet.columns.length) {
    out.write('<cols>');
    // A form to fill in: empty cells take their column's style, unlocked, so any row can be filled.
    const open = sheet.protection ? ` style="${styles.style({ locked: false })}"` : '';
    sheet.columns.forEach((c, i) => {
      out.write(`<col min="${i + 1}" max="${i + 1}" width="${widths[i]!}" customWidth="1"${c.hidden ? ' hidden="1"' : ''}${open}/>`);
    });
    out.write('</cols>');
  }

  out.write('<sheetData>');
  let r = 1;
  // Title and subtitle lines, merged across the table width; tall enough for their text.
  const bannerStyle = styles.style({ h: 'left', v: 'center', wrap: true });
  const titleStyle = styles.style({ bold: true, size: 14, h: 'center', v: 'center' });
  const shownWidth = sheet.columns.reduce((s, c, i) => s + (c.hidden ? 0 : widths[i]!), 0) || totalWidth;
  const banner = (text: string, style: number, height: number) => {
    // Under protection the merged area's other cells are written too (locked), not left to the open column style.
    const rest = sheet.protection ? Array.from({ length: ncols - 1 }, (_, k) => `<c r="${refs.col(k + 1)}${r}" s="${style}"/>`).join('') : '';
    out.write(`<row r="${r}" ht="${height}" customHeight="1"><c r="A${r}" s="${style}" t="s"><v>${strings.id(cleanText(text))}</v></c>${rest}</row>`);
    if (ncols > 1) merges.push(`A${r}:${refs.col(ncols - 1)}${r}`);
    r++;
  };
  if (sheet.title) banner(sheet.title, titleStyle, 24);
  (sheet.subtitle ?? []).forEach((line, i) => {
    const cells = sheet.subtitleCells?.[i];
    if (!cells) return banner(line, bannerStyle, Math.min(409, 15 * wrappedLines(line, shownWidth * 0.9)));
    // A line of separate cells (label, input, …): every cell written, so none falls back to the open column style.
    const label = styles.style({ h: 'right', v: 'center' });
    const input = styles.style({ h: 'left', v: 'center', border: true, locked: false });
    const xml: string[] = [];
    let c = 0;
    for (const cell of cells) {
      const span = Math.max(1, cell.span ?? 1);
      for (let k = 0; k < span; k++) xml.push(cellXml(`${refs.col(c + k)}${r}`, k === 0 ? cell.value : null, c + k, undefined, () => (cell.input ? input : label), ctx, () => {}));
      if (span > 1) merges.push(`${refs.col(c)}${r}:${refs.col(c + span - 1)}${r}`);
      c += span;
    }
    for (; c < ncols; c++) xml.push(`<c r="${refs.col(c)}${r}" s="${label}"/>`);
    out.write(`<row r="${r}" ht="22" customHeight="1">${xml.join('')}</row>`);
    r++;
  });

  // Header row.
  const headers = sheet.columns.map((c) => cleanText(c.header));
  const tableCols = sheet.table ? tableHeaders(headers) : headers;
  const headerStyle = styles.style({ bold: true, fill: FILLS.header, wrap: true, h: 'center', v: 'center', border: true });
  if (headers.length) {
    const lines = Math.max(1, ...tableCols.map((h, c) => wrappedLines(h, widths[c] ?? 9)));
    out.write(`<row r="${hr}"${lines > 1 ? ` ht="${Math.min(409, 15 * lines)}" customHeight="1"` : ''}>`);
    tableCols.forEach((h, c) => out.write(`<c r="${refs.col(c)}${hr}" s="${headerStyle}" t="s"><v>${strings.id(h)}</v></c>`));
    out.write('</row>');
    for (const [c, spec] of sheet.columns.entries()) if (spec.hint) parts.notes.push({ row: hr, col: c, text: cleanText(spec.hint) });
  }

  // Data rows: one style per column, varied by highlight and link.
  const highlights = byRow(sheet.highlights ?? []);
  const colStyle = (c: number, extra: CellStyle = {}): CellStyle => {
    const spec = sheet.columns[c];
    const fmt = spec?.kind ? NUM_FMT[spec.kind] : undefined;
    const locked = (protect && spec?.editable) || sheet.protection ? false : undefined;
    return { border: true, numFmt: fmt, wrap: spec?.wrap, v: 'top', locked, ...extra };
  };
  const plain = Array.from({ length: ncols }, (_, c) => styles.style(colStyle(c)));
  const dateStyles = Array.from({ length: ncols }, (_, c) => styles.style(colStyle(c, { numFmt: 'yyyy-mm-dd' })));
  const variant = new Map<string, number>();
  const styleFor = (c: number, fill?: string, link?: boolean, date?: boolean): number => {
    if (!fill && !link) return date ? dateStyles[c]! : plain[c]!;
    const key = `${c}|${fill ?? ''}|${link ? 1 : 0}|${date ? 1 : 0}`;
    let s = variant.get(key);
    if (s === undefined) {
      s = styles.style(colStyle(c, { fill, ...(link ? { color: LINK_COLOR, underline: true } : {}), ...(date ? { numFmt: 'yyyy-mm-dd' } : {}) }));
      variant.set(key, s);
    }
    return s;
  };

  const rowCols = Math.max(sheet.columns.length, 0);
  // One callback for the whole sheet, not a closure per cell.
  const external = (target: string, at: string) => {
    parts.rels.push({ type: REL_TYPES.hyperlink, target, external: true });
    links.push({ ref: at, rel: parts.rels.length });
  };
  for (let i = 0; i < bodyRows; i++) {
    const row = sheet.rows[i] ?? [];
    const rr = hr + 1 + i;
    const marks = highlights.get(i);
    let lines = 1;
    let cells = '';
    const n = Math.max(row.length, rowCols);
    for (let c = 0; c < n; c++) {
      const v = row[c] ?? null;
      const spec = sheet.columns[c];
      if (spec?.wrap) lines = Math.max(lines, wrappedLines(v, widths[c] ?? 10));
      const mark = marks?.get(c);
      if (mark?.note) parts.notes.push({ row: rr, col: c, text: cleanText(mark.note) });
      const fill = mark ? FILLS[mark.severity] : undefined;
      const at = `${refs.col(c)}${rr}`;
      cells += cellXml(at, v, c, fill, styleFor, ctx, external);
    }
    // Readers do not reliably fit row heights to wrapped text on open: set it.
    const ht = lines > 1 ? ` ht="${Math.min(409, 14.5 * lines)}" customHeight="1"` : '';
    out.write(`<row r="${rr}"${ht}>${cells}</row>`);
  }

  // Blocks below the table.
  const boldStyle = styles.style({ bold: true });
  (sheet.blocks ?? []).forEach((block, b) => {
    let br = blockStarts[b]! + 1;
    if (block.title) out.write(`<row r="${br}"><c r="A${br}" s="${boldStyle}" t="s"><v>${strings.id(cleanText(block.title))}</v></c></row>`);
    br++;
    block.rows.forEach((row, j) => {
      const head = block.header && j === 0;
      // Block cells sit in the table's columns: a label wider than its column with a value beside
      // it (未评分（不计入排名） in a 排名 column) wraps, and the row grows, instead of being cut.
      const need = row.map((v, c) => {
        const next = row[c + 1];
        if (typeof v !== 'string' || (!head && (next === null || next === undefined || next === ''))) return 1;
        return wrappedLines(v, widths[c] ?? 9);
      });
      const lines = Math.max(1, ...need);
      const cells = row.map((v, c) => {
        const kind = block.kinds?.[c];
        const numFmt = kind ? NUM_FMT[kind] : undefined;
        const wrap = lines > 1 ? { wrap: need[c]! > 1, v: 'top' as const } : {};
        return cellXml(`${refs.col(c)}${br}`, v, c, undefined, (_c, _f, link, date) =>
          head ? headerStyle : styles.style({ border: block.header, ...wrap, ...(numFmt ? { numFmt } : {}), ...(date ? { numFmt: 'yyyy-mm-dd' } : {}), ...(link ? { color: LINK_COLOR, underline: true } : {}) }), ctx, () => {});
      });
      out.write(`<row r="${br}"${lines > 1 ? ` ht="${Math.min(409, 14.5 * lines)}" customHeight="1"` : ''}>${cells.join('')}</row>`);
      br++;
    });
  });
  out.write('</sheetData>');

  if (protect) {
    // "0" allows the action under protection; a form to fill in may also gain and lose rows.
    const rows = sheet.protection ? ' insertRows="0" deleteRows="0"' : '';
    out.write(`<sheetProtection sheet="1" objects="1" scenarios="1" autoFilter="0" sort="0" formatColumns="0" formatRows="0"${rows}/>`);
  }
  if (merges.length) out.write(`<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`);
  out.write(conditionalFormatsXml(sheet, hr, styles));
  out.write(dataValidationsXml(sheet, hr, ctx.lists));
  if (links.length) out.write(`<hyperlinks>${links.map((l) => `<hyperlink ref="${l.ref}" r:id="rId${l.rel}"/>`).join('')}</hyperlinks>`);

  // Page setup: A4, header row on every page, fit to width, page numbers in the footer.
  out.write('<printOptions horizontalCentered="1"/>');
  out.write('<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>');
  const fitAttrs = fit ? ` fitToWidth="1" fitToHeight="${print.onePage ? 1 : 0}"` : '';
  out.write(`<pageSetup paperSize="9" orientation="${print.landscape ? 'landscape' : 'portrait'}"${fitAttrs}/>`);
  out.write('<headerFooter><oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter></headerFooter>');
  // brk id: the 1-based sheet row after which a page ends.
  const breaks = (print.breaksBefore ?? []).filter((i) => i > 0 && i < sheet.rows.length).map((i) => hr + i);
  // Charts under the table start a new page: left where the page happens to end, one printed
  // half on each of two pages (with the repeated header over the second half).
  const chartsBelow = [sheet.chart, ...(sheet.charts ?? [])].filter((c) => c && c.anchor.row >= hr + bodyRows).map((c) => c!.anchor.row);
  if (!print.onePage && chartsBelow.length) breaks.push(Math.min(...chartsBelow));
  if (breaks.length) {
    out.write(`<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((id) => `<brk id="${id}" max="16383" man="1"/>`).join('')}</rowBreaks>`);
  }
  if (headers.length && sheet.rows.length) parts.printTitles = `$${hr}:$${hr}`;

  // Charts, notes and the table are separate parts; the sheet links them in this order.
  const charts = [sheet.chart, ...(sheet.charts ?? [])].filter((c): c is NonNullable<typeof c> => !!c);
  for (const spec of charts) {
    const data = chartData(sheet, spec, hr, blockStarts);
    if (data) parts.charts.push(data);
  }
  if (parts.charts.length) {
    parts.rels.push({ type: REL_TYPES.drawing, target: '' });
    out.write(`<drawing r:id="rId${parts.rels.length}"/>`);
  }
  if (parts.notes.length) {
    parts.rels.push({ type: REL_TYPES.comments, target: '' });
    parts.rels.push({ type: REL_TYPES.vml, target: '' });
    out.write(`<legacyDrawing r:id="rId${parts.rels.length}"/>`);
  }
  if (sheet.table && headers.length) {
    const tableName = safeTableName(sheet.table.name, ctx.tableNames);
    parts.table = { name: tableName, ref: `A${hr}:${refs.col(headers.length - 1)}${hr + bodyRows}`, columns: tableCols };
    parts.rels.push({ type: REL_TYPES.table, target: '' });
    out.write(`<tableParts count="1"><tablePart r:id="rId${parts.rels.length}"/></tableParts>`);
  }
  out.write('</worksheet>');
  out.end();
  return parts;
}

function maxRowLength(rows: OutValue[][]): number {
  let n = 0;
  for (const r of rows) if (r.length > n) n = r.length;
  return n;
}

function byRow(list: Highlight[]): Map<number, Map<number, Highlight>> {
  const m = new Map<number, Map<number, Highlight>>();
  for (const h of list) {
    let row = m.get(h.row);
    if (!row) m.set(h.row, (row = new Map()));
    row.set(h.col, h);
  }
  return m;
}

type StyleFor = (c: number, fill: string | undefined, link: boolean, date: boolean) => number;

/** One `<c>`: strings are always text (shared strings), never formulas. */
function cellXml(at: string, v: OutValue, c: number, fill: string | undefined, styleFor: StyleFor, ctx: WriteContext, external: (target: string, at: string) => void): string {
  if (v === null || v === undefined) return `<c r="${at}" s="${styleFor(c, fill, false, false)}"/>`;
  if (typeof v === 'string') return `<c r="${at}" s="${styleFor(c, fill, false, false)}" t="s"><v>${ctx.strings.idInColumn(c, cleanText(v))}</v></c>`;
  if (typeof v === 'number') {
    const s = styleFor(c, fill, false, false);
    return Number.isFinite(v) ? `<c r="${at}" s="${s}"><v>${v}</v></c>` : `<c r="${at}" s="${s}"/>`;
  }
  if (typeof v === 'boolean') return `<c r="${at}" s="${styleFor(c, fill, false, false)}" t="b"><v>${v ? 1 : 0}</v></c>`;
  if ('date' in v) {
    const serial = dateSerial(v.date);
    if (serial === null) return `<c r="${at}" s="${styleFor(c, fill, false, false)}" t="s"><v>${ctx.strings.id(cleanText(v.date))}</v></c>`;
    return `<c r="${at}" s="${styleFor(c, fill, false, true)}"><v>${serial}</v></c>`;
  }
  if ('formula' in v) return formulaCell(at, styleFor(c, fill, false, false), v.formula.replace(/^=/, ''), v.result);
  const shown = cleanText(v.text);
  const s = styleFor(c, fill, true, false);
  if (isInternalLink(v.link)) {
    // HYPERLINK() is followed by Excel, WPS and LibreOffice alike; both arguments are quoted literals.
    const label = shown.slice(0, 255);
    const target = v.link.startsWith('#') ? v.link : `#${v.link}`;
    return formulaCell(at, s, `HYPERLINK(${formulaString(target)},${formulaString(label)})`, label);
  }
  external(v.link, at);
  return `<c r="${at}" s="${s}" t="s"><v>${ctx.strings.id(shown)}</v></c>`;
}

function formulaCell(at: string, s: number, formula: string, result: string | number | boolean | null | undefined): string {
  const f = `<f>${esc(cleanText(formula))}</f>`;
  if (result === null || result === undefined) return `<c r="${at}" s="${s}">${f}</c>`;
  if (typeof result === 'number') return Number.isFinite(result) ? `<c r="${at}" s="${s}">${f}<v>${result}</v></c>` : `<c r="${at}" s="${s}">${f}</c>`;
  if (typeof result === 'boolean') return `<c r="${at}" s="${s}" t="b">${f}<v>${result ? 1 : 0}</v></c>`;
  return `<c r="${at}" s="${s}" t="str">${f}<v>${xstr(cleanText(result))}</v></c>`;
}

/** The cells a chart reads, with their values cached in the chart part. */
function chartData(sheet: SheetModel, spec: NonNullable<SheetModel['chart']>, hr: number, blockStarts: number[]): SheetChart | null {
  let rows: OutValue[][];
  let first: number;
  if (spec.block !== undefined) {
    const block = sheet.blocks?.[spec.block];
    if (!block || block.rows.length < 2) return null;
    rows = block.rows.slice(1);
    first = blockStarts[spec.block]! + 3; // title row, header row, then data (1-based)
  } else {
    rows = sheet.rows;
    first = hr + 1;
  }
  if (spec.count !== undefined) rows = rows.slice(0, spec.count);
  if (!rows.length) return null;
  const text = (v: OutValue | undefined): string => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return String(v);
    if (v && typeof v === 'object' && 'text' in v) return v.text;
    if (v && typeof v === 'object' && 'formula' in v && v.result !== null && v.result !== undefined) return String(v.result);
    return '';
  };
  const num = (v: OutValue | undefined): number | null => {
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (v && typeof v === 'object' && 'formula' in v && typeof v.result === 'number') return v.result;
    return null;
  };
  return {
    spec,
    first,
    last: first + rows.length - 1,
    categories: rows.map((r) => cleanText(text(r[spec.categoryCol]))),
    values: rows.map((r) => num(r[spec.valueCol])),
    colors: rows.map((r) => (spec.colorBy ? (spec.colorBy.fills[text(r[spec.colorBy.col])] ?? null) : null)),
  };
}

