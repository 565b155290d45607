/**
 * Word tables have no A1 cells: a finding there is located as 表n 第r行 列名 (table number,
 * row within the table counting its header rows, the column's header), and `cell` is null.
 */
import { a1, parseA1, type SheetGrid } from '../grid';
import type { Finding } from '../findings';
import type { ParsedSheet } from './parse';

export interface TableOrigin {
  table: number;
  /** Sheet row where the table starts (the paragraphs above it come first). */
  top: number;
  /** Header text per sheet column. */
  headers: Record<number, string>;
}

export function tableOrigin(sheet: SheetGrid, p: ParsedSheet): TableOrigin | undefined {
  if (!sheet.origin) return undefined;
  const headers: Record<number, string> = {};
  for (const h of p.detection.cells) if (h.text.trim()) headers[h.col] = h.text.replace(/\s+/g, '');
  return { ...sheet.origin, headers };
}

export function locateInTable(f: Finding, o: TableOrigin): Finding {
  const out: Finding = { ...f, table: o.table };
  const p = f.cell ? parseA1(f.cell) : null;
  if (p) {
    out.cell = null;
    out.row = p.row - o.top + 1;
    const column = o.headers[p.col];
    if (column) out.column = column;
  }
  return out;
}

/**
 * The sheet cell of a finding located in a Word table (the inverse of locateInTable), so the
 * report can still highlight and link it; null when it names no column or is not in one.
 */
export function gridCellOf(f: Finding, o: TableOrigin): string | null {
  if (f.row === undefined || f.column === undefined) return null;
  for (const [col, header] of Object.entries(o.headers)) if (header === f.column) return a1(o.top + f.row - 1, Number(col));
  return null;
}
