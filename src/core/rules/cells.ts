/**
 * Header and cell rules for one parsed sheet: checks every cell against its column's type and
 * produces the normalised rows the consolidated tables and the domain rules use.
 */
import { a1, type Cell, cellText, columnLetters, isBlank } from '../grid';
import type { Finding, Place } from '../findings';
import type { ColumnDef } from '../forms/templates';
// Straight from each module: the index's re-exports cost a property getter per call in CommonJS.
import { parseDate } from '../normalize/date';
import { matchEnum } from '../normalize/enums';
import { parseCount } from '../normalize/number';
import { findPersonalId } from '../normalize/personal';
import { parsePhones } from '../normalize/phone';
import { cleanText, isNothingToFile, isSpace, isUnanswered, toHalfWidth } from '../normalize/text';
import type { ParsedSheet } from '../sheet/parse';
import { matchedColumns } from '../sheet/parse';
import * as R from './catalog';

export type RowValue = string | number | null;

export interface NormalRow {
  /** 0-based sheet row. */
  row: number;
  values: Record<string, RowValue>;
  /** Phones of the row's phone column, as displayed. */
  phones: string[];
  /** Extra (non-template) columns: header → text. */
  extras: Record<string, string>;
  /**
   * Column letter of each template column: one object shared by every row of the sheet (so a
   * structured clone carries it once); the cell of a column is cellOf(row, key).
   */
  letters: Record<string, string>;
}

/** A1 address of a template column's cell in a row, or null when the sheet has no such column. */
export function cellOf(r: { row: number; letters: Record<string, string> }, key: string): string | null {
  const letter = r.letters[key];
  return letter === undefined ? null : letter + (r.row + 1);
}

export interface SheetContext extends Place {
  asOf: string;
}

function shown(cell: Cell | null | undefined): string {
  return cleanText(cellText(cell));
}

/** Header findings: missing, duplicate, alias, order, extra columns. */
export function checkHeader(p: ParsedSheet, at: Place): Finding[] {
  const out: Finding[] = [];
  const headerRow = p.detection.headerBottom;
  const seen = new Map<string, number>();
  for (const m of matchedColumns(p)) {
    const cell = a1(p.detection.headerTop, m.col);
    if (seen.has(m.def.key)) {
      // A phone column split in parts (办公电话 | 手机) is one column, read as one.
      if (!p.joined?.get(m.def.key)?.includes(m.col)) out.push(R.headerDuplicateColumn.at({ ...at, cell }, { column: m.def.label }));
      continue;
    }
    seen.set(m.def.key, m.col);
    const plain = m.header.replace(/\s/g, '').replace(/[（(][^）)]*[）)]/g, '');
    if (m.alias || plain !== m.def.label) {
      out.push(R.headerAlias.at({ ...at, cell: a1(m.def.parent ? headerRow : p.detection.headerTop, m.col) }, { column: m.def.label, header: m.header.replace(/\s+/g, '') }));
    }
  }
  for (const def of p.form.columns) {
    if (def.required && !seen.has(def.key)) out.push(R.headerMissingColumn.at({ ...at, cell: null }, { column: def.label }));
  }
  const order = p.form.columns.filter((c) => seen.has(c.key)).map((c) => seen.get(c.key)!);
  if (order.some((c, i) => i > 0 && c < order[i - 1]!)) out.push(R.headerOrder.at({ ...at, cell: a1(headerRow, order[0]!) }, {}));
  for (const x of p.extraColumns) {
    if (x.header) out.push(R.headerExtraColumn.at({ ...at, cell: a1(headerRow, x.col) }, { column: x.header }));
  }
  return out;
}

/** A cell's normalised value; the digits of its phones go to `phones` (left alone for other columns). */

function checkCell(def: ColumnDef, cell: Cell | null | undefined, place: Place, asOf: string, out: Finding[], phones: string[], scale = 1): RowValue {
  const column = def.label;
  if (cell?.t === 'e') {
    out.push(R.cellFormulaError.at(place, { column, value: cell.v }));
    return null;
  }
  if (isBlank(cell) || (cell?.t === 's' && isUnanswered(cell.v))) {
    if (def.required) out.push(R.cellRequired.at(place, { column }));
    return null;
  }
  // The shown text only where it is the value or goes into a message.
  switch (def.type) {
    case 'seq': {
      if (cell?.t === 'n') return cell.v;
      // １, ２ typed full-width are the numbers they show.
      const t = toHalfWidth(shown(cell)).trim();
      return /^\d{1,6}$/.test(t) ? Number(t) : shown(cell);
    }
    case 'phone': {
      const r = parsePhones(cell);
      for (const bad of r.invalid) out.push(R.cellPhone.at(place, { column, value: bad }));
      for (const p of r.phones) if (p.kind === 'short') out.push(R.cellPhoneShort.at(place, { column, value: p.raw }));
      for (const p of r.phones) if (p.lostZero) out.push(R.cellPhoneLostZero.at(place, { column, value: p.raw, phone: p.display }));
      for (const p of r.phones) if (p.kind !== 'short') phones.push(p.digits);
      if (r.phones.length === 1) return r.phones[0]!.display;
      return r.phones.length ? r.phones.map((p) => p.display).join('/') : shown(cell);
    }
    case 'date': {
      // '/', '—', '无' in a date column say "none", as a blank does (开通日期 unknown, 清理时间 of a group kept).
      if (cell?.t === 's' && isNothingToFile(cell.v)) {
        if (def.required) out.push(R.cellRequired.at(place, { column }));
        return null;
      }
      const r = parseDate(cell, def.month, def.year);
      if (!r.ok) {
        const text = shown(cell);
        out.push((r.reason === 'month' ? R.cellDateMonth : R.cellDate).at(place, { column, value: text }));
        return text;
      }
      if (r.iso > asOf) out.push(R.cellDateFuture.at(place, { column, value: r.iso, asOf }));
      return r.iso;
    }
    case 'count': {
      const r = parseCount(cell, scale);
      if (!r.ok) {
        const text = shown(cell);
        out.push(R.cellNumber.at(place, { column, value: text }));
        return text;
      }
      if (r.normalized) out.push(R.cellNumberNormalized.at(place, { column, value: shown(cell), number: r.value }));
      return r.value;
    }
    case 'enum': {
      const r = matchEnum(def.enumKind!, cell);
      if (!r.ok) {
        const text = shown(cell);
        out.push(R.cellEnum.at(place, { column, value: text, allowed: r.allowed }));
        return text;
      }
      return r.value;
    }
    default: {
      const text = shown(cell);
      checkText(column, cell, text, place, out);
      return text;
    }
  }
}

/** A count column whose header gives its unit (粉丝人数（万）, 粉丝数量（万人）): its cells are in that unit. */
const HEADER_UNIT = /[(（]\s*(?:单位[:：]\s*)?(万|千)\s*[人个]?\s*[)）]/;
function headerScale(header: string): number {
  const m = HEADER_UNIT.exec(header);
  return m ? (m[1] === '万' ? 1e4 : 1e3) : 1;
}

/**
 * Whether the text, trimmed, starts like a formula: = + - @. An account handle (@xxgc_2019,
 * @信工青年) is no formula: after '@' only a function call or a reference (@SUM(, @Sheet1!A1) is.
 */
function formulaLike(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 0x40) return /[(!]/.test(v.slice(i + 1));
    if (c === 0x3d || c === 0x2b || c === 0x2d) return true;
    if (!isSpace(c)) return false;
  }
  return false;
}

function checkText(column: string, cell: Cell | null | undefined, text: string, place: Place, out: Finding[]): void {
  // -- or == alone is a placeholder, not a formula: one needs something after its sign.
  if (cell?.t === 's' && formulaLike(cell.v) && cell.v.trim().length > 1 && /[0-9A-Za-z\u4e00-\u9fff(]/.test(cell.v)) {
    out.push(R.cellFormulaText.at(place, { column, value: text }));
  }
  if (findPersonalId(text)) out.push(R.cellPersonalId.at(place, { column }));
}

/** A finding's place in a sheet: the cell address is built only when a finding is made. */
class CellPlace implements Place {
  unit: string | null | undefined;
  file: string | null | undefined;
  sheet: string | null | undefined;
  form: Place['form'];
  letter = '';
  rowNumber = '';
  constructor(at: Place) {
    this.unit = at.unit;
    this.file = at.file;
    this.sheet = at.sheet;
    this.form = at.form;
  }
  get cell(): string {
    return this.letter + this.rowNumber;
  }
}

/** Checks every cell of every data row; returns normalised rows and the findings. */
export function checkCells(p: ParsedSheet, ctx: SheetContext): { rows: NormalRow[]; findings: Finding[] } {
  const out: Finding[] = [];
  const defs = p.form.columns.filter((c) => p.columnOf.has(c.key));
  const cols = defs.map((d) => p.columnOf.get(d.key)!);
  const letterOf = cols.map((c) => columnLetters(c));
  const scales = defs.map((d, i) => (d.type === 'count' ? headerScale(p.detection.cells.find((h) => h.col === cols[i])?.text ?? '') : 1));
  const letters: Record<string, string> = {};
  defs.forEach((d, i) => (letters[d.key] = letterOf[i]!));
  // One place object for the sheet, its cell updated as we go: findings copy it, never keep it.
  const place = new CellPlace(ctx);
  const blank: Record<string, RowValue> = {};
  for (const d of defs) blank[d.key] = null;
  const rows: NormalRow[] = [];
  const ownerPhone = p.form.owner.phone;
  const scratch: string[] = [];
  for (const raw of p.rows) {
    // Every row has the same keys in the same order: copying them at once is cheaper than adding each.
    const values = { ...blank };
    const phones: string[] = [];
    place.rowNumber = String(raw.row + 1);
    for (let i = 0; i < defs.length; i++) {
      const def = defs[i]!;
      place.letter = letterOf[i]!;
      // Only the owner's phone column gives the row's phones; other phone columns are checked alone.
      values[def.key] = checkCell(def, raw.cells[cols[i]!], place, ctx.asOf, out, def.key === ownerPhone ? phones : scratch, scales[i]);
    }
    scratch.length = 0;
    const extras: Record<string, string> = {};
    for (const x of p.extraColumns) {
      const cell = raw.cells[x.col];
      if (isBlank(cell)) continue;
      const place = { ...ctx, cell: a1(raw.row, x.col) };
      const text = shown(cell);
      const header = x.header ?? `（无列名）${place.cell.replace(/\d+$/, '')}列`;
      extras[header] = text;
      if (!x.header) out.push(R.cellExtra.at(place, { value: text }));
      if (cell?.t === 'e') out.push(R.cellFormulaError.at(place, { column: header, value: cell.v }));
      else checkText(header, cell, text, place, out);
    }
    rows.push({ row: raw.row, values, phones, extras, letters });
  }
  return { rows, findings: out };
}

/** Checks every data row of one sheet, then its 序号 and duplicates. */
export function checkRows(p: ParsedSheet, ctx: SheetContext): { rows: NormalRow[]; findings: Finding[] } {
  const checked = checkCells(p, ctx);
  // A loop, not push(...): a sheet may give more findings than a call can take arguments.
  for (const f of checkSequence(p, [{ rows: checked.rows, at: ctx }])) checked.findings.push(f);
  return checked;
}

/**
 * The checked rows of one sheet of a form, and where their findings go. A form continued over
 * several sheets or tables has one run per sheet; its 序号 and duplicates are checked across them.
 */
export interface RowRun {
  rows: NormalRow[];
  at: Place;
  /** A Word table's first sheet row: another run names a row here by its row in the table. */
  top?: number;
}

/** 序号 1..n and duplicate rows over the runs of one form, in order. */
export function checkSequence(p: ParsedSheet, runs: readonly RowRun[]): Finding[] {
  const out = checkSeq(p, runs);
  for (const f of checkDuplicates(p, runs)) out.push(f);
  return out;
}

const SEQ_SHOWN = 20;

function checkSeq(p: ParsedSheet, runs: readonly RowRun[]): Finding[] {
  if (!p.columnOf.has('seq')) return [];
  let i = 0;
  let bad: { row: NormalRow; at: Place } | null = null;
  for (const run of runs) {
    for (const r of run.rows) {
      i++;
      if (Number(r.values.seq) !== i || String(r.values.seq ?? '').trim() === '') {
        bad = { row: r, at: run.at };
        break;
      }
    }
    if (bad) break;
  }
  if (!bad) return [];
  // The first values only: the message stays short however long the form.
  const rows = runs.length === 1 ? runs[0]!.rows : runs.flatMap((r) => r.rows);
  const got = rows.slice(0, SEQ_SHOWN).map((r) => String(r.values.seq ?? '空')).join(', ') + (rows.length > SEQ_SHOWN ? ', …' : '');
  return [R.seqBroken.at({ ...bad.at, cell: cellOf(bad.row, 'seq') }, { detail: `应为 1..${rows.length}，实际为 ${got}` })];
}

/** How a row of an earlier run is named in a finding of a later one: “附件1”第 5 行, “表1”第 4 行. */
function rowOf(run: RowRun, r: NormalRow, from: RowRun): { first: string; where?: string } {
  if (run === from) return { first: String(r.row + 1) };
  return { first: String(run.top === undefined ? r.row + 1 : r.row - run.top + 1), where: `“${run.at.sheet ?? ''}”` };
}

function checkDuplicates(p: ParsedSheet, runs: readonly RowRun[]): Finding[] {
  const out: Finding[] = [];
  // Rows by a hash of what makes them the same row; rows of one hash are told apart by sameRow.
  const whole = new Map<number, NormalRow | NormalRow[]>();
  // Rows by a hash of their unique key's text: the text itself is built only when two hashes meet.
  const byKey = new Map<number, NormalRow | NormalRow[]>();
  const keyCols = p.form.uniqueKey.filter((k) => p.columnOf.has(k));
  // Which run a row is in, only where there are several.
  const runOf = runs.length > 1 ? new Map<NormalRow, RowRun>() : null;
  for (const run of runs) {
    const at = run.at;
    const where = (prev: NormalRow) => (runOf ? rowOf(runOf.get(prev)!, prev, run) : { first: String(prev.row + 1) });
    for (const r of run.rows) {
      runOf?.set(r, run);
      const h = rowHash(r);
      const seen = whole.get(h);
      let prev: NormalRow | undefined;
      if (seen === undefined) whole.set(h, r);
      else if (Array.isArray(seen)) {
        prev = seen.find((s) => sameRow(s, r));
        if (!prev) seen.push(r);
      } else if (sameRow(seen, r)) prev = seen;
      else whole.set(h, [seen, r]);
      if (prev) {
        out.push(R.rowDuplicate.at({ ...at, cell: cellOf(r, Object.keys(r.letters)[0] ?? '') }, where(prev)));
        continue;
      }
      if (keyCols.length !== p.form.uniqueKey.length) continue;
      const kh = uniqueKeyHash(r, keyCols);
      if (kh < 0) continue;
      const same = byKey.get(kh);
      if (same === undefined) {
        byKey.set(kh, r);
        continue;
      }
      const key = uniqueKey(r, keyCols)!;
      const first = Array.isArray(same) ? same.find((s) => uniqueKey(s, keyCols) === key) : uniqueKey(same, keyCols) === key ? same : undefined;
      if (first) out.push(R.cellUnique.at({ ...at, cell: cellOf(r, keyCols[keyCols.length - 1]!) }, { key, ...where(first) }));
      else if (Array.isArray(same)) same.push(r);
      else byKey.set(kh, [same, r]);
    }
  }
  return out;
}

/** The row's key columns, lower case, joined by ' / '; null when one of them is blank. */
function uniqueKey(r: NormalRow, keyCols: readonly string[]): string | null {
  let key = '';
  for (let i = 0; i < keyCols.length; i++) {
    const part = lowerCase(String(r.values[keyCols[i]!] ?? ''));
    if (!part) return null;
    key = i ? `${key} / ${part}` : part;
  }
  return key;
}

/** A hash of uniqueKey(r)'s text, worked out without building it; -1 when there is no key. */
function uniqueKeyHash(r: NormalRow, keyCols: readonly string[]): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < keyCols.length; i++) {
    const part = lowerCase(String(r.values[keyCols[i]!] ?? ''));
    if (!part) return -1;
    if (i) for (let j = 0; j < KEY_JOIN.length; j++) h = Math.imul(h ^ KEY_JOIN.charCodeAt(j), 0x01000193);
    for (let j = 0; j < part.length; j++) h = Math.imul(h ^ part.charCodeAt(j), 0x01000193);
  }
  return h & 0x3fffffff;
}

const KEY_JOIN = ' / ';

/**
 * s.toLowerCase(), without the call where nothing has a case: ASCII other than A–Z, CJK
 * ideographs and CJK punctuation (most keys: 抖音 / dj22cqun).
 */
function lowerCase(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80 ? c >= 0x41 && c <= 0x5a : !((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f))) return s.toLowerCase();
  }
  return s;
}

/**
 * What makes two rows of a sheet the same row: every value but 序号, and the extra columns
 * (names and values, in order). A non-finite number reads like a blank, as it would in JSON.
 * The rows of a sheet have the same value keys in the same order.
 */
function sameRow(a: NormalRow, b: NormalRow): boolean {
  for (const k in a.values) if (k !== 'seq' && !sameValue(a.values[k]!, b.values[k]!)) return false;
  const ka = Object.keys(a.extras);
  const kb = Object.keys(b.extras);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i] || a.extras[ka[i]!] !== b.extras[kb[i]!]) return false;
  return true;
}

function sameValue(x: RowValue, y: RowValue): boolean {
  if (typeof x === 'string' || typeof y === 'string') return x === y;
  const fx = typeof x === 'number' && Number.isFinite(x);
  const fy = typeof y === 'number' && Number.isFinite(y);
  return fx || fy ? x === y : true;
}

/** A hash that rows the same by sameRow share: strings by length and their first and last characters. */
function rowHash(r: NormalRow): number {
  let h = 0x811c9dc5;
  for (const k in r.values) if (k !== 'seq') h = hashValue(h, r.values[k]!);
  for (const k in r.extras) h = hashValue(hashValue(h, k), r.extras[k]!);
  // Small integers are map keys without a heap number each.
  return h & 0x3fffffff;
}

/** Characters hashed at each end of a string. */
const HASHED_CHARS = 6;

function hashValue(h: number, v: RowValue): number {
  if (typeof v === 'string') {
    const n = v.length;
    if (n <= 2 * HASHED_CHARS) for (let i = 0; i < n; i++) h = Math.imul(h ^ v.charCodeAt(i), 0x01000193);
    else {
      for (let i = 0; i < HASHED_CHARS; i++) h = Math.imul(h ^ v.charCodeAt(i), 0x01000193);
      for (let i = n - HASHED_CHARS; i < n; i++) h = Math.imul(h ^ v.charCodeAt(i), 0x01000193);
    }
    return Math.imul(h ^ n, 0x01000193);
  }
  // 0 and -0 are the same value (both written 0), and so hash alike.
  if (typeof v === 'number' && Number.isFinite(v)) return Math.imul(h ^ (v | 0) ^ 0x6e00_0000, 0x01000193);
  return Math.imul(h ^ 0x7a00_0000, 0x01000193);
}
