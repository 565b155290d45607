/**
 * Files opened on their own in real Chromium (an earlier result, a roster) go through the reader
 * workers: the page is served with a reader.js that hangs, throws or allocates without bound on
 * files whose name says so. The file gets its reason in Chinese; the session's imported files stay
 * (also across a reload, and after a tab that a reader's allocation ended).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, DIST, ROOT, isolatedPage, launch, serveDist } from './harness';
import { hostileDist } from './hostileReader';

const SAMPLES = path.join(ROOT, 'samples/submissions');
const ROSTER = path.join(ROOT, 'samples/单位名单.xlsx');

const run = fs.existsSync(CHROMIUM) ? describe : describe.skip;

run('a hostile file opened on its own on the web page', () => {
  let server: Awaited<ReturnType<typeof serveDist>> | undefined;
  let browser: Browser | undefined;
  let dist = '';
  let tmp = '';
  const files = fs
    .readdirSync(SAMPLES)
    .sort()
    .map((f) => path.join(SAMPLES, f));
  /** The same file under another name (the hostile reader keys on names). */
  const as = (from: string, name: string) => {
    const to = path.join(tmp, name);
    fs.copyFileSync(from, to);
    return to;
  };
  let result = '';

  beforeAll(async () => {
    if (!fs.existsSync(path.join(DIST, 'reader.js'))) throw new Error('dist/ is missing: run `npm run build` (npm run test:e2e does)');
    dist = hostileDist();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-open-'));
    // An earlier result of the sample batch, as the CLI writes it.
    result = path.join(tmp, '上次结果.xlsx');
    execFileSync(process.execPath, [path.join(ROOT, 'bin/zhendi.cjs'), 'run', SAMPLES, '--as-of', '2024-11-20', '--out', result], { stdio: 'pipe' });
    server = await serveDist(dist);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    for (const d of [dist, tmp]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  /** Each file of the table with its status (the unit column changes with a roster). */
  const rows = (page: Page) => page.locator('[data-testid=file-table] tr[data-file]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-file')} ${e.querySelectorAll('td')[2]?.textContent}`));
  const alert = (page: Page) => page.getByTestId('live-alert').getByTestId('notice');

  async function imported(page: Page): Promise<string[]> {
    await page.goto(`${server!.url}/index.html`);
    await page.getByTestId('app').waitFor();
    await page.getByTestId('asOf').fill('2024-11-20');
    await page.getByTestId('file-input').setInputFiles(files);
    await page.getByTestId('check-summary').waitFor({ timeout: 120_000 });
    await page.getByTestId('tab-import').click();
    await page.getByTestId('file-table').waitFor();
    return rows(page);
  }

  it('an earlier result whose reader throws, and a roster whose reader hangs, get their reason; the imported files stay', async () => {
    const { context, page, errors } = await isolatedPage(browser!);
    const before = await imported(page);
    expect(before.length).toBe(files.length);

    const thrown = as(result, 'THROW-上次结果.xlsx');
    await page.getByTestId('existing-input').setInputFiles(thrown);
    await alert(page).filter({ hasText: 'THROW-上次结果.xlsx' }).waitFor({ timeout: 30_000 });
    const text = await alert(page).innerText();
    expect(text).toContain('读取进程异常退出');
    expect(text).toContain('boom');
    expect(await rows(page)).toEqual(before);

    await page.getByTestId('tab-settings').click();
    const hung = as(ROSTER, 'HANG-单位名单.xlsx');
    await page.getByTestId('roster-input').setInputFiles(hung);
    // While it is read the page says so, with the file's name.
    await page.getByTestId('read-progress').filter({ hasText: 'HANG-单位名单.xlsx' }).waitFor({ timeout: 10_000 });
    await alert(page).filter({ hasText: 'HANG-单位名单.xlsx' }).waitFor({ timeout: 120_000 });
    expect(await alert(page).innerText()).toContain('处理该文件超过 60 秒仍未完成，已中止');
    expect(await page.getByTestId('read-progress').count()).toBe(0);
    expect(await page.getByTestId('roster-status').innerText()).toBe('未载入名单');

    // The session goes on: a good roster and result are read by fresh readers.
    await page.getByTestId('roster-input').setInputFiles(ROSTER);
    await page.getByTestId('roster-status').filter({ hasText: '名单已载入' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('tab-import').click();
    await page.getByTestId('existing-input').setInputFiles(result);
    await page.getByTestId('live-status').filter({ hasText: '已打开上次的结果' }).waitFor({ timeout: 60_000 });
    // The submissions as they were, and now the earlier result listed with them.
    const after = await rows(page);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((r) => r.split(' ')[0])).toEqual(['上次结果.xlsx']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an earlier result whose reader allocates without bound ends the tab; after the reload the files are back and that result is refused once', async () => {
    const { context, page } = await isolatedPage(browser!);
    const before = await imported(page);
    const oom = as(result, 'OOM-上次结果.xlsx');
    const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()));
    await page.getByTestId('existing-input').setInputFiles(oom);
    await crashed;

    // The same browser profile (IndexedDB) after a reload.
    const again = await context.newPage();
    await again.goto(`${server!.url}/index.html`);
    await again.getByTestId('import-summary').filter({ hasText: `已恢复上次导入的 ${files.length} 个文件` }).waitFor({ timeout: 60_000 });
    await again.getByTestId('file-table').waitFor();
    expect(await rows(again)).toEqual(before);
    await again.getByTestId('existing-input').setInputFiles(oom);
    await alert(again).filter({ hasText: 'OOM-上次结果.xlsx' }).waitFor({ timeout: 30_000 });
    expect(await alert(again).innerText()).toContain('上次读取该文件时页面意外关闭');
    expect(await rows(again)).toEqual(before);
    await context.close();
  });
});
