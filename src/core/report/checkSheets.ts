/** Report models of a check: 导入记录, 校验结果, one 汇总 table per form, 单位概况. */
import { addTo } from '../group';
import { a1, parseA1 } from '../grid';
import { locationText, type Finding, type Severity } from '../findings';
import { FORM_IDS, type FormId } from '../forms/ids';
import { FORMS, formById } from '../forms/templates';
import type { CheckResult, ConsolidatedRow } from '../model';
import { cellOf } from '../rules/cells';
import { cnDate, officeDateTime } from './dates';
import { baseName } from '../fileName';
import { sheetCellOf } from './sheetCell';
import { FILLS, headerRow, type Highlight, type OutValue, type SheetModel, type WorkbookModel } from './model';

const STATUS: Record<string, string> = { accepted: '已导入', rejected: '未导入', replaced: '已被替换', duplicate: '重复跳过' };
const SEVERITY: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

export function summarySheetName(form: FormId): string {
  return `汇总_${formById(form).label}`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const formTitle = (f: FormId | null) => (f ? formById(f).label : '');

function importSheet(r: CheckResult): SheetModel {
  return {
    name: '导入记录',
    title: `导入记录（检查日期 ${cnDate(r.asOf)}）`,
    columns: [
      { header: '文件', width: 40 },
      { header: '单位', width: 18 },
      { header: '状态', width: 10 },
      { header: '识别的表格', width: 40, wrap: true },
      { header: '行数', width: 8, kind: 'integer' },
      { header: '文件时间', width: 20 },
      { header: 'SHA-256', width: 18, wrap: true },
    ],
    rows: r.files.map((f) => [
      f.file,
      f.unit,
      STATUS[f.status] ?? f.status,
      f.sheets.map((s) => `${s.sheet}→${s.form ? formTitle(s.form) : '未识别'}${s.nothingToFile ? '（无）' : ''}${s.replaced ? '（已替换）' : ''}`).join('；'),
      f.sheets.reduce((n, s) => n + s.rows, 0),
      officeDateTime(f.modified),
      f.sha256,
    ]),
    table: { name: 'T_Import' },
    freeze: { cols: 1 },
    conditionalFormats: [
      { col: 2, type: 'text-equals', text: '未导入', fill: FILLS.error },
      { col: 2, type: 'text-equals', text: '已被替换', fill: FILLS.warning },
    ],
  };
}

interface Landing {
  sheet: string;
  top: number;
  index: number;
  row: ConsolidatedRow;
  keys: string[];
}

/**
 * Lookups by file, then sheet, then a third key: nested maps, because a key string built per row
 * and per finding (hundreds of thousands in a city-wide batch) costs more than the lookup itself.
 */
class ByPlace<K, V> {
  private readonly files = new Map<string, Map<string, Map<K, V>>>();

  /** The map of one file's sheet; `create` makes it when missing. */
  sheet(file: string, sheet: string, create: true): Map<K, V>;
  sheet(file: string, sheet: string, create?: false): Map<K, V> | undefined;
  sheet(file: string, sheet: string, create = false): Map<K, V> | undefined {
    let sheets = this.files.get(file);
    if (!sheets) {
      if (!create) return undefined;
      this.files.set(file, (sheets = new Map()));
    }
    let m = sheets.get(sheet);
    if (!m && create) sheets.set(sheet, (m = new Map()));
    return m;
  }
}

type LandingIndex = ByPlace<number, Landing>;

/** Where each submitted row landed in our summary tables: for links from 校验结果. */
function summaryIndex(r: CheckResult, sheets: Map<FormId, SheetModel>): LandingIndex {
  const idx: LandingIndex = new ByPlace();
  for (const form of FORM_IDS) {
    const model = sheets.get(form)!;
    const keys = columnKeys(form);
    const top = headerRow(model);
    r.tables[form].forEach((row, index) => idx.sheet(row.file, row.sheet, true).set(row.row, { sheet: model.name, top, index, row, keys }));
  }
  return idx;
}

function findingsSheet(r: CheckResult, idx: LandingIndex, cellOfFinding: (f: Finding) => string | null): SheetModel {
  const rows: OutValue[][] = r.findings.map((f) => {
    const at = cellOfFinding(f);
    const target = at ? locate(f, at, idx) : null;
    const cell: OutValue = target ? { text: locationText(f) ?? at!, link: `#'${target.sheet}'!${target.addr}` } : locationText(f);
    return [SEVERITY[f.severity], f.rule, f.unit, baseName(f.file ?? ''), f.sheet, cell, formTitle(f.form), f.message, f.suggestion ?? null];
  });
  return {
    name: '校验结果',
    title: `校验结果：错误 ${count(r.findings, 'error')} 条，警告 ${count(r.findings, 'warning')} 条，提示 ${count(r.findings, 'info')} 条`,
    columns: [
      { header: '级别', width: 6 },
      { header: '规则', width: 22 },
      { header: '单位', width: 16 },
      { header: '文件', width: 30 },
      { header: '工作表', width: 12 },
      { header: '单元格', width: 12 },
      { header: '表格', width: 12 },
      { header: '问题说明', width: 60, wrap: true },
      { header: '修改建议', width: 30, wrap: true },
    ],
    rows,
    table: { name: 'T_Findings' },
    freeze: { cols: 0 },
    conditionalFormats: [
      { col: 0, type: 'text-equals', text: '错误', fill: FILLS.error },
      { col: 0, type: 'text-equals', text: '警告', fill: FILLS.warning },
      { col: 0, type: 'text-equals', text: '提示', fill: FILLS.info },
    ],
    print: { landscape: true, fitToWidth: true },
  };
}

function count(fs: Finding[], s: Severity): number {
  return fs.filter((f) => f.severity === s).length;
}

function locate(f: Finding, at: string, idx: LandingIndex): { sheet: string; addr: string } | null {
  const rows = f.file && f.sheet ? idx.sheet(f.file, f.sheet) : undefined;
  const p = rows ? parseA1(at) : null;
  const hit = p ? rows!.get(p.row) : undefined;
  if (!hit) return null;
  const key = Object.keys(hit.row.letters).find((k) => cellOf(hit.row, k) === at);
  const col = key ? hit.keys.indexOf(key) + 1 : 0;
  return { sheet: hit.sheet, addr: a1(hit.top + 1 + hit.index, Math.max(col, 0)) };
}

function columnKeys(form: FormId): string[] {
  return formById(form).columns.filter((c) => c.key !== 'seq').map((c) => c.key);
}

function summarySheet(form: FormId, rows: ConsolidatedRow[], findings: Finding[], cellOfFinding: (f: Finding) => string | null, wordTables?: CheckResult['wordTables']): SheetModel {
  const tpl = formById(form);
  const defs = tpl.columns.filter((c) => c.key !== 'seq');
  const extraSet = new Set<string>();
  for (const r of rows) for (const x in r.extras) extraSet.add(x);
  const extras = [...extraSet];
  const byCell = new ByPlace<string, Finding[]>();
  for (const f of findings) {
    if (f.form !== form || !f.file) continue;
    const at = cellOfFinding(f);
    if (at) addTo(byCell.sheet(f.file, `${f.sheet}`, true), at, f);
  }
  const highlights: Highlight[] = [];
  const fileNames = new Map<string, string>();
  // Plain loops: this runs once per cell of every 汇总 table (a million cells at 1,000 units).
  const out: OutValue[][] = new Array<OutValue[]>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const cells = byCell.sheet(r.file, r.sheet);
    const line = r.row + 1;
    const row: OutValue[] = [r.unit];
    for (let c = 0; c < defs.length; c++) {
      const d = defs[c]!;
      const letter = cells ? r.letters[d.key] : undefined;
      const fs = letter === undefined ? undefined : cells!.get(letter + line);
      if (fs) {
        const worst = fs.find((f) => f.severity === 'error') ?? fs.find((f) => f.severity === 'warning');
        if (worst) highlights.push({ row: i, col: c + 1, severity: worst.severity, note: fs.map((f) => f.message).join('\n') });
      }
      const v = r.values[d.key] ?? null;
      row.push(d.type === 'date' && typeof v === 'string' && ISO_DATE.test(v) ? { date: v } : v);
    }
    for (const x of extras) row.push(r.extras[x] ?? null);
    let name = fileNames.get(r.file);
    if (name === undefined) fileNames.set(r.file, (name = baseName(r.file)));
    // A Word table's row is counted in the table, as its findings say (表1 第3行), not from the page's top.
    const top = wordTables?.[`${r.file}\u0000${r.sheet}`]?.top;
    row.push(name, `${r.sheet}!${top === undefined ? line : r.row - top + 1}行`);
    out[i] = row;
  }
  return {
    name: summarySheetName(form),
    title: `${tpl.title}（汇总）`,
    columns: [
      { header: '单位', width: 16 },
      ...defs.map((d) => ({ header: d.label, width: d.width ?? 14, kind: d.type === 'count' ? ('integer' as const) : d.type === 'date' ? ('date' as const) : undefined })),
      ...extras.map((x) => ({ header: x, width: 14 })),
      { header: '来源文件', width: 28 },
      { header: '来源位置', width: 12 },
    ],
    rows: out,
    table: { name: `T_${form}` },
    freeze: { cols: 2 },
    highlights,
  };
}

function unitSheet(r: CheckResult): SheetModel {
  return {
    name: '单位概况',
    title: `单位概况（检查日期 ${cnDate(r.asOf)}）`,
    columns: [
      { header: '单位', width: 18 },
      { header: '类别', width: 10 },
      // Wide enough for 新媒体平台（行） on one line: a header broke before its closing bracket.
      ...FORMS.map((f) => ({ header: `${f.label}（行）`, width: 16, kind: 'integer' as const })),
      { header: '已报送', width: 8, kind: 'integer' },
      { header: '未报送表格', width: 30, wrap: true },
      { header: '逾期表格', width: 16 },
      { header: '错误', width: 6, kind: 'integer' },
      { header: '警告', width: 6, kind: 'integer' },
      { header: '账号数', width: 8, kind: 'integer' },
      { header: '粉丝合计', width: 10, kind: 'integer' },
      { header: '工作群', width: 8, kind: 'integer' },
      { header: '网站', width: 6, kind: 'integer' },
      { header: '在名单中', width: 10 },
    ],
    rows: r.units.map((u) => [
      u.unit,
      u.category,
      ...FORMS.map((f) => (u.forms[f.id] === undefined ? null : u.forms[f.id]!)),
      Object.keys(u.forms).length,
      u.missingForms.map(formTitle).join('、'),
      u.lateForms.map(formTitle).join('、'),
      u.errors,
      u.warnings,
      u.accounts,
      u.followers,
      u.groups,
      u.sites,
      r.roster ? (u.inRoster ? '是' : '否') : null,
    ]),
    table: { name: 'T_Units' },
    freeze: { cols: 1 },
    conditionalFormats: [{ col: 10, type: 'less-than', value: 0, fill: FILLS.error }],
  };
}

export function checkWorkbookModel(r: CheckResult): WorkbookModel {
  const cellOfFinding = sheetCellOf(r);
  const summaries = new Map(FORM_IDS.map((f) => [f, summarySheet(f, r.tables[f], r.findings, cellOfFinding, r.wordTables)] as const));
  const idx = summaryIndex(r, summaries);
  return { sheets: [importSheet(r), findingsSheet(r, idx, cellOfFinding), ...summaries.values(), unitSheet(r)] };
}
