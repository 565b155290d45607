/**
 * Reads sheets of the open workbook into the engine's grid model (src/core/grid.ts).
 * Syncs: 1 to find the sheets (and list them when no names are given), 1 for their used ranges,
 * then value blocks in requests kept under the limit. Dates are recognised by the cell's number
 * format (values are serials); errors by valueTypes (ExcelApi 1.1) or, where supported,
 * valuesAsJson (1.16); merged areas via getMergedAreasOrNullObject (1.13) where supported.
 */
import type { Cell, Merge, SheetGrid, WorkbookGrid } from '../core/grid';
import { parseA1 } from '../core/grid';
import { REQUEST_LIMIT_BYTES } from './batch';
import { isDateFormat, serialToIso } from '../core/dates';
import type { ExcelCaps } from './requirements';

/**
 * Response estimate per cell: valuesAsJson objects (`{"type":"String","basicType":"String",
 * "basicValue":…}`) plus the number format, or values + valueTypes + numberFormat. Reads aim at
 * half the request limit so long texts leave headroom.
 */
const BYTES_PER_CELL_JSON = 160;
const BYTES_PER_CELL = 80;
const BLOCK_BYTES = 512 * 1024;

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

interface Block {
  sheet: number;
  row0: number;
  col0: number;
  range: Excel.Range;
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
    const merged = caps.mergedAreas ? ws.getRange().getMergedAreasOrNullObject() : null;
    if (merged) merged.load('address');
    return { ws, u, merged };
  });
  if (present.length > 0) await context.sync();

  const grids: SheetGrid[] = present.map((ws, i) => {
    const { merged } = used[i]!;
    const grid: SheetGrid = { name: ws.name, rows: [], merges: merged && !merged.isNullObject ? parseAreas(merged.address) : [] };
    // Hidden sheets (dropdown sources) are read but never reported as unrecognised.
    if (ws.visibility !== 'Visible') grid.hidden = true;
    return grid;
  });

  const blocks: Block[] = [];
  const perCell = caps.valuesAsJson ? BYTES_PER_CELL_JSON : BYTES_PER_CELL;
  const budget = Math.floor(limitBytes / 2);
  let pending = 0;
  for (let i = 0; i < used.length; i++) {
    const { ws, u } = used[i]!;
    if (u.isNullObject) continue;
    const per = Math.max(1, Math.floor(BLOCK_BYTES / (u.columnCount * perCell)));
    for (let r = 0; r < u.rowCount; r += per) {
      const n = Math.min(per, u.rowCount - r);
      const bytes = n * u.columnCount * perCell;
      if (pending > 0 && pending + bytes > budget) {
        // Not a sync per item: only when the estimated response would pass the size limit, so
        // the number of syncs follows the bytes read, never the number of sheets or rows.
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
        pending = 0;
      }
      const range = ws.getRangeByIndexes(u.rowIndex + r, u.columnIndex, n, u.columnCount);
      // valuesAsJson is a value property (CellValue[][], ExcelApi 1.16), not a navigation property;
      // the rule's property list predates it.
      // eslint-disable-next-line office-addins/no-navigational-load
      if (caps.valuesAsJson) range.load('valuesAsJson,numberFormat');
      else range.load('values,valueTypes,numberFormat');
      blocks.push({ sheet: i, row0: u.rowIndex + r, col0: u.columnIndex, range });
      pending += bytes;
    }
  }
  if (pending > 0) await context.sync();

  for (const b of blocks) {
    const grid = grids[b.sheet]!;
    const fmts = b.range.numberFormat as string[][];
    if (caps.valuesAsJson) {
      b.range.valuesAsJson.forEach((row, i) => {
        grid.rows[b.row0 + i] = [];
        row.forEach((cv, j) => {
          const v = cv as { type: string; basicValue?: unknown; numberFormat?: string };
          const cell = toCell(v.basicValue, v.type, v.numberFormat ?? fmts[i]?.[j]);
          grid.rows[b.row0 + i]![b.col0 + j] = cell;
        });
      });
    } else {
      const types = b.range.valueTypes as string[][];
      b.range.values.forEach((row, i) => {
        grid.rows[b.row0 + i] = [];
        row.forEach((v, j) => {
          grid.rows[b.row0 + i]![b.col0 + j] = toCell(v, types[i]?.[j], fmts[i]?.[j]);
        });
      });
    }
  }
  for (const g of grids) {
    for (let r = 0; r < g.rows.length; r++) if (!g.rows[r]) g.rows[r] = [];
  }
  return { sheets: grids };
}
