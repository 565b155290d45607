/**
 * Checks a batch of submissions: reads every sheet, identifies units, validates rows, lets the
 * newest file of a unit/form win, runs the cross-unit rules and summarises per unit.
 */
import { type FileKind, kindOf } from './classify';
import { compareFindings, type Finding, type Place } from './findings';
import { a1, cellText, columnLetters, type ReadNote, type SheetGrid, type WorkbookGrid } from './grid';
import { FORM_IDS, type FormId } from './forms/ids';
import { formById } from './forms/templates';
import { parsePhones } from './normalize/phone';
import { checkCells, checkHeader, checkSequence, type NormalRow } from './rules/cells';
import { checkDomain, unitKind, type DomainParams } from './rules/domain';
import { checkCross, type SignerContact } from './rules/cross';
import * as R from './rules/catalog';
import { scanTables } from './sheet/detect';
import { proseStatement } from './sheet/statement';
import { type ParsedSheet, parseSheet, type RawRow } from './sheet/parse';
import { squash } from './normalize/text';
import { joinContinued, type Table } from './sheet/continued';
import { isInstructionSheet } from './sheet/instructions';
import { mergeSigners, type Signer } from './sheet/signer';
import { officeDay } from './report/dates';
import { rowsSubmitted } from './sheet/submitted';
import { transposedForm } from './sheet/transposed';
import { baseName } from './fileName';
import { PARAM_DEFAULTS } from './scoring/params';
import { locateInTable, tableOrigin, type TableOrigin } from './sheet/locate';
import type { CheckResult, ConsolidatedRow, FileRecord, SheetRecord, UnitSummary } from './model';
import { unitRows, type UnitRows } from './sheet/unitColumn';
import { afterSchool, nearestUnit, pickUnit, type Roster, unitCandidatesFromFileName, unitCandidatesFromFolders, unitFromTitle } from './units';

export type ReadOutcome =
  | { ok: true; workbook: WorkbookGrid; kind?: string; encoding?: string; mismatch?: { extension: string; actual: string } }
  | { ok: false; problem: 'unreadable' | 'unsupported' | 'too-large'; detail: string };

export interface Submission {
  /** Path as given by the user (shown in reports). */
  file: string;
  sha256: string;
  size: number;
  /** Submission time as given (file modification time), ISO date-time. */
  modified?: string | null;
  read: ReadOutcome;
}

export interface CheckOptions extends Partial<Omit<DomainParams, 'asOf'>> {
  asOf: string;
  deadline?: string | null;
  roster?: Roster | null;
  requiredForms?: readonly FormId[];
}

/** The checker's thresholds when a caller gives none: the parameter defaults (scoring/params.ts). */
export const CHECK_DEFAULTS = { staleWarnDays: PARAM_DEFAULTS.staleWarnDays, staleErrorDays: PARAM_DEFAULTS.staleErrorDays, bigvThreshold: PARAM_DEFAULTS.bigvThreshold } as const;

/** One sheet's checked rows: plain data, so it can cross a worker boundary. */
export interface SheetCheck {
  form: FormId;
  sheet: string;
  rows: NormalRow[];
  findings: Finding[];
  record: SheetRecord;
  /** The sheet is a Word table: its findings are located as 表n 第r行. */
  origin?: TableOrigin;
}

/**
 * Everything checked within one file, without its grid: checkFile() runs anywhere (worker
 * threads, a Web Worker), consolidate() then works across files.
 */
export interface FileCheck {
  /** Position in the batch as given (the later of two equal-time files wins). */
  index: number;
  file: string;
  record: FileRecord;
  findings: Finding[];
  sheets: SheetCheck[];
  signer: Signer;
  /** Not a unit's submission but the roster, a score workbook or a result (classify.ts). */
  other?: Exclude<FileKind, 'submission'>;
  /** The other units' parts of a file holding several units' rows (sheet/unitColumn.ts); consolidate() lists them after this one. */
  more?: FileCheck[];
  /** Names the file's form titles give (示范职业技术学院网站平台…), and whether only a title named its unit. */
  titles?: string[];
  byTitle?: true;
}

/** One unit's rows of a file split by its unit column, or its sheets of a file whose sheets name several units. */
interface UnitPart {
  unit: string;
  /** The unit column's header, or 填报单位 for a split by sheet. */
  column: string;
  units: number;
  /** Split by sheet: each part is a unit's own form with its signer line and 序号. */
  bySheet?: boolean;
}

const PROBLEM_RULE = { unreadable: R.fileUnreadable, unsupported: R.fileUnsupported, 'too-large': R.fileTooLarge } as const;

const NOTE_RULE = { limit: R.readLimit, cell: R.cellUnreadable, image: R.cellImage, sheet: R.sheetUnreadable, formula: R.formulaNoValue, row: R.csvRowMalformed, encoding: R.encodingMixed } as const;

/** Findings listed per sheet; past that one findings-capped finding says how many there were. */
export const MAX_FINDINGS_PER_SHEET = 1000;

/** Appends without spreading into arguments (a spread of 100k+ items overflows the stack). */
function append<T>(to: T[], items: readonly T[]): void {
  for (const x of items) to.push(x);
}

/** The first MAX_FINDINGS_PER_SHEET findings in sheet order, and one finding saying the rest were left out. */
function capFindings(findings: Finding[], at: Place): Finding[] {
  if (findings.length <= MAX_FINDINGS_PER_SHEET) return findings;
  const kept = [...findings].sort(compareByCell).slice(0, MAX_FINDINGS_PER_SHEET);
  kept.push(R.findingsCapped.at(at, { shown: MAX_FINDINGS_PER_SHEET, total: findings.length }));
  return kept;
}

function compareByCell(a: Finding, b: Finding): number {
  return cellKey(a.cell) - cellKey(b.cell);
}

function cellKey(cell: string | null): number {
  const m = cell ? /^([A-Z]+)(\d+)$/.exec(cell) : null;
  if (!m) return -1;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return Number(m[2]) * 20_000 + col;
}

/** Whether the cell (A1) lies in a required template column of a form read from that sheet. */
function inRequiredColumn(parsed: readonly ParsedSheet[], sheet: string | undefined, cell: string): boolean {
  const m = /^([A-Z]+)(\d+)$/.exec(cell);
  if (!m) return false;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  col--;
  const row = Number(m[2]) - 1;
  return parsed.some((p) => p.sheet === sheet && row >= p.detection.dataStart && p.form.columns.some((d) => d.required && p.columnOf.get(d.key) === col));
}

/** Where a reader left a formula without a value: no "必填项为空" there, the note says why. */
function formulaCells(notes: readonly ReadNote[]): Set<string> {
  const out = new Set<string>();
  for (const n of notes) if ((n.kind === 'formula' || n.kind === 'cell' || n.kind === 'image') && n.cell) out.add(`${n.sheet ?? ''}!${n.cell}`);
  return out;
}

/** Unit candidates from the file's name, then from the folders it was collected in. */
function fileNameUnits(file: string): { name: string; source: '文件名' | '文件夹' }[] {
  return [
    ...unitCandidatesFromFileName(file).map((name) => ({ name, source: '文件名' as const })),
    ...unitCandidatesFromFolders(file).map((name) => ({ name, source: '文件夹' as const })),
  ];
}

function readFile(sub: Submission, index: number, opts: CheckOptions, domain: DomainParams, part?: UnitPart): FileCheck {
  const record: FileRecord = { file: sub.file, unit: null, status: 'accepted', sha256: sub.sha256, size: sub.size, modified: sub.modified ?? null, sheets: [] };
  const work: FileCheck = { index, file: sub.file, record, findings: [], sheets: [], signer: mergeSigners([]) };
  const roster = opts.roster ?? null;
  const fileUnit = () => pickUnit(fileNameUnits(sub.file), roster);
  if (!sub.read.ok) {
    record.status = 'rejected';
    record.unit = fileUnit()?.name ?? null;
    work.findings.push(PROBLEM_RULE[sub.read.problem].at({ file: sub.file, unit: record.unit }, { detail: sub.read.detail }));
    return work;
  }
  if (sub.read.encoding) record.encoding = sub.read.encoding;
  const notes = sub.read.workbook.notes ?? [];
  const noValue = formulaCells(notes);
  const found: ParsedSheet[] = [];
  const hidden = new Set<ParsedSheet>();
  const tables: Table[] = [];
  const origins = new Map<ParsedSheet, TableOrigin>();
  // Forms stacked on one sheet are checked one by one (sheet/detect.ts splitTables).
  for (const { sheet, scan } of sub.read.workbook.sheets.flatMap(scanTables)) {
    if (isInstructionSheet(sheet.name)) continue;
    const p = parseSheet(sheet, scan);
    if (p.kind === 'form') {
      found.push(p.parsed);
      tables.push({ sheet, parsed: p.parsed });
      if (sheet.hidden) hidden.add(p.parsed);
      if (sheet.origin) origins.set(p.parsed, tableOrigin(sheet, p.parsed)!);
    } else if (p.kind === 'unrecognized' && !sheet.hidden) tables.push({ sheet, parsed: null });
  }
  const { parsed: kept, copies } = withoutHiddenCopies(found, hidden);
  const keptSet = copies.length ? new Set(kept) : null;
  // A form continued on another sheet or table is one form in several parts (sheet/continued.ts).
  const { groups, parts: parsed, headerless } = joinContinued(keptSet ? tables.filter((t) => !t.parsed || keptSet.has(t.parsed)) : tables);
  for (const [p, sheet] of headerless) if (sheet.origin) origins.set(p, tableOrigin(sheet, p)!);
  const taken = new Set([...headerless.values()]);
  // A document with no form but a statement (情况说明: 我单位无网站、新媒体平台…) declares those forms 无.
  const statement = parsed.length ? null : proseStatement(sub.read.workbook.sheets);
  const unrecognizedSheets = tables.filter((t) => !t.parsed && !taken.has(t.sheet) && !(statement && t.sheet.prose)).map((t) => t.sheet);
  const unrecognized = unrecognizedSheets.map((t) => t.name);
  work.signer = mergeSigners(statement ? [statement.signer] : parsed.map((p) => p.signer));
  const byColumn = unitRows(parsed);
  // A part already has its unit: resolving every name again per part would cost units² lookups.
  const split = byColumn && !part ? unitsOfRows(byColumn, roster, sub.read.workbook.sheets) : null;
  const refused = split && split.units.length > 1 ? splitRefused(split, byColumn!.header, sub.read.workbook.sheets) : null;
  if (split && split.units.length > 1 && !refused) return splitByUnit(sub, index, opts, domain, byColumn!.header, split);
  const sheetsOf = !part && !split ? unitsBySheet(parsed, roster) : null;
  if (sheetsOf) return splitBySheet(sub, index, opts, domain, sheetsOf);
  // The unit column is the file's own way of naming its unit: no extra column, and no data of the 汇总.
  if (byColumn && !refused) for (const p of parsed) p.extraColumns = p.extraColumns.filter((x) => x.header !== byColumn.header);
  const unit = pickUnit(
    [
      ...(part ? [{ name: part.unit, source: '单位列' as const }] : []),
      ...parsed.map((p) => ({ name: p.signer.unit, source: '填报单位' as const })),
      ...(statement ? [{ name: statement.signer.unit, source: '填报单位' as const }] : []),
      ...(split?.units.length === 1 ? [{ name: split.units[0]!, source: '单位列' as const }] : []),
      ...fileNameUnits(sub.file),
      ...parsed.map((p) => ({ name: p.title ? unitFromTitle(p.title) : null, source: '标题' as const })),
      // A sheet named after the unit (教务处), where the roster knows it and nothing before named one.
      ...(roster ? parsed.map((p) => ({ name: p.sheet, source: '工作表' as const })) : []),
    ],
    roster,
  );
  record.unit = unit?.name ?? null;
  const titles = [...new Set(parsed.map((p) => (p.title ? unitFromTitle(p.title) : null)).filter((t): t is string => !!t))];
  if (titles.length) work.titles = titles;
  if (unit?.source === '标题') work.byTitle = true;
  if (part) record.byColumn = part.column;
  const at: Place = { file: sub.file, unit: record.unit };
  if (refused) work.findings.push(R.readLimit.at(at, { detail: refused }));
  if (part?.bySheet) work.findings.push(R.fileSplitBySheet.at(at, { units: part.units, sheets: parsed.map((p) => p.sheet).filter((s, i, all) => all.indexOf(s) === i) }));
  else if (part) work.findings.push(R.fileSplitByUnit.at(at, { column: part.column, units: part.units, rows: parsed.reduce((n, p) => n + p.rows.length, 0) }));
  for (const n of notes) {
    // A picture where the form needs a value is an unreadable cell (error); elsewhere (备注) only a warning.
    const rule = n.kind === 'image' && n.cell && inRequiredColumn(parsed, n.sheet, n.cell) ? R.cellUnreadable : NOTE_RULE[n.kind];
    work.findings.push(rule.at({ ...at, sheet: n.sheet ?? null, cell: n.cell ?? null }, { detail: n.detail }));
  }
  const unreadable = notes.some((n) => n.kind === 'sheet');
  if (sub.read.mismatch) work.findings.push(R.fileExtensionMismatch.at(at, sub.read.mismatch));
  for (const c of copies) work.findings.push((c.same ? R.sheetCopy : R.sheetHiddenCopy).at({ ...at, sheet: c.copy.sheet, form: c.copy.form.id }, { form: c.copy.form.title, visible: c.visible }));
  for (const sheet of unrecognizedSheets) {
    record.sheets.push({ sheet: sheet.name, form: null, rows: 0 });
    const down = transposedForm(sheet);
    work.findings.push(down ? R.sheetTransposed.at({ ...at, sheet: sheet.name, form: down.id }, { form: down.title }) : R.sheetUnrecognized.at({ ...at, sheet: sheet.name }, {}));
  }
  if (statement) return declared(work, statement, unit === null, at);
  if (!parsed.length) {
    record.status = 'rejected';
    // Every sheet blank: the unit sent an empty workbook, which is no unrecognised form.
    if (!unrecognized.length && !unreadable) work.findings.push(R.fileUnreadable.at(at, { detail: '文件中没有任何内容（所有工作表都是空的），请填写备案表后重新提交' }));
    return work;
  }
  const { runs, byForm } = sheetRuns(groups, parsed);
  if (!unit) {
    record.status = 'rejected';
    work.findings.push(R.unitUnidentified.at(at, {}));
    for (const run of runs) record.sheets.push({ sheet: run.sheet, form: run.parts[0]!.form.id, rows: run.parts.reduce((n, p) => n + p.rows.length, 0) });
    return work;
  }
  const kind = unitKind(unit.rosterUnit?.category ?? null, unit.name);
  const ctx: FormContext = { at, asOf: opts.asOf, domain, kind, noValue, origins, headerless, split: !!part && !part.bySheet };
  const checks = new Map<SheetRun, SheetCheck>();
  groups.forEach((g, i) => checkForm(g, byForm[i]!, ctx, checks));
  for (const run of runs) {
    const s = checks.get(run)!;
    work.sheets.push(s);
    work.record.sheets.push(s.record);
  }
  // A template sent back untouched says "nothing filled" once per form, and nothing else.
  const untouched = parsed.every((p) => !p.rows.length && !p.nothingToFile);
  // An online form's export or the office's own merge has no signer line to ask a unit for.
  if (!untouched && !(part && !part.bySheet)) {
    const labels = { head: '单位负责人', filler: '填表人', fillerPhone: '填表人电话' };
    for (const gap of signerGaps(groups, origins)) work.findings.push(R.signerMissing.at({ ...at, sheet: gap.sheet, form: gap.form }, { missing: gap.missing.map((k) => labels[k]) }));
  }
  return work;
}

const SIGNER_FIELDS = ['head', 'filler', 'fillerPhone'] as const;

/**
 * Form sheets whose signer line lacks a field (RULES signer-missing): each sheet prints as its
 * own form to be signed, so one sheet's line does not cover another's. A form's continuation
 * shares its first part's line, forms stacked on a sheet share the line at its top, and a Word
 * document's tables are one document with one line.
 */
function signerGaps(groups: readonly ParsedSheet[][], origins: ReadonlyMap<ParsedSheet, TableOrigin>): { sheet: string; form: FormId; missing: (typeof SIGNER_FIELDS)[number][] }[] {
  const keyOf = (p: ParsedSheet) => (origins.has(p) ? '\u0000document' : p.sheet);
  const has = new Map<string, Set<string>>();
  const first = new Map<string, ParsedSheet>();
  for (const g of groups) {
    const fields = new Set(SIGNER_FIELDS.filter((k) => g.some((p) => p.signer[k])));
    for (const p of g) {
      const key = keyOf(p);
      if (!first.has(key)) first.set(key, p);
      const set = has.get(key) ?? new Set<string>();
      for (const f of fields) set.add(f);
      has.set(key, set);
    }
  }
  const out: { sheet: string; form: FormId; missing: (typeof SIGNER_FIELDS)[number][] }[] = [];
  for (const [key, p] of first) {
    const missing = SIGNER_FIELDS.filter((k) => !has.get(key)!.has(k));
    if (missing.length) out.push({ sheet: p.sheet, form: p.form.id, missing });
  }
  return out;
}

/** Units named in the unit column (resolved through the roster, so aliases are one unit), and each sheet's data rows' unit (index; -1 for other rows). */
interface UnitSplit {
  units: string[];
  owner: Map<string, Int32Array>;
}

function unitsOfRows(byColumn: UnitRows, roster: Roster | null, sheets: readonly { name: string; rows: readonly unknown[] }[]): UnitSplit {
  const index = new Map<string, number>();
  const units: string[] = [];
  const of = new Map<string, number>();
  for (const n of byColumn.names) {
    const unit = pickUnit([{ name: n, source: '单位列' }], roster)?.name ?? n;
    if (!index.has(unit)) index.set(unit, units.push(unit) - 1);
    of.set(n, index.get(unit)!);
  }
  const owner = new Map<string, Int32Array>();
  for (const [p, rows] of byColumn.rows) {
    let own = owner.get(p.sheet);
    if (!own) owner.set(p.sheet, (own = new Int32Array(sheets.find((s) => s.name === p.sheet)?.rows.length ?? 0).fill(-1)));
    for (const [row, name] of rows) if (row < own.length) own[row] = of.get(name)!;
  }
  return { units, owner };
}

/**
 * Sheets naming different units in their 填报单位 line, the same form among them for two units
 * (the office copied units' sheets into one workbook): unit → its sheets. Null when a sheet with
 * rows names no unit or two, or the units differ only between forms (one unit's file with a
 * wrong 填报单位 on one sheet stays one file).
 */
function unitsBySheet(parsed: readonly ParsedSheet[], roster: Roster | null): Map<string, Set<string>> | null {
  const unitOfSheet = new Map<string, string>();
  const formUnits = new Map<string, Set<string>>();
  for (const p of parsed) {
    // A 填报单位 that names no unit (a blank stamp line read on to its 日期) is no unit's; with no
    // 填报单位, a tab named after a roster unit (a shared workbook, one tab per unit) is that unit's.
    const signed = p.signer.unit?.trim();
    const unit = signed ? pickUnit([{ name: signed, source: '填报单位' }], roster)?.name : roster ? pickUnit([{ name: p.sheet, source: '工作表' }], roster)?.name : undefined;
    if (!unit) {
      if (p.rows.length) return null;
      continue;
    }
    const had = unitOfSheet.get(p.sheet);
    if (had !== undefined && had !== unit) return null;
    unitOfSheet.set(p.sheet, unit);
    let units = formUnits.get(p.form.id);
    if (!units) formUnits.set(p.form.id, (units = new Set()));
    units.add(unit);
  }
  if (![...formUnits.values()].some((u) => u.size > 1)) return null;
  // A sheet holding a form part but no 填报单位 line of its own cannot be given to a unit.
  if (parsed.some((p) => !unitOfSheet.has(p.sheet))) return null;
  const out = new Map<string, Set<string>>();
  for (const [sheet, unit] of unitOfSheet) {
    let set = out.get(unit);
    if (!set) out.set(unit, (set = new Set()));
    set.add(sheet);
  }
  return out.size > 1 && out.size <= MAX_SPLIT_UNITS ? out : null;
}

/** A workbook of several units' sheets, read once per unit with only that unit's form sheets (and the sheets holding no form). */
function splitBySheet(sub: Submission, index: number, opts: CheckOptions, domain: DomainParams, sheetsOf: Map<string, Set<string>>): FileCheck {
  const taken = new Set<string>();
  for (const s of sheetsOf.values()) for (const n of s) taken.add(n);
  const units = [...sheetsOf];
  return readParts(sub, index, opts, domain, units.map(([unit]) => ({ unit, column: '填报单位', units: units.length, bySheet: true })), (sheets, k) =>
    sheets.filter((s) => !taken.has(s.name) || units[k]![1].has(s.name)),
  );
}

/** Each unit's part of a file read as that unit's own (sheetsOf: its sheets), the first part carrying the others. */
function readParts(sub: Submission, index: number, opts: CheckOptions, domain: DomainParams, parts: UnitPart[], sheetsOf: (sheets: SheetGrid[], k: number) => SheetGrid[]): FileCheck {
  const given = sub.read;
  if (!given.ok) throw new Error('unreachable: a split needs a read file');
  const [first, ...more] = parts.map((part, k) => {
    const read: ReadOutcome = { ...given, workbook: { ...given.workbook, sheets: sheetsOf(given.workbook.sheets, k) } };
    return readFile({ ...sub, read }, index, opts, domain, part);
  });
  return { ...first!, more };
}

/** Past these a file is read as one unit's, with a read-limit finding: the split reads the file once per unit. */
export const MAX_SPLIT_UNITS = 2000;
const MAX_SPLIT_WORK = 50_000_000;

/** Why a file with several units in its unit column is not split, or null when it may be. */
function splitRefused(split: UnitSplit, column: string, sheets: readonly { rows: readonly unknown[] }[]): string | null {
  const n = split.units.length;
  if (n > MAX_SPLIT_UNITS) return `“${column}”列中有 ${n} 个不同单位，超过每个文件 ${MAX_SPLIT_UNITS} 个的上限，未按单位拆分，整个文件按一个单位读取`;
  const rows = sheets.reduce((k, s) => k + s.rows.length, 0);
  if (n * rows > MAX_SPLIT_WORK) return `“${column}”列中有 ${n} 个单位、共 ${rows} 行，按单位拆分超出读取上限，整个文件按一个单位读取`;
  return null;
}

const NO_CELLS: never[] = [];

/**
 * A file with several units' rows, read once per unit with the other units' rows left blank:
 * each part is checked as that unit's own file (same sheets, same cells), the first carrying the others.
 */
function splitByUnit(sub: Submission, index: number, opts: CheckOptions, domain: DomainParams, column: string, split: UnitSplit): FileCheck {
  const parts = split.units.map((unit) => ({ unit, column, units: split.units.length }));
  return readParts(sub, index, opts, domain, parts, (sheets, k) =>
    sheets.map((s) => {
      const own = split.owner.get(s.name);
      if (!own) return s;
      const rows = s.rows.slice();
      for (let r = 0; r < own.length; r++) if (own[r]! >= 0 && own[r] !== k) rows[r] = NO_CELLS;
      return { ...s, rows };
    }),
  );
}

/** The parts of one form on one sheet (printed pages pasted there are one sheet's rows). */
interface SheetRun {
  sheet: string;
  parts: ParsedSheet[];
}

/** One run per form and sheet, in the order of the parts; and each form's runs. */
function sheetRuns(groups: readonly ParsedSheet[][], parsed: readonly ParsedSheet[]): { runs: SheetRun[]; byForm: SheetRun[][] } {
  if (groups.length === parsed.length) {
    const runs = groups.map((g) => ({ sheet: g[0]!.sheet, parts: g }));
    return { runs, byForm: runs.map((r) => [r]) };
  }
  const order = new Map(parsed.map((p, i) => [p, i]));
  const placed: { run: SheetRun; at: number }[] = [];
  const byForm = groups.map((g) => {
    const bySheet = new Map<string, SheetRun>();
    for (const p of g) {
      const run = bySheet.get(p.sheet);
      if (run) run.parts.push(p);
      else {
        const r = { sheet: p.sheet, parts: [p] };
        bySheet.set(p.sheet, r);
        placed.push({ run: r, at: order.get(p)! });
      }
    }
    return [...bySheet.values()];
  });
  return { runs: placed.sort((a, b) => a.at - b.at).map((r) => r.run), byForm };
}

interface FormContext {
  at: Place;
  asOf: string;
  domain: DomainParams;
  kind: ReturnType<typeof unitKind>;
  noValue: Set<string>;
  origins: Map<ParsedSheet, TableOrigin>;
  headerless: Map<ParsedSheet, unknown>;
  /** One unit's rows of a file split by unit: its 序号 are the whole table's, never 1..n. */
  split: boolean;
}

/**
 * One form, in one part or several: every part's cells, header and domain rules where the part
 * is, 序号 and duplicates across the parts; one SheetCheck per sheet it stands on.
 */
function checkForm(group: readonly ParsedSheet[], runs: readonly SheetRun[], ctx: FormContext, out: Map<SheetRun, SheetCheck>): void {
  const first = group[0]!;
  const form = first.form.id;
  const done = runs.map((run) => {
    const place: Place = { ...ctx.at, sheet: run.sheet, form };
    const findings: Finding[] = [];
    const domainFindings: Finding[] = [];
    const rows: NormalRow[] = [];
    for (const p of run.parts) {
      const checked = checkCells(p, { ...place, asOf: ctx.asOf });
      if (!ctx.headerless.has(p)) append(findings, p === first ? checkHeader(p, place) : newHeaderFindings(p, first, place));
      if (p.hiddenRows) findings.push(hiddenRowsFinding(p.hiddenRows, place, ctx.origins.get(p)?.top));
      if (p.hiddenCols) findings.push(hiddenColumnsFinding(p, place));
      if (p.ditto) findings.push(dittoFinding(p.ditto, place, ctx.origins.get(p)?.top));
      append(findings, checked.findings);
      append(rows, checked.rows);
      append(domainFindings, checkDomain(form, checked.rows, place, ctx.domain, ctx.kind));
    }
    return { run, place, findings, domainFindings, rows };
  });
  const sequence = checkSequence(first, done.map((d) => ({ rows: d.rows, at: d.place, top: ctx.origins.get(d.run.parts[0]!)?.top })));
  const across = ctx.split ? sequence.filter((f) => f.rule !== R.seqBroken.id) : sequence;
  for (const f of across) done.find((d) => d.run.sheet === f.sheet)!.findings.push(f);
  const empty = group.every((p) => !p.rows.length && !p.nothingToFile);
  for (const d of done) {
    const all = d.findings;
    append(all, d.domainFindings);
    const shown = ctx.noValue.size ? all.filter((f) => !(f.rule === R.cellRequired.id && ctx.noValue.has(`${d.run.sheet}!${f.cell}`))) : all;
    if (empty && d === done[0]) shown.push(R.formEmpty.at({ ...d.place, cell: firstDataCell(first) }, { form: first.form.title }));
    const findings = capFindings(shown, d.place);
    const record: SheetRecord = { sheet: d.run.sheet, form, rows: d.rows.length };
    if (d.run.parts.some((p) => p.nothingToFile) && !d.rows.length) record.nothingToFile = true;
    const origin = ctx.origins.get(d.run.parts[0]!);
    out.set(d.run, { form, sheet: d.run.sheet, rows: d.rows, findings, record, ...(origin ? { origin } : {}) });
  }
}

const HIDDEN_SHOWN = 10;

/** One rows-hidden per part: the rows as the unit sees them numbered (a Word table's from its top), the first few. */
function hiddenRowsFinding(rows: readonly number[], place: Place, top: number | undefined): Finding {
  const shown = rows.slice(0, HIDDEN_SHOWN).map((r) => String(top === undefined ? r + 1 : r - top + 1));
  const text = shown.join('、') + (rows.length > HIDDEN_SHOWN ? ' 等' : '');
  return R.rowsHidden.at({ ...place, cell: top === undefined ? `A${rows[0]! + 1}` : null }, { rows: text, count: rows.length });
}

/** One columns-hidden per part: each column by its letter and what it holds (its template label, else its header). */
function hiddenColumnsFinding(p: ParsedSheet, place: Place): Finding {
  const cols = p.hiddenCols!;
  const label = new Map<number, string>();
  for (const d of p.form.columns) {
    const c = p.columnOf.get(d.key);
    if (c !== undefined && !label.has(c)) label.set(c, d.label);
  }
  for (const x of p.extraColumns) if (x.header && !label.has(x.col)) label.set(x.col, x.header);
  const shown = cols.slice(0, HIDDEN_SHOWN).map((c) => `${columnLetters(c)} 列${label.has(c) ? `（${label.get(c)}）` : ''}`);
  const text = shown.join('、') + (cols.length > HIDDEN_SHOWN ? ' 等' : '');
  return R.columnsHidden.at({ ...place, cell: a1(p.detection.headerTop, cols[0]!) }, { columns: text, count: cols.length });
}

function dittoFinding(cells: readonly { row: number; col: number }[], place: Place, top: number | undefined): Finding {
  const first = cells[0]!;
  // A Word table's cell is named by its row in the table (第 3 行第 2 列), a sheet's by its address.
  const name = (c: { row: number; col: number }) => (top === undefined ? a1(c.row, c.col) : `第 ${c.row - top + 1} 行第 ${c.col + 1} 列`);
  return R.cellDitto.at({ ...place, cell: top === undefined ? a1(first.row, first.col) : null }, { cells: cells.slice(0, 3).map(name).join('、'), count: cells.length });
}

/** A statement's forms as filed with 无, each a sheet record of no rows; without a unit, rejected like any file. */
function declared(work: FileCheck, statement: NonNullable<ReturnType<typeof proseStatement>>, noUnit: boolean, at: Place): FileCheck {
  const { record } = work;
  work.findings.push(R.fileStatement.at({ ...at, sheet: statement.sheet }, { forms: statement.forms.map((f) => formById(f).label) }));
  if (noUnit) {
    record.status = 'rejected';
    work.findings.push(R.unitUnidentified.at(at, {}));
    return work;
  }
  for (const form of statement.forms) {
    const rec: SheetRecord = { sheet: statement.sheet, form, rows: 0, nothingToFile: true, statement: true };
    work.sheets.push({ form, sheet: statement.sheet, rows: [], findings: [], record: rec });
    record.sheets.push(rec);
  }
  return work;
}

/** A continuation's repeated header says again what the first part's said: only what is new. */
function newHeaderFindings(p: ParsedSheet, first: ParsedSheet, place: Place): Finding[] {
  const said = new Set(checkHeader(first, place).map((f) => `${f.rule}\u0000${f.message}`));
  return checkHeader(p, place).filter((f) => !said.has(`${f.rule}\u0000${f.message}`));
}

/**
 * A hidden sheet holding a form that a visible sheet of the file also holds is an old copy left
 * in the workbook: its rows would count twice (and read as duplicates), so the visible one stands.
 * A hidden sheet that is the only copy of its form is read as any other.
 */
function withoutHiddenCopies(found: ParsedSheet[], hidden: Set<ParsedSheet>): { parsed: ParsedSheet[]; copies: { copy: ParsedSheet; visible: string; same?: true }[] } {
  const visible = new Map<string, string>();
  for (const p of found) if (!hidden.has(p) && !visible.has(p.form.id)) visible.set(p.form.id, p.sheet);
  const parsed: ParsedSheet[] = [];
  const copies: { copy: ParsedSheet; visible: string; same?: true }[] = [];
  // A visible sheet whose rows are another sheet's of the same form, cell for cell (Sheet2 a copy of 附件2).
  // Of sheets with the same rows the signed one stands (a draft Sheet1 beside the signed 附件2);
  // two units' sheets (their 填报单位 or titles differ) are no copies.
  const groups = new Map<string, ParsedSheet[]>();
  const candidates = found.filter((p) => p.rows.length && !(hidden.has(p) && visible.has(p.form.id)));
  // Most files hold one sheet per form: the rows' texts are read only where a form has two.
  const perForm = new Map<string, number>();
  for (const p of candidates) perForm.set(p.form.id, (perForm.get(p.form.id) ?? 0) + 1);
  for (const p of candidates) {
    if (perForm.get(p.form.id)! < 2) continue;
    const key = contentKey(p);
    const g = groups.get(key);
    if (g) g.push(p);
    else groups.set(key, [p]);
  }
  const copyOf = new Map<ParsedSheet, string>();
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    const keep = g.find((p) => p.signer.present) ?? g[0]!;
    for (const p of g) if (p !== keep && sameSource(p, keep)) copyOf.set(p, keep.sheet);
  }
  for (const p of found) {
    const v = hidden.has(p) ? visible.get(p.form.id) : undefined;
    if (v !== undefined) copies.push({ copy: p, visible: v });
    else if (copyOf.has(p)) copies.push({ copy: p, visible: copyOf.get(p)!, same: true });
    else parsed.push(p);
  }
  return { parsed, copies };
}

/** Whether two sheets of the same rows may be one sheet and its copy: no 填报单位 or title of theirs tells two units apart. */
function sameSource(a: ParsedSheet, b: ParsedSheet): boolean {
  const differ = (x: string | null, y: string | null) => !!x && !!y && squash(x) !== squash(y);
  return !differ(a.signer.unit, b.signer.unit) && !differ(a.title, b.title);
}

/** A form's rows as the texts of all their cells but 序号 (extra columns too: 所属单位 tells units apart): equal for a sheet and its copy. */
function contentKey(p: ParsedSheet): string {
  const seq = p.columnOf.get('seq');
  const row = (cells: RawRow['cells']) => {
    const texts = cells.map((c, i) => (i === seq ? '' : cellText(c).trim()));
    while (texts.length && !texts[texts.length - 1]) texts.pop();
    return texts.join('\u0000');
  };
  return `${p.form.id}\u0002${p.rows.map((r) => row(r.cells)).join('\u0001')}`;
}

/** Where a form's first row goes: the first column after 序号, on the first data row. */
function firstDataCell(p: ParsedSheet): string {
  const seq = p.columnOf.get('seq');
  const col = Math.min(...[...p.columnOf.values()].filter((c) => c !== seq), 1e4);
  return `${columnLetters(col === 1e4 ? 0 : col)}${p.detection.dataStart + 1}`;
}

/** One bad file never stops the batch: an unexpected failure becomes a finding on that file. */
export function checkFile(sub: Submission, index: number, opts: CheckOptions): FileCheck {
  try {
    const check = readFile(sub, index, opts, domainParams(opts));
    const kind = sub.read.ok ? kindOf(sub.read.workbook, sub.file, () => check.record.sheets.some((s) => s.form !== null)) : 'submission';
    // A file split by unit is still one roster, score workbook or result: every part says so.
    if (kind !== 'submission') for (const c of [check, ...(check.more ?? [])]) c.other = kind;
    return check;
  } catch (e) {
    const record: FileRecord = { file: sub.file, unit: null, status: 'rejected', sha256: sub.sha256, size: sub.size, modified: sub.modified ?? null, sheets: [] };
    // Saving a Word document as .xlsx is impossible: Word files get the advice that works for them.
    const saveAs = /\.(docx?|wps)$/i.test(sub.file) ? '请在 Word/WPS 中另存为 .docx 后重新提交' : '请另存为 .xlsx 后重新提交';
    const detail = `处理文件时出错（${e instanceof Error ? e.message : String(e)}），${saveAs}，或联系管理员`;
    return { index, file: sub.file, record, findings: [R.fileUnreadable.at({ file: sub.file }, { detail })], sheets: [], signer: mergeSigners([]) };
  }
}

/**
 * Checks the submissions of one input (an archive's files) as they come, each read, checked and
 * let go before the next; `done` gives them as one check, the first carrying the others (and
 * every split part) as its `more`, which consolidate() lists after it.
 */
export class InputCheck {
  private readonly all: FileCheck[] = [];
  constructor(
    private readonly index: number,
    private readonly opts: CheckOptions,
  ) {}

  /** The k-th of n submissions: between this input and the next in order, so the later of two equal-time files wins, as in a folder. */
  add(sub: Submission, k: number, n: number): void {
    const { more, ...one } = checkFile(sub, this.index + k / Math.max(1, n), this.opts);
    this.all.push(one);
    if (more) for (const m of more) this.all.push(m);
  }

  /** A check made elsewhere (a worker), in order. */
  take(check: FileCheck): void {
    const { more, ...one } = check;
    this.all.push(one);
    if (more) for (const m of more) this.all.push(m);
  }

  get done(): FileCheck {
    const [first, ...more] = this.all;
    if (!first) throw new Error('an input gives at least one submission');
    return more.length ? { ...first, more } : first;
  }
}

/**
 * Newest submission wins: the file time when the two differ by more than two minutes (a copy or
 * checkout stamps all files within seconds), else the order given (sorted names: -1101 < -1112).
 */
const SAME_TIME_MS = 120_000;
function newer(a: FileCheck, b: FileCheck): boolean {
  const ta = Date.parse(a.record.modified ?? '');
  const tb = Date.parse(b.record.modified ?? '');
  if (Number.isFinite(ta) && Number.isFinite(tb) && Math.abs(ta - tb) > SAME_TIME_MS) return ta > tb;
  return a.index > b.index;
}

function domainParams(opts: CheckOptions): DomainParams {
  return { asOf: opts.asOf, ...CHECK_DEFAULTS, ...stripUndefined(opts) };
}

export function checkBatch(subs: readonly Submission[], opts: CheckOptions): CheckResult {
  const copies = new CopySkipper();
  // A byte-identical copy is not even parsed: consolidate() reports it as a duplicate.
  const checks = subs.map((sub, index) => (copies.skip(sub) ? skipped(sub, index) : checkFile(sub, index, opts)));
  return consolidate(checks, opts);
}

/**
 * Which submissions need not be parsed: a byte-identical copy of one seen, under a name that
 * names the same unit or none. The same blank template sent by 保卫处.xlsx and 档案馆.xlsx is
 * two units' filing: both are read (consolidate() keeps them apart by unit).
 */
export class CopySkipper {
  private readonly seen = new Map<string, Pick<Submission, 'file' | 'sha256'>[]>();
  skip(sub: Pick<Submission, 'file' | 'sha256'>): boolean {
    const same = this.seen.get(sub.sha256);
    if (same?.some((s) => isCopyOf(sub, s))) return true;
    if (same) same.push(sub);
    else this.seen.set(sub.sha256, [sub]);
    return false;
  }
}

/** Whether `copy`, byte-identical to `original`, is a duplicate of it rather than another unit's filing. */
export function isCopyOf(copy: Pick<Submission, 'file' | 'sha256'>, original: Pick<Submission, 'file' | 'sha256'>): boolean {
  if (copy.sha256 !== original.sha256) return false;
  const name = fileNameUnit(copy.file);
  return name === '' || name === fileNameUnit(original.file);
}

/** The unit a file's name names first (squashed), '' for none. */
function fileNameUnit(file: string): string {
  return squash(unitCandidatesFromFileName(baseName(file))[0] ?? '');
}

function skipped(sub: Submission, index: number): FileCheck {
  const record: FileRecord = { file: sub.file, unit: null, status: 'duplicate', sha256: sub.sha256, size: sub.size, modified: sub.modified ?? null, sheets: [] };
  return { index, file: sub.file, record, findings: [], sheets: [], signer: mergeSigners([]) };
}

/** consolidate() marks replaced sheets and adds findings: it works on copies, so a caller may consolidate the same checks again. */
function copyCheck(w: FileCheck): FileCheck {
  const records = new Map<SheetRecord, SheetRecord>(w.record.sheets.map((r) => [r, { ...r }]));
  const sheets = w.sheets.map((s) => ({ ...s, findings: [...s.findings], record: records.get(s.record) ?? { ...s.record } }));
  const { more: _more, ...rest } = w;
  return { ...rest, record: { ...w.record, sheets: w.record.sheets.map((r) => records.get(r)!) }, findings: [...w.findings], sheets };
}

/**
 * Without a roster, a unit named only by its form's title is no unit when the titles of other
 * units' files give the same name: it is the school's (示范职业技术学院网站平台更新登记备案表),
 * and taking it would let one unnamed file's rows replace another's. The file names no unit.
 */
function schoolNotUnit(works: FileCheck[]): void {
  const school = new Set<string>();
  for (const w of works) {
    if (w.record.status !== 'accepted' || w.byTitle || !w.titles || !w.record.unit) continue;
    for (const t of w.titles) if (squash(t) !== squash(w.record.unit)) school.add(squash(t));
  }
  if (!school.size) return;
  works.forEach((w, i) => {
    if (!w.byTitle || w.record.status !== 'accepted' || !w.record.unit || !school.has(squash(w.record.unit))) return;
    const at = { file: w.file, unit: null };
    works[i] = { ...w, record: { ...w.record, unit: null, status: 'rejected' }, sheets: [], findings: [...w.findings.map((f) => ({ ...f, unit: null })), R.unitUnidentified.at(at, {})] };
  });
}

/**
 * Without a roster, a unit named with the school's name before it in one file and without it in
 * another (示范职业技术学院计算机学院, 计算机学院) is one unit, by its short name.
 */
function oneNamePerUnit(works: FileCheck[]): void {
  const names = new Set(works.map((w) => w.record.unit).filter((u): u is string => !!u));
  const rename = new Map<string, string>();
  for (const n of names) {
    const short = afterSchool(n);
    if (short && names.has(short)) rename.set(n, short);
  }
  if (!rename.size) return;
  const fix = (f: Finding): Finding => (f.unit && rename.has(f.unit) ? { ...f, unit: rename.get(f.unit)! } : f);
  works.forEach((w, i) => {
    const to = w.record.unit ? rename.get(w.record.unit) : undefined;
    if (!to) return;
    works[i] = { ...w, record: { ...w.record, unit: to }, findings: w.findings.map(fix), sheets: w.sheets.map((s) => ({ ...s, findings: s.findings.map(fix) })) };
  });
}

/** A scan or photo of the stamped paper copy (the notice asks for it on paper): PDF, images, OFD. */
const SCAN_FILE = /\.(?:pdf|ofd|jpe?g|png|tiff?|bmp|gif|webp|heic|heif)$/i;

/**
 * A unit's scan sent beside its form file is the stamped copy, not a failed submission: the
 * file-unsupported error becomes a file-scan info naming the file read instead. A scan alone
 * stays an error (nothing of the unit could be read).
 */
function scansBeside(works: FileCheck[], accepted: readonly FileCheck[]): void {
  const read = new Map<string, string>();
  for (const w of accepted) if (w.record.unit && !read.has(w.record.unit)) read.set(w.record.unit, baseName(w.file));
  for (const w of works) {
    const unit = w.record.unit;
    if (w.record.status !== 'rejected' || !unit || !read.has(unit) || !SCAN_FILE.test(w.file)) continue;
    const i = w.findings.findIndex((f) => f.rule === R.fileUnsupported.id);
    if (i >= 0) w.findings[i] = R.fileScan.at({ file: w.file, unit }, { read: read.get(unit)! });
  }
}

/** Across files: duplicates, newest file wins, cross-unit rules, per-unit summary. */
export function consolidate(checked: readonly FileCheck[], opts: CheckOptions): CheckResult {
  const roster = opts.roster ?? null;
  const required = opts.requiredForms ?? FORM_IDS;
  const works: FileCheck[] = [];
  const bySha = new Map<string, FileCheck[]>();
  const duplicated = new Set<string>();
  const flat = checked.flatMap((w) => (w.more?.length ? [w, ...w.more] : [w]));
  for (const w of flat.sort((a, b) => a.index - b.index).map(copyCheck)) {
    // The same bytes again are a duplicate of the same unit's file: a file split by unit part by
    // part, and two units' identical files (the same blank template) are two filings. A copy
    // skipped unparsed, or naming no unit, is a duplicate of the first.
    const same = bySha.get(w.record.sha256) ?? [];
    const unit = w.record.unit;
    const first = unit === null || w.record.status === 'duplicate' ? same[0] : same.find((x) => x.record.unit === unit);
    if (first) {
      // A split file sent twice is one duplicate file, not one per unit.
      if (w.record.byColumn && duplicated.has(w.file)) continue;
      duplicated.add(w.file);
      const owner = first.record.unit;
      const { byColumn: _split, ...plain } = w.record;
      const rec: FileRecord = { ...plain, unit: owner, status: 'duplicate', sheets: [] };
      works.push({ index: w.index, file: w.file, record: rec, findings: [R.fileDuplicate.at({ file: w.file, unit: owner }, { original: baseName(first.file) })], sheets: [], signer: mergeSigners([]) });
      continue;
    }
    bySha.set(w.record.sha256, [...same, w]);
    works.push(w);
  }

  if (!roster) {
    schoolNotUnit(works);
    oneNamePerUnit(works);
  }

  // Last submission of a unit/form wins; a form itself always wins over a statement's 无.
  const accepted = works.filter((w) => w.record.status === 'accepted');
  const winner = new Map<string, { w: FileCheck; statement: boolean }>();
  for (const w of accepted) {
    for (const s of w.sheets) {
      const key = `${w.record.unit}\u0000${s.form}`;
      const cur = winner.get(key);
      const statement = !!s.record.statement;
      if (!cur || (cur.w !== w && (cur.statement && !statement ? true : cur.statement === statement && newer(w, cur.w)))) winner.set(key, { w, statement });
    }
  }
  for (const w of accepted) {
    for (const s of w.sheets) {
      const win = winner.get(`${w.record.unit}\u0000${s.form}`)!.w;
      if (win === w) continue;
      s.record.replaced = true;
      s.findings = [];
      // A statement's 无 set aside for the unit's form says nothing of its own (file-statement says what it is).
      if (s.record.statement) continue;
      w.findings.push(R.fileReplaced.at({ file: w.file, unit: w.record.unit, sheet: s.sheet, form: s.form }, { form: formById(s.form).label, newer: baseName(win.file) }));
    }
    if (w.sheets.length && w.sheets.every((s) => s.record.replaced)) w.record.status = 'replaced';
  }

  scansBeside(works, accepted);

  const tables = Object.fromEntries(FORM_IDS.map((f) => [f, [] as ConsolidatedRow[]])) as Record<FormId, ConsolidatedRow[]>;
  const signers: SignerContact[] = [];
  for (const w of accepted) {
    const unit = w.record.unit!;
    for (const s of w.sheets) {
      if (s.record.replaced) continue;
      // Named fields, not a spread: a spread of 100k+ rows costs several times more.
      for (const r of s.rows) tables[s.form].push({ unit, file: w.file, sheet: s.sheet, row: r.row, values: r.values, phones: r.phones, extras: r.extras, letters: r.letters });
    }
    if (w.signer.filler && w.signer.fillerPhone) {
      const phones = parsePhones(w.signer.fillerPhone).phones.filter((p) => p.kind !== 'short').map((p) => p.digits);
      signers.push({ unit, file: w.file, sheet: w.sheets[0]?.sheet ?? null, name: w.signer.filler, phones });
    }
  }

  const findings: Finding[] = [];
  for (const w of works) {
    append(findings, w.findings);
    for (const s of w.sheets) append(findings, s.findings);
  }
  append(findings, checkCross(tables, signers));
  const units = summarise(works, tables, roster, required, opts, findings);
  const wordTables = locateWordTables(findings, works);
  findings.sort(compareFindings);
  const byUnit = new Map(units.map((u) => [u.unit, u]));
  for (const f of findings) {
    const u = f.unit === null ? undefined : byUnit.get(f.unit);
    if (!u) continue;
    if (f.severity === 'error') u.errors++;
    else if (f.severity === 'warning') u.warnings++;
    else u.infos++;
  }
  return { asOf: opts.asOf, deadline: opts.deadline ?? null, files: works.map((w) => w.record), findings, units, tables, roster, ...(wordTables ? { wordTables } : {}) };
}

/** Findings in Word tables get 表n 第r行 locations instead of A1 cells (sheet/locate.ts); returns the tables' origins. */
function locateWordTables(findings: Finding[], works: FileCheck[]): Record<string, TableOrigin> | null {
  const origins: Record<string, TableOrigin> = {};
  let any = false;
  for (const w of works)
    for (const s of w.sheets)
      if (s.origin) {
        origins[`${w.file}\u0000${s.sheet}`] = s.origin;
        any = true;
      }
  if (!any) return null;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    const o = f.file && f.sheet ? origins[`${f.file}\u0000${f.sheet}`] : undefined;
    if (o) findings[i] = locateInTable(f, o);
  }
  return origins;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Per-unit summary plus the unit-level findings (missing, late, unknown units and forms). */
function summarise(works: FileCheck[], tables: Record<FormId, ConsolidatedRow[]>, roster: Roster | null, required: readonly FormId[], opts: CheckOptions, out: Finding[]): UnitSummary[] {
  const units = new Map<string, UnitSummary>();
  const get = (name: string) => {
    let u = units.get(name);
    if (!u) {
      const r = roster?.units.find((x) => x.name === name) ?? null;
      u = { unit: name, category: r?.category ?? null, inRoster: !!r, forms: {}, missingForms: [], lateForms: [], errors: 0, warnings: 0, infos: 0, files: [], accounts: 0, followers: 0, groups: 0, sites: 0, signer: { head: null, filler: null, fillerPhone: null } };
      units.set(name, u);
    }
    return u;
  };
  for (const r of roster?.units ?? []) get(r.name);
  for (const w of works) {
    if (w.record.status !== 'accepted' && w.record.status !== 'replaced') continue;
    const u = get(w.record.unit!);
    u.files.push(w.file);
    u.signer.head ??= w.signer.head;
    u.signer.filler ??= w.signer.filler;
    u.signer.fillerPhone ??= w.signer.fillerPhone;
    for (const s of w.sheets) {
      if (s.record.replaced) continue;
      const f = s.form;
      u.forms[f] = (u.forms[f] ?? 0) + s.rows.length;
      // The day the rows say they were submitted (an online form's export); else the day the file
      // came in on the office's clock: just after midnight there is the next day.
      const day = opts.deadline ? (rowsSubmitted(s.rows) ?? (w.record.modified ? officeDay(w.record.modified) : null)) : null;
      const late = opts.deadline && day !== null && day > opts.deadline;
      if (late && !u.lateForms.includes(f)) {
        u.lateForms.push(f);
        out.push(R.formLate.at({ unit: u.unit, file: w.file, sheet: s.sheet, form: f }, { form: formById(f).title, submitted: day, deadline: opts.deadline! }));
      }
    }
  }
  for (const f of FORM_IDS) {
    for (const r of tables[f]) {
      const u = get(r.unit);
      if (f === 'newmedia' || f === 'bigv') {
        u.accounts++;
        if (typeof r.values.followers === 'number') u.followers += r.values.followers;
      }
      if (f === 'group') u.groups++;
      if (f === 'website') u.sites++;
    }
  }
  const unreadableUnits = new Set(works.filter((w) => w.record.unit && w.findings.some((f) => f.rule === R.sheetUnreadable.id)).map((w) => w.record.unit!));
  for (const u of units.values()) {
    const submitted = Object.keys(u.forms) as FormId[];
    u.missingForms = required.filter((f) => !submitted.includes(f));
    if (!u.files.length) {
      const tried = works.filter((w) => w.record.unit === u.unit).map((w) => baseName(w.file));
      out.push(R.unitMissing.at({ unit: u.unit }, { reason: tried.length ? `（收到的 ${tried.join('、')} 无法导入）` : '' }));
      continue;
    }
    // A listed sheet that could not be read may be the "missing" form: its sheet-unreadable finding says so instead.
    if (!unreadableUnits.has(u.unit)) for (const f of u.missingForms) out.push(R.formMissing.at({ unit: u.unit, form: f }, { form: formById(f).title }));
    if (roster && !u.inRoster) out.push(R.unitUnknown.at({ unit: u.unit, file: u.files[0] ?? null }, { name: u.unit, nearest: nearestUnit(roster, u.unit) }));
  }
  return [...units.values()];
}
