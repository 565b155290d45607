/**
 * A submission that is not an .xlsx (CSV, and whatever other readers produce) goes back as an
 * .xlsx in the template layout holding its data: one sheet per form found, template columns
 * first, the unit's extra columns after. Findings move with their cells, so the 退回说明 and the
 * marks point at the new places, and checking the copy again finds the same problems there.
 */
import { type Cell, type WorkbookGrid, columnLetters, isBlank } from '../grid';
import { isInstructionSheet } from '../sheet/instructions';
import { parseSheet } from '../sheet/parse';
import { noteText, returnSheetModel, type ReturnCopy, type ReturnItem } from './returnCopy';
import type { Highlight, OutValue, SheetModel, WorkbookModel } from './model';
import { formSheetFor } from './templateSheets';

function toOut(c: Cell | null | undefined): OutValue {
  if (!c || isBlank(c)) return null;
  if (c.t === 'd') return { date: c.v };
  if (c.t === 'n' || c.t === 'b') return c.v;
  return String(c.v);
}

/** Splits `B12` into 0-based row and column. */
function at(ref: string): { row: number; col: number } | null {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

export interface ReturnLayout {
  model: WorkbookModel;
  /** The copy's items with sheets and cells as placed in the new layout. */
  copy: ReturnCopy;
}

export function returnCopyLayout(grid: WorkbookGrid, copy: ReturnCopy, school?: string): ReturnLayout {
  const sheets: SheetModel[] = [];
  const moved = new Map<ReturnItem, ReturnItem>();
  const used = new Set<string>();
  for (const sheet of grid.sheets) {
    if (isInstructionSheet(sheet.name)) continue;
    const p = parseSheet(sheet);
    if (p.kind !== 'form') continue;
    const base = formSheetFor(p.parsed.form, copy.unit, school, p.parsed.title);
    let name = base.name;
    for (let n = 2; used.has(name); n++) name = `${base.name}_${n}`;
    used.add(name);
    const keys = p.parsed.form.columns.filter((c) => !c.extra).map((c) => c.key);
    // Template columns first (an optional template column the unit added, e.g. 网址, next), then unknown ones.
    const extraDefs = p.parsed.form.columns.filter((c) => c.extra && p.parsed.columnOf.has(c.key));
    const colMap = new Map<number, number>();
    keys.forEach((k, i) => {
      const src = p.parsed.columnOf.get(k);
      if (src !== undefined) colMap.set(src, i);
    });
    const columns = [...base.columns, ...extraDefs.map((c) => ({ header: c.label, width: c.width ?? 14 }))];
    extraDefs.forEach((c, i) => colMap.set(p.parsed.columnOf.get(c.key)!, keys.length + i));
    for (const x of p.parsed.extraColumns) {
      if (colMap.has(x.col)) continue;
      colMap.set(x.col, columns.length);
      columns.push({ header: x.header ?? `第${columnLetters(x.col)}列`, width: 14 });
    }
    const rows: OutValue[][] = p.parsed.rows.map((raw) => {
      const out: OutValue[] = columns.map(() => null);
      raw.cells.forEach((c, src) => {
        const dst = colMap.get(src);
        if (dst !== undefined) out[dst] = toOut(c);
      });
      return out;
    });
    if (p.parsed.nothingToFile && !rows.length) rows.push(columns.map((_, i) => (i === 1 ? '无' : null)));
    const rowMap = new Map(p.parsed.rows.map((raw, i) => [raw.row, i]));
    const highlights: Highlight[] = [];
    const header = 3; // template layout: title, 填报单位, signer line, then the header (0-based row 3)
    for (const item of copy.items) {
      if (item.sheet !== sheet.name) continue;
      const pos = item.cell ? at(item.cell) : null;
      const row = pos ? rowMap.get(pos.row) : undefined;
      const col = pos ? colMap.get(pos.col) : undefined;
      if (pos && row !== undefined && col !== undefined) {
        highlights.push({ row, col, severity: item.severity === 'error' ? 'error' : 'warning', note: noteText(item) });
        moved.set(item, { ...item, sheet: name, cell: `${columnLetters(col)}${header + 2 + row}` });
      } else if (pos && pos.row === p.parsed.detection.headerTop && col !== undefined) {
        moved.set(item, { ...item, sheet: name, cell: `${columnLetters(col)}${header + 1}` });
      } else moved.set(item, { ...item, sheet: name, cell: null });
    }
    // The signer line as the unit gave it, so the copy carries the same names.
    const s = p.parsed.signer;
    const signer = `单位负责人（签名）：${s.head ?? ''}    填表人：${s.filler ?? ''}    填表人电话：${s.fillerPhone ?? ''}`;
    sheets.push({ ...base, name, columns, rows, highlights, subtitle: [base.subtitle![0]!, signer], subtitleCells: undefined, protection: undefined });
  }
  const items = copy.items.map((i) => moved.get(i) ?? i);
  const placed: ReturnCopy = { ...copy, items };
  return { model: { sheets: [returnSheetModel(placed), ...sheets] }, copy: placed };
}
