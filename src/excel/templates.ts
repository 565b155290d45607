/**
 * Writing the blank filing templates (附件1–5) into the open workbook. Existing template sheets
 * are replaced only when the caller says so (after asking the user); the outcome, errors included,
 * is returned for the pane to show.
 */
import type { WorkbookModel } from '../core/report/model';
import type { ExcelCaps } from './requirements';
import { writeWorkbookModel, WriteError } from './write';

export interface TemplateReport {
  /** Sheets written (a protected one is written under a new name). */
  written: string[];
  /** Template sheets that were there before. */
  existing: string[];
  /** Existing sheets left as they were (not replaced). */
  kept: string[];
  /** Why the write failed, in Chinese; what was written is in `written`. */
  error?: string;
}

export async function writeTemplates(context: Excel.RequestContext, model: WorkbookModel, caps: ExcelCaps, opts: { replace: boolean }): Promise<TemplateReport> {
  const found = model.sheets.map((s) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(s.name);
    ws.load('name');
    return ws;
  });
  await context.sync();
  const existing = model.sheets.filter((_, i) => !found[i]!.isNullObject).map((s) => s.name);
  const kept = opts.replace ? [] : existing;
  const todo: WorkbookModel = { sheets: model.sheets.filter((s) => !kept.includes(s.name)) };
  if (todo.sheets.length === 0) return { written: [], existing, kept };
  try {
    const stats = await writeWorkbookModel(context, todo, { caps, activate: todo.sheets[0]!.name });
    return { written: todo.sheets.map((s) => stats.redirected[s.name] ?? s.name), existing, kept };
  } catch (e) {
    return { written: e instanceof WriteError ? e.written : [], existing, kept, error: e instanceof Error ? e.message : String(e) };
  }
}
