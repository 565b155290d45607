/**
 * What goes back to a unit after a check: for each of its files, the problems found (errors and
 * warnings, in that file or about the unit as a whole), each with what to do and by when. The
 * xlsx adapter marks them in a copy of the file; the 退回说明 sheet lists them.
 */
import type { Finding, Severity } from '../findings';
import type { CheckResult, FileRecord } from '../model';
import { addTo } from '../group';
import { addDays } from '../normalize/date';
import * as catalog from '../rules/catalog';
import { RETURN_SHEET } from '../sheet/instructions';
import { cnDate } from './dates';
import type { SheetModel } from './model';
import { sheetCellOf } from './sheetCell';
import { baseName } from '../fileName';
import { squash } from '../normalize/text';
import { safeFilePart } from './templateSheets';

export interface ReturnItem {
  severity: Severity;
  rule: string;
  title: string;
  sheet: string | null;
  cell: string | null;
  message: string;
  /** What the unit has to do (the rule's requirement; until rules carry one, its description). */
  todo: string;
}

export interface ReturnCopy {
  unit: string;
  /** The submission as recorded (shown path). */
  file: string;
  /** File name of the copy: `<original name>-退回修改.xlsx`. */
  name: string;
  deadline: string;
  items: ReturnItem[];
}

export interface ReturnOptions {
  /** Resubmission deadline; default: the check date + 15 days (the rectification period). */
  deadline?: string | null;
}

const RETURN_DAYS = 15;
const SEVERITY_TEXT: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

type RuleInfo = { id: string; title: string; description: string; requirement?: string };
const RULES = new Map<string, RuleInfo>(Object.values(catalog).map((r) => [r.id, r as RuleInfo]));

/** `cell`: the finding's cell in the sheet grid (a Word-table finding has no A1 cell of its own). */
export function returnItem(f: Finding, cell: string | null = f.cell): ReturnItem {
  const rule = RULES.get(f.rule);
  const todo = f.suggestion ?? rule?.requirement ?? rule?.description ?? '请按问题说明修改';
  return { severity: f.severity, rule: f.rule, title: rule?.title ?? f.rule, sheet: f.sheet, cell, message: f.message, todo };
}

/** The note on a marked cell: the problem, then what is required. */
export function noteText(i: ReturnItem): string {
  return `【${SEVERITY_TEXT[i.severity]}】${i.title}：${i.message}\n要求：${i.todo}`;
}

/**
 * `<name>-退回修改.xlsx` (a macro workbook keeps .xlsm: its package says so), the unit first when
 * the name does not say it (备案表.xlsx from the unit's own folder → 体育部-备案表-退回修改.xlsx):
 * the office must tell the copies apart. `n` tells apart equal names.
 */
export function returnCopyName(file: string, unit: string, n = 1): string {
  const ext = /\.xlsm$/i.test(file) ? '.xlsm' : '.xlsx';
  const base = baseName(file).replace(/\.[^.]+$/, '');
  const named = squash(base).includes(squash(unit)) ? base : `${safeFilePart(unit)}-${base}`;
  return `${named}-退回修改${n > 1 ? `-${n}` : ''}${ext}`;
}

/** Files that go back: every accepted file of a unit that has errors or warnings. */
export function returnCopies(result: CheckResult, opts: ReturnOptions = {}): ReturnCopy[] {
  const deadline = opts.deadline ?? addDays(result.asOf, RETURN_DAYS);
  const cellOf = sheetCellOf(result);
  // Grouped by unit once: a city-wide batch has thousands of files and 100k+ findings.
  const serious = new Map<string, Finding[]>();
  for (const f of result.findings) if (f.severity !== 'info' && f.unit !== null) addTo(serious, f.unit, f);
  // Unit-level findings (missing forms, …) go with the unit's first accepted file only.
  const firstAccepted = new Map<string, FileRecord>();
  for (const f of result.files) if (f.status === 'accepted' && f.unit !== null && !firstAccepted.has(f.unit)) firstAccepted.set(f.unit, f);
  const out: ReturnCopy[] = [];
  const taken = new Set<string>();
  for (const rec of result.files) {
    if (rec.status !== 'accepted' || !rec.unit) continue;
    // A file split by unit holds other units' names and phones: it is not sent back; the unit's 整改通知 lists its problems.
    if (rec.byColumn) continue;
    const owns = firstAccepted.get(rec.unit) === rec;
    const items = (serious.get(rec.unit) ?? []).filter((f) => f.file === rec.file || (f.file === null && owns)).map((f) => returnItem(f, cellOf(f)));
    if (!items.length) continue;
    let name = returnCopyName(rec.file, rec.unit);
    for (let n = 2; taken.has(name); n++) name = returnCopyName(rec.file, rec.unit, n);
    taken.add(name);
    out.push({ unit: rec.unit, file: rec.file, name, deadline, items: sortItems(items) });
  }
  return out;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
function sortItems(items: ReturnItem[]): ReturnItem[] {
  const rowOf = (c: string | null) => (c ? Number(c.replace(/^[A-Z]+/, '')) : 0);
  const colOf = (c: string | null) => (c ? c.replace(/\d+$/, '') : '');
  return items.sort(
    (a, b) =>
      (a.sheet === null ? 1 : 0) - (b.sheet === null ? 1 : 0) ||
      (a.sheet ?? '').localeCompare(b.sheet ?? '') ||
      rowOf(a.cell) - rowOf(b.cell) ||
      colOf(a.cell).length - colOf(b.cell).length ||
      colOf(a.cell).localeCompare(colOf(b.cell)) ||
      RANK[a.severity] - RANK[b.severity],
  );
}

/** The 退回说明 sheet: every problem with its place, what to do and the deadline. */
export function returnSheetModel(copy: ReturnCopy): SheetModel {
  const errors = copy.items.filter((i) => i.severity === 'error').length;
  return {
    name: RETURN_SHEET,
    title: `${copy.unit}网络阵地备案表退回说明`,
    subtitle: [
      `退回文件：${baseName(copy.file)}    共 ${copy.items.length} 个问题（错误 ${errors} 个，警告 ${copy.items.length - errors} 个）`,
      `请按下表逐项修改（有问题的单元格已标色并附批注），于 ${cnDate(copy.deadline)}前重新报送。不要改动表头；本工作表可以保留，不影响重新报送。`,
    ],
    columns: [
      { header: '序号', width: 6, kind: 'integer' },
      { header: '级别', width: 6 },
      { header: '工作表', width: 10 },
      { header: '单元格', width: 8 },
      { header: '问题', width: 46, wrap: true },
      { header: '怎么改', width: 46, wrap: true },
      { header: '截止日期', width: 12, kind: 'date' },
    ],
    rows: copy.items.map((i, n) => [n + 1, SEVERITY_TEXT[i.severity], i.sheet ?? '（整个文件）', i.cell ?? '', `${i.title}：${i.message}`, i.todo, { date: copy.deadline }]),
    print: { landscape: true, fitToWidth: true },
  };
}
