/**
 * Report models: plain data describing the sheets we write. Adapters render them:
 * `src/xlsx/write.ts` into an .xlsx file, `src/excel/` into the open workbook.
 * Nothing here knows about a file format or Office.js.
 */
import type { Severity } from '../findings';

/** A value to write. Strings are always written as text, never as formulas. */
export type OutValue =
  | string
  | number
  | boolean
  | null
  /** A calendar date, ISO `YYYY-MM-DD`; written as a real date cell. */
  | { date: string }
  /**
   * A formula we generate ourselves (never from submitted text), in English function names
   * with A1 references, without the leading `=`. `result` is our own computed value, written
   * as the cached result so readers that do not recalculate still see it.
   */
  | { formula: string; result?: string | number | boolean | null }
  /** A hyperlink inside this workbook (`'Sheet'!A1`) or to a file. */
  | { text: string; link: string };

export type ColumnKind = 'text' | 'number' | 'integer' | 'decimal2' | 'date' | 'percent';

export interface ColumnSpec {
  header: string;
  /** Width in characters (Excel's unit). */
  width?: number;
  kind?: ColumnKind;
  /** A user types into this column; re-runs read it back and keep it. */
  editable?: boolean;
  /** Wrap long text. */
  wrap?: boolean;
  /** Input hint shown as a note on the header cell. */
  hint?: string;
}

export interface Highlight {
  /** 0-based index into `rows`. */
  row: number;
  /** 0-based column index. */
  col: number;
  severity: Severity;
  /** Shown as a cell note/comment. */
  note?: string;
}

export type Validation =
  | { col: number; type: 'list'; values: string[]; prompt?: string }
  | { col: number; type: 'decimal'; min: number; max: number; prompt?: string }
  /**
   * Bounds per row (e.g. each indicator's own max): `max[i]` applies to rows[i]. When `maxCol`
   * names the column holding those maxima, a renderer may write one formula rule instead.
   */
  | { col: number; type: 'decimal-per-row'; min: number; max: number[]; maxCol?: number; step?: number; prompt?: string };

/** Conditional formats we use: fill a column's cells by their text, or by a numeric band. */
export type ConditionalFormat =
  | { col: number; type: 'text-equals'; text: string; fill: string; font?: string }
  | { col: number; type: 'less-than'; value: number; fill: string; font?: string };

export interface ChartSpec {
  type: 'bar';
  title: string;
  /** Column holding the category labels and the one holding the values (0-based). */
  categoryCol: number;
  valueCol: number;
  /** Top-left anchor of the chart, 0-based row/col on the sheet (not in `rows`). */
  anchor: { row: number; col: number };
}

export interface SheetModel {
  name: string;
  /** An optional title line above the header (merged over all columns, bold). */
  title?: string;
  /** Optional extra lines under the title (e.g. 检查日期, legend). */
  subtitle?: string[];
  columns: ColumnSpec[];
  rows: OutValue[][];
  /** Render header + rows as an Excel table with this name (letters, digits, `_`). */
  table?: { name: string };
  /** Freeze the header (and this many leading columns). */
  freeze?: { cols: number };
  highlights?: Highlight[];
  validations?: Validation[];
  conditionalFormats?: ConditionalFormat[];
  chart?: ChartSpec;
  /** Printable: A4, header rows repeated on every page. */
  print?: { landscape?: boolean; fitToWidth?: boolean };
  /** Extra blocks written below the table (e.g. grade distribution), each a small grid. */
  blocks?: { title: string; rows: OutValue[][] }[];
}

export interface WorkbookModel {
  sheets: SheetModel[];
}

/** Fill colours used for severities and grades (ARGB without alpha, Excel style). */
export const FILLS = {
  error: 'FFC7CE',
  warning: 'FFEB9C',
  info: 'DDEBF7',
  good: 'C6EFCE',
  header: 'D9E1F2',
} as const;

/**
 * Layout contract shared by all renderers: row 1 holds `title` (if any), then one row per
 * `subtitle` line, then the header row, then `rows`. Returns the 0-based sheet row of the header;
 * data row i sits at sheet row `headerRow(sheet) + 1 + i`. Formulas rely on this.
 */
export function headerRow(sheet: Pick<SheetModel, 'title' | 'subtitle'>): number {
  return (sheet.title ? 1 : 0) + (sheet.subtitle?.length ?? 0);
}
