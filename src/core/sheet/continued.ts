/**
 * A form continued over several sheets or tables (附件1 and 附件1（续）, a Word table broken by a
 * page break, printed pages pasted into one sheet with their header repeated) is one form: its
 * parts are found here, in the order the file holds them, and checked together (check.ts).
 * What decides, in short (docs/architecture.md, "A form continued over several parts"):
 * - a part with a header continues an earlier form of the same kind when its columns are the
 *   same and its 序号 goes on from the last one, or it says so (续, 续表, （续）), or it is the
 *   same sheet's header repeated (a printed page) and its 序号 does not start again at 1;
 * - a part without a header continues the form before it (or the one its name points to) when
 *   its columns line up with that form's (as many columns, values of the columns' kinds) and
 *   its 序号 goes on, or it says so, or it has no 序号 and follows that form directly.
 * Anything else (another form, an old copy numbered from 1 again, a hidden sheet) stays a form
 * or an unrecognised sheet of its own, as before.
 */
import { type Cell, isBlank, type SheetGrid, type WorkbookGrid } from '../grid';
import type { ColumnDef, FormTemplate } from '../forms/templates';
import { FORMS } from '../forms/templates';
import { parseCount } from '../normalize/number';
import { parseDate } from '../normalize/date';
import { matchEnum } from '../normalize/enums';
import { parsePhones } from '../normalize/phone';
import { squash } from '../normalize/text';
import { saysContinued } from './labels';
import { mergeSigners } from './signer';
import { scanTables } from './detect';
import { isInstructionSheet } from './instructions';
import { extraColumnsOf, hiddenDataRows, hiddenTableColumns, linesAbove, type ParsedSheet, parseSheet, readRows } from './parse';

/** One table of a file in order: a form found by its header, or a visible sheet without one. */
export interface Table {
  sheet: SheetGrid;
  parsed: ParsedSheet | null;
}

export interface Continued {
  /** Each form with its parts in order; a form in one part is a group of one. */
  groups: ParsedSheet[][];
  /** Every part, in the order of the tables. */
  parts: ParsedSheet[];
  /** The parts read without a header of their own, under their form's header. */
  headerless: Map<ParsedSheet, SheetGrid>;
}

/** The name a continuation's name points to: 附件1（续）, 附件1(2), 附件1续 → 附件1. */
function baseName(name: string): string {
  return squash(name)
    .replace(/[([【]\s*(?:续\s*)?[一二三四五六七八九十\d]*\s*[)\]】]$/, '')
    .replace(/(?<![继连手持陆延接存])续(?:表)?[一二三四五六七八九十\d]*$/, '')
    .trim();
}

interface Group {
  form: FormTemplate;
  parts: ParsedSheet[];
  sheets: SheetGrid[];
  rows: number;
}

export function joinContinued(tables: readonly Table[]): Continued {
  const groups: Group[] = [];
  const headerless = new Map<ParsedSheet, SheetGrid>();
  const parts: ParsedSheet[] = [];
  // The group of the table just before, for a part that follows it directly.
  let prev: Group | null = null;
  for (const t of tables) {
    if (t.parsed) {
      const g: Group | null = t.sheet.hidden ? null : headedBase(groups, prev, t);
      parts.push(t.parsed);
      if (g && continuesWithHeader(g, t, prev === g)) add(g, t.parsed, t.sheet);
      else groups.push({ form: t.parsed.form, parts: [t.parsed], sheets: [t.sheet], rows: t.parsed.rows.length });
      prev = g?.parts.at(-1) === t.parsed ? g : groups.at(-1)!;
      continue;
    }
    const g: Group | null = t.sheet.hidden ? null : headerlessBase(groups, prev, t.sheet);
    const p: ParsedSheet | null = g ? headerlessPart(g, t.sheet, prev === g) : null;
    if (g && p) {
      add(g, p, t.sheet);
      headerless.set(p, t.sheet);
      parts.push(p);
    }
    prev = p ? g : null;
  }
  return { groups: groups.map((g) => g.parts), parts, headerless };
}

function add(g: Group, p: ParsedSheet, sheet: SheetGrid): void {
  g.parts.push(p);
  g.sheets.push(sheet);
  g.rows += p.rows.length;
}

/** The visible group a sheet's name points to (附件1（续） → 附件1). */
function named(groups: readonly Group[], name: string): Group | null {
  const base = baseName(name);
  if (!base || base === squash(name)) return null;
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (!g.sheets[0]!.hidden && g.sheets.some((s) => squash(s.name) === base)) return g;
  }
  return null;
}

function latestOf(groups: readonly Group[], form: FormTemplate): Group | null {
  for (let i = groups.length - 1; i >= 0; i--) if (groups[i]!.form === form && !groups[i]!.sheets[0]!.hidden) return groups[i]!;
  return null;
}

function headedBase(groups: readonly Group[], prev: Group | null, t: Table): Group | null {
  const form = t.parsed!.form;
  const byName = named(groups, t.sheet.name);
  if (byName?.form === form) return byName;
  if (prev?.form === form && !prev.sheets[0]!.hidden) return prev;
  return latestOf(groups, form);
}

function headerlessBase(groups: readonly Group[], prev: Group | null, sheet: SheetGrid): Group | null {
  const byName = named(groups, sheet.name);
  if (byName) return byName;
  // A name or a caption naming the form: 网站平台（续）.
  const text = squash(`${sheet.name} ${linesAbove(sheet, firstDataRow(sheet)).title ?? ''}`);
  for (const f of FORMS) if (f.keywords.some((k) => text.includes(squash(k)))) return latestOf(groups, f);
  return prev && !prev.sheets[0]!.hidden ? prev : null;
}

/** Whether a part's name or the lines above its table say it is continued. */
function marked(sheet: SheetGrid, above: number): boolean {
  if (saysContinued(sheet.name)) return true;
  for (let r = 0; r < above; r++) for (const c of sheet.rows[r] ?? []) if (c?.t === 's' && saysContinued(c.v)) return true;
  return false;
}

function continuesWithHeader(g: Group, t: Table, follows: boolean): boolean {
  const p = t.parsed!;
  const first = g.parts[0]!;
  const last = g.sheets.at(-1)!;
  // The next question group of an online form's repeated groups (网站2… after 网站1…) is the same form.
  if (follows && t.sheet.repeatedGroup && last.repeatedGroup && last.name === t.sheet.name) return true;
  if (!sameColumns(first.columnOf, p.columnOf)) return false;
  const next = firstSeq(p);
  if (next !== null && next === lastSeq(g) + 1) return true;
  if (marked(t.sheet, p.detection.headerTop)) return true;
  // The header repeated on the same sheet (printed pages pasted), unless its 序号 starts again.
  return follows && last.name === t.sheet.name && next !== 1;
}

function sameColumns(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, c] of a) if (b.get(k) !== c) return false;
  return true;
}

/** An integer 序号 as typed (3, '3', '3.'), else null. */
function seqValue(cell: Cell | null | undefined): number | null {
  if (!cell) return null;
  if (cell.t === 'n') return Number.isInteger(cell.v) ? cell.v : null;
  if (cell.t !== 's') return null;
  const m = /^\s*(\d{1,6})\s*[.、]?\s*$/.exec(cell.v);
  return m ? Number(m[1]) : null;
}

function firstSeq(p: ParsedSheet): number | null {
  const col = p.columnOf.get('seq');
  return col === undefined || !p.rows.length ? null : seqValue(p.rows[0]!.cells[col]);
}

/** The last 序号 of the group, or its row count when that is not a number. */
function lastSeq(g: Group): number {
  for (let i = g.parts.length - 1; i >= 0; i--) {
    const p = g.parts[i]!;
    if (!p.rows.length) continue;
    const col = p.columnOf.get('seq');
    return (col === undefined ? null : seqValue(p.rows.at(-1)!.cells[col])) ?? g.rows;
  }
  return g.rows;
}

/** The first row with two filled cells: a caption or title line above it has one. */
function firstDataRow(sheet: SheetGrid): number {
  const from = sheet.origin?.top ?? 0;
  for (let r = from; r < sheet.rows.length; r++) {
    let filled = 0;
    for (const c of sheet.rows[r] ?? []) if (!isBlank(c) && ++filled >= 2) return r;
  }
  return sheet.rows.length;
}

/** Columns a table spans: a Word table's grid, a sheet's header or filled cells. */
function widthOf(rows: readonly (readonly (Cell | null | undefined)[])[], filledOnly: boolean): number {
  let w = 0;
  for (const row of rows) {
    if (!filledOnly) w = Math.max(w, row.length);
    else for (let c = row.length - 1; c >= w; c--) if (!isBlank(row[c])) w = c + 1;
  }
  return w;
}

/** Whether a value is of the kind its column wants; null for text columns, where the template says nothing. */
function fits(def: ColumnDef, cell: Cell | null | undefined): boolean | null {
  switch (def.type) {
    case 'seq':
      return seqValue(cell) !== null;
    case 'phone': {
      const r = parsePhones(cell);
      return r.phones.length > 0 && !r.invalid.length;
    }
    case 'date':
      return parseDate(cell, def.month, def.year).ok;
    case 'count':
      return parseCount(cell).ok;
    case 'enum':
      return matchEnum(def.enumKind!, cell).ok;
    default:
      return null;
  }
}

type Shape = 'number' | 'date' | 'text';

/** A value's rough shape: what a text column of the first part holds says what its continuation may. */
function shapeOf(cell: Cell): Shape {
  if (cell.t === 'n') return 'number';
  if (cell.t === 'd') return 'date';
  const v = cell.t === 's' ? cell.v.trim() : '';
  if (/^\d{4}\s*[-/.年]\s*\d{1,2}/.test(v)) return 'date';
  return /^[\d\s\-+()（）/、,，.]+$/.test(v) ? 'number' : 'text';
}

/** Per text column of the first part, the shapes its values have. */
function shapes(p: ParsedSheet, defs: readonly ColumnDef[]): Map<string, Set<Shape>> {
  const out = new Map<string, Set<Shape>>();
  for (const d of defs) {
    if (d.type !== 'text' && d.type !== 'url') continue;
    const col = p.columnOf.get(d.key)!;
    const seen = new Set<Shape>();
    for (const r of p.rows) {
      const c = r.cells[col];
      if (c && !isBlank(c)) seen.add(shapeOf(c));
    }
    if (seen.size) out.set(d.key, seen);
  }
  return out;
}

/**
 * The rows of a table without a header as a part of group g, when they line up with its
 * columns: no more columns than its header (a Word table: exactly as many), the required ones
 * mostly filled, and four in five filled cells of the kind their column wants (the template's
 * type, or for a text column the shape of the first part's values there: names, not numbers).
 */
function headerlessPart(g: Group, sheet: SheetGrid, follows: boolean): ParsedSheet | null {
  const first = g.parts[0]!;
  const start = firstDataRow(sheet);
  const seqCol = first.columnOf.get('seq');
  const body = readRows(sheet, start, seqCol);
  if (!body.rows.length) return null;
  const head = first.detection;
  let headerWidth = 0;
  for (const h of head.cells) if (h.column || h.text.trim()) headerWidth = h.col + 1;
  const cells = body.rows.map((r) => r.cells);
  if (widthOf(cells, true) > headerWidth) return null;
  const base = g.sheets[0]!;
  if (sheet.origin && base.origin && widthOf(sheet.rows.slice(sheet.origin.top), false) !== widthOf(base.rows.slice(head.headerTop), false)) return null;
  const defs = first.form.columns.filter((d) => first.columnOf.has(d.key));
  const known = shapes(first, defs);
  let typed = 0;
  let ok = 0;
  let required = 0;
  let filled = 0;
  for (const row of cells) {
    // A row none of whose typed cells fits (a header of other words, a list of something else) is no row of this form.
    let rowTyped = 0;
    let rowOk = 0;
    for (const d of defs) {
      const cell = row[first.columnOf.get(d.key)!];
      const blank = isBlank(cell);
      if (d.required) {
        required++;
        if (!blank) filled++;
      }
      if (blank) continue;
      const typedFit = fits(d, cell);
      if (typedFit !== null) {
        rowTyped++;
        if (typedFit) rowOk++;
      }
      const fit = typedFit ?? (known.has(d.key) ? known.get(d.key)!.has(shapeOf(cell!)) : null);
      if (fit === null) continue;
      typed++;
      if (fit) ok++;
    }
    if (rowTyped >= 2 && !rowOk) return null;
  }
  // Four in five: one mistyped phone in a short continuation still lines up; another table does not.
  if (!typed || filled * 2 < required || ok * 5 < typed * 4) return null;
  const next = seqCol === undefined ? null : seqValue(cells[0]![seqCol]);
  const says = marked(sheet, start);
  const goesOn = next !== null && next === lastSeq(g) + 1;
  if (!goesOn && !says && !(next === null && follows)) return null;
  const lines = linesAbove(sheet, start);
  const part: ParsedSheet = {
    sheet: sheet.name,
    form: first.form,
    detection: { ...head, headerTop: start, headerBottom: start - 1, dataStart: start },
    columnOf: first.columnOf,
    extraColumns: extraColumnsOf(head.cells, first.columnOf, body.rows),
    rows: body.rows,
    nothingToFile: body.nothingToFile,
    title: lines.title,
    signer: mergeSigners([...lines.signers, ...body.signers]),
  };
  const hidden = hiddenDataRows(sheet, body.rows);
  if (hidden) part.hiddenRows = hidden;
  const cols = hiddenTableColumns(sheet, part);
  if (cols) part.hiddenCols = cols;
  return part;
}

/**
 * The forms of a workbook as the checker reads them, each with its parts: stacked tables split,
 * instruction sheets left out, continued parts joined (the return copy lays each out as one sheet).
 */
export function formsOf(wb: WorkbookGrid): Continued {
  const tables: Table[] = [];
  for (const { sheet, scan } of wb.sheets.flatMap(scanTables)) {
    if (isInstructionSheet(sheet.name)) continue;
    const p = parseSheet(sheet, scan);
    if (p.kind === 'form') tables.push({ sheet, parsed: p.parsed });
    else if (p.kind === 'unrecognized' && !sheet.hidden) tables.push({ sheet, parsed: null });
  }
  return joinContinued(tables);
}
