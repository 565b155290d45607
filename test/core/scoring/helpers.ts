import type { Finding, RuleId } from '../../../src/core/findings';
import type { Cell, SheetGrid } from '../../../src/core/grid';
import type { ScoreEntry } from '../../../src/core/scoring';
import { type OutValue, type SheetModel, headerRow } from '../../../src/core/report/model';

export function grid(name: string, rows: (string | number | null)[][]): SheetGrid {
  const toCell = (v: string | number | null): Cell | null =>
    v === null ? null : typeof v === 'number' ? { t: 'n', v } : { t: 's', v };
  return { name, rows: rows.map((r) => r.map(toCell)), merges: [] };
}

export function entry(unit: string, indicatorId: string, score: number, more: Partial<ScoreEntry> = {}): ScoreEntry {
  return { round: 1, inspector: '张三', unit, indicatorId, score, note: '', file: 's.xlsx', sheet: '评分', cell: null, ...more };
}

export function finding(rule: RuleId, unit: string, more: Partial<Finding> = {}): Finding {
  return { rule, severity: 'error', unit, file: `${unit}.xlsx`, sheet: '附件1', cell: 'A1', form: null, message: rule, ...more };
}

/** What a reader sees in a written sheet: title/subtitle lines, header, rows (cached formula results). */
export function modelToGrid(model: SheetModel): SheetGrid {
  const toCell = (v: OutValue): Cell | null => {
    if (v === null) return null;
    if (typeof v === 'string') return v ? { t: 's', v } : null;
    if (typeof v === 'number') return { t: 'n', v };
    if (typeof v === 'boolean') return { t: 'b', v };
    if ('date' in v) return { t: 'd', v: v.date };
    if ('formula' in v) return v.result === undefined || v.result === null ? null : toCell(v.result);
    return { t: 's', v: v.text };
  };
  const rows: (Cell | null)[][] = [];
  if (model.title) rows.push([{ t: 's', v: model.title }]);
  for (const s of model.subtitle ?? []) rows.push([{ t: 's', v: s }]);
  expect(rows.length).toBe(headerRow(model));
  rows.push(model.columns.map((c) => ({ t: 's', v: c.header })));
  for (const r of model.rows) rows.push(r.map(toCell));
  return { name: model.name, rows, merges: [] };
}
