/**
 * A dedicated scanner for the body of `<sheetData>`, where nearly all of a workbook's bytes are:
 * `<row r=…>`, `<c r= s= t=>` with `<v>`, `<f>` and `<is><t>` children, read by indexOf and
 * charCodeAt without the generic scanner's per-tag bookkeeping. It accepts only the plain form
 * every mainstream producer writes; at anything else (a prefix, a comment, CDATA, rich inline
 * text, an escaped or odd attribute, malformed markup) it throws BAIL and the caller reads the
 * sheet again with the generic scanner, so what it accepts reads exactly as the generic path
 * reads it and everything else is read by that path.
 */
import { decodeText, decodeXString } from './fastXml';
import type { Budget } from './limits';

/** What `v` holds when the value was read as a number (`num`). */
export const NUMBER = '#';

/** Thrown at the first thing the fast path does not take; the sheet is then read generically. */
export const BAIL = { bail: true } as const;

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUOT = 0x22;
const APOS = 0x27;
const EQ = 0x3d;
const COLON = 0x3a;
const SPACE = 0x20;

/** Attributes read per tag, and elements open inside a string item, beyond these: handed to the generic path. */
const MAX_ATTRS = 24;
const MAX_DEPTH = 16;

/** Scratch space shared by all scanners (reading is synchronous: one scanner works at a time). */
const ATTRS = new Int32Array(4 * MAX_ATTRS);
const OPEN_NAMES = new Int32Array(2 * MAX_DEPTH);

/** What `t=` said, as the constants the cell logic compares with (no string made per cell). */
const TYPES = ['s', 'str', 'n', 'b', 'e', 'd', 'inlineStr'];

/** What the scanners share: attributes of the tag just read, and string items (`<si>`, `<is>`). */
class FastScanner {
  /** Per attribute of the tag just scanned: local name start and end, value start and end. */
  protected readonly at = ATTRS;
  protected nAttrs = 0;
  protected selfClosing = false;
  /** The text of the string item just read. */
  text = '';
  /** Open elements inside a string item: where each name starts and how long it is. */
  private readonly open = OPEN_NAMES;

  constructor(protected readonly s: string) {}

  /**
   * Scans the attributes of a start tag from `i` (just past its name) to its `>`; returns where
   * that `>` is. Takes `name="value"` (or single quotes) separated by spaces, as the generic
   * scanner would, and bails at any other form.
   */
  protected attrs(i: number): number {
    const s = this.s;
    const at = this.at;
    let k = 0;
    for (;;) {
      let ch = s.charCodeAt(i);
      while (ch === SPACE) ch = s.charCodeAt(++i);
      if (ch === GT) {
        this.selfClosing = false;
        break;
      }
      if (ch === SLASH) {
        if (s.charCodeAt(i + 1) !== GT) throw BAIL;
        this.selfClosing = true;
        i++;
        break;
      }
      const start = i;
      let local = i;
      for (;;) {
        if (ch === EQ) break;
        if (ch === COLON) {
          if (local === start) local = i + 1;
        } else if (ch === SPACE || ch === GT || ch === SLASH || ch === QUOT || ch === APOS || ch === LT || ch < SPACE || ch !== ch) throw BAIL;
        ch = s.charCodeAt(++i);
      }
      if (i === start || k === MAX_ATTRS) throw BAIL;
      const q = s.charCodeAt(i + 1);
      if (q !== QUOT && q !== APOS) throw BAIL;
      const close = s.indexOf(q === QUOT ? '"' : "'", i + 2);
      if (close < 0) throw BAIL;
      at[4 * k] = local;
      at[4 * k + 1] = i;
      at[4 * k + 2] = i + 2;
      at[4 * k + 3] = close;
      k++;
      i = close + 1;
    }
    this.nAttrs = k;
    return i;
  }

  /** The first attribute of the tag just scanned whose local name is these one to three characters. */
  protected find(c0: number, c1 = -1, c2 = -1): number {
    const s = this.s;
    const at = this.at;
    const len = c1 < 0 ? 1 : c2 < 0 ? 2 : 3;
    for (let k = 0; k < this.nAttrs; k++) {
      const a = at[4 * k]!;
      if (at[4 * k + 1]! - a !== len || s.charCodeAt(a) !== c0) continue;
      if (len > 1 && s.charCodeAt(a + 1) !== c1) continue;
      if (len > 2 && s.charCodeAt(a + 2) !== c2) continue;
      return k;
    }
    return -1;
  }

  /** Whether the tag just scanned has hidden="1" (or "true"). */
  protected hiddenAttr(): boolean {
    const s = this.s;
    const at = this.at;
    for (let k = 0; k < this.nAttrs; k++) {
      const a = at[4 * k]!;
      if (at[4 * k + 1]! - a !== 6 || !s.startsWith('hidden', a)) continue;
      const v = s.slice(at[4 * k + 2]!, at[4 * k + 3]!);
      return v === '1' || v === 'true';
    }
    return false;
  }

  /** An attribute's value when it needs no decoding (no reference, tab or line end); bails otherwise. */
  protected plain(k: number): string {
    const s = this.s;
    const a = this.at[4 * k + 2]!;
    const b = this.at[4 * k + 3]!;
    for (let j = a; j < b; j++) {
      const ch = s.charCodeAt(j);
      if (ch === 0x26 || ch < SPACE) throw BAIL;
    }
    return s.slice(a, b);
  }

  /** A `t=` value between a and b, as one of the shared constants when it is a known type. */
  protected typeAt(a: number, b: number): string {
    const s = this.s;
    const len = b - a;
    if (len === 1) {
      switch (s.charCodeAt(a)) {
        case 0x73:
          return 's';
        case 0x6e:
          return 'n';
        case 0x62:
          return 'b';
        case 0x65:
          return 'e';
        case 0x64:
          return 'd';
      }
    } else if (len === 3 ? s.startsWith('str', a) : len === 9 && s.startsWith('inlineStr', a)) return len === 3 ? 'str' : 'inlineStr';
    for (let j = a; j < b; j++) {
      const ch = s.charCodeAt(j);
      if (ch === 0x26 || ch < SPACE) throw BAIL;
    }
    return s.slice(a, b);
  }

  /** A `t=` value, as one of the shared constants when it is a known type. */
  protected type(k: number): string {
    const s = this.s;
    const a = this.at[4 * k + 2]!;
    const len = this.at[4 * k + 3]! - a;
    for (const name of TYPES) if (name.length === len && s.startsWith(name, a)) return name;
    return this.plain(k);
  }

  /**
   * The rest of a string item whose start tag ends before `p`, up to its end tag `</` c0 c1 `>`:
   * the texts of its `<t>` elements at any depth, in order, `_xHHHH_` escapes decoded per `<t>`
   * (as the generic reader takes them). Phonetic runs (`<rPh>`) and anything but plain elements
   * go the generic way. Returns where the end tag ends; the text is in `this.text`.
   */
  protected stringItem(p: number, c0: number, c1: number): number {
    const s = this.s;
    const open = this.open;
    let depth = 0;
    let text = '';
    for (;;) {
      const lt = s.indexOf('<', p);
      if (lt < 0) throw BAIL;
      if (s.charCodeAt(lt + 1) === SLASH) {
        if (depth === 0) {
          if (s.charCodeAt(lt + 2) !== c0 || s.charCodeAt(lt + 3) !== c1 || s.charCodeAt(lt + 4) !== GT) throw BAIL;
          this.text = text;
          return lt + 5;
        }
        depth--;
        const a = open[2 * depth]!;
        const len = open[2 * depth + 1]!;
        for (let k = 0; k < len; k++) if (s.charCodeAt(lt + 2 + k) !== s.charCodeAt(a + k)) throw BAIL;
        if (s.charCodeAt(lt + 2 + len) !== GT) throw BAIL;
        p = lt + 3 + len;
        continue;
      }
      let j = lt + 1;
      for (let ch = s.charCodeAt(j); (ch >= 0x61 && ch <= 0x7a) || (ch >= 0x41 && ch <= 0x5a); ch = s.charCodeAt(++j));
      const len = j - lt - 1;
      const c = s.charCodeAt(j);
      if (len === 0 || (c !== SPACE && c !== GT && c !== SLASH)) throw BAIL;
      const end = this.attrs(j);
      if (len === 1 && s.charCodeAt(lt + 1) === 0x74 /* t */) {
        if (!this.selfClosing) {
          const close = s.indexOf('<', end + 1);
          if (close < 0 || s.charCodeAt(close + 1) !== SLASH || s.charCodeAt(close + 2) !== 0x74 || s.charCodeAt(close + 3) !== GT) throw BAIL;
          text += decodeXString(decodeText(s.slice(end + 1, close)));
          p = close + 4;
        } else p = end + 1;
        continue;
      }
      if (len === 3 && s.startsWith('rPh', lt + 1)) throw BAIL;
      if (!this.selfClosing) {
        if (depth === MAX_DEPTH) throw BAIL;
        open[2 * depth] = lt + 1;
        open[2 * depth + 1] = len;
        depth++;
      }
      p = end + 1;
    }
  }
}

export class CellScanner extends FastScanner {
  /** Row of the last `<row>` (as the generic path counts it), and column of the last cell. */
  row = -1;
  col = -1;
  /** The cell just read (when next() returned true). */
  cellRow = 0;
  t: string | null = null;
  style = 0;
  v: string | null = null;
  /** The value as a number when it was plain digits (then `v` is NUMBER), else -1. */
  num = -1;
  inline: string | null = null;
  fText: string | null = null;
  fType: string | null = null;
  si: string | null = null;
  hasRef = false;
  /** The cell's value-metadata index (`vm=`, Excel's rich values such as pictures in cells), else -1. */
  vm = -1;
  /** Where `</sheetData>` starts, once next() returned false. */
  pos = 0;
  /** Rows whose `<row>` says hidden="1". */
  readonly hiddenRows: number[] = [];
  /** `<c>` elements seen, for the time checks. */
  private elements = 0;

  private inRow = false;

  constructor(
    s: string,
    private readonly budget: Budget,
    start: number,
    row: number,
    col: number,
  ) {
    super(s);
    this.pos = start;
    this.row = row;
    this.col = col;
  }

  /**
   * Reads up to the next cell that has children (value, formula or inline text), placing empty
   * ones on the way; false at `</sheetData>`.
   */
  next(): boolean {
    const s = this.s;
    let p = this.pos;
    for (;;) {
      const lt = s.charCodeAt(p) === LT ? p : s.indexOf('<', p);
      if (lt < 0) throw BAIL;
      const c1 = s.charCodeAt(lt + 1);
      if (c1 === 0x63 /* c */ && this.inRow) {
        const c2 = s.charCodeAt(lt + 2);
        if (c2 !== SPACE && c2 !== GT && c2 !== SLASH) throw BAIL;
        if (this.cell(lt + 2)) return true;
        p = this.pos;
        continue;
      }
      if (c1 === SLASH) {
        if (this.inRow && s.startsWith('row>', lt + 2)) {
          this.inRow = false;
          p = lt + 6;
          continue;
        }
        if (!this.inRow && s.startsWith('sheetData>', lt + 2)) {
          this.pos = lt;
          return false;
        }
        throw BAIL;
      }
      if (c1 === 0x72 /* r */ && !this.inRow && s.startsWith('row', lt + 1)) {
        p = this.openRow(lt + 4);
        continue;
      }
      throw BAIL;
    }
  }

  private openRow(i: number): number {
    const s = this.s;
    const c = s.charCodeAt(i);
    if (c !== SPACE && c !== GT && c !== SLASH) throw BAIL;
    const end = this.attrs(i);
    const k = this.find(0x72);
    if (k >= 0) {
      const at = this.at;
      let n = 0;
      const a = at[4 * k + 2]!;
      const b = at[4 * k + 3]!;
      if (b === a || b - a > 7) throw BAIL;
      for (let j = a; j < b; j++) {
        const d = s.charCodeAt(j) - 0x30;
        if (d < 0 || d > 9) throw BAIL;
        n = n * 10 + d;
      }
      if (n < 1 || n > MAX_ROWS) throw BAIL;
      this.row = n - 1;
    } else this.row++;
    if (this.row >= MAX_ROWS) throw BAIL;
    if (this.hiddenAttr()) this.hiddenRows.push(this.row);
    this.col = -1;
    this.inRow = !this.selfClosing;
    return end + 1;
  }

  /** A `<c` at `i` (just past the name): true when it has children, now read into the fields. */
  private cell(i: number): boolean {
    const s = this.s;
    // The attributes as attrs() takes them, keeping only the first r, s and t (by local name).
    let rA = -1;
    let rB = 0;
    let sA = -1;
    let sB = 0;
    let tA = -1;
    let tB = 0;
    this.vm = -1;
    for (;;) {
      let ch = s.charCodeAt(i);
      while (ch === SPACE) ch = s.charCodeAt(++i);
      if (ch === GT) {
        this.selfClosing = false;
        break;
      }
      if (ch === SLASH) {
        if (s.charCodeAt(i + 1) !== GT) throw BAIL;
        this.selfClosing = true;
        i++;
        break;
      }
      if ((ch === 0x72 || ch === 0x73 || ch === 0x74) && s.charCodeAt(i + 1) === EQ) {
        // r="…", s="…", t="…": short values, scanned here rather than by indexOf.
        const q = s.charCodeAt(i + 2);
        if (q !== QUOT && q !== APOS) throw BAIL;
        let j = i + 3;
        for (let c = s.charCodeAt(j); c !== q; c = s.charCodeAt(++j)) if (c !== c) throw BAIL;
        if (ch === 0x72) {
          if (rA < 0) {
            rA = i + 3;
            rB = j;
          }
        } else if (ch === 0x73) {
          if (sA < 0) {
            sA = i + 3;
            sB = j;
          }
        } else if (tA < 0) {
          tA = i + 3;
          tB = j;
        }
        i = j + 1;
        continue;
      }
      const start = i;
      let local = i;
      for (;;) {
        if (ch === EQ) break;
        if (ch === COLON) {
          if (local === start) local = i + 1;
        } else if (ch <= SPACE || ch === GT || ch === SLASH || ch === QUOT || ch === APOS || ch === LT || ch !== ch) throw BAIL;
        ch = s.charCodeAt(++i);
      }
      if (i === start) throw BAIL;
      const q = s.charCodeAt(i + 1);
      if (q !== QUOT && q !== APOS) throw BAIL;
      const close = s.indexOf(q === QUOT ? '"' : "'", i + 2);
      if (close < 0) throw BAIL;
      if (i - local === 1) {
        const n = s.charCodeAt(local);
        if (n === 0x72 /* r */) {
          if (rA < 0) {
            rA = i + 2;
            rB = close;
          }
        } else if (n === 0x73 /* s */) {
          if (sA < 0) {
            sA = i + 2;
            sB = close;
          }
        } else if (n === 0x74 /* t */ && tA < 0) {
          tA = i + 2;
          tB = close;
        }
      } else if (i - local === 2 && s.charCodeAt(local) === 0x76 && s.charCodeAt(local + 1) === 0x6d && this.vm < 0) {
        this.vm = digits(s, i + 2, close);
      }
      i = close + 1;
    }
    const end = i;
    if ((++this.elements & 4095) === 0) this.budget.check();
    if (rA >= 0) {
      let j = rA;
      let col = 0;
      for (; j < rB; j++) {
        let ch = s.charCodeAt(j);
        if (ch >= 0x61 && ch <= 0x7a) ch -= 0x20;
        if (ch < 0x41 || ch > 0x5a) break;
        col = col * 26 + (ch - 0x40);
        if (col > MAX_COLS) throw BAIL;
      }
      if (j === rA || j === rB || rB - j > 7) throw BAIL;
      let row = 0;
      for (; j < rB; j++) {
        const d = s.charCodeAt(j) - 0x30;
        if (d < 0 || d > 9) throw BAIL;
        row = row * 10 + d;
      }
      if (row < 1 || row > MAX_ROWS) throw BAIL;
      this.cellRow = row - 1;
      this.col = col - 1;
    } else {
      this.cellRow = this.row < 0 ? 0 : this.row;
      if (++this.col >= MAX_COLS) throw BAIL;
    }
    if (this.selfClosing) {
      this.pos = end + 1;
      return false;
    }
    const t = tA < 0 ? null : this.typeAt(tA, tB);
    this.t = t;
    if (sA >= 0) {
      if (sB === sA || sB - sA > 9) throw BAIL;
      let n = 0;
      for (let j = sA; j < sB; j++) {
        const d = s.charCodeAt(j) - 0x30;
        if (d < 0 || d > 9) throw BAIL;
        n = n * 10 + d;
      }
      this.style = n;
    } else this.style = 0;
    // A number or a shared-string index is taken from plain digits without making a string.
    const numeric = t === null || t === 's' || t === 'n';
    this.num = -1;
    this.v = null;
    this.inline = null;
    this.fText = null;
    this.fType = null;
    this.si = null;
    this.hasRef = false;
    let p = end + 1;
    for (;;) {
      const lt = s.charCodeAt(p) === LT ? p : s.indexOf('<', p);
      if (lt < 0) throw BAIL;
      const c1 = s.charCodeAt(lt + 1);
      const c2 = s.charCodeAt(lt + 2);
      if (c1 === 0x76 /* v */) {
        if (c2 === GT) {
          const a = lt + 3;
          if (numeric) {
            // Digits, no leading zero (so String(num) gives the text back), exact in a double.
            let j = a;
            let n = 0;
            for (let ch = s.charCodeAt(j); ch >= 0x30 && ch <= 0x39; ch = s.charCodeAt(++j)) n = n * 10 + (ch - 0x30);
            const len = j - a;
            if (len > 0 && len <= 15 && (len === 1 || s.charCodeAt(a) !== 0x30) && s.charCodeAt(j) === LT && s.charCodeAt(j + 1) === SLASH && s.charCodeAt(j + 2) === 0x76 && s.charCodeAt(j + 3) === GT) {
              this.v = NUMBER;
              this.num = n;
              p = j + 4;
              continue;
            }
          }
          const close = s.indexOf('<', a);
          if (close < 0 || s.charCodeAt(close + 1) !== SLASH || s.charCodeAt(close + 2) !== 0x76 || s.charCodeAt(close + 3) !== GT) throw BAIL;
          this.v = decodeText(s.slice(a, close));
          this.num = -1;
          p = close + 4;
        } else if (c2 === SLASH && s.charCodeAt(lt + 3) === GT) {
          this.v = '';
          this.num = -1;
          p = lt + 4;
        } else throw BAIL;
      } else if (c1 === 0x66 /* f */) {
        if (c2 !== SPACE && c2 !== GT && c2 !== SLASH) throw BAIL;
        p = this.formula(lt + 2);
      } else if (c1 === 0x69 /* i */ && c2 === 0x73 /* s */) {
        const c3 = s.charCodeAt(lt + 3);
        if (c3 !== SPACE && c3 !== GT && c3 !== SLASH) throw BAIL;
        const e = this.attrs(lt + 3);
        if (this.selfClosing) {
          this.inline = '';
          p = e + 1;
        } else {
          p = this.stringItem(e + 1, 0x69, 0x73);
          this.inline = this.text;
        }
      } else if (c1 === SLASH && c2 === 0x63 && s.charCodeAt(lt + 3) === GT) {
        this.pos = lt + 4;
        return true;
      } else throw BAIL;
    }
  }

  private formula(i: number): number {
    const s = this.s;
    const end = this.attrs(i);
    const t = this.find(0x74);
    this.fType = t < 0 ? null : this.type(t);
    const si = this.find(0x73, 0x69);
    this.si = si < 0 ? null : this.plain(si);
    this.hasRef = this.find(0x72, 0x65, 0x66) >= 0;
    if (this.selfClosing) {
      this.fText = '';
      return end + 1;
    }
    const close = s.indexOf('<', end + 1);
    if (close < 0 || s.charCodeAt(close + 1) !== SLASH || s.charCodeAt(close + 2) !== 0x66 || s.charCodeAt(close + 3) !== GT) throw BAIL;
    this.fText = decodeText(s.slice(end + 1, close));
    return close + 4;
  }
}

/** Plain digits from a to b as a number (at most 9 of them), else -1. */
function digits(s: string, a: number, b: number): number {
  if (b === a || b - a > 9) return -1;
  let n = 0;
  for (let j = a; j < b; j++) {
    const d = s.charCodeAt(j) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** The body of a shared string table: `<si>` items, up to `</sst>`. */
export class StringScanner extends FastScanner {
  /** Where `</sst>` starts, once next() returned false. */
  pos = 0;

  constructor(s: string, start: number) {
    super(s);
    this.pos = start;
  }

  /** Reads the next `<si>` into `text`; false at `</sst>`. */
  next(): boolean {
    const s = this.s;
    const lt = s.indexOf('<', this.pos);
    if (lt < 0) throw BAIL;
    const c1 = s.charCodeAt(lt + 1);
    const c2 = s.charCodeAt(lt + 2);
    if (c1 === 0x73 /* s */ && c2 === 0x69 /* i */) {
      const c3 = s.charCodeAt(lt + 3);
      if (c3 !== SPACE && c3 !== GT && c3 !== SLASH) throw BAIL;
      const end = this.attrs(lt + 3);
      if (this.selfClosing) {
        this.text = '';
        this.pos = end + 1;
      } else this.pos = this.stringItem(end + 1, 0x73, 0x69);
      return true;
    }
    if (c1 === SLASH && s.startsWith('sst>', lt + 2)) {
      this.pos = lt;
      return false;
    }
    throw BAIL;
  }
}
