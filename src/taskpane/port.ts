/**
 * What the UI needs from "the workbook", whichever it is. Components receive a port and never
 * touch Excel.* (as in the yo office template, one implementation per host):
 *   office.ts — the open Excel workbook, through src/excel;
 *   web.ts    — the plain web page: an in-memory result workbook, rendered by src/xlsx and
 *               downloaded; an earlier result can be opened to continue from it.
 */
import type { WorkbookGrid } from '../core/grid';
import type { WorkbookModel } from '../core/report/model';

export interface WriteReport {
  sheets: string[];
  /** User-entered cells kept while rewriting. */
  kept: number;
  syncs?: number;
  /** Protected sheets left untouched: their new content went to the named new sheet. */
  redirected?: Record<string, string>;
}

/** Outcome of writing the blank templates (附件1–5). */
export interface TemplateReport {
  written: string[];
  existing: string[];
  kept: string[];
  error?: string;
}

export interface WorkbookPort {
  readonly kind: 'excel' | 'web';
  /** Creates or updates the model's sheets; keeps what users typed in editable columns. */
  writeModel(model: WorkbookModel, opts?: { activate?: string; modelWins?: readonly string[] }): Promise<WriteReport>;
  /** The named sheets that exist (others are skipped), as grids. */
  readSheets(names: string[]): Promise<WorkbookGrid>;
  /** Shows a cell; false when the sheet is not in this workbook. */
  selectCell(sheet: string, cell: string | null): Promise<boolean>;
  /** Sheet names present. */
  sheetNames(): Promise<string[]>;
  /**
   * Excel only: writes the blank templates. With `replace: false` existing template sheets are
   * kept (ask the user, then call again with `replace: true`); errors come back in the report.
   */
  generateTemplates?(opts: { replace: boolean }): Promise<TemplateReport>;
  /** Web only: download the result workbook. */
  download?(fileName: string): Promise<void>;
  /** Web only: hand bytes to the user as a downloaded file. */
  saveBytes?(bytes: Uint8Array, fileName: string): void;
  /** Web only: continue from an earlier result workbook (its sheets become the current ones). */
  openExisting?(file: File): Promise<string[]>;
}
