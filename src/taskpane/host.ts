/**
 * Start-up: which host the page runs in, decided from Office's own signal, and office.js loaded
 * without blocking the first paint.
 *
 * Office marks the pages it hosts the way office.js itself reads them (its _retrieveHostInfo): a
 * `_host_Info` query parameter on the add-in URL, the `hostInfoValue` it keeps in sessionStorage
 * for later navigations, a `hostInfo` in window.name, or a host bridge (window.external.GetHostInfo,
 * the WebView2 bridge on Windows, WKWebView message handlers on Mac — none exists in a browser). With one of these the pane waits for Office.onReady as long as it takes (with a
 * progress message) and never falls back to the web page because Office is slow. Without any, the
 * page is the plain web version at once and loads no office.js.
 */
export interface OfficeLike {
  onReady?: () => Promise<{ host: string | null; platform: string | null }>;
  context?: { displayLanguage?: string };
}

/** Microsoft's CDN, then the 21Vianet copy (mainland China) when the first cannot be loaded. */
export const OFFICE_JS_URLS = [
  'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
  'https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js',
];

export interface HostEnv {
  search: string;
  windowName?: string;
  sessionStorage?: Pick<Storage, 'getItem'> | null;
  external?: unknown;
  agaveHost?: unknown;
  /** The WebView2 bridge Office on Windows hosts panes in (`window.chrome.webview`). */
  webview2?: unknown;
  /** The WKWebView bridge of Office on Mac (`window.webkit.messageHandlers`). */
  webkitHandlers?: unknown;
}

/** The host info Office gave this page ("Excel$Win32$16.01$zh-CN…"), or null when none. */
export function officeHostInfo(env: HostEnv): string | null {
  const ext = env.external as { GetHostInfo?: unknown } | undefined;
  if ((ext && typeof ext.GetHostInfo === 'function') || (env.agaveHost && typeof (env.agaveHost as { GetHostInfo?: unknown }).GetHostInfo === 'function')) return 'bridge';
  if (env.webview2 || env.webkitHandlers) return 'bridge';
  const q = new URLSearchParams(env.search).get('_host_Info');
  if (q) return q;
  try {
    const w = env.windowName ? (JSON.parse(env.windowName) as { hostInfo?: unknown }) : null;
    if (w && typeof w.hostInfo === 'string' && w.hostInfo) return w.hostInfo;
  } catch {
    /* window.name is not Office's JSON */
  }
  try {
    const s = env.sessionStorage?.getItem('hostInfoValue');
    if (s) return s;
  } catch {
    /* storage blocked */
  }
  return null;
}

/** The environment of this page (browser globals). */
export function browserEnv(): HostEnv {
  const w = globalThis as unknown as {
    location?: Location;
    name?: string;
    sessionStorage?: Storage;
    external?: unknown;
    agaveHost?: unknown;
    chrome?: { webview?: unknown };
    webkit?: { messageHandlers?: unknown };
  };
  let storage: Storage | null = null;
  try {
    storage = w.sessionStorage ?? null;
  } catch {
    storage = null;
  }
  return {
    search: w.location?.search ?? '',
    windowName: w.name ?? '',
    sessionStorage: storage,
    external: w.external,
    agaveHost: w.agaveHost,
    webview2: w.chrome?.webview,
    webkitHandlers: w.webkit?.messageHandlers,
  };
}

/** Adds `<script src>` and resolves when it loaded, rejects when it failed. */
export type ScriptLoader = (src: string) => Promise<void>;

export function domScriptLoader(doc: Document = document): ScriptLoader {
  return (src) =>
    new Promise<void>((resolve, reject) => {
      const s = doc.createElement('script');
      s.src = src;
      s.async = true;
      s.onload = () => resolve();
      s.onerror = () => {
        s.remove();
        reject(new Error(`cannot load ${src}`));
      };
      doc.head.appendChild(s);
    });
}

/** Loads office.js from the first address that works; the Office global, or null if none did. */
export async function loadOfficeJs(load: ScriptLoader, getOffice: () => OfficeLike | undefined, urls: string[] = OFFICE_JS_URLS): Promise<OfficeLike | null> {
  const present = getOffice();
  if (present && typeof present.onReady === 'function') return present;
  for (const url of urls) {
    try {
      await load(url);
      const o = getOffice();
      if (o && typeof o.onReady === 'function') return o;
    } catch {
      /* try the next address */
    }
  }
  return null;
}

export type StartupState = { phase: 'loading' } | { phase: 'slow' } | { phase: 'failed' } | { phase: 'ready'; host: 'excel' | null };

/**
 * Decides the host. Outside Office: null at once. Inside: office.js (with the CDN fallback), then
 * Office.onReady with no timeout; `progress` hears 'loading', 'slow' after `slowMs`, 'failed'
 * when office.js could not be loaded from any address (the pane then says so instead of running
 * as the web page).
 */
export async function decideHost(
  env: HostEnv,
  load: ScriptLoader,
  getOffice: () => OfficeLike | undefined,
  progress: (s: StartupState) => void = () => undefined,
  slowMs = 8000,
): Promise<'excel' | null | 'failed'> {
  if (!officeHostInfo(env)) {
    progress({ phase: 'ready', host: null });
    return null;
  }
  progress({ phase: 'loading' });
  const timer = setTimeout(() => progress({ phase: 'slow' }), slowMs);
  try {
    const office = await loadOfficeJs(load, getOffice);
    if (!office) {
      progress({ phase: 'failed' });
      return 'failed';
    }
    const info = await office.onReady!();
    const host = info && info.host === 'Excel' ? 'excel' : null;
    progress({ phase: 'ready', host });
    return host;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The host as Office.onReady reports it, giving up after `timeoutMs`. Not used to decide the
 * pane's mode (decideHost never falls back on a timeout); kept for callers that only probe.
 */
export async function detectHost(office: OfficeLike | undefined, timeoutMs = 4000): Promise<'excel' | null> {
  if (!office || typeof office.onReady !== 'function') return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const info = await Promise.race([
    office.onReady().catch(() => null),
    new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  return info && info.host === 'Excel' ? 'excel' : null;
}
