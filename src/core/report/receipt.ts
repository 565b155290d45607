/**
 * 回执: the office's per-unit log of the return cycle. What each unit sent and how it fared, the
 * return copy it gets, and dates the clerk types in (退回日期, 重报日期, 备注), kept across re-runs.
 */
import { type Cell, type SheetGrid, cellText, isBlank } from '../grid';
import type { CheckResult } from '../model';
import { cnDate } from './dates';
import type { OutValue, SheetModel } from './model';
import { returnCopies, type ReturnOptions } from './returnCopy';

export const RECEIPT_SHEET = '回执';
const KEPT = ['退回日期', '重报日期', '备注'] as const;

const STATUS_TEXT = { accepted: '已导入', rejected: '未导入', replaced: '已被替换', duplicate: '重复' } as const;

function fileName(p: string): string {
  return p.replace(/^.*[\\/]/, '');
}

function keptValue(c: Cell | null | undefined): OutValue {
  if (!c || isBlank(c)) return null;
  if (c.t === 'd') return { date: c.v };
  if (c.t === 'n') return c.v;
  return cellText(c);
}

/** 退回日期 / 重报日期 / 备注 by unit, from the 回执 sheet of a previous result. */
export function readReceipt(sheet: SheetGrid | null | undefined): Map<string, OutValue[]> {
  const out = new Map<string, OutValue[]>();
  if (!sheet) return out;
  const texts = (r: number) => (sheet.rows[r] ?? []).map((c) => (c ? cellText(c).trim() : ''));
  const hr = sheet.rows.findIndex((_, r) => texts(r).includes('单位') && texts(r).includes('退回日期'));
  if (hr < 0) return out;
  const head = texts(hr);
  const unitCol = head.indexOf('单位');
  const cols = KEPT.map((k) => head.indexOf(k));
  for (let r = hr + 1; r < sheet.rows.length; r++) {
    const unit = texts(r)[unitCol];
    if (unit) out.set(unit, cols.map((c) => (c >= 0 ? keptValue(sheet.rows[r]?.[c]) : null)));
  }
  return out;
}

export function receiptSheet(result: CheckResult, previous?: SheetGrid | null, opts: ReturnOptions = {}): SheetModel {
  const kept = readReceipt(previous);
  const copies = returnCopies(result, opts);
  const units = [...result.units].sort((a, b) => a.unit.localeCompare(b.unit, 'zh-CN'));
  const rows: OutValue[][] = units.map((u) => {
    const files = result.files.filter((f) => f.unit === u.unit);
    const mine = copies.filter((c) => c.unit === u.unit);
    const problems = mine.reduce((n, c) => n + c.items.length, 0);
    const status = !u.files.length ? '未报送' : u.errors + u.warnings > 0 ? '需退回修改' : '合格';
    return [
      u.unit,
      u.category ?? '',
      files.map((f) => fileName(f.file)).join('\n'),
      files.map((f) => `${fileName(f.file)}：${STATUS_TEXT[f.status]}`).join('\n'),
      status,
      u.errors,
      u.warnings,
      mine.map((c) => c.name).join('\n'),
      problems,
      ...(kept.get(u.unit) ?? [null, null, null]),
    ];
  });
  return {
    name: RECEIPT_SHEET,
    title: '网络阵地备案表收件与退回回执',
    subtitle: [`检查日期：${cnDate(result.asOf)}    退回日期、重报日期、备注由办公室填写，重新运行时保留`],
    columns: [
      { header: '单位', width: 16 },
      { header: '类别', width: 10 },
      { header: '收到文件', width: 30, wrap: true },
      { header: '文件状态', width: 30, wrap: true },
      { header: '状态', width: 10 },
      { header: '错误', width: 6, kind: 'integer' },
      { header: '警告', width: 6, kind: 'integer' },
      { header: '退回文件', width: 34, wrap: true },
      { header: '问题数', width: 7, kind: 'integer' },
      { header: '退回日期', width: 12, kind: 'date', editable: true },
      { header: '重报日期', width: 12, kind: 'date', editable: true },
      { header: '备注', width: 20, editable: true, wrap: true },
    ],
    rows,
    freeze: { cols: 1 },
    print: { landscape: true, fitToWidth: true },
  };
}
