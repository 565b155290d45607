/**
 * A submission that is not an .xlsx (CSV, and whatever other readers produce) goes back as an
 * .xlsx in the template layout holding its data: one sheet per form found, template columns
 * first, the unit's extra columns after. Findings move with their cells, so the 退回说明 and the
 * marks point at the new places, and checking the copy again finds the same problems there.
 */
import { type Cell, type WorkbookGrid, columnLetters, isBlank } from '../grid';
import { formsOf } from '../sheet/continued';
import { mergeSigners } from '../sheet/signer';
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
  // Items placed at a cell: a later form on the same sheet (stacked tables) never moves them again.
  const atCell = new Set<ReturnItem>();
  // One sheet per form; a form continued over several sheets or tables is one (sheet/continued.ts).
  for (const parts of formsOf(grid).groups) {
    const first = parts[0]!;
    const sheetNames = new Set(parts.map((x) => x.sheet));
    const base = formSheetFor(first.form, copy.unit, school, first.title);
    let name = base.name;
    for (let n = 2; used.has(name); n++) name = `${base.name}_${n}`;
    used.add(name);
    const keys = first.form.columns.filter((c) => !c.extra).map((c) => c.key);
    // Template columns first (an optional template column the unit added, e.g. 网址, next), then unknown ones.
    const extraDefs = first.form.columns.filter((c) => c.extra && first.columnOf.has(c.key));
    const colMap = new Map<number, number>();
    keys.forEach((k, i) => {
      const src = first.columnOf.get(k);
      if (src !== undefined) colMap.set(src, i);
    });
    const columns = [...base.columns, ...extraDefs.map((c) => ({ header: c.label, width: c.width ?? 14 }))];
    extraDefs.forEach((c, i) => colMap.set(first.columnOf.get(c.key)!, keys.length + i));
    for (const x of parts.flatMap((part) => part.extraColumns)) {
      if (colMap.has(x.col)) continue;
      colMap.set(x.col, columns.length);
      columns.push({ header: x.header ?? `第${columnLetters(x.col)}列`, width: 14 });
    }
    const raws = parts.flatMap((part) => part.rows.map((raw) => ({ sheet: part.sheet, raw })));
    const rows: OutValue[][] = raws.map(({ raw }) => {
      const out: OutValue[] = columns.map(() => null);
      raw.cells.forEach((c, src) => {
        const dst = colMap.get(src);
        if (dst !== undefined) out[dst] = toOut(c);
      });
      return out;
    });
    if (parts.some((part) => part.nothingToFile) && !rows.length) rows.push(columns.map((_, i) => (i === 1 ? '无' : null)));
    const rowMap = new Map(raws.map(({ sheet, raw }, i) => [`${sheet}\u0000${raw.row}`, i]));
    const highlights: Highlight[] = [];
    const header = 3; // template layout: title, 填报单位, signer line, then the header (0-based row 3)
    for (const item of copy.items) {
      if (item.sheet === null || !sheetNames.has(item.sheet) || atCell.has(item)) continue;
      const pos = item.cell ? at(item.cell) : null;
      const row = pos ? rowMap.get(`${item.sheet}\u0000${pos.row}`) : undefined;
      const col = pos ? colMap.get(pos.col) : undefined;
      if (pos && row !== undefined && col !== undefined) {
        highlights.push({ row, col, severity: item.severity === 'error' ? 'error' : 'warning', note: noteText(item) });
        moved.set(item, { ...item, sheet: name, cell: `${columnLetters(col)}${header + 2 + row}` });
        atCell.add(item);
      } else if (pos && parts.some((part) => part.sheet === item.sheet && pos.row === part.detection.headerTop) && col !== undefined) {
        moved.set(item, { ...item, sheet: name, cell: `${columnLetters(col)}${header + 1}` });
        atCell.add(item);
      } else moved.set(item, { ...item, sheet: name, cell: null });
    }
    // The signer line as the unit gave it, so the copy carries the same names.
    const s = mergeSigners(parts.map((part) => part.signer));
    const signer = `单位负责人（签名）：${s.head ?? ''}    填表人：${s.filler ?? ''}    填表人电话：${s.fillerPhone ?? ''}`;
    sheets.push({ ...base, name, columns, rows, highlights, subtitle: [base.subtitle![0]!, signer], subtitleCells: undefined, protection: undefined });
  }
  const items = copy.items.map((i) => moved.get(i) ?? i);
  const placed: ReturnCopy = { ...copy, items };
  return { model: { sheets: [returnSheetModel(placed), ...sheets] }, copy: placed };
}
