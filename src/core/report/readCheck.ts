/**
 * The check of an earlier result, read back from its own sheets (导入记录, 校验结果, 汇总_*,
 * 单位概况): the inverse of checkSheets.ts. When a result is opened without the submissions
 * behind it (an inspector types scores into a result the office sent), deductions, ranking,
 * rectification and the check sheets still rest on that check instead of on nothing.
 *
 * What the sheets do not hold is not invented: file sizes (0), which template column a finding
 * sits in (so 汇总 cells are not highlighted again), the signers (the 整改台账 owner typed
 * there is kept by mergeEditable).
 */
import type { Finding, Severity } from '../findings';
import { addTo } from '../group';
import { FORM_IDS, type FormId } from '../forms/ids';
import { FORMS, formById } from '../forms/templates';
import type { SheetGrid } from '../grid';
import type { CheckResult, ConsolidatedRow, FileRecord, FileStatus, SheetRecord, UnitSummary } from '../model';
import type { RowValue } from '../rules/cells';
import { RULE_IDS, type RuleId } from '../rules/ids';
import type { Roster } from '../units';
import { isoFromOfficeTime } from './dates';
import { findHeaderRow, rawFromGrid, type RawValue } from './editable';
import { summarySheetName } from './checkSheets';

const SEVERITY: Record<string, Severity> = { 错误: 'error', 警告: 'warning', 提示: 'info' };
const STATUS: Record<string, FileStatus> = { 已导入: 'accepted', 未导入: 'rejected', 已被替换: 'replaced', 重复跳过: 'duplicate' };
const FORM_OF_LABEL = new Map<string, FormId>(FORMS.map((f) => [f.label, f.id]));
const RULES = new Set<string>(RULE_IDS);
/** Findings of the run itself (scores, rubric, parameters, statuses): recomputed, never read back. */
const RUN_RULE = /^(score|rubric|adjustment|params|rect)-/;

type Row = Record<string, RawValue>;

/** The data rows of a sheet under its header (found by header text), as header → value. */
function table(sheet: SheetGrid | undefined, headers: string[]): Row[] | null {
  if (!sheet) return null;
  const raw = rawFromGrid(sheet);
  const top = findHeaderRow(raw, headers, 1);
  if (top < 0) return null;
  const head = (raw[top] ?? []).map((v) => (typeof v === 'string' ? v.trim() : ''));
  const out: Row[] = [];
  for (const r of raw.slice(top + 1)) {
    if (!r || r.every((v) => v === null || v === '')) continue;
    const row: Row = {};
    head.forEach((h, i) => h && (row[h] = r[i] ?? null));
    out.push(row);
  }
  return out;
}

const text = (v: RawValue | undefined): string | null => (v === null || v === undefined || v === '' ? null : String(v));
const num = (v: RawValue | undefined): number => (typeof v === 'number' ? v : Number(v) || 0);
const forms = (v: RawValue | undefined): FormId[] =>
  (text(v) ?? '').split('、').map((s) => FORM_OF_LABEL.get(s.trim())).filter((f): f is FormId => !!f);

function finding(r: Row): Finding | null {
  const rule = text(r['规则']);
  const severity = SEVERITY[text(r['级别']) ?? ''];
  if (!rule || !RULES.has(rule) || RUN_RULE.test(rule) || !severity) return null;
  const where = text(r['单元格']);
  // A Word table's finding is told as 表n 第r行 (列名): no cell.
  const word = where ? /^表(\d+) 第(\d+)行(?: (.+))?$/.exec(where) : null;
  const f: Finding = {
    rule: rule as RuleId,
    severity,
    unit: text(r['单位']),
    file: text(r['文件']),
    sheet: text(r['工作表']),
    cell: word ? null : where,
    form: FORM_OF_LABEL.get(text(r['表格']) ?? '') ?? null,
    message: text(r['问题说明']) ?? '',
  };
  const suggestion = text(r['修改建议']);
  if (suggestion) f.suggestion = suggestion;
  if (word) Object.assign(f, { table: Number(word[1]), row: Number(word[2]), ...(word[3] ? { column: word[3] } : {}) });
  return f;
}

function fileRecord(r: Row): FileRecord | null {
  const file = text(r['文件']);
  const status = STATUS[text(r['状态']) ?? ''];
  if (!file || !status) return null;
  const sheets: SheetRecord[] = (text(r['识别的表格']) ?? '').split('；').filter(Boolean).map((part) => {
    const m = /^(.*)→(.+?)((?:（无）|（已替换）)*)$/.exec(part);
    const rec: SheetRecord = { sheet: m ? m[1]! : part, form: m ? (FORM_OF_LABEL.get(m[2]!) ?? null) : null, rows: 0 };
    if (m?.[3]?.includes('（无）')) rec.nothingToFile = true;
    if (m?.[3]?.includes('（已替换）')) rec.replaced = true;
    return rec;
  });
  // The sheet's row count is one total: it goes to the first form sheet.
  const first = sheets.find((s) => s.form);
  if (first) first.rows = num(r['行数']);
  return { file, unit: text(r['单位']), status, sha256: text(r['SHA-256']) ?? '', size: 0, modified: isoFromOfficeTime(text(r['文件时间'])), sheets };
}

function summaryRows(form: FormId, sheet: SheetGrid | undefined): ConsolidatedRow[] {
  const defs = formById(form).columns.filter((c) => c.key !== 'seq');
  const rows = table(sheet, ['单位', ...defs.map((d) => d.label), '来源文件', '来源位置']);
  if (!rows) return [];
  const known = new Set(['单位', '来源文件', '来源位置', ...defs.map((d) => d.label)]);
  return rows.flatMap((r) => {
    const unit = text(r['单位']);
    const at = /^(.*)!(\d+)行$/.exec(text(r['来源位置']) ?? '');
    if (!unit || !at) return [];
    const values: Record<string, RowValue> = {};
    for (const d of defs) {
      const v = r[d.label];
      values[d.key] = v === undefined || v === null || v === '' ? null : typeof v === 'boolean' ? String(v) : v;
    }
    const extras: Record<string, string> = {};
    for (const [h, v] of Object.entries(r)) if (!known.has(h) && text(v) !== null) extras[h] = String(v);
    return [{ unit, file: text(r['来源文件']) ?? '', sheet: at[1]!, row: Number(at[2]) - 1, values, extras, letters: {}, phones: [] }];
  });
}

function unitSummary(r: Row, infos: ReadonlyMap<string, number>, accepted: ReadonlyMap<string, string[]>): UnitSummary | null {
  const unit = text(r['单位']);
  if (!unit) return null;
  const counts: Partial<Record<FormId, number>> = {};
  for (const f of FORMS) if (r[`${f.label}（行）`] !== null && r[`${f.label}（行）`] !== undefined) counts[f.id] = num(r[`${f.label}（行）`]);
  return {
    unit,
    category: text(r['类别']),
    inRoster: text(r['在名单中']) === '是',
    forms: counts,
    missingForms: forms(r['未报送表格']),
    lateForms: forms(r['逾期表格']),
    errors: num(r['错误']),
    warnings: num(r['警告']),
    infos: infos.get(unit) ?? 0,
    files: accepted.get(unit) ?? [],
    accounts: num(r['账号数']),
    followers: num(r['粉丝合计']),
    groups: num(r['工作群']),
    sites: num(r['网站']),
    signer: { head: null, filler: null, fillerPhone: null },
  };
}

/**
 * The check an earlier result holds, or null when it holds none (a check needs at least its
 * 导入记录 and 校验结果). `asOf` and `deadline` are the run's, as for a fresh check.
 */
export function checkFromResult(sheets: readonly SheetGrid[], asOf: string, deadline: string | null): CheckResult | null {
  const byName = new Map(sheets.map((s) => [s.name.trim(), s]));
  const importRows = table(byName.get('导入记录'), ['文件', '单位', '状态', '识别的表格', 'SHA-256']);
  const findingRows = table(byName.get('校验结果'), ['级别', '规则', '单位', '文件', '问题说明']);
  if (!importRows || !findingRows) return null;
  const files = importRows.map(fileRecord).filter((f): f is FileRecord => !!f);
  // 校验结果 and 汇总 show file names; the check (and rectification keys) use the path 导入记录 has.
  const paths = new Map<string, string | null>();
  for (const f of files) {
    const base = f.file.replace(/^.*[\\/]/, '');
    paths.set(base, paths.has(base) && paths.get(base) !== f.file ? null : f.file);
  }
  const full = (file: string | null) => (file === null ? null : (paths.get(file) ?? file));
  const findings = findingRows.map(finding).filter((f): f is Finding => !!f).map((f) => ({ ...f, file: full(f.file) }));
  const unitRows = table(byName.get('单位概况'), ['单位', '类别', '已报送', '在名单中']) ?? [];
  // Counted once, not per unit: a city's result has thousands of units and findings.
  const infos = new Map<string, number>();
  for (const f of findings) if (f.severity === 'info' && f.unit) infos.set(f.unit, (infos.get(f.unit) ?? 0) + 1);
  const accepted = new Map<string, string[]>();
  for (const f of files) if (f.status === 'accepted' && f.unit) addTo(accepted, f.unit, f.file);
  const units = unitRows.map((r) => unitSummary(r, infos, accepted)).filter((u): u is UnitSummary => !!u);
  const tables = Object.fromEntries(FORM_IDS.map((f) => [f, summaryRows(f, byName.get(summarySheetName(f))).map((r) => ({ ...r, file: full(r.file) ?? r.file }))])) as Record<FormId, ConsolidatedRow[]>;
  // 在名单中 is blank when the run had no roster.
  const listed = unitRows.some((r) => text(r['在名单中']) !== null);
  const roster: Roster | null = listed ? { units: units.filter((u) => u.inRoster).map((u) => ({ name: u.unit, category: u.category, aliases: [], head: null, phone: null })) } : null;
  return { asOf, deadline, files, findings, units, tables, roster };
}
