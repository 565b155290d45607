/**
 * Values-only .xlsx reader over the parts guardZip already inflated and checked: workbook, rels,
 * shared strings, styles (for dates) and worksheets straight into the neutral grid. Throws
 * XmlError (or anything else) on malformed input; the caller turns that into a read failure.
 *
 * Output contract (same as the former exceljs path): cells as {t, v} with '' → null and
 * whitespace-only strings kept; date-styled numbers as 'YYYY-MM-DD'; cells covered by a merge
 * (all but its top-left) dropped with their formulas; trailing empty cells of a row and trailing
 * empty rows trimmed, holes filled with null / []; formulas by A1 address. Shared formulas: the
 * master's text is recorded as written, each dependent cell gets the master's text with its
 * relative references moved by the offset (as Excel shows it); a dependent whose master was not
 * seen records nothing.
 */
import { a1, type Cell, type Merge, type SheetGrid, type WorkbookGrid } from '../core/grid';
import { CLOSE, decodeXString, END, OPEN, Scanner, XmlError } from './fastXml';
import { parseDateStyles, serialToIso } from './fastStyles';

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
/** Bound on the work of clearing merged-over cells (overlapping giant merges are hostile). */
const MERGE_WORK = 50_000_000;

const utf8 = new TextDecoder('utf-8');

/** One part's bytes as text: UTF-8 (BOM dropped), or UTF-16 when it starts with a UTF-16 BOM. */
export function partText(bytes: Uint8Array): string {
  if (bytes.length >= 2) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  }
  return utf8.decode(bytes);
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

/** Part name of a relationship target, relative to xl/ unless absolute. */
export function resolveTarget(target: string): string {
  const t = target.trim().replace(/\\/g, '/');
  const segs = t.startsWith('/') ? [] : ['xl'];
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segs.pop();
    else segs.push(seg);
  }
  return segs.join('/');
}

function parseRels(xml: string | null): Map<string, string> {
  const rels = new Map<string, string>();
  if (xml === null) return rels;
  const sc = new Scanner(xml);
  if (sc.root() !== 'Relationships') throw new XmlError('not relationships');
  for (let k = sc.next(); k !== END; k = sc.next()) {
    if (k !== OPEN || sc.name !== 'Relationship') continue;
    const id = sc.attr('Id');
    const target = sc.attr('Target');
    if (id === null || target === null || sc.attr('TargetMode') === 'External') continue;
    rels.set(id, resolveTarget(target));
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

function parseSharedStrings(xml: string | null): string[] {
  const out: string[] = [];
  if (xml === null) return out;
  const sc = new Scanner(xml);
  if (sc.root() !== 'sst') throw new XmlError('not a shared string table');
  for (let k = sc.next(); k !== END; k = sc.next()) {
    if (k === OPEN && sc.name === 'si') out.push(stringItem(sc));
  }
  return out;
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

interface SheetContext {
  strings: string[];
  dateXf: boolean[];
  date1904: boolean;
}

function numberCell(v: string, isDate: boolean, date1904: boolean): Cell | null {
  if (v.trim() === '') return null;
  const n = Number(v);
  if (!Number.isFinite(n)) return null;
  if (isDate) {
    const iso = serialToIso(n, date1904);
    if (iso !== null) return { t: 'd', v: iso };
  }
  return { t: 'n', v: n };
}

const ISO_DATE = /^\s*(-?\d{4,})-(\d{2})-(\d{2})/;

/** The value of a parsed `<c>` element. */
function cellValue(t: string | null, v: string | null, inline: string | null, isDate: boolean, ctx: SheetContext): Cell | null {
  switch (t) {
    case 's': {
      if (v === null) return null;
      const s = ctx.strings[Number(v)];
      return s === undefined || s === '' ? null : { t: 's', v: s };
    }
    case 'str': {
      if (v === null || v === '') return null;
      const s = decodeXString(v);
      return s === '' ? null : { t: 's', v: s };
    }
    case 'inlineStr': {
      const s = inline ?? (v === null ? null : decodeXString(v));
      return s === null || s === '' ? null : { t: 's', v: s };
    }
    case 'b':
      if (v === null || v.trim() === '') return null;
      return { t: 'b', v: !(v.trim() === '0' || v.trim() === 'false') };
    case 'e':
      return v === null || v === '' ? null : { t: 'e', v };
    case 'd': {
      if (v === null || v.trim() === '') return null;
      const m = ISO_DATE.exec(v);
      return m ? { t: 'd', v: `${m[1]}-${m[2]}-${m[3]}` } : { t: 's', v };
    }
    default:
      return v === null ? null : numberCell(v, isDate, ctx.date1904);
  }
}

function parseSheet(xml: string, name: string, ctx: SheetContext): SheetGrid {
  const sc = new Scanner(xml);
  if (sc.root() !== 'worksheet') throw new XmlError('not a worksheet');
  const values: (Cell | undefined)[][] = [];
  const formulas: (string | undefined)[][] = [];
  const merges: Merge[] = [];
  const shared = new Map<string, { text: string; row: number; col: number }>();
  let inData = false;
  let inMerges = false;
  let row = -1;
  let col = -1;
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
        continue;
      }
      if (tag !== 'c') continue;
      // <c r= t= s=>
      const r = sc.attr('r');
      const t = sc.attr('t');
      const s = sc.attr('s');
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
      let v: string | null = null;
      let inline: string | null = null;
      let fText: string | null = null;
      let fType: string | null = null;
      let si: string | null = null;
      let hasRef = false;
      if (!sc.selfClosing) {
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
      }
      const style = s === null ? 0 : Number(s);
      const cell = cellValue(t, v, inline, ctx.dateXf[style] === true, ctx);
      if (cell) (values[cRow] ??= [])[col] = cell;
      let formula = fText ?? '';
      if (fType === 'shared' && si !== null) {
        if (formula !== '') {
          if (hasRef || !shared.has(si)) shared.set(si, { text: formula, row: cRow, col });
        } else {
          const master = shared.get(si);
          if (master) formula = slideFormula(master.text, cRow - master.row, col - master.col);
        }
      }
      if (formula !== '') (formulas[cRow] ??= [])[col] = formula;
      continue;
    }
    if (tag === 'sheetData') inData = !sc.selfClosing;
    else if (tag === 'mergeCells') inMerges = !sc.selfClosing;
    else if (tag === 'mergeCell' && inMerges) {
      const ref = sc.attr('ref');
      const m = ref === null ? null : parseRange(ref.trim());
      if (m) merges.push(m);
    }
  }
  clearMerged(values, formulas, merges);
  const grid: SheetGrid = { name, rows: densify(values), merges };
  const f = formulaRecord(formulas);
  if (f) grid.formulas = f;
  return grid;
}

/** Cells covered by a merge (all but its top-left) hold nothing: the master holds the value. */
function clearMerged(values: (Cell | undefined)[][], formulas: (string | undefined)[][], merges: Merge[]): void {
  let work = 0;
  for (const m of merges) {
    for (const rows of [values, formulas] as (unknown[] | undefined)[][]) {
      const last = Math.min(m.bottom, rows.length - 1);
      for (let r = m.top; r <= last; r++) {
        const row = rows[r];
        if (!row) continue;
        const end = Math.min(m.right, row.length - 1);
        for (let c = r === m.top ? m.left + 1 : m.left; c <= end; c++) row[c] = undefined;
        work += Math.max(0, end - m.left + 1);
      }
      work += Math.max(0, last - m.top + 1);
      if (work > MERGE_WORK) throw new XmlError('merges cover too much');
    }
  }
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

/** Dense rows: holes become [] / null; trailing empty cells and trailing empty rows dropped. */
function densify(values: (Cell | undefined)[][]): (Cell | null)[][] {
  const out: (Cell | null)[][] = [];
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    let len = row ? row.length : 0;
    while (len > 0 && !row![len - 1]) len--;
    const dense: (Cell | null)[] = new Array<Cell | null>(len);
    for (let c = 0; c < len; c++) dense[c] = row![c] ?? null;
    out.push(dense);
  }
  while (out.length && out[out.length - 1]!.length === 0) out.pop();
  return out;
}

/**
 * The workbook in the guarded parts: sheets in workbook order (hidden ones included) whose
 * relationship points at a worksheet part present; chart sheets and missing parts are skipped.
 */
export function readParts(parts: Map<string, Uint8Array>): WorkbookGrid {
  const text = (name: string): string | null => {
    const b = parts.get(name);
    return b === undefined ? null : partText(b);
  };
  const book = text('xl/workbook.xml');
  if (book === null) throw new XmlError('no workbook part');
  const { sheets, date1904 } = parseWorkbook(book);
  const rels = parseRels(text('xl/_rels/workbook.xml.rels'));
  const ctx: SheetContext = {
    strings: parseSharedStrings(text('xl/sharedStrings.xml')),
    dateXf: parseDateStyles(text('xl/styles.xml')),
    date1904,
  };
  const out: SheetGrid[] = [];
  for (const s of sheets) {
    const target = rels.get(s.rid);
    const part = target === undefined ? undefined : parts.get(target);
    if (part === undefined) continue;
    const grid = parseSheet(partText(part), s.name, ctx);
    if (s.hidden) grid.hidden = true;
    out.push(grid);
  }
  return { sheets: out };
}
