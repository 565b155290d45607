/** Converts exceljs worksheets into the neutral grid (values only, formulas as text beside). */
import ExcelJS from 'exceljs';
import { a1, type Cell, type Merge, type SheetGrid } from '../core/grid';

/** The ISO calendar date of an exceljs Date; exceljs builds them from serials in UTC. */
export function isoDate(d: Date): string | null {
  const t = Math.round(d.getTime() / 1000) * 1000; // serial float noise: 23:59:59.999 is the next day
  if (!Number.isFinite(t)) return null;
  const r = new Date(t);
  const y = r.getUTCFullYear();
  const m = String(r.getUTCMonth() + 1).padStart(2, '0');
  const day = String(r.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

/** One exceljs value (or formula result) as a grid cell. */
export function toCell(v: unknown): Cell | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : { t: 's', v };
  if (typeof v === 'number') return Number.isFinite(v) ? { t: 'n', v } : null;
  if (typeof v === 'boolean') return { t: 'b', v };
  if (v instanceof Date) {
    const d = isoDate(v);
    return d ? { t: 'd', v: d } : null;
  }
  if (typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) {
    const text = o.richText.map((r: { text?: unknown }) => (typeof r.text === 'string' ? r.text : '')).join('');
    return text === '' ? null : { t: 's', v: text };
  }
  if (typeof o.error === 'string') return { t: 'e', v: o.error };
  if ('formula' in o || 'sharedFormula' in o) return toCell(o.result);
  if ('text' in o) return toCell(o.text); // hyperlink: its text, which may itself be rich text
  return null;
}

interface RangeLike {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function mergesOf(ws: ExcelJS.Worksheet): Merge[] {
  // ws.model would serialise every row again just to list merges; the private index is enough.
  const index = (ws as unknown as { _merges?: Record<string, RangeLike> })._merges ?? {};
  return Object.values(index).map((m) => ({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 }));
}

export function sheetToGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const rows: (Cell | null)[][] = [];
  const formulas: Record<string, string> = {};
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const out: (Cell | null)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.type === ExcelJS.ValueType.Merge) return; // covered by a merge: the master holds the value
      const value = toCell(cell.value);
      if (cell.type === ExcelJS.ValueType.Formula && cell.formula) formulas[a1(r - 1, c - 1)] = cell.formula;
      if (value) out[c - 1] = value;
    });
    trimRow(out);
    if (out.length) rows[r - 1] = out;
  });
  const grid: SheetGrid = { name: ws.name, rows: densify(rows), merges: mergesOf(ws) };
  if (Object.keys(formulas).length) grid.formulas = formulas;
  return grid;
}

function trimRow(row: (Cell | null | undefined)[]): void {
  while (row.length && !row[row.length - 1]) row.pop();
}

/** Fills holes with empty arrays / nulls so consumers can index freely; trailing empties dropped. */
function densify(rows: (Cell | null)[][]): (Cell | null)[][] {
  const out: (Cell | null)[][] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row) {
      out.push([]);
      continue;
    }
    const dense: (Cell | null)[] = new Array<Cell | null>(row.length);
    for (let c = 0; c < row.length; c++) dense[c] = row[c] ?? null;
    out.push(dense);
  }
  while (out.length && out[out.length - 1]!.length === 0) out.pop();
  return out;
}
