/**
 * Evaluates the formulas filing templates use, for cells saved without a cached value (files
 * written by generators that never calculate): numbers, text, same-sheet references and ranges,
 * + - * / ^ & and unary minus, comparisons, and DATE, TODAY (the inspection date), ROW, COLUMN,
 * SUM, CONCATENATE. Anything else yields null: the caller reports the cell instead of guessing.
 */

export type Value = number | string | boolean;

export interface EvalContext {
  row: number;
  col: number;
  /**
   * The value of a cell of the same sheet (evaluating it first if it is a formula too): null when
   * empty, undefined when it cannot be known (a formula outside the subset, a cycle).
   */
  get(row: number, col: number): Value | null | undefined;
  /** TODAY() as a 1900-system serial, or null when no inspection date was given. */
  today: number | null;
}

/** Thrown for anything outside the supported subset (or an Excel error value). */
class Unsupported extends Error {}

const MAX_RANGE = 10_000;

/** 1900-system serial of a calendar date, Excel-style (months and days may overflow). */
export function dateSerial(y: number, m: number, d: number): number {
  const year = y < 1900 ? y + 1900 : y;
  const ms = Date.UTC(year, m - 1, d);
  if (!Number.isFinite(ms)) throw new Unsupported('date');
  const serial = Math.round((ms - Date.UTC(1899, 11, 30)) / 86_400_000);
  return serial < 61 ? serial - 1 : serial;
}

type Tok = { k: 'num'; v: number } | { k: 'str'; v: string } | { k: 'ref'; row: number; col: number } | { k: 'range'; r0: number; c0: number; r1: number; c1: number } | { k: 'fn'; v: string } | { k: 'op'; v: string };

function colOf(letters: string): number {
  let c = 0;
  for (const ch of letters.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return c - 1;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})/;

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = src.startsWith('=') ? 1 : 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') {
      i++;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let s = '';
      for (;;) {
        const q = src.indexOf('"', j);
        if (q < 0) throw new Unsupported('string');
        s += src.slice(j, q);
        if (src[q + 1] === '"') {
          s += '"';
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push({ k: 'str', v: s });
      continue;
    }
    const num = /^\d+(\.\d*)?([eE][+-]?\d+)?|^\.\d+([eE][+-]?\d+)?/.exec(src.slice(i));
    const cell = CELL.exec(src.slice(i));
    if (cell && !/[A-Za-z0-9_.(!]/.test(src[i + cell[0].length] ?? '')) {
      const a = { row: Number(cell[2]) - 1, col: colOf(cell[1]!) };
      i += cell[0].length;
      if (src[i] === ':') {
        const b = CELL.exec(src.slice(i + 1));
        if (!b) throw new Unsupported('range');
        i += 1 + b[0].length;
        const r1 = Number(b[2]) - 1;
        const c1 = colOf(b[1]!);
        out.push({ k: 'range', r0: Math.min(a.row, r1), c0: Math.min(a.col, c1), r1: Math.max(a.row, r1), c1: Math.max(a.col, c1) });
      } else out.push({ k: 'ref', ...a });
      continue;
    }
    if (num && /\d/.test(ch + (src[i + 1] ?? ''))) {
      out.push({ k: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i));
    if (name) {
      if (src[i + name[0].length] !== '(') {
        const up = name[0].toUpperCase();
        if (up === 'TRUE' || up === 'FALSE') {
          out.push({ k: 'num', v: up === 'TRUE' ? 1 : 0 });
          i += name[0].length;
          continue;
        }
        throw new Unsupported('name'); // defined names, other sheets
      }
      out.push({ k: 'fn', v: name[0].toUpperCase().replace(/^_XLFN\./, '') });
      i += name[0].length;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '<=' || two === '>=' || two === '<>') {
      out.push({ k: 'op', v: two });
      i += 2;
      continue;
    }
    if ('+-*/^&()=<>,'.includes(ch)) {
      out.push({ k: 'op', v: ch });
      i++;
      continue;
    }
    throw new Unsupported(ch);
  }
  return out;
}

type Operand = Value | null | { range: [number, number, number, number] };

function num(v: Operand): number {
  if (v === null || v === '') return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const n = Number(v.trim());
    if (v.trim() !== '' && Number.isFinite(n)) return n;
  }
  throw new Unsupported('#VALUE!');
}

function text(v: Operand): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object') throw new Unsupported('range');
  return String(v);
}

class Parser {
  private p = 0;
  private depth = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly ctx: EvalContext,
  ) {}

  parse(): Value | null {
    const v = this.compare();
    if (this.p !== this.toks.length) throw new Unsupported('trailing');
    if (v !== null && typeof v === 'object') throw new Unsupported('range');
    return v;
  }

  private peek(): Tok | undefined {
    return this.toks[this.p];
  }

  private isOp(v: string): boolean {
    const t = this.peek();
    return t?.k === 'op' && t.v === v;
  }

  private compare(): Operand {
    let a = this.concat();
    for (;;) {
      const t = this.peek();
      if (t?.k !== 'op' || !['=', '<>', '<', '>', '<=', '>='].includes(t.v)) return a;
      this.p++;
      const b = this.concat();
      const x = typeof a === 'number' && typeof b === 'number' ? a - b : text(a).localeCompare(text(b));
      a = { '=': x === 0, '<>': x !== 0, '<': x < 0, '>': x > 0, '<=': x <= 0, '>=': x >= 0 }[t.v]!;
    }
  }

  private concat(): Operand {
    let a = this.additive();
    while (this.isOp('&')) {
      this.p++;
      a = text(a) + text(this.additive());
    }
    return a;
  }

  private additive(): Operand {
    let a = this.term();
    for (;;) {
      if (this.isOp('+')) {
        this.p++;
        a = num(a) + num(this.term());
      } else if (this.isOp('-')) {
        this.p++;
        a = num(a) - num(this.term());
      } else return a;
    }
  }

  private term(): Operand {
    let a = this.power();
    for (;;) {
      if (this.isOp('*')) {
        this.p++;
        a = num(a) * num(this.power());
      } else if (this.isOp('/')) {
        this.p++;
        const d = num(this.power());
        if (d === 0) throw new Unsupported('#DIV/0!');
        a = num(a) / d;
      } else return a;
    }
  }

  private power(): Operand {
    const a = this.unary();
    if (!this.isOp('^')) return a;
    this.p++;
    return num(a) ** num(this.power());
  }

  private unary(): Operand {
    if (this.isOp('-')) {
      this.p++;
      return -num(this.unary());
    }
    if (this.isOp('+')) {
      this.p++;
      return this.unary();
    }
    return this.primary();
  }

  private primary(): Operand {
    const t = this.toks[this.p++];
    if (!t) throw new Unsupported('end');
    switch (t.k) {
      case 'num':
      case 'str':
        return t.v;
      case 'ref': {
        const v = this.ctx.get(t.row, t.col);
        if (v === undefined) throw new Unsupported('ref');
        return v;
      }
      case 'range':
        return { range: [t.r0, t.c0, t.r1, t.c1] };
      case 'fn':
        return this.call(t.v);
      case 'op':
        if (t.v === '(') {
          if (++this.depth > 100) throw new Unsupported('depth');
          const v = this.compare();
          this.depth--;
          if (!this.isOp(')')) throw new Unsupported(')');
          this.p++;
          return v;
        }
        throw new Unsupported(t.v);
    }
  }

  private args(): { args: Operand[]; refs: (Tok | undefined)[] } {
    if (!this.isOp('(')) throw new Unsupported('(');
    this.p++;
    const args: Operand[] = [];
    const refs: (Tok | undefined)[] = [];
    if (this.isOp(')')) {
      this.p++;
      return { args, refs };
    }
    for (;;) {
      const start = this.peek();
      args.push(this.compare());
      refs.push(start);
      if (this.isOp(',')) {
        this.p++;
        continue;
      }
      if (!this.isOp(')')) throw new Unsupported(')');
      this.p++;
      return { args, refs };
    }
  }

  private call(name: string): Operand {
    const { args, refs } = this.args();
    const place = (i: number): { row: number; col: number } => {
      const r = refs[i];
      if (r?.k === 'ref') return r;
      if (r?.k === 'range') return { row: r.r0, col: r.c0 };
      throw new Unsupported('ref');
    };
    switch (name) {
      case 'DATE':
        if (args.length !== 3) throw new Unsupported('DATE');
        return dateSerial(Math.trunc(num(args[0]!)), Math.trunc(num(args[1]!)), Math.trunc(num(args[2]!)));
      case 'TODAY':
        if (this.ctx.today === null) throw new Unsupported('TODAY');
        return this.ctx.today;
      case 'ROW':
        return (args.length ? place(0).row : this.ctx.row) + 1;
      case 'COLUMN':
        return (args.length ? place(0).col : this.ctx.col) + 1;
      case 'SUM': {
        let s = 0;
        for (const a of args) {
          if (a !== null && typeof a === 'object') {
            const [r0, c0, r1, c1] = a.range;
            if ((r1 - r0 + 1) * (c1 - c0 + 1) > MAX_RANGE) throw new Unsupported('range size');
            for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) {
              const v = this.ctx.get(r, c);
              if (v === undefined) throw new Unsupported('ref');
              if (typeof v === 'number') s += v;
            }
          } else s += num(a);
        }
        return s;
      }
      case 'CONCATENATE':
      case 'CONCAT':
        return args.map(text).join('');
      default:
        throw new Unsupported(name);
    }
  }
}

/** The formula's value, or null when it uses anything outside the supported subset. */
export function evaluate(formula: string, ctx: EvalContext): Value | null {
  try {
    const v = new Parser(tokenize(formula), ctx).parse();
    if (typeof v === 'number' && !Number.isFinite(v)) return null;
    return v ?? 0; // a reference to an empty cell shows 0
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}
