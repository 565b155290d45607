/**
 * A hostile file in real Chromium: the page is served with a reader.js that hangs on one file
 * and throws on another; the rest of the batch is imported and the hostile files are listed as
 * 未导入 with the reason in Chinese. A reader that allocates without bound ends the whole tab
 * (Chromium does not stop a worker at its heap limit); after the reload that file is refused once.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DIST, ROOT, isolatedPage, launch, serveDist } from './harness';
import { hostileDist } from './hostileReader';

const SAMPLES = path.join(ROOT, 'samples/submissions');

/** The sample batch, some of its files renamed so the hostile reader misbehaves on them. */
function batch(marks: string[]): { dir: string; good: string[]; hostile: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-batch-'));
  const names = fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.xlsx')).sort();
  const hostile = marks.map((m, i) => `${m}-${names[i]}`);
  marks.forEach((_, i) => fs.copyFileSync(path.join(SAMPLES, names[i]!), path.join(dir, hostile[i]!)));
  const good = names.slice(marks.length);
  for (const f of good) fs.copyFileSync(path.join(SAMPLES, f), path.join(dir, f));
  return { dir, good, hostile };
}
const inDir = (dir: string) => fs.readdirSync(dir).map((f) => path.join(dir, f));

const statusOf = (page: Page, file: string) => page.locator(`[data-testid=file-table] tr[data-file="${file}"] td`).nth(2).innerText();

async function statuses(page: Page, files: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const f of files) out.push(await statusOf(page, f));
  return out;
}

/** Drops the files on a fresh page at `url` and waits for the import (a hanging file holds its reader for the 60 s limit). */
async function drop(page: Page, url: string, files: string[]): Promise<void> {
  await page.goto(`${url}/index.html`);
  await page.getByTestId('app').waitFor();
  await page.getByTestId('asOf').fill('2024-11-20');
  await page.getByTestId('file-input').setInputFiles(files);
  await page.getByTestId('check-summary').waitFor({ timeout: 150_000 });
  await page.getByTestId('tab-import').click();
  await page.getByTestId('file-table').waitFor();
}

describe('a hostile file on the web page', () => {
  /** Status of each of `names` after dropping `files` on the page at `url`. */
  const imported = async (url: string, files: string[], names: string[]) => {
    const { context, page } = await isolatedPage(browser!);
    await drop(page, url, files);
    const out = await statuses(page, names);
    await context.close();
    return out;
  };

  let server: Awaited<ReturnType<typeof serveDist>> | undefined;
  let plain: Awaited<ReturnType<typeof serveDist>> | undefined;
  let browser: Browser | undefined;
  let dist = '';
  beforeAll(async () => {
    if (!fs.existsSync(path.join(DIST, 'reader.js'))) throw new Error('dist/ is missing: run `npm run build` (npm run test:e2e does)');
    dist = hostileDist();
    server = await serveDist(dist);
    plain = await serveDist();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await plain?.close();
    if (dist) fs.rmSync(dist, { recursive: true, force: true });
  });

  it('a reader that hangs or throws costs only its file; the rest of the batch is imported', async () => {
    const b = batch(['HANG', 'THROW']);
    const [hang, thrown] = b.hostile as [string, string];
    // The good files as the page imports them with the real reader.
    const expected = await imported(plain!.url, b.good.map((f) => path.join(b.dir, f)), b.good);

    const { context, page, errors } = await isolatedPage(browser!);
    await drop(page, server!.url, inDir(b.dir));
    expect(await page.getByTestId('import-summary').innerText()).toMatch(new RegExp(`共 ${b.good.length + 2} 个文件`));
    expect(await statusOf(page, hang)).toBe('未导入');
    expect(await statusOf(page, thrown)).toBe('未导入');
    expect(await statuses(page, b.good)).toEqual(expected);

    await page.getByTestId('tab-check').click();
    const unreadable = await page.locator('[data-testid=finding][data-rule=file-unreadable]').allInnerTexts();
    expect(unreadable.some((t) => t.includes('处理该文件超过 60 秒仍未完成，已中止') && t.includes(hang))).toBe(true);
    expect(unreadable.some((t) => t.includes('读取进程异常退出') && t.includes('boom') && t.includes(thrown))).toBe(true);
    // The reader's error stayed in the engine: nothing reached the page.
    expect(errors).toEqual([]);
    await context.close();
    fs.rmSync(b.dir, { recursive: true, force: true });
  });

  it('a reader that allocates without bound ends the tab (Chromium); after the reload that file is refused once and the rest imported', async () => {
    const b = batch(['OOM']);
    const [oom] = b.hostile as [string];
    const expected = await imported(plain!.url, b.good.map((f) => path.join(b.dir, f)), b.good);

    const { context, page } = await isolatedPage(browser!);
    await page.goto(`${server!.url}/index.html`);
    await page.getByTestId('app').waitFor();
    const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()));
    await page.getByTestId('file-input').setInputFiles(inDir(b.dir));
    await crashed;

    // The same browser profile (IndexedDB) after a reload.
    const again = await context.newPage();
    await drop(again, server!.url, inDir(b.dir));
    expect(await statusOf(again, oom)).toBe('未导入');
    expect(await statuses(again, b.good)).toEqual(expected);
    await again.getByTestId('tab-check').click();
    const unreadable = await again.locator('[data-testid=finding][data-rule=file-unreadable]').allInnerTexts();
    expect(unreadable.some((t) => t.includes('上次读取该文件时页面意外关闭') && t.includes(oom))).toBe(true);
    await context.close();
    fs.rmSync(b.dir, { recursive: true, force: true });
  });
});
