/** The office's 加减分 sheet in the result workbook: bonuses and vetoes typed there, kept on every run. */
import { type SheetGrid, cellAt, cellText } from '../grid';
import type { OutValue, SheetModel } from '../report/model';
import { ORIGIN_HEADER } from './score-sheet';

export const ADJUST_SHEET = '加减分';
const HEADERS = ['单位', '类型', '分值', '说明'];

/** Hidden 导入来源 (ORIGIN_HEADER): the score workbook a row was written from, with the row as written (JSON). */
export function adjustmentOrigin(file: string, row: readonly OutValue[]): string {
  return JSON.stringify({ file, row: row.slice(0, HEADERS.length) });
}

function sameCell(a: OutValue | undefined, b: OutValue | undefined): boolean {
  const t = (v: OutValue | undefined) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v).trim());
  return t(a) === t(b);
}

/** A 导入来源 record: the file and the row as written; null when unreadable. */
function recordOf(record: string): { file: string; row: OutValue[] } | null {
  try {
    const o = JSON.parse(record) as { file?: unknown; row?: unknown };
    return typeof o.file === 'string' && Array.isArray(o.row) ? { file: o.file, row: o.row as OutValue[] } : null;
  } catch {
    return null;
  }
}

const sameRow = (a: readonly OutValue[], b: readonly OutValue[]) => HEADERS.every((_, i) => sameCell(a[i], b[i]));

/**
 * Rows the last run wrote from a file that a user has changed since (a bonus of 3 typed as 2):
 * the typed row stands for the file's, which must not count beside it.
 */
export function editedImports(sheet: SheetGrid): { file: string; row: OutValue[] }[] {
  return adjustmentRows(sheet).flatMap((x) => (x.written && !x.unchanged ? [x.written] : []));
}

/** Whether `row` of `file` is one a user changed in the result (editedImports). */
export function isEditedImport(edited: readonly { file: string; row: OutValue[] }[], file: string, row: readonly OutValue[]): boolean {
  return edited.some((e) => e.file === file && sameRow(e.row, row));
}

/**
 * The rows typed into an earlier 加减分 sheet, exactly as typed (a row the run could not read
 * stays, with its finding, so nothing typed is lost on the next write).
 */
export function typedAdjustmentRows(sheet: SheetGrid): OutValue[][] {
  // The record goes on with the row: unchanged, the row stays the file's; changed, it stands for the file's.
  return adjustmentRows(sheet).map((x) => [...x.row, x.written ? x.record : null]);
}

interface ReadRow {
  r: number;
  row: OutValue[];
  /** The 导入来源 text, and what it says: the file and the row as written (null: typed, or unreadable). */
  record: string;
  written: { file: string; row: OutValue[] } | null;
  /** The row still reads as written. */
  unchanged: boolean;
}

/** The rows of an earlier 加减分, each with what the last run recorded of it. */
function adjustmentRows(sheet: SheetGrid): ReadRow[] {
  const h = sheet.rows.slice(0, 10).findIndex((r) => ['单位', '类型'].every((x) => (r ?? []).some((c) => cellText(c).trim() === x)));
  if (h < 0) return [];
  const cols = HEADERS.map((x) => (sheet.rows[h] ?? []).findIndex((c) => cellText(c).trim() === x));
  const originCol = (sheet.rows[h] ?? []).findIndex((c) => cellText(c).trim() === ORIGIN_HEADER);
  const out: ReadRow[] = [];
  for (let r = h + 1; r < sheet.rows.length; r++) {
    const row = cols.map((c): OutValue => {
      const cell = c < 0 ? null : cellAt(sheet, r, c);
      if (!cell) return null;
      return cell.t === 'n' ? cell.v : cellText(cell) || null;
    });
    if (!row.some((v) => v !== null)) continue;
    const record = originCol < 0 ? '' : cellText(cellAt(sheet, r, originCol));
    const written = record ? recordOf(record) : null;
    out.push({ r, row, record, written, unchanged: !!written && sameRow(written.row, row) });
  }
  return out;
}

/**
 * An earlier 加减分 without the rows the last run wrote from one of `files` and nobody changed:
 * those files, given again, say what they hold now (a corrected bonus, a veto taken out).
 */
export function withoutReimported(sheet: SheetGrid, files: ReadonlySet<string>): SheetGrid {
  const gone = new Set(adjustmentRows(sheet).filter((x) => x.unchanged && files.has(x.written!.file)).map((x) => x.r));
  return gone.size ? { ...sheet, rows: sheet.rows.map((row, r) => (gone.has(r) ? [] : row)) } : sheet;
}

/** The sheet with the rows typed into the earlier result (none: a blank one to fill in). */
export function adjustmentsSheet(rows: OutValue[][] = []): SheetModel {
  return {
    name: ADJUST_SHEET,
    title: '加减分（创新加分、一票否决）',
    subtitle: ['类型填“加分”或“否决”；加分填分值（合计不超过 5 分），否决不填分值；说明写明依据。'],
    columns: [
      { header: '单位', width: 18, editable: true },
      { header: '类型', width: 8, editable: true },
      { header: '分值', width: 8, kind: 'number', editable: true },
      { header: '说明', width: 48, editable: true, wrap: true },
      { header: ORIGIN_HEADER, width: 4, hidden: true, record: true },
    ],
    rows,
    table: { name: 'T_Adjust' },
    validations: [{ col: 1, type: 'list', values: ['加分', '否决'] }],
  };
}
