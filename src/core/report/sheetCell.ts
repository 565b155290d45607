/** Where a finding sits in its sheet's grid, for highlights, links and cells marked in return copies. */
import type { Finding } from '../findings';
import type { CheckResult } from '../model';
import { gridCellOf } from '../sheet/locate';

/** A finding's A1 cell, or the cell its Word-table location (表n 第r行 列名) lies at; null when neither. */
export function sheetCellOf(r: Pick<CheckResult, 'wordTables'>): (f: Finding) => string | null {
  const tables = r.wordTables;
  if (!tables) return (f) => f.cell;
  return (f) => {
    if (f.cell || f.table === undefined || !f.file || !f.sheet) return f.cell;
    const o = tables[`${f.file}\u0000${f.sheet}`];
    return o ? gridCellOf(f, o) : null;
  };
}
