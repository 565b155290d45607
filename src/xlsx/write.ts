/**
 * Renders report models into an .xlsx file (the CLI's output; the add-in writes the same models
 * through Office.js). Layout follows `headerRow()` in the model so formulas line up.
 */
import ExcelJS from 'exceljs';
import { columnLetters } from '../core/grid';
import { FILLS, headerRow, type OutValue, type SheetModel, type WorkbookModel } from '../core/report/model';
import { safeTableName, tableHeaders, uniqueSheetNames } from './names';
import { argb, cleanText, NUM_FMT, writeValue } from './values';
import { addConditionalFormats, addValidations, ListSheet } from './rules';

export { safeSheetName, uniqueSheetNames } from './names';

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FFBFBFBF' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export function solid(rgb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(rgb) } };
}

/** The sheet names a model gets in the file (sanitised, deduplicated), in model order. */
export function sheetNamesFor(model: WorkbookModel): string[] {
  return uniqueSheetNames(model.sheets.map((s) => s.name));
}

/** Lines a wrapped text needs in a column `width` characters wide (a CJK glyph is about 1.5 digits wide). */
function wrappedLines(v: OutValue | undefined, width: number): number {
  if (typeof v !== 'string' || !v) return 1;
  return v.split('\n').reduce((n, line) => {
    let w = 0;
    for (const ch of line) w += ch.charCodeAt(0) > 0x2e80 ? 1.5 : 1;
    return n + Math.max(1, Math.ceil(w / Math.max(1, width - 1)));
  }, 0);
}

export async function renderWorkbook(model: WorkbookModel): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.calcProperties.fullCalcOnLoad = true;
  const taken = new Set<string>();
  const names = uniqueSheetNames(model.sheets.map((s) => s.name), taken);
  const tables = new Set<string>();
  const lists = new ListSheet(taken);
  model.sheets.forEach((sheet, i) => writeSheet(wb.addWorksheet(names[i]), sheet, tables, lists));
  lists.write(wb);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

function defaultWidth(header: string): number {
  let w = 2;
  for (const ch of header) w += ch.charCodeAt(0) > 0xff ? 2 : 1;
  return Math.min(40, Math.max(8, w));
}

function writeSheet(ws: ExcelJS.Worksheet, sheet: SheetModel, tables: Set<string>, lists: ListSheet): void {
  const ncols = Math.max(sheet.columns.length, ...sheet.rows.map((r) => r.length), 1);
  const hr = headerRow(sheet) + 1; // 1-based sheet row of the header
  let r = 1;
  if (sheet.title) {
    writeBanner(ws, r++, ncols, sheet.title, 'center');
    ws.getRow(1).font = { bold: true, size: 14 };
    ws.getRow(1).height = 24;
  }
  for (const line of sheet.subtitle ?? []) writeBanner(ws, r++, ncols, line, 'left');

  sheet.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width ?? defaultWidth(c.header);
  });

  let headers = sheet.columns.map((c) => cleanText(c.header));
  // exceljs tables need at least one row: an empty one keeps the table (and its name) in place.
  const bodyRows = sheet.table && sheet.rows.length === 0 ? 1 : sheet.rows.length;
  if (sheet.table && headers.length) {
    headers = tableHeaders(headers);
    ws.addTable({
      name: safeTableName(sheet.table.name, tables),
      ref: `A${hr}`,
      headerRow: true,
      style: { theme: 'TableStyleLight1', showRowStripes: true },
      columns: headers.map((name) => ({ name, filterButton: true })),
      rows: Array.from({ length: bodyRows }, () => headers.map(() => null)),
    });
  }
  headers.forEach((h, c) => {
    const cell = ws.getCell(hr, c + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.fill = solid(FILLS.header);
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.border = BORDER;
  });

  sheet.rows.forEach((row, i) => {
    let lines = 1;
    for (let c = 0; c < Math.max(row.length, sheet.columns.length); c++) {
      const cell = ws.getCell(hr + 1 + i, c + 1);
      const spec = sheet.columns[c];
      const fmt = spec?.kind ? NUM_FMT[spec.kind] : undefined;
      if (fmt) cell.numFmt = fmt;
      if (spec?.wrap) {
        cell.alignment = { wrapText: true, vertical: 'top' };
        lines = Math.max(lines, wrappedLines(row[c], spec.width ?? 10));
      }
      cell.border = BORDER;
      writeValue(cell, row[c] ?? null);
    }
    // Readers do not reliably fit row heights to wrapped text on open: set it.
    if (lines > 1) ws.getRow(hr + 1 + i).height = Math.min(409, 14.5 * lines);
  });

  for (const h of sheet.highlights ?? []) {
    const cell = ws.getCell(hr + 1 + h.row, h.col + 1);
    cell.fill = solid(FILLS[h.severity]);
    if (h.note) cell.note = cleanText(h.note);
  }
  addValidations(ws, sheet, hr, lists);
  addConditionalFormats(ws, sheet, hr);

  if (sheet.freeze) {
    ws.views = [{ state: 'frozen', xSplit: sheet.freeze.cols, ySplit: hr, topLeftCell: `${columnLetters(sheet.freeze.cols)}${hr + 1}` }];
  }
  if (sheet.print) {
    const fit = sheet.print.fitToWidth !== false;
    ws.pageSetup = {
      paperSize: 9, // A4
      orientation: sheet.print.landscape ? 'landscape' : 'portrait',
      fitToPage: fit,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${hr}:${hr}`,
      horizontalCentered: true,
    };
  }
  // sheet.chart: exceljs cannot write charts. The Office.js renderer draws them; the file gets
  // the data the chart would show (its category and value columns), which is what matters on paper.
  writeBlocks(ws, sheet, hr + bodyRows + 2);
}

/** A title or subtitle line, merged across the table width. */
function writeBanner(ws: ExcelJS.Worksheet, row: number, ncols: number, text: string, horizontal: 'center' | 'left'): void {
  ws.getCell(row, 1).value = cleanText(text);
  ws.getCell(row, 1).alignment = { vertical: 'middle', horizontal };
  if (ncols > 1) ws.mergeCells(row, 1, row, ncols);
}

function writeBlocks(ws: ExcelJS.Worksheet, sheet: SheetModel, start: number): void {
  let r = start;
  for (const block of sheet.blocks ?? []) {
    const title = ws.getCell(r++, 1);
    title.value = cleanText(block.title);
    title.font = { bold: true };
    for (const row of block.rows) {
      row.forEach((v, c) => writeValue(ws.getCell(r, c + 1), v));
      r++;
    }
    r++; // one empty row between blocks
  }
}
