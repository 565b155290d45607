/**
 * Renders the engine's WorkbookModel into the open workbook (Office.js). The xlsx twin is
 * src/xlsx/write.ts; both follow the layout contract of src/core/report/model.ts.
 *
 * Discipline (each point is asserted against test/excel/fakeExcel.ts):
 * - a fixed number of syncs: 1 to find the sheets, 1 for their size/tables/charts, 1+ to read back
 *   editable columns, then the writes in requests kept under 4 MB (RequestBatch). Nothing syncs
 *   per unit, per row or per sheet;
 * - only named properties are loaded;
 * - values go as whole 2-D arrays in row blocks (≤ BLOCK_BYTES each), formats after values —
 *   except the number format of each block, which is queued just before its values so text is
 *   stored as text (see cells.ts: `@` on every string cell, never an apostrophe);
 * - calculation is suspended for each write request (suspendApiCalculationUntilNextSync, ExcelApi
 *   1.6, inside the 1.7 floor);
 * - a re-run clears and rewrites the same sheet (formulas elsewhere that point at it keep
 *   working) and first reads back the editable columns (merge.ts), so user input survives.
 */
import type { SheetModel, WorkbookModel, OutValue, Validation, ConditionalFormat } from '../core/report/model';
import { headerRow, FILLS } from '../core/report/model';
import { a1, columnLetters } from '../core/grid';
import { RequestBatch, payloadBytes, REQUEST_LIMIT_BYTES, CHUNK_OVERHEAD_BYTES, NOTE_BYTES, chunkCount } from './batch';
import { toExcelCell, hexColor, widthToPoints, type ExcelCell } from './cells';
import { mergeEditable, type RawGrid } from './merge';
import { readBlocks, type BlockTarget } from './blocks';
import type { ExcelCaps } from './requirements';

/** Target size of one values block (several blocks share a request). */
export const BLOCK_BYTES = 512 * 1024;
/** Estimated bytes per cell when reading back (used to size read requests). */
const READ_BYTES_PER_CELL = 64;
/** Our charts are named with this prefix; other charts on our sheets are left alone. */
export const CHART_PREFIX = 'Zhendi_';
const TABLE_STYLE = 'TableStyleMedium2';
const LINK_COLOR = '#0563C1';
/** Longest address given to one getRanges call (several runs of cells, comma-separated). */
const AREAS_ADDRESS_CHARS = 1000;

export interface WriteOptions {
  caps: ExcelCaps;
  /** Sheet to activate at the end (default: none). */
  activate?: string | null;
  /**
   * Sheets whose model already carries what users typed (read back before computing, then
   * changed in the pane): written as they are, without reading their editable columns first.
   */
  modelWins?: readonly string[];
  /** Request limit (tests use a smaller one). */
  limitBytes?: number;
  blockBytes?: number;
}

export interface WriteStats {
  syncs: number;
  maxRequestBytes: number;
  /** Estimated size of each write request, in order (they are the last `length` syncs). */
  requestEstimates: number[];
  /** Editable cells kept per sheet. */
  kept: Record<string, number>;
  orphans: Record<string, number>;
  /** Sheets that were protected: their new content went to this new sheet instead. */
  redirected: Record<string, string>;
}

/**
 * A write that failed part-way, saying exactly which sheets were written. Office.js requests are
 * not transactions: the sheets of the failed request may hold part of their new content.
 */
export class WriteError extends Error {
  constructor(
    readonly written: string[],
    readonly partial: string[],
    readonly untouched: string[],
    readonly reason: unknown,
  ) {
    const list = (xs: string[]) => (xs.length ? xs.map((x) => `「${x}」`).join('、') : '无');
    super(`写入未完成（${reason instanceof Error ? reason.message : String(reason)}）。已写完：${list(written)}；可能只写了一部分：${list(partial)}；未改动：${list(untouched)}。`);
    this.name = 'WriteError';
  }
}

/** A sheet name not in `taken`: `名称(2)`, `名称(3)`, … within Excel's 31 characters. */
export function freeSheetName(name: string, taken: Set<string>): string {
  for (let n = 2; ; n++) {
    const suffix = `(${n})`;
    const candidate = `${name.slice(0, 31 - suffix.length)}${suffix}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

interface Existing {
  ws: Excel.Worksheet;
  protection: Excel.WorksheetProtection;
  used: Excel.Range | null;
  tables: Excel.TableCollection;
  charts: Excel.ChartCollection;
  notes: Excel.NoteCollection | null;
}

/**
 * A range used only inside the current request. Excel.run tracks every Range it creates (a
 * `_KeepReference` action now, a release request at the end, about 200 B per range in all);
 * untracking drops both.
 */
function rng(ws: Excel.Worksheet, address: string): Excel.Range {
  return ws.getRange(address).untrack();
}

function rangeA1(r0: number, c0: number, r1: number, c1: number): string {
  return r0 === r1 && c0 === c1 ? a1(r0, c0) : `${a1(r0, c0)}:${a1(r1, c1)}`;
}

/**
 * Addresses covering `cells`: runs of consecutive rows in one column become one range; with
 * RangeAreas (ExcelApi 1.9) several runs share one address (`E4,E7:E9,…`).
 */
export function areaAddresses(cells: { row: number; col: number }[], multi: boolean): string[] {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  const runs: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const { row, col } = sorted[i]!;
    let end = row;
    while (i + 1 < sorted.length && sorted[i + 1]!.col === col && sorted[i + 1]!.row <= end + 1) end = Math.max(end, sorted[++i]!.row);
    runs.push(rangeA1(row, col, end, col));
    i++;
  }
  if (!multi) return runs;
  const out: string[] = [];
  let cur = '';
  for (const r of runs) {
    if (cur && cur.length + 1 + r.length > AREAS_ADDRESS_CHARS) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur},${r}` : r;
  }
  if (cur) out.push(cur);
  return out;
}

function cellsFormat(ws: Excel.Worksheet, address: string, multi: boolean): Excel.RangeFormat {
  return multi && address.includes(',') ? ws.getRanges(address).untrack().format : rng(ws, address).format;
}

function hasEditable(s: SheetModel): boolean {
  return s.columns.some((c) => c.editable);
}

/** Writes every sheet of the model. */
export async function writeWorkbookModel(context: Excel.RequestContext, model: WorkbookModel, opts: WriteOptions): Promise<WriteStats> {
  const limit = opts.limitBytes ?? REQUEST_LIMIT_BYTES;
  let syncs = 0;
  const sync = async () => {
    syncs++;
    await context.sync();
  };

  // 1. Which sheets exist already (and every sheet and table name, for new names if needed).
  const found = model.sheets.map((s) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(s.name);
    ws.load('name');
    return ws;
  });
  const allSheets = context.workbook.worksheets;
  allSheets.load('items/name');
  const allTables = context.workbook.tables;
  allTables.load('items/name');
  await sync();

  // 2. Their used ranges, tables and charts (to clear them) — one request for all sheets.
  const existing = new Map<string, Existing>();
  model.sheets.forEach((s, i) => {
    const ws = found[i]!;
    if (ws.isNullObject) return;
    // Protection (ExcelApi 1.2) and visibility checked before anything is written.
    ws.load('visibility');
    ws.protection.load('protected');
    const used = ws.getUsedRangeOrNullObject(false);
    used.load('rowIndex,columnIndex,rowCount,columnCount');
    ws.tables.load('items/name');
    ws.charts.load('items/name');
    const notes = opts.caps.notes ? ws.notes : null;
    notes?.load('items/content');
    existing.set(s.name, { ws, protection: ws.protection, used, tables: ws.tables, charts: ws.charts, notes });
  });
  if (existing.size > 0) await sync();

  // 3. Read back editable columns (row blocks, responses measured: blocks.ts).
  const readBack = new Map<string, RawGrid>();
  {
    const targets: (BlockTarget & { sheet: string })[] = [];
    for (const s of model.sheets) {
      const ex = existing.get(s.name);
      if (!ex || !hasEditable(s) || !ex.used || ex.used.isNullObject || opts.modelWins?.includes(s.name)) continue;
      readBack.set(s.name, []);
      targets.push({ sheet: s.name, ws: ex.ws, row0: 0, col0: 0, rows: ex.used.rowIndex + ex.used.rowCount, cols: ex.used.columnIndex + ex.used.columnCount });
    }
    const r = await readBlocks(context, targets, ['values'], (b) => {
      const grid = readBack.get(b.target.sheet)!;
      b.range.values.forEach((row, i) => {
        grid[b.row0 + i] = row as RawGrid[number];
      });
    }, { bytesPerCell: READ_BYTES_PER_CELL, limit });
    syncs += r.syncs;
  }

  // Protected sheets are never touched: their new content goes to a new sheet (reported).
  const taken = new Set(allSheets.items.map((w) => w.name.toLowerCase()));
  const tableNames = new Set(allTables.items.map((t) => t.name.toLowerCase()));
  const redirected: Record<string, string> = {};
  const sheets = model.sheets.map((s) => {
    const ex = existing.get(s.name);
    if (!ex || !ex.protection.protected) return s;
    const name = freeSheetName(s.name, taken);
    taken.add(name.toLowerCase());
    redirected[s.name] = name;
    let table = s.table;
    if (table) {
      let n = 2;
      while (tableNames.has(`${table.name}_${n}`.toLowerCase())) n++;
      table = { name: `${table.name}_${n}` };
      tableNames.add(table.name.toLowerCase());
    }
    return { ...s, name, table };
  });

  // 4. Write.
  const batch = new RequestBatch(context, {
    limit,
    onBatchStart: () => context.workbook.application.suspendApiCalculationUntilNextSync(),
  });
  const stats: WriteStats = { syncs: 0, maxRequestBytes: 0, requestEstimates: batch.estimates, kept: {}, orphans: {}, redirected };
  // Which requests each sheet's commands went into, to say exactly what a failure left behind.
  const span: { name: string; first: number; last: number }[] = [];
  let current: { name: string; first: number; last: number } | null = null;
  try {
    for (let i = 0; i < sheets.length; i++) {
      const original = model.sheets[i]!;
      let sheet = sheets[i]!;
      const back = readBack.get(original.name);
      if (back) {
        const m = mergeEditable(sheet, back);
        sheet = m.sheet;
        stats.kept[sheet.name] = m.kept;
        stats.orphans[sheet.name] = m.orphans;
      }
      current = { name: sheet.name, first: batch.syncs, last: batch.syncs };
      const ex = redirected[original.name] ? undefined : existing.get(original.name);
      let ws: Excel.Worksheet;
      if (ex) {
        ws = ex.ws;
        await clearSheet(batch, ex, opts.caps);
      } else {
        await batch.reserve(payloadBytes(sheet.name));
        context.workbook.worksheets.add(sheet.name);
        // The object add() returns is valid for this request only (Office.js: "isn't working …
        // across multiple context.sync calls"); the sheet is written over several requests.
        ws = context.workbook.worksheets.getItem(sheet.name);
      }
      await writeSheet(batch, ws, sheet, opts);
      span.push({ ...current, last: batch.syncs });
      current = null;
    }
    if (opts.activate) {
      const name = redirected[opts.activate] ?? opts.activate;
      await batch.reserve(0, 2);
      const ws = context.workbook.worksheets.getItem(name);
      // Excel cannot activate a hidden sheet.
      if (existing.get(opts.activate) && !redirected[opts.activate] && existing.get(opts.activate)!.ws.visibility !== 'Visible') ws.visibility = 'Visible';
      ws.activate();
    }
    await batch.flush();
  } catch (e) {
    // Requests that reached Excel: those that succeeded, plus the one that failed (Office.js
    // requests are not transactions: its first commands may have been applied).
    const reached = batch.completed + (batch.sending ? 1 : 0);
    const all = current ? [...span, current] : span;
    const done = span.filter((x) => x.last < batch.completed).map((x) => x.name);
    const partial = all.filter((x) => !done.includes(x.name) && x.first < reached).map((x) => x.name);
    const untouched = sheets.map((x) => x.name).filter((n) => !done.includes(n) && !partial.includes(n));
    throw new WriteError(done, partial, untouched, e);
  }
  stats.syncs = syncs + batch.syncs;
  stats.maxRequestBytes = batch.maxRequestBytes;
  return stats;
}

async function clearSheet(batch: RequestBatch, ex: Existing, caps: ExcelCaps): Promise<void> {
  for (const t of ex.tables.items) {
    await batch.reserve(64);
    t.delete();
  }
  for (const c of ex.charts.items) {
    if (!c.name.startsWith(CHART_PREFIX)) continue;
    await batch.reserve(64);
    c.delete();
  }
  // Notes on our sheets are ours (finding notes): they go with the old content.
  for (const n of ex.notes?.items ?? []) {
    await batch.reserve(0, 1, NOTE_BYTES);
    n.delete();
  }
  await batch.reserve(0);
  ex.ws.freezePanes.unfreeze();
  if (ex.used && !ex.used.isNullObject) {
    const used = ex.used;
    const range = ex.ws.getRangeByIndexes(0, 0, used.rowIndex + used.rowCount, used.columnIndex + used.columnCount);
    await batch.reserve(0, 4);
    range.conditionalFormats.clearAll();
    if (caps.dataValidation) range.dataValidation.clear();
    range.unmerge();
    range.clear('All');
  }
}

/** Writes a grid of OutValues at (row0, 0) in row blocks: number formats, then values. */
async function writeGrid(
  batch: RequestBatch,
  ws: Excel.Worksheet,
  row0: number,
  grid: OutValue[][],
  kinds: (SheetModel['columns'][number]['kind'])[],
  blockBytes: number,
  links: { row: number; col: number; link: NonNullable<ExcelCell['link']> }[],
  linkCells: { row: number; col: number }[] = [],
): Promise<void> {
  if (grid.length === 0) return;
  const width = grid.reduce((w, r) => Math.max(w, r.length), Math.max(1, kinds.length));
  let start = 0;
  let values: (string | number | boolean | null)[][] = [];
  let formulas: (string | null)[][] = [];
  let formats: string[][] = [];
  let anyFormula = false;
  let bytes = 0;
  let fBytes = 0;
  const emit = async () => {
    if (values.length === 0) return;
    // Reserved before the range exists: an untracked range must not outlive a sync.
    const chunks = chunkCount(values.length, width);
    const arrays = anyFormula ? 3 : 2;
    await batch.reserve(payloadBytes(formats) + bytes + (anyFormula ? fBytes : 0) + arrays * chunks * CHUNK_OVERHEAD_BYTES, arrays);
    const range = ws.getRangeByIndexes(row0 + start, 0, values.length, width).untrack();
    range.numberFormat = formats;
    // Text always goes through `values`: `formulas` drops a leading apostrophe
    // (OfficeDev/office-js#6687). Our formulas follow in a second array; null leaves a cell as is.
    range.values = values;
    if (anyFormula) range.formulas = formulas;
    start += values.length;
    values = [];
    formulas = [];
    formats = [];
    anyFormula = false;
    bytes = 0;
    fBytes = 0;
  };
  for (let r = 0; r < grid.length; r++) {
    const src = grid[r]!;
    const row: (string | number | boolean | null)[] = [];
    const frow: (string | null)[] = [];
    const fmt: string[] = [];
    for (let c = 0; c < width; c++) {
      const cell = toExcelCell(src[c], kinds[c]);
      row.push(cell.formula ? null : cell.value);
      frow.push(cell.formula ? String(cell.value) : null);
      fmt.push(cell.numberFormat);
      if (cell.formula) anyFormula = true;
      if (cell.link) links.push({ row: row0 + r, col: c, link: cell.link });
      if (cell.link || cell.linkStyle) linkCells.push({ row: row0 + r, col: c });
    }
    const rb = payloadBytes(row) + 1;
    const fb = payloadBytes(frow) + 1;
    if (values.length > 0 && bytes + fBytes + rb + fb > blockBytes) await emit();
    values.push(row);
    formulas.push(frow);
    formats.push(fmt);
    bytes += rb;
    fBytes += fb;
  }
  await emit();
}

async function writeSheet(batch: RequestBatch, ws: Excel.Worksheet, sheet: SheetModel, opts: WriteOptions): Promise<void> {
  const caps = opts.caps;
  const blockBytes = Math.min(opts.blockBytes ?? BLOCK_BYTES, Math.floor(batch.limit / 4));
  const ncols = Math.max(1, sheet.columns.length);
  const lastCol = ncols - 1;
  const h = headerRow(sheet);
  const firstData = h + 1;
  const lastData = h + sheet.rows.length; // == h when there are no rows
  const kinds = sheet.columns.map((c) => c.kind);
  const links: { row: number; col: number; link: NonNullable<ExcelCell['link']> }[] = [];
  const linkCells: { row: number; col: number }[] = [];

  // Values: title, subtitles, header + rows, blocks below.
  const top: OutValue[][] = [];
  if (sheet.title) top.push([sheet.title]);
  for (const line of sheet.subtitle ?? []) top.push([line]);
  top.push(sheet.columns.map((c) => c.header));
  await writeGrid(batch, ws, 0, top, [], opts.blockBytes ?? BLOCK_BYTES, links, linkCells);
  await writeGrid(batch, ws, firstData, sheet.rows, kinds, blockBytes, links, linkCells);
  let blockRow = lastData + 2;
  const blockTitles: number[] = [];
  for (const b of sheet.blocks ?? []) {
    blockTitles.push(blockRow);
    await writeGrid(batch, ws, blockRow, [[b.title], ...b.rows], [], blockBytes, links, linkCells);
    blockRow += b.rows.length + 2;
  }

  // Formats after values.
  if (sheet.title) {
    await batch.reserve(0, 4);
    const t = rng(ws, rangeA1(0, 0, 0, lastCol));
    if (lastCol > 0) t.merge(false);
    t.format.font.bold = true;
    t.format.font.size = 14;
    t.format.horizontalAlignment = 'Center';
  }
  await batch.reserve(0, 3);
  const header = rng(ws, rangeA1(h, 0, h, lastCol));
  header.format.font.bold = true;
  header.format.wrapText = true;
  if (!sheet.table) header.format.fill.color = hexColor(FILLS.header);
  for (const r of blockTitles) {
    await batch.reserve(0);
    rng(ws, a1(r, 0)).format.font.bold = true;
  }
  for (let c = 0; c < sheet.columns.length; c++) {
    const col = sheet.columns[c]!;
    const letters = columnLetters(c);
    if (col.width) {
      await batch.reserve(0);
      rng(ws, `${letters}:${letters}`).format.columnWidth = widthToPoints(col.width);
    }
    if (col.hidden) {
      // Helper columns (e.g. 考核排名's dense-rank flags) are hidden, as in the .xlsx.
      await batch.reserve(0);
      rng(ws, `${letters}:${letters}`).columnHidden = true;
    }
    if (col.wrap && sheet.rows.length > 0) {
      await batch.reserve(0);
      rng(ws, rangeA1(firstData, c, lastData, c)).format.wrapText = true;
    }
  }
  // Hyperlinks HYPERLINK() cannot carry (external, or targets too long for a literal).
  for (const l of links) {
    const hl: Excel.RangeHyperlink = { textToDisplay: l.link.text };
    if (l.link.subAddress) hl.documentReference = l.link.subAddress;
    if (l.link.address) hl.address = l.link.address;
    await batch.reserve(payloadBytes(hl));
    rng(ws, a1(l.row, l.col)).hyperlink = hl;
  }
  // Link look and highlight fills: one format per run of cells (several runs per RangeAreas
  // where ExcelApi 1.9 allows), not one per cell.
  for (const address of areaAddresses(linkCells, caps.rangeAreas)) {
    await batch.reserve(payloadBytes(address), 2);
    const f = cellsFormat(ws, address, caps.rangeAreas);
    f.font.color = LINK_COLOR;
    f.font.underline = 'Single';
  }
  const bySeverity = new Map<string, { row: number; col: number }[]>();
  for (const hi of sheet.highlights ?? []) {
    if (hi.row < 0 || hi.row >= sheet.rows.length) continue;
    const list = bySeverity.get(hi.severity) ?? [];
    list.push({ row: firstData + hi.row, col: hi.col });
    bySeverity.set(hi.severity, list);
  }
  for (const [severity, cells] of bySeverity) {
    for (const address of areaAddresses(cells, caps.rangeAreas)) {
      await batch.reserve(payloadBytes(address));
      cellsFormat(ws, address, caps.rangeAreas).fill.color = hexColor(FILLS[severity as keyof typeof FILLS]);
    }
  }
  if (caps.notes) {
    // A note belongs to one cell (NoteCollection.add); the collection object is shared.
    const seen = new Set<string>();
    for (const hi of sheet.highlights ?? []) {
      if (!hi.note || hi.row < 0 || hi.row >= sheet.rows.length) continue;
      const addr = a1(firstData + hi.row, hi.col);
      if (seen.has(addr)) continue;
      seen.add(addr);
      await batch.reserve(payloadBytes(addr) + payloadBytes(hi.note), 1, NOTE_BYTES);
      ws.notes.add(addr, hi.note);
    }
  }

  // Table (after values: the header row already holds the column names).
  if (sheet.table) {
    await batch.reserve(payloadBytes(sheet.table.name), 3);
    const t = ws.tables.add(rangeA1(h, 0, Math.max(lastData, h + 1), lastCol), true);
    t.name = sheet.table.name;
    t.style = TABLE_STYLE;
  }

  if (sheet.rows.length > 0) {
    for (const cf of sheet.conditionalFormats ?? []) await addConditionalFormat(batch, ws, rangeA1(firstData, cf.col, lastData, cf.col), cf);
    if (caps.dataValidation) {
      for (const v of sheet.validations ?? []) await addValidation(batch, ws, v, firstData, sheet.rows);
    }
  }

  if (sheet.freeze) {
    await batch.reserve(64);
    if (sheet.freeze.cols > 0) ws.freezePanes.freezeAt(rng(ws, rangeA1(0, 0, h, sheet.freeze.cols - 1)));
    else ws.freezePanes.freezeRows(h + 1);
  }

  if (sheet.print && caps.pageLayout) {
    await batch.reserve(0, 4);
    ws.pageLayout.orientation = sheet.print.landscape ? 'Landscape' : 'Portrait';
    ws.pageLayout.paperSize = 'A4';
    ws.pageLayout.setPrintTitleRows(`$${h + 1}:$${h + 1}`);
    if (sheet.print.fitToWidth) ws.pageLayout.zoom = { horizontalFitToPages: 1 };
  }

  if (sheet.chart && sheet.rows.length > 0) {
    const ch = sheet.chart;
    await batch.reserve(payloadBytes(ch.title), 10);
    const values = rng(ws, rangeA1(h, ch.valueCol, lastData, ch.valueCol));
    const chart = ws.charts.add('BarClustered', values, 'Columns');
    chart.name = `${CHART_PREFIX}${sheet.name}`.slice(0, 255);
    chart.title.text = ch.title;
    chart.legend.visible = false;
    chart.series.getItemAt(0).setXAxisValues(rng(ws, rangeA1(firstData, ch.categoryCol, lastData, ch.categoryCol)));
    chart.axes.categoryAxis.reversePlotOrder = true;
    chart.setPosition(a1(ch.anchor.row, ch.anchor.col));
    chart.width = 480;
    chart.height = Math.min(1600, Math.max(240, 40 + sheet.rows.length * 16));
  }
}

function quoteText(s: string): string {
  return `="${s.replace(/"/g, '""')}"`;
}

async function addConditionalFormat(batch: RequestBatch, ws: Excel.Worksheet, address: string, cf: ConditionalFormat): Promise<void> {
  await batch.reserve(payloadBytes(cf), 4);
  const f = rng(ws, address).conditionalFormats.add('CellValue');
  f.cellValue.format.fill.color = hexColor(cf.fill);
  if (cf.font) f.cellValue.format.font.color = hexColor(cf.font);
  if (cf.type === 'text-equals') f.cellValue.rule = { formula1: quoteText(cf.text), operator: 'EqualTo' };
  else f.cellValue.rule = { formula1: String(cf.value), operator: 'LessThan' };
}

/** Index of a column whose numeric values equal `bounds` row by row, or -1. */
function columnHolding(rows: OutValue[][], bounds: number[]): number {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  for (let c = 0; c < width; c++) {
    if (rows.every((r, i) => r[c] === bounds[i])) return c;
  }
  return -1;
}

async function addValidation(batch: RequestBatch, ws: Excel.Worksheet, v: Validation, firstData: number, rows: OutValue[][]): Promise<void> {
  const nrows = rows.length;
  const apply = async (r0: number, r1: number, rule: Excel.DataValidationRule) => {
    await batch.reserve(payloadBytes(rule) + 2 * payloadBytes(v.prompt ?? ''), 3);
    const dv = rng(ws, rangeA1(firstData + r0, v.col, firstData + r1, v.col)).dataValidation;
    dv.rule = rule;
    if (v.prompt) dv.prompt = { showPrompt: true, title: '', message: v.prompt.slice(0, 255) };
    dv.errorAlert = { showAlert: true, style: 'Stop', title: '', message: v.prompt?.slice(0, 255) ?? '' };
  };
  if (v.type === 'list') {
    await apply(0, nrows - 1, { list: { inCellDropDown: true, source: v.values.join(',') } });
  } else if (v.type === 'decimal') {
    await apply(0, nrows - 1, { decimal: { formula1: v.min, formula2: v.max, operator: 'Between' } });
  } else if (v.type === 'date') {
    await apply(0, nrows - 1, { date: { formula1: v.min, formula2: v.max, operator: 'Between' } });
  } else if (v.type === 'custom') {
    await apply(0, nrows - 1, { custom: { formula: `=${v.formula.split('{cell}').join(a1(firstData, v.col))}` } });
  } else {
    // One relative rule when a column of the sheet holds each row's bound (e.g. 分值): far fewer
    // rules than one per run of equal bounds, and it follows the row if users sort.
    const boundCol = columnHolding(rows, v.max);
    if (boundCol >= 0) {
      const me = a1(firstData, v.col);
      const bound = `$${columnLetters(boundCol)}${firstData + 1}`;
      await apply(0, nrows - 1, { custom: { formula: `=AND(ISNUMBER(${me}),${me}>=${v.min},${me}<=${bound},MOD(${me}*2,1)=0)` } });
      return;
    }
    let start = 0;
    for (let i = 1; i <= nrows; i++) {
      if (i === nrows || v.max[i] !== v.max[start]) {
        const max = v.max[start];
        if (max !== undefined) await apply(start, i - 1, { decimal: { formula1: v.min, formula2: max, operator: 'Between' } });
        start = i;
      }
    }
  }
}

