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
  /** Kept in the file (e.g. a key read back on re-runs) but not shown or printed. */
  hidden?: boolean;
  /**
   * For an editable column: the (hidden) column holding what this run wrote into it from an
   * imported file. A value still equal to it was not typed, so the next run's import replaces it.
   */
  written?: number;
  /** A record of what a run wrote (hidden): never part of a row's key on re-runs. */
  record?: boolean;
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
  | { col: number; type: 'decimal-per-row'; min: number; max: number[]; maxCol?: number; step?: number; prompt?: string }
  /** A calendar date between two ISO dates. */
  | { col: number; type: 'date'; min: string; max: string; prompt?: string }
  /**
   * A formula that must hold, written for the column's first data cell: `{cell}` stands for that
   * cell (a relative reference, so it moves down the column). `error` is shown when it fails.
   */
  | { col: number; type: 'custom'; formula: string; error: string; prompt?: string };

/** One cell of a subtitle line written as cells: `span` columns wide; `input` cells stay unlocked. */
export interface LineCell {
  value: OutValue;
  span?: number;
  input?: boolean;
}

/** Conditional formats we use: fill a column's cells by their text, or by a numeric band. */
export type ConditionalFormat =
  | { col: number; type: 'text-equals'; text: string; fill: string; font?: string }
  | { col: number; type: 'less-than'; value: number; fill: string; font?: string };

export interface ChartSpec {
  /** bar: horizontal bars, categories top to bottom in row order; column: vertical bars. */
  type: 'bar' | 'column';
  title: string;
  /** Column holding the category labels and the one holding the values (0-based). */
  categoryCol: number;
  valueCol: number;
  /** Top-left anchor of the chart, 0-based row/col on the sheet (not in `rows`). */
  anchor: { row: number; col: number };
  /** Take the data from `blocks[block]` (its first row is a header) instead of `rows`. */
  block?: number;
  /** Only the first this many data rows (e.g. not a 合计 line). */
  count?: number;
  /** Colour each bar by the text in this column of the same data (e.g. the grade): RRGGBB by text. */
  colorBy?: { col: number; fills: Record<string, string> };
  /** Size in points (default: 480 wide, tall enough for the bars). */
  size?: { width: number; height: number };
}

/** Page setup; every sheet is written A4 with its header row repeated and a page-number footer. */
export interface PrintSpec {
  landscape?: boolean;
  /** Fit all columns on the page width (default true). */
  fitToWidth?: boolean;
  /** Fit the whole sheet on one page (e.g. 总览). */
  onePage?: boolean;
  /** 0-based indices into `rows` that start a new page. */
  breaksBefore?: number[];
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
  /** Protect the sheet: cells are locked except in `editable` columns. */
  protect?: boolean;
  /** Further charts. The file writer draws these too; the add-in draws `chart` only. */
  charts?: ChartSpec[];
  /** Page setup (A4, header rows repeated on every page); renderers pick a default when absent. */
  print?: PrintSpec;
  /**
   * Extra blocks written below the table (e.g. grade distribution), each a small grid: the title
   * row, then its rows, then one empty row. `header`: the first row is a header (bold, filled).
   * `kinds`: number formats by column of the block (e.g. scores shown with two decimals).
   */
  blocks?: { title: string; rows: OutValue[][]; header?: boolean; kinds?: (ColumnKind | undefined)[] }[];
  /**
   * Subtitle lines written as separate cells (same index as `subtitle`, whose text a renderer
   * without this feature writes instead), e.g. a signer line with its input cells.
   */
  subtitleCells?: (LineCell[] | null)[];
  /**
   * A form to fill in: the sheet is protected without a password; titles and the header stay
   * locked, the `input` cells of `subtitleCells` and every cell below the header are open, and
   * validations cover `inputRows` rows under the header.
   */
  protection?: { inputRows: number };
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

/**
 * 0-based sheet row of each block's title (blocks start two rows below the last data row; a
 * table with no rows keeps one empty body row). Block row j of block b sits at `starts[b] + 1 + j`.
 */
export function blockRows(sheet: Pick<SheetModel, 'title' | 'subtitle' | 'rows' | 'table' | 'blocks'>): number[] {
  const body = sheet.table && sheet.rows.length === 0 ? 1 : sheet.rows.length;
  let r = headerRow(sheet) + body + 2;
  return (sheet.blocks ?? []).map((b) => {
    const at = r;
    r += b.rows.length + 2;
    return at;
  });
}
