/** The workbook port inside Excel: src/excel over Excel.run. */
import type { WorkbookModel } from '../core/report/model';
import { writeWorkbookModel } from '../excel/write';
import { readSheets } from '../excel/read';
import { listSheets, selectCell } from '../excel/select';
import { detectCaps, type ExcelCaps } from '../excel/requirements';
import type { WorkbookPort, WriteReport } from './port';

type Run = <T>(fn: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;

export function officePort(run: Run = (fn) => Excel.run(fn), caps: ExcelCaps = detectCaps(Office.context.requirements)): WorkbookPort {
  return {
    kind: 'excel',
    async writeModel(model: WorkbookModel, opts = {}): Promise<WriteReport> {
      const stats = await run((ctx) => writeWorkbookModel(ctx, model, { caps, activate: opts.activate ?? null }));
      return { sheets: model.sheets.map((s) => s.name), kept: Object.values(stats.kept).reduce((a, b) => a + b, 0), syncs: stats.syncs };
    },
    readSheets: (names) => run((ctx) => readSheets(ctx, caps, names)),
    selectCell: (sheet, cell) => run((ctx) => selectCell(ctx, sheet, cell)),
    sheetNames: () => run((ctx) => listSheets(ctx)),
  };
}
