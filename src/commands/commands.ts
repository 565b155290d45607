/**
 * Ribbon commands without a task pane (ExecuteFunction). 生成模板 writes the five blank filing
 * templates into the open workbook; it never replaces template sheets that are already there (a
 * command has no way to ask — the pane does, through port.generateTemplates). The other ribbon
 * buttons open the task pane at their step (manifest.xml: taskpane.html?step=…).
 *
 * office.js is loaded here too (host.ts: Microsoft's CDN, then 21Vianet's); when it cannot be
 * loaded the page says so instead of leaving the buttons silently dead.
 */
import { templateWorkbookModel } from '../core/report/templateSheets';
import { writeTemplates, type TemplateReport } from '../excel/templates';
import { detectCaps } from '../excel/requirements';
import { domScriptLoader, loadOfficeJs, type OfficeLike } from '../taskpane/host';

export async function generateTemplates(event: Office.AddinCommands.Event): Promise<void> {
  let report: TemplateReport | null = null;
  try {
    report = await Excel.run((ctx) => writeTemplates(ctx, templateWorkbookModel(), detectCaps(Office.context.requirements), { replace: false }));
  } catch (e) {
    report = { written: [], existing: [], kept: [], error: e instanceof Error ? e.message : String(e) };
  } finally {
    // Kept with the workbook, so the pane can show what the last ribbon command did.
    try {
      Office.context.document.settings.set('zhendi.templates', { ...report, at: new Date().toISOString() });
      Office.context.document.settings.saveAsync();
    } catch {
      /* settings unavailable */
    }
    event.completed();
  }
}

async function start(): Promise<void> {
  const office = await loadOfficeJs(domScriptLoader(document), () => (globalThis as unknown as { Office?: OfficeLike }).Office);
  const msg = document.getElementById('status');
  if (!office) {
    if (msg) msg.textContent = '无法加载 Office.js（已尝试微软和世纪互联两个地址），功能区按钮暂不可用。请检查网络后重新打开工作簿。';
    return;
  }
  await office.onReady!();
  Office.actions.associate('generateTemplates', generateTemplates);
  if (msg) msg.textContent = '';
}

void start();
