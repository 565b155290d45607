/** The workbook port inside Excel: src/excel over Excel.run. */
import type { WorkbookModel } from '../core/report/model';
import { writeWorkbookModel } from '../excel/write';
import { readSheets } from '../excel/read';
import { listSheets, selectCell } from '../excel/select';
import { detectCaps, type ExcelCaps } from '../excel/requirements';
import { writeTemplates } from '../excel/templates';
import { templateWorkbookModel } from '../core/report/templateSheets';
import type { WorkbookPort, WriteReport } from './port';
import type { Settings } from './settings';
import type { PaneSession } from './components/App';

type Run = <T>(fn: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;

export function officePort(run: Run = (fn) => Excel.run(fn), caps: ExcelCaps = detectCaps(Office.context.requirements)): WorkbookPort {
  return {
    kind: 'excel',
    async writeModel(model: WorkbookModel, opts = {}): Promise<WriteReport> {
      const stats = await run((ctx) => writeWorkbookModel(ctx, model, { caps, activate: opts.activate ?? null, modelWins: opts.modelWins }));
      return {
        sheets: model.sheets.map((s) => stats.redirected[s.name] ?? s.name),
        kept: Object.values(stats.kept).reduce((a, b) => a + b, 0),
        syncs: stats.syncs,
        redirected: stats.redirected,
      };
    },
    generateTemplates: (o) => run((ctx) => writeTemplates(ctx, templateWorkbookModel(), caps, o)),
    readSheets: (names) => run((ctx) => readSheets(ctx, caps, names)),
    selectCell: (sheet, cell) => run((ctx) => selectCell(ctx, sheet, cell)),
    sheetNames: () => run((ctx) => listSheets(ctx)),
  };
}

/**
 * The workbook's pane session: a random id and the settings, kept in the workbook's add-in
 * settings (Office.context.document.settings), so the pane restores its imports after a ribbon
 * button reloads it, and the inspection date travels with the workbook.
 */
export function officeSession(settings: Office.Settings = Office.context.document.settings): PaneSession {
  let id = settings.get('zhendi.session') as string | null;
  if (!id) {
    id = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `s${Date.now()}${Math.random().toString(36).slice(2)}`;
    settings.set('zhendi.session', id);
    settings.saveAsync();
  }
  const saved = settings.get('zhendi.settings') as Settings | null;
  return {
    id,
    settings: saved && typeof saved === 'object' ? saved : null,
    saveSettings(s: Settings) {
      settings.set('zhendi.settings', s);
      settings.saveAsync();
    },
  };
}
