/**
 * Entry of the task pane and of the plain web page. The page paints at once; office.js is loaded
 * only when Office says it hosts this page (host.ts), and then the pane waits for Office.onReady
 * with a progress message — it never turns into the web page because Excel is slow. Outside
 * Office the same UI works on files in the browser and downloads the result (web.ts); its session
 * survives a reload as the Excel pane's does (engine/store.ts).
 */
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { App, stepFromQuery, type PaneSession } from './components/App';
import { workerEngine } from './engine/client';
import { I18nContext, pickLocale, translator } from './i18n';
import type { WorkbookPort } from './port';
import { webPort } from './web';
import { officePort, officeSession } from './office';
import { hostLimitsLine } from '../excel/requirements';
import { browserEnv, decideHost, domScriptLoader, type OfficeLike, type StartupState } from './host';

declare const __BUILD_ID__: string;

/** What the pane says while it connects (zh-CN; the locale is only known once Office is ready). */
const STARTUP_TEXT: Record<Exclude<StartupState['phase'], 'ready'>, string> = {
  loading: '正在连接 Excel…',
  slow: '仍在连接 Excel（网络较慢时需要更久，请稍候）…',
  failed: '无法加载 Office.js（已尝试微软和世纪互联两个地址）。请检查网络后关闭并重新打开本任务窗格。',
};

function safeSession() {
  try {
    return officeSession();
  } catch {
    return null;
  }
}

/**
 * The web page's session: one per browser profile and origin (the engine keeps it in IndexedDB;
 * no id to remember). 新建会话 forgets it and reloads the page, which starts clean.
 */
function webSession(): PaneSession {
  return { id: 'web', settings: null, saveSettings: () => undefined, renew: () => location.reload() };
}

function showBoot(text: string): void {
  const boot = document.getElementById('boot');
  if (boot) boot.textContent = text;
}

async function main(): Promise<void> {
  const getOffice = () => (globalThis as unknown as { Office?: OfficeLike }).Office;
  const host = await decideHost(browserEnv(), domScriptLoader(document), getOffice, (s) => {
    if (s.phase !== 'ready') showBoot(STARTUP_TEXT[s.phase]);
  });
  if (host === 'failed') return;
  const office = getOffice();
  const engine = workerEngine(`worker.js?v=${__BUILD_ID__}`);
  const port: WorkbookPort = host === 'excel' ? officePort() : webPort(engine);
  const lang = host === 'excel' ? office?.context?.displayLanguage : navigator.language;
  const locale = pickLocale(lang);
  document.documentElement.lang = locale;
  // 设置 shows what this Excel lacks (components never ask Office themselves).
  if (host === 'excel') document.body.dataset.hostLimits = hostLimitsLine(office as Parameters<typeof hostLimitsLine>[0]);
  const root = createRoot(document.getElementById('root')!);
  root.render(
    <I18nContext.Provider value={{ locale, t: translator(locale) }}>
      <FluentProvider theme={webLightTheme}>
        <App port={port} engine={engine} initialStep={stepFromQuery(location.search)} session={host === 'excel' ? safeSession() : webSession()} />
      </FluentProvider>
    </I18nContext.Provider>,
  );
  document.body.dataset.host = host ?? 'web';
}

void main();
