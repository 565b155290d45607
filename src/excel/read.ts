/**
 * Reads sheets of the open workbook into the engine's grid model (src/core/grid.ts).
 * Syncs: 1 to find the sheets (and list them when no names are given), 1 for their used ranges,
 * 1 for their merged areas (more only above 512 areas in a sheet), then value blocks in requests
 * whose responses stay under the limit (blocks.ts). Dates are recognised by the cell's number
 * format (values are serials); errors by valueTypes (ExcelApi 1.1) or, where supported,
 * valuesAsJson (1.16); merged areas via getMergedAreasOrNullObject (1.13) where supported.
 */
import type { Cell, Merge, SheetGrid, WorkbookGrid } from '../core/grid';
import { parseA1 } from '../core/grid';
import { REQUEST_LIMIT_BYTES } from './batch';
import { readBlocks, readMergedAreas, type BlockTarget, type LoadedBlock } from './blocks';
import { isDateFormat, serialToIso } from '../core/dates';
import type { ExcelCaps } from './requirements';

/**
 * First response estimate per cell: valuesAsJson objects (`{"type":"String","basicType":"String",
 * "basicValue":…}`) plus the number format, or values + valueTypes + numberFormat. blocks.ts
 * raises it as it measures what the cells really hold.
 */
const BYTES_PER_CELL_JSON = 160;
const BYTES_PER_CELL = 80;

// Date formats and serials follow core/dates, as the file readers do.
export { isDateFormat };

/** Values come in the workbook's date system; the 1904 system is not read here (1900 assumed). */
function numberCell(value: number, fmt: string | undefined): Cell {
  const iso = isDateFormat(fmt) ? serialToIso(value) : null;
  return iso === null ? { t: 'n', v: value } : { t: 'd', v: iso };
}

function toCell(value: unknown, type: string | undefined, fmt: string | undefined): Cell | null {
  switch (type) {
    case 'Empty':
      return null;
    case 'Error':
      return { t: 'e', v: String(value) };
    case 'Boolean':
      return { t: 'b', v: Boolean(value) };
    case 'Double':
    case 'Integer':
    case 'FormattedNumber':
      if (typeof value !== 'number') break;
      return numberCell(value, fmt);
    case 'String':
      return value === '' ? null : { t: 's', v: String(value) };
  }
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return numberCell(value, fmt);
  if (typeof value === 'boolean') return { t: 'b', v: value };
  return { t: 's', v: String(value) };
}

/** Parses `Sheet1!A1:B2, Sheet1!C3` (RangeAreas.address) into merges. */
export function parseAreas(address: string): Merge[] {
  const out: Merge[] = [];
  for (const part of address.split(/,(?=(?:[^']*'[^']*')*[^']*$)/)) {
    const a = part.trim().replace(/^.*!/, '').replace(/\$/g, '');
    const [p, q] = a.split(':');
    const s = p ? parseA1(p) : null;
    const e = q ? parseA1(q) : s;
    if (s && e) out.push({ top: s.row, left: s.col, bottom: e.row, right: e.col });
  }
  return out.filter((m) => m.bottom > m.top || m.right > m.left);
}

interface SheetTarget extends BlockTarget {
  sheet: number;
}

/**
 * Reads the named sheets (absent ones are skipped), or all sheets when `names` is omitted.
 */
export async function readSheets(context: Excel.RequestContext, caps: ExcelCaps, names?: string[], limitBytes = REQUEST_LIMIT_BYTES): Promise<WorkbookGrid> {
  let sheets: Excel.Worksheet[];
  if (names) {
    sheets = names.map((n) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(n);
      ws.load('name');
      return ws;
    });
  } else {
    const coll = context.workbook.worksheets;
    coll.load('items/name');
    sheets = [];
    await context.sync();
    sheets = coll.items;
  }
  if (names) await context.sync();
  const present = sheets.filter((ws) => !ws.isNullObject);

  const used = present.map((ws) => {
    ws.load('visibility'); // rides along with the used-range sync
    const u = ws.getUsedRangeOrNullObject(true);
    u.load('rowIndex,columnIndex,rowCount,columnCount');
    return { ws, u };
  });
  if (present.length > 0) await context.sync();

  const grids: SheetGrid[] = present.map((ws) => {
    const grid: SheetGrid = { name: ws.name, rows: [], merges: [] };
    // Hidden sheets (dropdown sources) are read but never reported as unrecognised.
    if (ws.visibility !== 'Visible') grid.hidden = true;
    return grid;
  });
  const targets: SheetTarget[] = [];
  used.forEach(({ ws, u }, i) => {
    if (!u.isNullObject) targets.push({ sheet: i, ws, row0: u.rowIndex, col0: u.columnIndex, rows: u.rowCount, cols: u.columnCount });
  });

  // Merged areas per sheet (a request of their own: one sheet above Excel's 512-area limit must
  // not fail the others).
  if (caps.mergedAreas && targets.length > 0) {
    const m = await readMergedAreas(context, targets);
    for (const t of targets) grids[t.sheet]!.merges = m.addresses.get(t)!.flatMap(parseAreas);
  }

  const blocks: LoadedBlock<SheetTarget>[] = [];
  const props = caps.valuesAsJson ? ['valuesAsJson', 'numberFormat'] : ['values', 'valueTypes', 'numberFormat'];
  await readBlocks(context, targets, props, (b) => blocks.push(b), { bytesPerCell: caps.valuesAsJson ? BYTES_PER_CELL_JSON : BYTES_PER_CELL, limit: limitBytes });

  for (const b of blocks) {
    const grid = grids[b.target.sheet]!;
    const col0 = b.target.col0;
    const fmts = b.range.numberFormat as string[][];
    if (caps.valuesAsJson) {
      b.range.valuesAsJson.forEach((row, i) => {
        grid.rows[b.row0 + i] = [];
        row.forEach((cv, j) => {
          const v = cv as { type: string; basicValue?: unknown; numberFormat?: string };
          const cell = toCell(v.basicValue, v.type, v.numberFormat ?? fmts[i]?.[j]);
          grid.rows[b.row0 + i]![col0 + j] = cell;
        });
      });
    } else {
      const types = b.range.valueTypes as string[][];
      b.range.values.forEach((row, i) => {
        grid.rows[b.row0 + i] = [];
        row.forEach((v, j) => {
          grid.rows[b.row0 + i]![col0 + j] = toCell(v, types[i]?.[j], fmts[i]?.[j]);
        });
      });
    }
  }
  for (const g of grids) {
    for (let r = 0; r < g.rows.length; r++) if (!g.rows[r]) g.rows[r] = [];
  }
  return { sheets: grids };
}
