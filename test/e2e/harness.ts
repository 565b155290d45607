/**
 * Browser test harness: a tiny static server for dist/ on 127.0.0.1 (random port) and Debian's
 * Chromium through playwright-core, with every non-local request blocked and recorded.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '../..');
export const DIST = path.join(ROOT, 'dist');
export const SHOTS = path.join(ROOT, 'docs/screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export async function serveDist(dir = DIST): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const rel = decodeURIComponent(u.pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(dir, rel);
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * The built page served and one Chromium for the tests of a file (jest beforeAll/afterAll):
 * `suite.url` and `suite.browser` once they run.
 */
export function servedPage(): { readonly url: string; readonly browser: Browser } {
  let server: Awaited<ReturnType<typeof serveDist>> | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!fs.existsSync(path.join(DIST, 'index.html'))) throw new Error('dist/ is missing: run `npm run build` (npm run test:e2e does)');
    server = await serveDist();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get url() {
      return server!.url;
    },
    get browser() {
      return browser!;
    },
  };
}

/** A page whose requests outside 127.0.0.1 are aborted; `blocked` lists them. */
export async function isolatedPage(browser: Browser, opts: { width?: number; height?: number; locale?: string } = {}): Promise<{ context: BrowserContext; page: Page; blocked: string[]; errors: string[] }> {
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: opts.width ?? 420, height: opts.height ?? 900 },
    locale: opts.locale ?? 'zh-CN',
    deviceScaleFactor: 1,
  });
  const blocked: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if ((u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '127.0.0.1' && u.hostname !== 'localhost') {
      blocked.push(u.href);
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, blocked, errors };
}

export async function shot(page: Page, name: string, fullPage = false): Promise<string> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, name);
  await page.waitForTimeout(500); // let tab indicators and buttons finish their transitions
  await page.screenshot({ path: file, fullPage, animations: 'disabled' });
  return file;
}
