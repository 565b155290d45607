import type { Finding } from '../../../src/core/findings';
import type { Cell, SheetGrid } from '../../../src/core/grid';
import type { ScoreEntry } from '../../../src/core/scoring';

export function grid(name: string, rows: (string | number | null)[][]): SheetGrid {
  const toCell = (v: string | number | null): Cell | null =>
    v === null ? null : typeof v === 'number' ? { t: 'n', v } : { t: 's', v };
  return { name, rows: rows.map((r) => r.map(toCell)), merges: [] };
}

export function entry(unit: string, indicatorId: string, score: number, more: Partial<ScoreEntry> = {}): ScoreEntry {
  return { round: 1, inspector: '张三', unit, indicatorId, score, note: '', file: 's.xlsx', sheet: '评分', cell: null, ...more };
}

export function finding(rule: string, unit: string, more: Partial<Finding> = {}): Finding {
  return { rule, severity: 'error', unit, file: `${unit}.xlsx`, sheet: '附件1', cell: 'A1', form: null, message: rule, ...more };
}
