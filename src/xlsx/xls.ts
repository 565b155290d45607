/**
 * .xls and WPS .et: BIFF8 (Excel 97–2003) and BIFF5 (Excel 5/95) workbooks, read from the
 * `Workbook`/`Book` stream of the OLE container. Only what a filing sheet needs: cell values
 * (shared strings, labels, numbers, RK, cached formula results), dates through XF/FORMAT, merges,
 * sheet names and visibility. Every count is bounded; formulas are never evaluated.
 */
import * as CFB from 'cfb';
import type { Cell, ReadNote, SheetGrid, WorkbookGrid } from '../core/grid';
import { isBuiltinDateFormat, isDateFormat, serialToIso } from '../core/dates';
import { SheetBounds } from './bounds';
import { fail, ReadRefused, type ReadFailure, type ReadLimits } from './limits';

export class BiffError extends Error {}

const MSG_BROKEN = '无法解析 .xls/.et 工作簿（文件结构异常或已损坏）；请用 Excel 或 WPS 打开后另存为 .xlsx 再提交';
const MSG_PASSWORD = '.xls/.et 文件设置了打开密码，无法读取；请取消密码后另存为 .xlsx 再提交';
const MSG_OLD = '文件是 Excel 5.0 之前的旧格式，无法读取；请用 Excel 或 WPS 打开后另存为 .xlsx 再提交';

/** Records are counted and time is checked so a crafted stream cannot spin for long. */
const MAX_RECORDS = 4_000_000;
/** CONTINUE records one record may carry (a long SST needs a few thousand). */
const MAX_SEGMENTS = 100_000;

const R = {
  BOF: 0x0809,
  BOF_OLD: [0x0009, 0x0209, 0x0409],
  EOF: 0x000a,
  FILEPASS: 0x002f,
  CODEPAGE: 0x0042,
  DATE1904: 0x0022,
  FORMAT: 0x041e,
  FORMAT_OLD: 0x001e,
  XF: 0x00e0,
  BOUNDSHEET: 0x0085,
  SST: 0x00fc,
  CONTINUE: 0x003c,
  LABELSST: 0x00fd,
  LABEL: 0x0204,
  RSTRING: 0x00d6,
  NUMBER: 0x0203,
  RK: 0x027e,
  MULRK: 0x00bd,
  BOOLERR: 0x0205,
  FORMULA: 0x0006,
  STRING: 0x0207,
  MERGEDCELLS: 0x00e5,
  ROW: 0x0208,
  COLINFO: 0x007d,
} as const;

const ERRORS: Record<number, string> = { 0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A' };

interface Rec {
  type: number;
  /** Offset of the record header in the stream. */
  pos: number;
  /** The record data followed by the data of its CONTINUE records, each a separate segment. */
  parts: Uint8Array[];
}

/** One record's data, read across its CONTINUE segments. */
class Reader {
  private seg = 0;
  private off = 0;
  constructor(private readonly parts: Uint8Array[]) {}

  get data(): Uint8Array {
    return this.parts[0]!;
  }

  private cur(): Uint8Array {
    while (this.seg < this.parts.length && this.off >= this.parts[this.seg]!.length) {
      this.seg++;
      this.off = 0;
    }
    if (this.seg >= this.parts.length) throw new BiffError('record too short');
    return this.parts[this.seg]!;
  }

  /** At the start of a CONTINUE segment (a string's characters restart with a flags byte there). */
  private atSegmentEnd(): boolean {
    return this.off >= this.parts[this.seg]!.length;
  }

  u8(): number {
    const p = this.cur();
    return p[this.off++]!;
  }

  u16(): number {
    return this.u8() | (this.u8() << 8);
  }

  u32(): number {
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }

  skip(n: number): void {
    for (let left = n; left > 0; ) {
      const p = this.cur();
      const step = Math.min(left, p.length - this.off);
      this.off += step;
      left -= step;
    }
  }

  /**
   * `cch` characters, 8-bit (`high` false: Latin-1 in BIFF8) or UTF-16LE; when the characters
   * run into the next CONTINUE segment, that segment starts with a fresh flags byte.
   */
  chars(cch: number, high: boolean): string {
    let out = '';
    let left = cch;
    let wide = high;
    while (left > 0) {
      if (this.seg < this.parts.length && this.atSegmentEnd()) {
        this.cur();
        wide = (this.u8() & 1) === 1;
      }
      const p = this.cur();
      const avail = Math.floor((p.length - this.off) / (wide ? 2 : 1));
      if (avail === 0) throw new BiffError('split character');
      const n = Math.min(left, avail);
      out += decodeChars(p, this.off, n, wide);
      this.off += n * (wide ? 2 : 1);
      left -= n;
    }
    return out;
  }
}

function decodeChars(b: Uint8Array, off: number, n: number, wide: boolean): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(wide ? b[off + 2 * i]! | (b[off + 2 * i + 1]! << 8) : b[off + i]!);
  return s;
}

/** BIFF8 XLUnicodeString (16-bit count) or ShortXLUnicodeString (8-bit count). */
function unicodeString(r: Reader, shortCount: boolean): string {
  const cch = shortCount ? r.u8() : r.u16();
  const flags = r.u8();
  const rich = flags & 0x08 ? r.u16() : 0;
  const ext = flags & 0x04 ? r.u32() : 0;
  const s = r.chars(cch, (flags & 1) === 1);
  r.skip(rich * 4 + ext);
  return s;
}

/** BIFF5 byte string in the workbook's code page. */
function byteString(r: Reader, shortCount: boolean, decoder: TextDecoder): string {
  const cch = shortCount ? r.u8() : r.u16();
  const bytes = new Uint8Array(cch);
  for (let i = 0; i < cch; i++) bytes[i] = r.u8();
  return decoder.decode(bytes);
}

/** RK: a 30-bit integer or the high 30 bits of a double, optionally divided by 100. */
function rkValue(rk: number): number {
  let v: number;
  if (rk & 2) v = rk >> 2;
  else {
    const buf = new DataView(new ArrayBuffer(8));
    buf.setUint32(4, rk & 0xfffffffc, true);
    v = buf.getFloat64(0, true);
  }
  return rk & 1 ? v / 100 : v;
}

function f64(b: Uint8Array, off: number): number {
  if (off + 8 > b.length) throw new BiffError('short number');
  return new DataView(b.buffer, b.byteOffset + off, 8).getFloat64(0, true);
}

function u16(b: Uint8Array, off: number): number {
  if (off + 2 > b.length) throw new BiffError('short record');
  return b[off]! | (b[off + 1]! << 8);
}

function u32(b: Uint8Array, off: number): number {
  return (u16(b, off) | (u16(b, off + 2) << 16)) >>> 0;
}

/** Windows code page number → TextDecoder label (BIFF5 strings; 936 is Simplified Chinese). */
function codePageDecoder(cp: number): TextDecoder {
  const labels: Record<number, string> = { 936: 'gbk', 950: 'big5', 1252: 'windows-1252', 1200: 'utf-16le', 65001: 'utf-8', 932: 'shift_jis', 949: 'euc-kr' };
  try {
    return new TextDecoder(labels[cp] ?? `windows-${cp}`);
  } catch {
    return new TextDecoder('windows-1252');
  }
}

/** Iterates the records from `start`, attaching CONTINUE records to the one they continue. */
function* records(stream: Uint8Array, start: number, budget: Budget): Generator<Rec> {
  let p = start;
  let pending: Rec | null = null;
  while (p + 4 <= stream.length) {
    const type = u16(stream, p);
    const len = u16(stream, p + 2);
    if (p + 4 + len > stream.length) throw new BiffError('truncated record');
    if (++budget.n > MAX_RECORDS || ((budget.n & 0xfff) === 0 && Date.now() - budget.t0 > budget.ms)) throw new BiffError('too many records');
    if (type === R.CONTINUE && pending) {
      // An empty segment carries nothing (not even a string's flags byte): a storm of them costs no memory.
      if (len && pending.parts.push(stream.subarray(p + 4, p + 4 + len)) > MAX_SEGMENTS) throw new BiffError('too many records');
    } else {
      if (pending) yield pending;
      pending = { type, pos: p, parts: [stream.subarray(p + 4, p + 4 + len)] };
    }
    p += 4 + len;
  }
  if (pending) yield pending;
}

interface Globals {
  biff: 5 | 8;
  date1904: boolean;
  decoder: TextDecoder;
  formats: Map<number, string>;
  /** Per XF index: whether its number format shows a date. */
  xfDate: boolean[];
  sst: string[];
  sheets: { name: string; pos: number; hidden: boolean; kind: number }[];
}

/** Records read and the wall-clock budget, shared by every pass over the stream. */
interface Budget {
  n: number;
  t0: number;
  ms: number;
  /** Cells kept in the whole file, and their characters. */
  cells: number;
  text: { chars: number };
}

function readGlobals(stream: Uint8Array, budget: Budget): Globals | ReadFailure {
  const g: Globals = { biff: 8, date1904: false, decoder: codePageDecoder(1252), formats: new Map(), xfDate: [], sst: [], sheets: [] };
  const xfFormat: number[] = [];
  let first = true;
  for (const rec of records(stream, 0, budget)) {
    const d = rec.parts[0]!;
    if (first) {
      first = false;
      if (rec.type !== R.BOF) return fail('unsupported', (R.BOF_OLD as readonly number[]).includes(rec.type) ? MSG_OLD : MSG_BROKEN);
      const version = u16(d, 0);
      g.biff = version === 0x0500 ? 5 : 8;
      continue;
    }
    switch (rec.type) {
      case R.FILEPASS:
        return fail('unreadable', MSG_PASSWORD);
      case R.CODEPAGE:
        g.decoder = codePageDecoder(u16(d, 0));
        break;
      case R.DATE1904:
        g.date1904 = u16(d, 0) === 1;
        break;
      case R.FORMAT: {
        const r = new Reader(rec.parts);
        const id = r.u16();
        g.formats.set(id, g.biff === 8 ? unicodeString(r, false) : byteString(r, true, g.decoder));
        break;
      }
      case R.XF:
        xfFormat.push(u16(d, 2));
        break;
      case R.BOUNDSHEET: {
        const r = new Reader(rec.parts);
        const pos = r.u32();
        const hidden = (r.u8() & 0x03) !== 0;
        const kind = r.u8();
        const name = g.biff === 8 ? unicodeString(r, true) : byteString(r, true, g.decoder);
        g.sheets.push({ name, pos, hidden, kind });
        break;
      }
      case R.SST: {
        const r = new Reader(rec.parts);
        r.u32();
        const unique = r.u32();
        // The declared count is only a hint: never trust it for an allocation.
        for (let i = 0; i < unique; i++) {
          try {
            g.sst.push(unicodeString(r, false));
          } catch (e) {
            if (e instanceof BiffError) break;
            throw e;
          }
        }
        break;
      }
      case R.EOF:
        g.xfDate = xfFormat.map((f) => isBuiltinDateFormat(f) || (g.formats.has(f) && isDateFormat(g.formats.get(f)!)));
        return g;
      default:
        break;
    }
  }
  throw new BiffError('no end of globals');
}

function readSheet(stream: Uint8Array, pos: number, g: Globals, limits: ReadLimits, budget: Budget): SheetBounds {
  const out = new SheetBounds(limits, budget.text);
  let cells = 0;
  const put = (row: number, col: number, cell: Cell | null) => {
    if (!cell) return;
    if (++cells > limits.maxCellsPerSheet) throw new CellLimit();
    if (++budget.cells > limits.maxCellsPerFile) throw new CellLimit(true);
    out.put(row, col, cell);
  };
  const num = (xf: number, v: number): Cell => {
    if (g.xfDate[xf]) {
      const iso = serialToIso(v, g.date1904);
      if (iso) return { t: 'd', v: iso };
    }
    return { t: 'n', v };
  };
  let depth = 0;
  let pendingString: { row: number; col: number } | null = null;
  for (const rec of records(stream, pos, budget)) {
    const d = rec.parts[0]!;
    if (rec.type === R.BOF) {
      depth++;
      continue;
    }
    if (rec.type === R.EOF) {
      if (--depth <= 0) break;
      continue;
    }
    // Embedded charts have their own BOF…EOF: nothing of theirs is a cell.
    if (depth !== 1) continue;
    switch (rec.type) {
      case R.LABELSST: {
        const s = g.sst[u32(d, 6)];
        put(u16(d, 0), u16(d, 2), s === undefined || s === '' ? null : { t: 's', v: s });
        break;
      }
      case R.LABEL:
      case R.RSTRING: {
        const r = new Reader(rec.parts);
        r.skip(6);
        const s = g.biff === 8 ? unicodeString(r, false) : byteString(r, false, g.decoder);
        put(u16(d, 0), u16(d, 2), s ? { t: 's', v: s } : null);
        break;
      }
      case R.NUMBER:
        put(u16(d, 0), u16(d, 2), num(u16(d, 4), f64(d, 6)));
        break;
      case R.RK:
        put(u16(d, 0), u16(d, 2), num(u16(d, 4), rkValue(u32(d, 6))));
        break;
      case R.MULRK: {
        const row = u16(d, 0);
        const first = u16(d, 2);
        const n = Math.floor((d.length - 6) / 6);
        for (let i = 0; i < n; i++) put(row, first + i, num(u16(d, 4 + 6 * i), rkValue(u32(d, 6 + 6 * i))));
        break;
      }
      case R.BOOLERR: {
        const v = d[6]!;
        put(u16(d, 0), u16(d, 2), d[7] ? { t: 'e', v: ERRORS[v] ?? '#N/A' } : { t: 'b', v: v !== 0 });
        break;
      }
      case R.FORMULA: {
        const row = u16(d, 0);
        const col = u16(d, 2);
        if (u16(d, 12) !== 0xffff) {
          put(row, col, num(u16(d, 4), f64(d, 6)));
          break;
        }
        const kind = d[6]!;
        if (kind === 0) pendingString = { row, col };
        else if (kind === 1) put(row, col, { t: 'b', v: d[8] !== 0 });
        else if (kind === 2) put(row, col, { t: 'e', v: ERRORS[d[8]!] ?? '#N/A' });
        break;
      }
      case R.STRING: {
        if (!pendingString) break;
        const r = new Reader(rec.parts);
        const s = g.biff === 8 ? unicodeString(r, false) : byteString(r, false, g.decoder);
        put(pendingString.row, pendingString.col, s ? { t: 's', v: s } : null);
        pendingString = null;
        break;
      }
      case R.ROW:
        // grbit bit 5, fDyZero: the row is hidden.
        if (d.length >= 14 && u16(d, 12) & 0x20) out.hide(u16(d, 0));
        break;
      case R.COLINFO:
        // colFirst, colLast, …, grbit bit 0 fHidden.
        if (d.length >= 10 && u16(d, 8) & 0x01) out.hideColumns(u16(d, 0), u16(d, 2));
        break;
      case R.MERGEDCELLS: {
        const n = Math.min(u16(d, 0), Math.floor((d.length - 2) / 8));
        for (let i = 0; i < n; i++) {
          const o = 2 + 8 * i;
          out.merge({ top: u16(d, o), bottom: u16(d, o + 2), left: u16(d, o + 4), right: u16(d, o + 6) });
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}

class CellLimit extends Error {
  constructor(readonly wholeFile = false) {
    super('cell limit');
  }
}

/** The workbook stream of an OLE container: `Workbook` (BIFF8) or `Book` (BIFF5). */
function workbookStream(bytes: Uint8Array): Uint8Array | null {
  const cfb = CFB.parse(bytes as unknown as CFB.CFB$Blob);
  const entry = cfb.FileIndex.find((e) => e.type === 2 && /^(workbook|book)$/i.test(e.name));
  if (!entry?.content) return null;
  const c = entry.content as unknown as ArrayLike<number>;
  return c instanceof Uint8Array ? c : Uint8Array.from(c);
}

export function readXls(bytes: Uint8Array, limits: ReadLimits): { ok: true; workbook: WorkbookGrid } | ReadFailure {
  const budget: Budget = { n: 0, t0: Date.now(), ms: limits.maxReadMs, cells: 0, text: { chars: 0 } };
  try {
    const stream = workbookStream(bytes);
    if (!stream) return fail('unreadable', MSG_BROKEN);
    const g = readGlobals(stream, budget);
    if ('ok' in g) return g;
    const worksheets = g.sheets.filter((s) => s.kind === 0);
    if (worksheets.length > limits.maxSheets) {
      return fail('too-large', `工作簿有 ${worksheets.length} 个工作表，超过上限 ${limits.maxSheets} 个；请删除多余的工作表后再提交`);
    }
    const sheets: SheetGrid[] = [];
    const notes: ReadNote[] = [];
    for (const s of worksheets) {
      if (s.pos >= stream.length) throw new BiffError('sheet outside the stream');
      let read: SheetBounds;
      try {
        read = readSheet(stream, s.pos, g, limits, budget);
      } catch (e) {
        if (e instanceof CellLimit && e.wholeFile) {
          return fail('too-large', `工作簿中有内容的单元格共超过 ${limits.maxCellsPerFile} 个（全文件单元格上限），已拒绝导入；请删除多余的工作表或行列后再提交`);
        }
        if (e instanceof CellLimit) {
          return fail('too-large', `工作表“${s.name}”的单元格超过 ${limits.maxCellsPerSheet} 个，已拒绝导入；请删除多余的行列后再提交`);
        }
        throw e;
      }
      // Dense rows: records may come in any order and leave holes.
      const sheet = read.grid(s.name, notes);
      if (s.hidden) sheet.hidden = true;
      sheets.push(sheet);
    }
    return { ok: true, workbook: notes.length ? { sheets, notes } : { sheets } };
  } catch (e) {
    if (e instanceof ReadRefused) return e.failure;
    if (e instanceof BiffError && e.message === 'too many records') {
      return fail('too-large', '.xls/.et 工作簿的记录数或处理时间超过上限，已拒绝导入；请删除多余的内容后另存为 .xlsx 再提交');
    }
    return fail('unreadable', MSG_BROKEN);
  }
}
