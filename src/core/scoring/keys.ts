/** Stable keys for rectification items (DOMAIN §4: unit + rule + location). */
import { baseName } from '../fileName';
import { locationText as cellText, type Finding } from '../findings';
import type { FormId } from '../forms/ids';

export function findingKey(f: Pick<Finding, 'unit' | 'rule' | 'file' | 'sheet' | 'cell'> & { form?: Finding['form'] }): string {
  // The file by its name: the same submission checked from another folder (or its path given
  // otherwise) is the same item.
  const key = [f.unit ?? '', f.rule, f.file ? baseName(f.file) : '', f.sheet ?? '', f.cell ?? ''].join('|');
  // A finding about a form as a whole (form-missing, no sheet or cell) is told apart by its form: one item per
  // missing form. Keys of findings with a place stay as they were, so earlier ledgers still match.
  return !f.sheet && !f.cell && f.form ? `${key}|${f.form}` : key;
}

/** A key read back from an earlier ledger, made comparable: older results held the file's path. */
export function comparableKey(key: string): string {
  const parts = key.split('|');
  // Older ledgers held a unit-missing item per form: one problem, now one item.
  if (parts.length === 3 && parts[1] === 'unit-missing') return `${parts[0]}|unit-missing|||`;
  if (parts.length < 5 || !parts[2] || parts[1] === 'manual' || parts[1] === 'veto' || parts[1] === 'score') return key;
  parts[2] = baseName(parts[2]);
  return parts.join('|');
}

export function scoreItemKey(unit: string, indicatorId: string, round: number): string {
  return [unit, 'score', indicatorId, `round${round}`].join('|');
}

/** By what the veto says, not where it was typed: the same veto read back from the result's own 加减分 keeps its item. */
export function vetoItemKey(unit: string, note: string): string {
  return [unit, 'veto', note.replace(/\s+/g, ' ').trim()].join('|');
}

/**
 * Where a finding is, for people: 文件 / 工作表 / 单元格 (or 表2 第5行 联系电话 in a Word table).
 * The file by its name only: these texts reach the units (整改通知, 加减分 reasons), and the
 * office's folders are no business of theirs; the full path stays in 校验结果 and 导入记录.
 */
export function locationText(f: Pick<Finding, 'file' | 'sheet' | 'cell' | 'table' | 'row' | 'column'>): string {
  return [f.file ? baseName(f.file) : null, f.sheet, cellText(f as Finding)].filter(Boolean).join(' / ');
}

/** Chinese titles of the filing forms, for reasons and notices. */
export const FORM_TITLES: Record<FormId, string> = {
  website: '网站平台更新登记备案表',
  newmedia: '新媒体平台登记备案表',
  zombie: '僵尸工作群清理备案表',
  group: '网络工作群组登记备案表',
  bigv: '网络大V信息统计表',
};
