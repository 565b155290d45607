/** The workbook writer, loaded on first use: exceljs takes most of a second to load, and a check without --out never needs it. */
import type { WorkbookModel } from '../core/report/model';

export async function renderWorkbook(model: WorkbookModel): Promise<Uint8Array> {
  // A dynamic import() is not available to the CJS test runner; require() is, and it is lazy.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const writer = require('../xlsx/write') as typeof import('../xlsx/write');
  return writer.renderWorkbook(model);
}
