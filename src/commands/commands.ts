/**
 * Ribbon commands without a task pane (ExecuteFunction). 生成模板 writes the five blank filing
 * templates into the open workbook; the other ribbon buttons open the task pane at their step
 * (manifest.xml: taskpane.html?step=…), because they need the files the user imports there.
 */
import { templateWorkbookModel } from '../core/report/templateSheets';
import { writeWorkbookModel } from '../excel/write';
import { detectCaps } from '../excel/requirements';

export async function generateTemplates(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const model = templateWorkbookModel();
    await Excel.run((ctx) => writeWorkbookModel(ctx, model, { caps: detectCaps(Office.context.requirements), activate: model.sheets[0]?.name ?? null }));
  } catch (e) {
    console.error('generateTemplates failed', e);
  } finally {
    event.completed();
  }
}

Office.onReady(() => {
  Office.actions.associate('generateTemplates', generateTemplates);
});
