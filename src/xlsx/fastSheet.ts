/**
 * Values-only .xlsx reader over the parts guardZip already inflated and checked. OPC-correct:
 * the workbook is found through `_rels/.rels`, worksheets, shared strings and styles through the
 * workbook's relationships, part names compare case-insensitively. Every limit of ReadLimits is
 * applied while reading; what had to be dropped, and every listed sheet that could not be read,
 * becomes a ReadNote. Throws XmlError on a malformed workbook part and ReadRefused when a limit
 * refuses the whole file; a malformed worksheet only costs that sheet (with a note).
 *
 * Output contract (same as the former exceljs path): cells as {t, v} with '' → null and
 * whitespace-only strings kept; date-styled numbers as 'YYYY-MM-DD'; cells covered by a merge
 * (all but its top-left) dropped with their formulas; trailing empty cells of a row and trailing
 * empty rows trimmed, holes filled with null / []; formulas by A1 address. Shared formulas: the
 * master's text is recorded as written, each dependent cell gets the master's text with its
 * relative references moved by the offset (as Excel shows it); a dependent whose master was not
 * seen records nothing.
 */
import { a1, type Cell, type Merge, type ReadNote, type SheetGrid, type WorkbookGrid } from '../core/grid';
import { dense, hiddenColumnsWithin, hiddenWithin } from './bounds';
import { BAIL, CellScanner, StringScanner } from './fastCells';
import { CLOSE, decodeXString, END, OPEN, Scanner, XmlError } from './fastXml';
import { parseDateStyles, serialToIso } from './fastStyles';
import { dateSerial, evaluate, type Value } from './formula';
import { Budget, DEFAULT_LIMITS, fail, ReadRefused, type ReadLimits } from './limits';
import type { ZipParts } from './zipGuard';

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
/** Bound on the work of clearing merged-over cells (overlapping giant merges are hostile). */
const MERGE_WORK = 50_000_000;

const utf8 = new TextDecoder('utf-8');
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/**
 * One part's bytes as text: UTF-8 (BOM dropped), or UTF-16 when it starts with a UTF-16 BOM. A
 * part that declares another encoding (`<?xml … encoding="GB2312"?>`, some home-grown writers)
 * is decoded so when it is not valid UTF-8 (a mislabelled UTF-8 part stays UTF-8).
 */
export function partText(bytes: Uint8Array): string {
  if (bytes.length >= 2) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  }
  const label = declaredEncoding(bytes);
  if (label !== null) {
    try {
      return utf8Strict.decode(bytes);
    } catch {
      try {
        return new TextDecoder(label).decode(bytes);
      } catch {
        /* a label TextDecoder does not know: UTF-8 with replacements, as before */
      }
    }
  }
  return utf8.decode(bytes);
}

const DECLARED = /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']/;

/** The encoding an XML declaration names, when it is not UTF-8; null otherwise. */
function declaredEncoding(b: Uint8Array): string | null {
  if (b[0] !== 0x3c || b[1] !== 0x3f) return null; // no `<?` declaration
  const end = b.indexOf(0x3e);
  if (end < 0 || end > 200) return null;
  const m = DECLARED.exec(String.fromCharCode(...b.subarray(0, end + 1)));
  if (!m) return null;
  const label = m[1]!.toLowerCase();
  return label === 'utf-8' || label === 'utf8' ? null : label;
}

interface SheetRef {
  name: string;
  rid: string;
  hidden: boolean;
}

function parseWorkbook(xml: string): { sheets: SheetRef[]; date1904: boolean } {
  const sc = new Scanner(xml);
  if (sc.root() !== 'workbook') throw new XmlError('not a workbook');
  const sheets: SheetRef[] = [];
  let date1904 = false;
  let inSheets = false;
  for (let k = sc.next(); k !== END; k = sc.next()) {
    if (k === CLOSE) {
      if (sc.name === 'sheets') inSheets = false;
      continue;
    }
    switch (sc.name) {
      case 'workbookPr': {
        const v = sc.attr('date1904');
        date1904 = v === '1' || v === 'true';
        break;
      }
      case 'sheets':
        inSheets = !sc.selfClosing;
        break;
      case 'sheet':
        if (inSheets) {
          const name = sc.attr('name');
          const rid = sc.attr('id');
          if (name === null || rid === null) throw new XmlError('sheet without name or id');
          const state = sc.attr('state');
          sheets.push({ name, rid, hidden: state === 'hidden' || state === 'veryHidden' });
        }
        break;
      default:
        break;
    }
  }
  return { sheets, date1904 };
}

/** Part name of a relationship target: relative to the source part's folder (`base`, e.g. `xl/`), or absolute. */
export function resolveTarget(target: string, base = 'xl/'): string {
  const t = target.trim().replace(/\\/g, '/');
  const segs = t.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segs.pop();
    else segs.push(seg);
  }
  return segs.join('/');
}

interface Rel {
  target: string;
  type: string;
}

function parseRels(xml: string | null, base: string): Map<string, Rel> {
  const rels = new Map<string, Rel>();
  if (xml === null) return rels;
  const sc = new Scanner(xml);
  if (sc.root() !== 'Relationships') throw new XmlError('not relationships');
  for (let k = sc.next(); k !== END; k = sc.next()) {
    if (k !== OPEN || sc.name !== 'Relationship') continue;
    const id = sc.attr('Id');
    const target = sc.attr('Target');
    if (id === null || target === null || sc.attr('TargetMode') === 'External') continue;
    rels.set(id, { target: resolveTarget(target, base), type: sc.attr('Type') ?? '' });
  }
  return rels;
}

/**
 * The text of a string item (`<si>` or `<is>`) just opened: its `<t>` and rich-run `<r><t>` texts
 * in order, without phonetic `<rPh>` runs; `_xHHHH_` escapes decoded per `<t>`.
 */
function stringItem(sc: Scanner): string {
  if (sc.selfClosing) return '';
  let text = '';
  const d = sc.depth;
  for (;;) {
    const k = sc.next();
    if (k === END) throw new XmlError('unclosed string item');
    if (k === CLOSE) {
      if (sc.depth < d) return text;
      continue;
    }
    if (sc.name === 't') text += decodeXString(sc.text());
    else if (sc.name === 'rPh') sc.skip();
  }
}

interface Strings {
  items: string[];
  /** Indices cut to maxStringChars. */
  cut: Set<number>;
}

function parseSharedStrings(xml: string | null, lim: ReadLimits, budget: Budget): Strings {
  if (xml === null) return { items: [], cut: new Set() };
  if (cellScan.fast) {
    try {
      return readStrings(xml, lim, budget, true);
    } catch (e) {
      if (e !== BAIL) throw e;
    }
    cellScan.bails++;
  }
  return readStrings(xml, lim, budget, false);
}

/** The table's items; with `fast`, its body by the dedicated scanner (which may bail). */
function readStrings(xml: string, lim: ReadLimits, budget: Budget, fast: boolean): Strings {
  const out: Strings = { items: [], cut: new Set() };
  const sc = new Scanner(xml);
  if (sc.root() !== 'sst') throw new XmlError('not a shared string table');
  let total = 0;
  const add = (item: string): void => {
    let s = item;
    if (s.length > lim.maxStringChars) {
      out.cut.add(out.items.length);
      s = s.slice(0, lim.maxStringChars);
    }
    total += s.length;
    if (total > lim.maxTextChars) throw new ReadRefused(textLimit(lim));
    out.items.push(s);
    if ((out.items.length & 1023) === 0) budget.check();
  };
  if (fast && !sc.selfClosing) {
    const ss = new StringScanner(xml, sc.offset);
    while (ss.next()) add(ss.text);
    sc.seek(ss.pos);
  }
  for (let k = sc.next(); k !== END; k = sc.next()) {
    if (k === OPEN && sc.name === 'si') add(stringItem(sc));
  }
  return out;
}

function textLimit(lim: ReadLimits) {
  return fail('too-large', `工作簿中的文字共超过 ${lim.maxTextChars} 字（全部文字总量上限），已拒绝导入；请删除多余的内容后再提交`);
}

/** `B12` → row 11, col 1; null when malformed or outside the sheet. */
function parseRef(ref: string): { row: number; col: number } | null {
  let i = 0;
  let col = 0;
  for (; i < ref.length; i++) {
    let ch = ref.charCodeAt(i);
    if (ch >= 0x61 && ch <= 0x7a) ch -= 0x20;
    if (ch < 0x41 || ch > 0x5a) break;
    col = col * 26 + (ch - 0x40);
    if (col > MAX_COLS) return null;
  }
  if (i === 0 || i === ref.length) return null;
  let row = 0;
  for (; i < ref.length; i++) {
    const ch = ref.charCodeAt(i);
    if (ch < 0x30 || ch > 0x39) return null;
    row = row * 10 + (ch - 0x30);
    if (row > MAX_ROWS) return null;
  }
  if (row === 0) return null;
  return { row: row - 1, col: col - 1 };
}

function parseRange(ref: string): Merge | null {
  const colon = ref.indexOf(':');
  if (colon < 0) return null; // a single cell is not a merge
  const a = parseRef(ref.slice(0, colon).replace(/\$/g, ''));
  const b = parseRef(ref.slice(colon + 1).replace(/\$/g, ''));
  if (!a || !b) throw new XmlError('bad merge range');
  const m = { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
  return m.top === m.bottom && m.left === m.right ? null : m;
}

function columnNumber(letters: string): number {
  let col = 0;
  for (let i = 0; i < letters.length; i++) col = col * 26 + (letters.charCodeAt(i) - 64);
  return col;
}

/** Cell references in a formula, outside string literals: optional sheet, $col, $row. */
const REF = /("(?:[^"]|"")*")|((?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})(?![\w.(!])/g;

/**
 * A shared formula's text moved from its master cell to another cell: relative references shift
 * by the offset; absolute parts and text in quotes stay. A reference pushed off the sheet becomes #REF!.
 */
export function slideFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  return formula.replace(REF, (all: string, str: string | undefined, sheet: string | undefined, cd: string, letters: string, rd: string, digits: string, offset: number) => {
    if (str !== undefined) return all;
    const prev = offset > 0 ? formula.charCodeAt(offset - 1) : 0;
    // Part of a longer name (LOG10, A1B2…) or a function/defined name: leave it.
    if ((prev >= 0x30 && prev <= 0x39) || (prev >= 0x41 && prev <= 0x5a) || (prev >= 0x61 && prev <= 0x7a) || prev === 0x5f || prev === 0x2e) return all;
    let col = columnNumber(letters.toUpperCase());
    if (col > MAX_COLS) return all;
    let row = Number(digits);
    if (!cd) col += dCol;
    if (!rd) row += dRow;
    if (col < 1 || col > MAX_COLS || row < 1 || row > MAX_ROWS) return `${sheet ?? ''}#REF!`;
    let s = '';
    for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return `${sheet ?? ''}${cd}${s}${rd}${row}`;
  });
}

/** A picture placed in a cell by formula: WPS's DISPIMG ("嵌入单元格"), Excel 365's IMAGE. */
const IN_CELL_IMAGE = /^\s*(?:_xlfn\.)?(?:DISPIMG|IMAGE)\s*\(/i;
const IMAGE_DETAIL = '单元格中是嵌入单元格的图片（WPS“嵌入单元格”），图片无法作为文字读取；请在该单元格填写文字内容';
/** Excel 365's rich values, kept apart from the cell (its `<v>` is only #VALUE! for older readers). */
const RICH_DETAIL: Record<RichKind, string> = {
  image: '单元格中是嵌入单元格的图片（Excel“置于单元格中”或 IMAGE 函数），图片无法作为文字读取；请在该单元格填写文字内容',
  value: '单元格中是 Excel 的数据类型（股票、地理等链接数据或富值），无法作为文字读取；请在该单元格填写文字内容',
};

/** Notes of one kind per sheet beyond this many are folded into one summary note. */
const NOTES_PER_KIND = 20;

interface SheetContext {
  strings: Strings;
  dateXf: boolean[];
  date1904: boolean;
  lim: ReadLimits;
  budget: Budget;
  /** Characters of text and cells with values taken so far, over the whole file. */
  text: { chars: number; cells: number };
  today: number | null;
  /** What a cell's value metadata (`vm=`) points to; null when it is no rich value. */
  rich: (vm: number) => RichKind | null;
}

function numberCell(v: string, isDate: boolean, date1904: boolean): Cell | null {
  if (v.trim() === '') return null;
  const n = Number(v);
  if (!Number.isFinite(n)) return null;
  return valueCell(n, isDate, date1904);
}

function valueCell(n: number, isDate: boolean, date1904: boolean): Cell {
  if (isDate) {
    const iso = serialToIso(n, date1904);
    if (iso !== null) return { t: 'd', v: iso };
  }
  return { t: 'n', v: n };
}

const ISO_DATE = /^\s*(-?\d{4,})-(\d{2})-(\d{2})/;

/** Collects a sheet's notes, folding many of one kind into a count. */
class SheetNotes {
  private readonly counts = new Map<string, { n: number; first: string; summary: (n: number, first: string) => string }>();
  constructor(
    private readonly sheet: string,
    private readonly out: ReadNote[],
  ) {}

  /** One note per occurrence up to NOTES_PER_KIND, then counted. */
  add(key: string, note: Omit<ReadNote, 'sheet'>, summary: (n: number, first: string) => string): void {
    let c = this.counts.get(key);
    if (!c) {
      c = { n: 0, first: note.cell ?? '', summary };
      this.counts.set(key, c);
    }
    c.n++;
    if (c.n <= NOTES_PER_KIND) this.out.push({ ...note, sheet: this.sheet });
  }

  /** One note for the whole sheet, whatever the count. */
  once(key: string, note: Omit<ReadNote, 'sheet'>): void {
    if (this.counts.has(key)) return;
    this.counts.set(key, { n: 1, first: '', summary: () => '' });
    this.out.push({ ...note, sheet: this.sheet });
  }

  /** Where the notes stand, to go back there when a sheet is read again. */
  mark(): { length: number; counts: [string, { n: number; first: string; summary: (n: number, first: string) => string }][] } {
    return { length: this.out.length, counts: [...this.counts].map(([k, c]) => [k, { ...c }]) };
  }

  reset(mark: ReturnType<SheetNotes['mark']>): void {
    this.out.length = mark.length;
    this.counts.clear();
    for (const [k, c] of mark.counts) this.counts.set(k, { ...c });
  }

  finish(): void {
    for (const c of this.counts.values()) {
      if (c.n > NOTES_PER_KIND) this.out.push({ kind: 'limit', sheet: this.sheet, detail: c.summary(c.n - NOTES_PER_KIND, c.first) });
    }
  }
}

const SST_INDEX = /^\d+$/;

/** A shared-string index (`<v>12</v>`, spaces around allowed); -1 when it is not one. */
function sstIndex(v: string): number {
  // The plain case without a regular expression: a few ASCII digits.
  if (v.length > 0 && v.length <= 9) {
    let n = 0;
    for (let i = 0; i < v.length; i++) {
      const d = v.charCodeAt(i) - 0x30;
      if (d < 0 || d > 9) return sstIndexSlow(v);
      n = n * 10 + d;
    }
    return n;
  }
  return sstIndexSlow(v);
}

function sstIndexSlow(v: string): number {
  const idx = v.trim();
  return SST_INDEX.test(idx) ? Number(idx) : -1;
}

/**
 * Whether sheetData bodies go through the dedicated scanner first (off: the generic scanner
 * alone, to compare the two), and how many sheets it handed back to the generic one.
 */
export const cellScan = { fast: true, bails: 0 };

/**
 * One worksheet: its sheetData body by the dedicated scanner when it takes it, else (it bailed)
 * the whole sheet again by the generic scanner, from the same starting state.
 */
function parseSheet(xml: string, name: string, ctx: SheetContext, notes: SheetNotes, filters?: SheetFilters): SheetGrid {
  if (!cellScan.fast) return readSheet(xml, name, ctx, notes, false, filters);
  const mark = notes.mark();
  const { chars, cells } = ctx.text;
  try {
    return readSheet(xml, name, ctx, notes, true, filters);
  } catch (e) {
    if (e !== BAIL) throw e;
  }
  cellScan.bails++;
  notes.reset(mark);
  ctx.text.chars = chars;
  ctx.text.cells = cells;
  if (filters) filters.ranges.length = filters.tables.length = 0;
  return readSheet(xml, name, ctx, notes, false, filters);
}

/** A table part's filter: its range, active when a column is filtered; null without one. */
function tableFilter(xml: string | null): { range: Merge; active: boolean } | null {
  if (xml === null) return null;
  const sc = new Scanner(xml);
  if (sc.root() !== 'table') return null;
  let range: Merge | null = null;
  let active = false;
  let filter = false;
  for (let k = sc.next(); k !== END; k = sc.next()) {
    if (k !== OPEN) continue;
    if (sc.name === 'autoFilter') {
      filter = true;
      range = parseRange(sc.attr('ref')?.trim() ?? '') ?? range;
    } else if (FILTER_CRITERIA.has(sc.name)) active = true;
    else if (sc.name === 'tableColumns') break; // the filter comes first
  }
  return filter && range ? { range, active } : null;
}

/**
 * Hidden rows without those an active filter hides (below its header row): an inspector who
 * filters 评分表 to their own units hid nothing. Tables' filters are read only when needed.
 */
function unfilteredHidden(grid: SheetGrid, filters: SheetFilters, sheetPart: string, pkg: Package): void {
  if (!grid.hiddenRows?.length || (!filters.ranges.length && !filters.tables.length)) return;
  const ranges = filters.ranges.filter((f) => f.active).map((f) => f.range);
  if (filters.tables.length) {
    try {
      const rels = parseRels(pkg.text(relsOf(sheetPart)), folderOf(sheetPart));
      for (const rid of filters.tables) {
        const rel = rels.get(rid);
        const f = rel ? tableFilter(pkg.text(rel.target)) : null;
        if (f?.active) ranges.push(f.range);
      }
    } catch (e) {
      if (!(e instanceof XmlError)) throw e;
    }
  }
  if (!ranges.length) return;
  const kept = grid.hiddenRows.filter((r) => !ranges.some((m) => r > m.top && r <= m.bottom));
  if (kept.length) grid.hiddenRows = kept;
  else delete grid.hiddenRows;
}

/** A filterColumn's criteria: a column with none (Excel writes hiddenButton alone) filters nothing. */
const FILTER_CRITERIA = new Set(['filters', 'customFilters', 'top10', 'dynamicFilter', 'colorFilter', 'iconFilter']);

/**
 * What a sheet says about its filters: an active AutoFilter (a column with criteria) hides rows
 * as a view, not as a choice to hide them; tables' filters are in their own parts.
 */
interface SheetFilters {
  ranges: { range: Merge; active: boolean }[];
  tables: string[];
}

function readSheet(xml: string, name: string, ctx: SheetContext, notes: SheetNotes, fast: boolean, filters?: SheetFilters): SheetGrid {
  const { lim, budget } = ctx;
  const sc = new Scanner(xml);
  if (sc.root() !== 'worksheet') throw new XmlError('not a worksheet');
  const values: (Cell | undefined)[][] = [];
  const formulas: (string | undefined)[][] = [];
  const pending: { row: number; col: number; text: string; isDate: boolean }[] = [];
  const merges: Merge[] = [];
  const hiddenRows: number[] = [];
  const hiddenCols: [number, number][] = [];
  const shared = new Map<string, { text: string; row: number; col: number }>();
  let inData = false;
  let inMerges = false;
  let row = -1;
  let col = -1;
  let filled = 0;
  let elements = 0;
  let formulaChars = 0;
  let wideCells = 0;
  let wideFirst = '';
  let mergeCount = 0;

  // Cells are addressed (row, col); their A1 text is only made when a note needs it.
  const stringOf = (s: string, row: number, col: number): string => {
    let out = s;
    if (out.length > lim.maxStringChars) {
      out = out.slice(0, lim.maxStringChars);
      notes.add('cut', { kind: 'limit', cell: a1(row, col), detail: cutDetail(lim) }, (n) => `另有 ${n} 个单元格的文字超过 ${lim.maxStringChars} 字（单个单元格文字上限），只读取了前 ${lim.maxStringChars} 字`);
    }
    ctx.text.chars += out.length;
    if (ctx.text.chars > lim.maxTextChars) throw new ReadRefused(textLimit(lim));
    return out;
  };

  /** A shared-string cell: index `i` (-1 when the text `v` is no index; no text: the index was read as a number). */
  const sharedString = (i: number, v: string | null, row: number, col: number): Cell | null => {
    const s = i >= 0 ? ctx.strings.items[i] : undefined;
    if (s === undefined) {
      notes.add(
        'sst',
        { kind: 'cell', cell: a1(row, col), detail: `单元格的共享字符串编号“${(v ?? String(i)).slice(0, 20)}”无效（共 ${ctx.strings.items.length} 项），内容无法读取；请在 Excel/WPS 中打开核对后重新保存再提交` },
        (n, first) => `另有 ${n} 个单元格（自 ${first} 起）的共享字符串编号无效，内容无法读取`,
      );
      return null;
    }
    if (ctx.strings.cut.size && ctx.strings.cut.has(i)) notes.add('cut', { kind: 'limit', cell: a1(row, col), detail: cutDetail(lim) }, (n) => `另有 ${n} 个单元格的文字超过 ${lim.maxStringChars} 字，只读取了前 ${lim.maxStringChars} 字`);
    ctx.text.chars += s.length;
    if (ctx.text.chars > lim.maxTextChars) throw new ReadRefused(textLimit(lim));
    return s === '' ? null : { t: 's', v: s };
  };

  /** `num` is the value when the fast scanner read plain digits (`v` is then a placeholder), else -1. */
  const cellValue = (t: string | null, v: string | null, num: number, inline: string | null, isDate: boolean, row: number, col: number): Cell | null => {
    if (num >= 0) return t === 's' ? sharedString(num, null, row, col) : valueCell(num, isDate, ctx.date1904);
    switch (t) {
      case 's': {
        if (v === null) return null;
        return sharedString(sstIndex(v), v, row, col);
      }
      case 'str': {
        if (v === null || v === '') return null;
        const s = stringOf(decodeXString(v), row, col);
        return s === '' ? null : { t: 's', v: s };
      }
      case 'inlineStr': {
        const raw = inline ?? (v === null ? null : decodeXString(v));
        if (raw === null || raw === '') return null;
        const s = stringOf(raw, row, col);
        return s === '' ? null : { t: 's', v: s };
      }
      case 'b': {
        if (v === null || v.trim() === '') return null;
        const b = v.trim().toLowerCase();
        return { t: 'b', v: !(b === '0' || b === 'false') };
      }
      case 'e':
        return v === null || v === '' ? null : { t: 'e', v: stringOf(v, row, col) };
      case 'd': {
        if (v === null || v.trim() === '') return null;
        const m = ISO_DATE.exec(v);
        return m ? { t: 'd', v: `${m[1]}-${m[2]}-${m[3]}` } : { t: 's', v: stringOf(v, row, col) };
      }
      default: {
        if (v === null) return null;
        const n = numberCell(v, isDate, ctx.date1904);
        if (n || v.trim() === '') return n;
        // No number (a writer that left out t="str"): the text as written, never a silent blank.
        const s = stringOf(decodeXString(v), row, col);
        return s === '' ? null : { t: 's', v: s };
      }
    }
  };

  /** One cell that has children, placed at (cRow, col): limits, value, formula. */
  const take = (cRow: number, col: number, t: string | null, style: number, v: string | null, num: number, inline: string | null, fText: string | null, fType: string | null, si: string | null, hasRef: boolean, vm: number): void => {
    let formula = fText ?? '';
    if (formula.length > lim.maxFormulaChars) {
      notes.add('flong', { kind: 'limit', cell: a1(cRow, col), detail: `公式长度超过 ${lim.maxFormulaChars} 字符（单个公式上限），未读取公式文本` }, (n) => `另有 ${n} 个公式超过 ${lim.maxFormulaChars} 字符，未读取公式文本`);
      formula = '';
      fType = null;
    }
    // The value Excel shows lives in the rich-value parts; the cell's #VALUE! is a stand-in.
    const rich = vm > 0 && t === 'e' ? ctx.rich(vm) : null;
    if (rich !== null || (formula !== '' && IN_CELL_IMAGE.test(formula))) {
      // The cached text (`=DISPIMG("ID_…",1)`, #VALUE!) is no content: the cell holds a picture.
      const detail = rich !== null ? RICH_DETAIL[rich] : /DISPIMG/i.test(formula) ? IMAGE_DETAIL : RICH_DETAIL.image;
      notes.add('image', { kind: 'image', cell: a1(cRow, col), detail }, (n, first) => `另有 ${n} 个单元格（自 ${first} 起）是嵌入单元格的图片或数据类型，无法作为文字读取`);
      return;
    }
    if (fType === 'shared' && si !== null) {
      if (formula !== '') {
        if (hasRef || !shared.has(si)) shared.set(si, { text: formula, row: cRow, col });
      } else {
        const master = shared.get(si);
        if (master) formula = slideFormula(master.text, cRow - master.row, col - master.col);
      }
    }
    // An empty `<v></v>` after a formula (some library writers) is no cached result, as if
    // `<v>` were absent; only a text result (t="str") may be empty.
    if (formula !== '' && v !== null && num < 0 && t !== 'str' && inline === null && v.trim() === '') v = null;
    if (v === null && inline === null && formula === '') return; // empty but for its style
    if (++filled > lim.maxCellsPerSheet) {
      throw new ReadRefused(fail('too-large', `工作表“${name}”中有内容的单元格超过 ${lim.maxCellsPerSheet} 个（单表单元格上限），已拒绝导入；请删除多余的行列后再提交`));
    }
    if (++ctx.text.cells > lim.maxCellsPerFile) {
      throw new ReadRefused(fail('too-large', `工作簿中有内容的单元格共超过 ${lim.maxCellsPerFile} 个（全文件单元格上限），已拒绝导入；请删除多余的工作表或行列后再提交`));
    }
    if (col >= lim.maxColumns) {
      // A space left far out (XFD1048576) is no content past the limit.
      const far = formula === '' ? cellValue(t, v, num, inline, false, cRow, col) : null;
      if (formula !== '' || (far !== null && !(far.t === 's' && far.v.trim() === ''))) {
        if (wideCells++ === 0) wideFirst = a1(cRow, col);
      }
      return;
    }
    const isDate = ctx.dateXf[style] === true;
    const cell = cellValue(t, v, num, inline, isDate, cRow, col);
    if (cell) (values[cRow] ??= [])[col] = cell;
    else if (v === null && inline === null && formula !== '') pending.push({ row: cRow, col, text: formula, isDate });
    if (formula !== '') {
      formulaChars += formula.length;
      if (formulaChars > lim.maxFormulaTextPerSheet) {
        notes.once('ftotal', { kind: 'limit', detail: `本表公式文本总长超过 ${lim.maxFormulaTextPerSheet} 字符（单表公式文本上限），其余公式只读取计算结果` });
      } else (formulas[cRow] ??= [])[col] = formula;
    }
  };

  for (let k = sc.next(); k !== END; k = sc.next()) {
    const tag = sc.name;
    if (k === CLOSE) {
      if (tag === 'sheetData') inData = false;
      else if (tag === 'mergeCells') inMerges = false;
      continue;
    }
    if (inData) {
      if (tag === 'row') {
        const r = sc.attr('r');
        if (r !== null) {
          const n = Number(r);
          if (!Number.isInteger(n) || n < 1 || n > MAX_ROWS) throw new XmlError('bad row number');
          row = n - 1;
        } else row++;
        if (row >= MAX_ROWS) throw new XmlError('too many rows');
        col = -1;
        if (isTrue(sc.attr('hidden'))) hiddenRows.push(row);
        continue;
      }
      if (tag !== 'c') continue;
      if ((++elements & 4095) === 0) budget.check();
      // <c r= t= s=>
      const r = sc.attr('r');
      const t = sc.attr('t');
      const s = sc.attr('s');
      const vm = t === 'e' ? sc.attr('vm') : null;
      const at = r === null ? null : parseRef(r);
      if (r !== null && !at) throw new XmlError('bad cell reference');
      let cRow: number;
      if (at) {
        cRow = at.row;
        col = at.col;
      } else {
        cRow = Math.max(row, 0);
        col++;
        if (col >= MAX_COLS) throw new XmlError('too many columns');
      }
      if (sc.selfClosing) continue; // a styled empty cell: costs nothing
      let v: string | null = null;
      let inline: string | null = null;
      let fText: string | null = null;
      let fType: string | null = null;
      let si: string | null = null;
      let hasRef = false;
      const d = sc.depth;
      for (;;) {
        const kk = sc.next();
        if (kk === END) throw new XmlError('unclosed cell');
        if (kk === CLOSE) {
          if (sc.depth < d) break;
          continue;
        }
        switch (sc.name) {
          case 'v':
            v = sc.text();
            break;
          case 'f':
            fType = sc.attr('t');
            si = sc.attr('si');
            hasRef = sc.attr('ref') !== null;
            fText = sc.text();
            break;
          case 'is':
            inline = stringItem(sc);
            break;
          default:
            sc.skip();
        }
      }
      take(cRow, col, t, s === null ? 0 : Number(s), v, -1, inline, fText, fType, si, hasRef, vm !== null && /^\s*\d{1,9}\s*$/.test(vm) ? Number(vm) : -1);
      continue;
    }
    if (tag === 'sheetData' && fast && !sc.selfClosing) {
      // The plain body of sheetData by the dedicated scanner (which bails to the generic path).
      const cs = new CellScanner(xml, budget, sc.offset, row, col);
      while (cs.next()) take(cs.cellRow, cs.col, cs.t, cs.style, cs.v, cs.num, cs.inline, cs.fText, cs.fType, cs.si, cs.hasRef, cs.vm);
      for (const r of cs.hiddenRows) hiddenRows.push(r);
      row = cs.row;
      col = cs.col;
      sc.seek(cs.pos);
      inData = true;
      continue;
    }
    if (tag === 'sheetData') inData = !sc.selfClosing;
    else if (tag === 'mergeCells') inMerges = !sc.selfClosing;
    else if (tag === 'col') {
      // <col min max hidden>, 1-based; a form often hides every column right of it (to XFD).
      const min = Number(sc.attr('min'));
      const max = Number(sc.attr('max'));
      if (isTrue(sc.attr('hidden')) && Number.isInteger(min) && Number.isInteger(max) && min >= 1 && hiddenCols.length < 16_384) hiddenCols.push([min - 1, Math.min(max, MAX_COLS) - 1]);
    }
    else if (filters && tag === 'autoFilter') {
      const range = parseRange(sc.attr('ref')?.trim() ?? '');
      if (range) filters.ranges.push({ range, active: false });
    } else if (filters && FILTER_CRITERIA.has(tag)) {
      const last = filters.ranges[filters.ranges.length - 1];
      if (last) last.active = true;
    } else if (filters && tag === 'tablePart') {
      const rid = sc.attr('id');
      if (rid !== null) filters.tables.push(rid);
    }
    else if (tag === 'mergeCell' && inMerges) {
      const ref = sc.attr('ref');
      const m = ref === null ? null : parseRange(ref.trim());
      if (!m) continue;
      if (++mergeCount > lim.maxMerges) {
        notes.once('mcount', { kind: 'limit', detail: `合并单元格超过 ${lim.maxMerges} 处（单表合并区域数量上限），其余合并已忽略` });
        continue;
      }
      const area = (m.bottom - m.top + 1) * (m.right - m.left + 1);
      if (area > lim.maxMergeArea) {
        const refText = `${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`;
        notes.add('marea', { kind: 'limit', cell: a1(m.top, m.left), detail: `合并区域 ${refText} 超过 ${lim.maxMergeArea} 个单元格（单个合并区域面积上限），已按未合并读取` }, (n) => `另有 ${n} 个合并区域超过 ${lim.maxMergeArea} 个单元格，已按未合并读取`);
        continue;
      }
      merges.push(m);
    }
  }
  if (wideCells) {
    notes.once('wide', { kind: 'limit', cell: wideFirst, detail: `第 ${lim.maxColumns} 列以后还有 ${wideCells} 个有内容的单元格（如 ${wideFirst}），超出读取范围（每行最多 ${lim.maxColumns} 列），未读取；备案表内容请填在模板列内` });
  }
  evaluatePending(pending, values, ctx, notes);
  const kept = clearMerged(values, formulas, merges, notes);
  const grid: SheetGrid = { name, rows: dense(values), merges: kept };
  const hidden = hiddenWithin(hiddenRows, grid.rows.length);
  if (hidden) grid.hiddenRows = hidden;
  const cols = hiddenColumnsWithin(hiddenCols, grid.rows);
  if (cols) grid.hiddenCols = cols;
  const f = formulaRecord(formulas);
  if (f) grid.formulas = f;
  return grid;
}

function cutDetail(lim: ReadLimits): string {
  return `单元格文字超过 ${lim.maxStringChars} 字（单个单元格文字上限），只读取了前 ${lim.maxStringChars} 字`;
}

const MAX_FORMULA_DEPTH = 200;

/**
 * Formula cells saved without a cached value: what the subset can evaluate gets its value (a
 * date-styled result becomes a date); the rest get a note at the cell, never a silent blank.
 */
function evaluatePending(pending: { row: number; col: number; text: string; isDate: boolean }[], values: (Cell | undefined)[][], ctx: SheetContext, notes: SheetNotes): void {
  if (!pending.length) return;
  const byCell = new Map<string, { text: string; isDate: boolean; state: 0 | 1 | 2; value?: Value | null }>();
  for (const p of pending) byCell.set(`${p.row},${p.col}`, { text: p.text, isDate: p.isDate, state: 0 });
  let steps = 0;
  // References are followed recursively: a chain of formulas each pointing further down stops
  // at this depth (that cell is left without a value) instead of running out of stack.
  let depth = 0;
  const get = (row: number, col: number): Value | null | undefined => {
    const p = byCell.get(`${row},${col}`);
    if (p) {
      if (p.state === 1) return undefined; // a cycle
      if (p.state === 0) {
        if (++steps > 100_000 || depth >= MAX_FORMULA_DEPTH) return undefined;
        p.state = 1;
        depth++;
        try {
          p.value = evaluate(p.text, { row, col, get, today: ctx.today });
        } finally {
          depth--;
        }
        p.state = 2;
      }
      return p.value === null ? undefined : p.value;
    }
    const c = values[row]?.[col];
    if (!c) return null;
    return c.t === 'e' ? undefined : c.v;
  };
  for (const p of pending) {
    const v = get(p.row, p.col);
    const at = a1(p.row, p.col);
    if (v === undefined) {
      notes.add(
        'nocache',
        { kind: 'formula', cell: at, detail: `公式没有计算结果（=${p.text.slice(0, 60)}），无法读取该单元格的值；请在 Excel/WPS 中打开后保存再提交` },
        (n, first) => `另有 ${n} 个公式单元格（自 ${first} 起）没有计算结果；请在 Excel/WPS 中打开后保存再提交`,
      );
      continue;
    }
    const cell: Cell | null = typeof v === 'number' ? valueCell(v, p.isDate, false) : typeof v === 'boolean' ? { t: 'b', v } : v === null || v === '' ? null : { t: 's', v };
    if (cell) (values[p.row] ??= [])[p.col] = cell;
  }
}

/**
 * Cells covered by a merge (all but its top-left) hold nothing: the master holds the value. The
 * work is bounded (rows visited are clipped to the rows read); merges past the bound are ignored
 * with a note.
 */
function clearMerged(values: (Cell | undefined)[][], formulas: (string | undefined)[][], merges: Merge[], notes: SheetNotes): Merge[] {
  let work = 0;
  const kept: Merge[] = [];
  for (const m of merges) {
    const last = Math.min(m.bottom, Math.max(values.length, formulas.length) - 1);
    const cost = Math.max(0, last - m.top + 1);
    if (work + cost > MERGE_WORK) {
      notes.once('mwork', { kind: 'limit', detail: `合并单元格覆盖的行数合计超过 ${MERGE_WORK} 行（合并区域总量上限），其余合并已忽略` });
      continue;
    }
    work += cost;
    kept.push(m);
    for (const rows of [values, formulas] as (unknown[] | undefined)[][]) {
      const end = Math.min(m.bottom, rows.length - 1);
      for (let r = m.top; r <= end; r++) {
        const row = rows[r];
        if (!row) continue;
        const stop = Math.min(m.right, row.length - 1);
        for (let c = r === m.top ? m.left + 1 : m.left; c <= stop; c++) row[c] = undefined;
      }
    }
  }
  return kept;
}

function formulaRecord(formulas: (string | undefined)[][]): Record<string, string> | null {
  let out: Record<string, string> | null = null;
  for (let r = 0; r < formulas.length; r++) {
    const row = formulas[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const f = row[c];
      if (f !== undefined) (out ??= {})[a1(r, c)] = f;
    }
  }
  return out;
}

/**
 * The last few results of the small pure parses (relationships, workbook, date styles), by their
 * text: the submissions of one batch mostly share these parts of their template byte for byte.
 * The results are only read. Large parts are not kept.
 */
const RECENT = 16;
const RECENT_MAX_CHARS = 64 * 1024;
const RECENT_RELS = new Map<string, Map<string, Rel>>();
const RECENT_BOOKS = new Map<string, { sheets: SheetRef[]; date1904: boolean }>();
const RECENT_STYLES = new Map<string, boolean[]>();

function recent<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let v = cache.get(key);
  if (v === undefined) {
    v = make();
    if (key.length > RECENT_MAX_CHARS) return v;
    if (cache.size >= RECENT) cache.delete(cache.keys().next().value!);
    cache.set(key, v);
  }
  return v;
}

function recentRels(xml: string | null, base: string): Map<string, Rel> {
  return xml === null ? new Map() : recent(RECENT_RELS, `${base}\n${xml}`, () => parseRels(xml, base));
}

function recentStyles(xml: string | null, budget: Budget): boolean[] {
  return xml === null ? [] : recent(RECENT_STYLES, xml, () => parseDateStyles(xml, budget));
}

/**
 * Part lookup by name, case-insensitively (OPC part names compare that way), as text. A target
 * is a URI: `%20`, `%E8%A1%A8` name the part whose zip entry some writers store unescaped.
 */
class Package {
  constructor(private readonly parts: ZipParts) {}
  private name(name: string): string {
    if (this.parts.has(name) || !name.includes('%')) return name;
    try {
      return decodeURIComponent(name);
    } catch {
      return name;
    }
  }
  has(name: string): boolean {
    return this.parts.has(this.name(name));
  }
  text(name: string): string | null {
    const b = this.parts.get(this.name(name));
    return b === null ? null : partText(b);
  }
}

const REL = (type: string, what: string) => type.endsWith(`/${what}`);

function folderOf(part: string): string {
  return part.slice(0, part.lastIndexOf('/') + 1);
}

function relsOf(part: string): string {
  const dir = folderOf(part);
  return `${dir}_rels/${part.slice(dir.length)}.rels`;
}

/**
 * The workbook in the guarded parts: sheets in workbook order (hidden ones included). Chart and
 * dialog sheets hold no cells and are passed over; a listed worksheet whose part is missing or
 * unreadable gets a note naming it.
 */
export function readParts(parts: ZipParts, limits: Partial<ReadLimits> = {}): WorkbookGrid {
  const lim: ReadLimits = { ...DEFAULT_LIMITS, ...limits };
  const budget = new Budget(lim.maxReadMs);
  const pkg = new Package(parts);
  const rootRels = recentRels(pkg.text('_rels/.rels'), '');
  let bookPart = 'xl/workbook.xml';
  for (const r of rootRels.values()) if (REL(r.type, 'officeDocument') && pkg.has(r.target)) bookPart = r.target;
  const book = pkg.text(bookPart);
  if (book === null) throw new XmlError('no workbook part');
  const base = folderOf(bookPart);
  const { sheets, date1904 } = recent(RECENT_BOOKS, book, () => parseWorkbook(book));
  const rels = recentRels(pkg.text(relsOf(bookPart)), base);
  const relOf = (what: string, fallback: string) => [...rels.values()].find((r) => REL(r.type, what))?.target ?? base + fallback;
  const notes: ReadNote[] = [];
  const ctx: SheetContext = {
    strings: parseSharedStrings(pkg.text(relOf('sharedStrings', 'sharedStrings.xml')), lim, budget),
    dateXf: recentStyles(pkg.text(relOf('styles', 'styles.xml')), budget),
    date1904,
    lim,
    budget,
    text: { chars: 0, cells: 0 },
    today: lim.asOf ? todaySerial(lim.asOf) : null,
    rich: richValues(pkg, relOf),
  };
  const out: SheetGrid[] = [];
  const readAt = new Map<string, string>();
  const sameAs = new Map<string, string[]>();
  let missing = 0;
  const listed = sheets.length;
  if (listed > lim.maxSheetEntries) {
    notes.push({ kind: 'limit', detail: `工作簿列出 ${listed} 个工作表，超过上限 ${lim.maxSheetEntries} 个（工作表条目上限），只读取前 ${lim.maxSheetEntries} 个；请删除多余的工作表后再提交` });
  }
  const guess = conventionalParts(sheets, rels, base, pkg);
  for (const s of sheets.slice(0, lim.maxSheetEntries)) {
    budget.check();
    const rel = rels.get(s.rid) ?? guess.get(s);
    if (rel && (REL(rel.type, 'chartsheet') || REL(rel.type, 'dialogsheet') || REL(rel.type, 'macrosheet'))) continue;
    const xml = rel ? pkg.text(rel.target) : null;
    if (xml === null) {
      if (++missing <= NOTES_PER_KIND) notes.push({ kind: 'sheet', sheet: s.name, detail: `工作表“${s.name}”在文件中找不到对应的数据部件，未能读取；请在 Excel/WPS 中打开确认后重新保存再提交` });
      continue;
    }
    const key = rel!.target.toLowerCase();
    const first = readAt.get(key);
    if (first !== undefined) {
      sameAs.get(first)!.push(s.name);
      continue;
    }
    readAt.set(key, s.name);
    sameAs.set(s.name, []);
    if (readAt.size > lim.maxSheets) {
      throw new ReadRefused(fail('too-large', `工作簿有超过 ${lim.maxSheets} 个工作表（工作表数量上限），已拒绝导入；请删除多余的工作表后再提交`));
    }
    const sheetNotes = new SheetNotes(s.name, notes);
    try {
      const filters: SheetFilters = { ranges: [], tables: [] };
      const grid = parseSheet(xml, s.name, ctx, sheetNotes, filters);
      unfilteredHidden(grid, filters, rel!.target, pkg);
      if (s.hidden) grid.hidden = true;
      out.push(grid);
    } catch (e) {
      if (!(e instanceof XmlError)) throw e;
      if (/chartsheet|dialogsheet/.test(xml.slice(0, 500))) continue;
      notes.push({ kind: 'sheet', sheet: s.name, detail: `工作表“${s.name}”的内容无法解析（文件结构异常），未能读取；请在 Excel/WPS 中打开确认后重新保存再提交` });
    }
    sheetNotes.finish();
  }
  if (missing > NOTES_PER_KIND) notes.push({ kind: 'sheet', detail: `另有 ${missing - NOTES_PER_KIND} 个工作表在文件中找不到对应的数据部件，未能读取` });
  for (const [first, dups] of sameAs) {
    if (!dups.length) continue;
    const shown = dups.slice(0, 3).map((n) => `“${n}”`).join('、');
    notes.push({ kind: 'sheet', sheet: dups[0], detail: `工作表${shown}${dups.length > 3 ? `等 ${dups.length} 个` : ''}与“${first}”指向同一数据部件，只读取一次` });
  }
  const wb: WorkbookGrid = { sheets: out };
  if (notes.length) wb.notes = notes;
  return wb;
}

type RichKind = 'image' | 'value';

/**
 * Excel 365's rich values (a picture placed in a cell, IMAGE(), linked data types), read when a
 * cell first asks: `vm` (1-based) → valueMetadata → futureMetadata XLRICHVALUE → rich value →
 * its structure's type (`_localImage`, `_webimage`, …). A chain that does not resolve is no rich
 * value, and the cell is read as it stands. Parts are small; a malformed one resolves nothing.
 */
function richValues(pkg: Package, relOf: (what: string, fallback: string) => string): (vm: number) => RichKind | null {
  let kinds: (RichKind | null)[] | null = null;
  return (vm) => {
    kinds ??= richKinds(pkg, relOf);
    return kinds[vm - 1] ?? null;
  };
}

function richKinds(pkg: Package, relOf: (what: string, fallback: string) => string): (RichKind | null)[] {
  try {
    const meta = pkg.text(relOf('sheetMetadata', 'metadata.xml'));
    if (meta === null) return [];
    // metadata.xml: type names, the XLRICHVALUE blocks (rich value index each), value blocks.
    const types: string[] = [];
    const future = new Map<string, number[]>();
    const values: { t: number; v: number }[] = [];
    let section = '';
    let futureName = '';
    const sc = new Scanner(meta);
    for (let k = sc.next(); k !== END; k = sc.next()) {
      if (k === CLOSE) continue;
      const n = sc.name;
      if (n === 'metadataType') types.push(sc.attr('name') ?? '');
      else if (n === 'futureMetadata') {
        section = 'future';
        futureName = sc.attr('name') ?? '';
        if (!future.has(futureName)) future.set(futureName, []);
      } else if (n === 'valueMetadata' || n === 'cellMetadata') section = n;
      else if (n === 'rvb' && section === 'future') future.get(futureName)!.push(Number(sc.attr('i') ?? -1));
      else if (n === 'rc' && section === 'valueMetadata') values.push({ t: Number(sc.attr('t') ?? 0), v: Number(sc.attr('v') ?? -1) });
    }
    const structures: string[] = [];
    const sXml = pkg.text(relOf('rdRichValueStructure', 'richData/rdrichvaluestructure.xml'));
    if (sXml !== null) {
      const ss = new Scanner(sXml);
      for (let k = ss.next(); k !== END; k = ss.next()) if (k === OPEN && ss.name === 's') structures.push(ss.attr('t') ?? '');
    }
    const rvStructure: number[] = [];
    const vXml = pkg.text(relOf('rdRichValue', 'richData/rdrichvalue.xml'));
    if (vXml !== null) {
      const vs = new Scanner(vXml);
      for (let k = vs.next(); k !== END; k = vs.next()) if (k === OPEN && vs.name === 'rv') rvStructure.push(Number(vs.attr('s') ?? -1));
    }
    return values.map(({ t, v }) => {
      const name = types[t - 1];
      if (name !== 'XLRICHVALUE') return null;
      const rv = future.get(name)?.[v];
      if (rv === undefined || !(rv >= 0)) return null;
      const type = structures[rvStructure[rv] ?? -1] ?? '';
      return /image/i.test(type) ? 'image' : 'value';
    });
  } catch (e) {
    if (e instanceof XmlError) return [];
    throw e;
  }
}

const WORKSHEET_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';

/**
 * Sheets the workbook's relationships do not resolve (the part lost, or it lacks their entry):
 * the part at the conventional name every writer uses, `worksheets/sheetN.xml` next to the
 * workbook, N being the sheet's place in the workbook, else the number in its r:id. Only parts
 * no relationship names and no other sheet took; none when it does not exist.
 */
function conventionalParts(sheets: SheetRef[], rels: Map<string, Rel>, base: string, pkg: Package): Map<SheetRef, Rel> {
  const out = new Map<SheetRef, Rel>();
  if (sheets.every((s) => rels.has(s.rid))) return out;
  const taken = new Set([...rels.values()].map((r) => r.target.toLowerCase()));
  sheets.forEach((s, i) => {
    if (rels.has(s.rid)) return;
    const ridNumber = /(\d{1,5})\s*$/.exec(s.rid)?.[1];
    for (const n of [String(i + 1), ridNumber]) {
      if (n === undefined) continue;
      const target = `${base}worksheets/sheet${Number(n)}.xml`;
      if (taken.has(target.toLowerCase()) || !pkg.has(target)) continue;
      taken.add(target.toLowerCase());
      out.set(s, { target, type: WORKSHEET_REL });
      return;
    }
  });
  return out;
}

function todaySerial(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? dateSerial(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** An XML boolean attribute (`hidden="1"`, `hidden="true"`). */
function isTrue(v: string | null): boolean {
  return v === '1' || v === 'true';
}
