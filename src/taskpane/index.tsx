/**
 * Entry of the task pane and of the plain web page. Inside Excel, Office.onReady reports the
 * host and the pane works on the open workbook (office.ts). Outside Office — office.js
 * resolves with host null, failed to load (offline), or was never referenced (index.html) —
 * the same UI works on files in the browser and downloads the result (web.ts).
 */
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { App, stepFromQuery } from './components/App';
import { workerEngine } from './engine/client';
import { I18nContext, pickLocale, translator } from './i18n';
import type { WorkbookPort } from './port';
import { webPort } from './web';
import { officePort, officeSession } from './office';
import { detectHost, type OfficeLike } from './host';

declare const __BUILD_ID__: string;

function safeSession() {
  try {
    return officeSession();
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const office = (globalThis as unknown as { Office?: OfficeLike }).Office;
  const host = await detectHost(office);
  const engine = workerEngine(`worker.js?v=${__BUILD_ID__}`);
  const port: WorkbookPort = host === 'excel' ? officePort() : webPort(engine);
  const lang = host === 'excel' ? office?.context?.displayLanguage : navigator.language;
  const locale = pickLocale(lang);
  document.documentElement.lang = locale;
  const root = createRoot(document.getElementById('root')!);
  root.render(
    <I18nContext.Provider value={{ locale, t: translator(locale) }}>
      <FluentProvider theme={webLightTheme}>
        <App port={port} engine={engine} initialStep={stepFromQuery(location.search)} session={host === 'excel' ? safeSession() : null} />
      </FluentProvider>
    </I18nContext.Provider>,
  );
  document.body.dataset.host = host ?? 'web';
}

void main();
