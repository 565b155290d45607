/**
 * The neutral grid model every adapter produces (xlsx, csv, Office.js) and the checker reads.
 * Rows and columns are 0-based here; A1 addresses are derived for findings.
 */

/** One cell as read: the cached value only (formulas never run). */
export type Cell =
  | { t: 's'; v: string }
  /** A number that is not a date. */
  | { t: 'n'; v: number }
  | { t: 'b'; v: boolean }
  /** A date cell, as an ISO calendar date `YYYY-MM-DD` (time of day dropped). */
  | { t: 'd'; v: string }
  /** A cached formula error such as `#REF!`. */
  | { t: 'e'; v: string };

/** A rectangular merge, 0-based inclusive bounds. */
export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetGrid {
  name: string;
  /** rows[r][c]; missing or null means empty. Ragged rows are allowed. */
  rows: (Cell | null | undefined)[][];
  merges: Merge[];
  /** Formula text keyed by A1 address, where the source had one (cached value is in rows). */
  formulas?: Record<string, string>;
  /** Hidden in the workbook (often a dropdown source): read, but never reported as unrecognised. */
  hidden?: boolean;
  /** A document's running text (a Word file without a table), one paragraph per row: no form, perhaps a statement. */
  prose?: true;
  /** Rows hidden in the sheet (0-based, ascending), where the format says: a reader that cannot tell leaves it out. */
  hiddenRows?: number[];
  /** One question group of an online form's repeated groups (网站1…, 网站2…; sheet/sideBySide.ts): its number. */
  repeatedGroup?: number;
  /** Columns hidden in the sheet (0-based, ascending, within its width), where the format says. */
  hiddenCols?: number[];
  /**
   * The sheet is a table of a document (Word, web page): findings are located as 表n 第r行, with
   * r counted from the table's first row, `top` being the sheet row where the table starts.
   */
  origin?: { table: number; top: number };
}

/**
 * Something a reader could not take in as given: a limit reached (the excess dropped), a cell
 * or row it could not read, a listed sheet it could not find, a formula without a value, mixed
 * encodings. Each becomes a finding on the file, so nothing is lost without a word.
 */
export interface ReadNote {
  /** `image`: a picture placed in a cell (no text to read there). */
  kind: 'limit' | 'cell' | 'image' | 'sheet' | 'row' | 'encoding' | 'formula';
  sheet?: string;
  /** A1 address in the sheet, where the note is about one cell. */
  cell?: string;
  /** The Chinese sentence shown to the user. */
  detail: string;
}

export interface WorkbookGrid {
  sheets: SheetGrid[];
  notes?: ReadNote[];
}

/** Column index (0-based) to letters: 0 → A, 27 → AB. */
export function columnLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based row/col to an A1 address. */
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** Parses `B12` into 0-based row/col; null if malformed. */
export function parseA1(addr: string): { row: number; col: number } | null {
  const m = /^([A-Z]{1,3})(\d{1,7})$/.exec(addr.toUpperCase());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

export function cellAt(sheet: SheetGrid, row: number, col: number): Cell | null {
  return sheet.rows[row]?.[col] ?? null;
}

/** Text of a cell as a user would read it (dates as ISO, numbers plain). */
export function cellText(cell: Cell | null | undefined): string {
  if (!cell) return '';
  switch (cell.t) {
    case 's':
      return cell.v;
    case 'n':
      return String(cell.v);
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'd':
      return cell.v;
    case 'e':
      return cell.v;
  }
}

export function isBlank(cell: Cell | null | undefined): boolean {
  return !cell || (cell.t === 's' && cell.v.trim() === '');
}
