/**
 * The web page keeps its session across a reload (IndexedDB): the files, a score typed in the
 * scoring view, the inspection date; the download after the reload carries the score in 评分表
 * and 考核排名. 新建会话 (after its confirmation) forgets it all.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { ROOT, isolatedPage, servedPage } from './harness';

const SAMPLES = path.join(ROOT, 'samples/submissions');

const suite = servedPage();

async function download(page: Page, file: string): Promise<ExcelJS.Workbook> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  await d.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

const cellValue = (v: ExcelJS.CellValue): unknown => (v && typeof v === 'object' && 'result' in v ? v.result : v);

/** Rows of a sheet (values, formula results) as plain arrays. */
function rows(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow((row) => out.push((row.values as ExcelJS.CellValue[]).map(cellValue)));
  return out;
}

describe('web page session across a reload', () => {
  it('keeps the files, a typed score and the inspection date; the download has the score', async () => {
    const { context, page, errors } = await isolatedPage(suite.browser);
    await page.goto(`${suite.url}/index.html`);
    await page.getByTestId('app').waitFor();
    await page.getByTestId('asOf').fill('2024-11-20');
    const files = fs.readdirSync(SAMPLES).map((f) => path.join(SAMPLES, f));
    await page.getByTestId('file-input').setInputFiles(files);
    await page.getByTestId('check-summary').waitFor({ timeout: 60000 });

    await page.getByTestId('tab-score').click();
    await page.getByTestId('inspector').fill('张明');
    await page.getByTestId('inspector').press('Enter');
    await page.getByTestId('score-progress').filter({ hasText: '张明' }).waitFor();
    const unit = await page.getByTestId('score-unit').inputValue();
    await page.getByTestId('score-content.news').fill('12.5');
    await page.getByTestId('score-content.news').press('Enter');
    await page.getByTestId('score-content.organization').and(page.locator(':focus')).waitFor(); // the entry was taken

    await page.reload();
    await page.getByTestId('app').waitFor();
    await page.getByTestId('import-summary').filter({ hasText: /已恢复上次导入的 \d+ 个文件/ }).waitFor({ timeout: 60000 });
    expect(await page.getByTestId('asOf').inputValue()).toBe('2024-11-20');
    expect(await page.getByTestId('file-table').locator('tbody tr').count()).toBe(files.length);
    expect(await page.getByTestId('storage-problem').count()).toBe(0);

    // Scoring continues as the inspector who typed last; the score is back in its field.
    await page.getByTestId('tab-score').click();
    expect(await page.getByTestId('inspector').inputValue()).toBe('张明');
    expect(await page.getByTestId('score-unit').inputValue()).toBe(unit);
    expect(await page.getByTestId('score-content.news').inputValue()).toBe('12.5');

    const wb = await download(page, path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-reload-')), 'after.xlsx'));
    const score = rows(wb.getWorksheet('评分表')!);
    const header = score.findIndex((r) => r.includes('单位') && r.some((v) => typeof v === 'string' && v.endsWith('得分')));
    const at = (name: string) => score[header]!.indexOf(name);
    const scoreCol = score[header]!.findIndex((v) => typeof v === 'string' && v.endsWith('得分'));
    const typed = score.slice(header + 1).filter((r) => r[at('单位')] === unit && r[scoreCol] === 12.5);
    expect(typed).toHaveLength(1);
    // The unit is scored on one indicator only: 考核排名 lists it with those 12.5 points.
    const ranking = rows(wb.getWorksheet('考核排名')!);
    const line = ranking.find((r) => r.includes(unit));
    expect(line).toBeDefined();
    expect(line!.some((v) => typeof v === 'number' && Math.abs(v - 12.5) < 1e-9)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a session saved by the one-record version (every file in one record) loads after the upgrade', async () => {
    const { context, page, errors } = await isolatedPage(suite.browser);
    await page.goto(`${suite.url}/index.html`);
    await page.getByTestId('app').waitFor();
    const files = fs.readdirSync(SAMPLES).slice(0, 4).map((f) => path.join(SAMPLES, f));
    await page.getByTestId('file-input').setInputFiles(files);
    await page.getByTestId('check-summary').waitFor({ timeout: 60000 });
    const before = await page.getByTestId('check-summary').innerText();
    await page.waitForTimeout(500); // the save of the settings after the first result
    // Rewrite the saved session as version 1 kept it: the small record, and `web\0files` with every file.
    await page.evaluate(async () => {
      const req = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
      const db = await req(indexedDB.open('zhendi'));
      const tx = db.transaction(['sessions', 'files']);
      const meta = (await req(tx.objectStore('sessions').get('web'))) as { v: number; subs: { file: string; sha256: string }[] };
      const recs = (await req(tx.objectStore('files').getAll())) as { file: string; sha256: string; value: unknown; bytes?: Uint8Array }[];
      db.close();
      const find = (r: { file: string; sha256: string }) => recs.find((x) => x.file === r.file && x.sha256 === r.sha256)!;
      const subs = meta.subs.map((r) => find(r).value);
      const originals = Object.fromEntries(meta.subs.map((r) => [r.file, find(r).bytes]).filter(([, b]) => b));
      const { v: _v, subs: _s, ...rest } = meta;
      await req(indexedDB.deleteDatabase('zhendi'));
      const open = indexedDB.open('zhendi', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('sessions');
      const old = await req(open);
      const w = old.transaction('sessions', 'readwrite');
      w.objectStore('sessions').put({ ...rest, scoreBooks: [], previous: null, split: true }, 'web');
      w.objectStore('sessions').put({ subs, originals }, 'web\u0000files');
      await new Promise((resolve) => (w.oncomplete = resolve));
      old.close();
    });
    await page.reload();
    await page.getByTestId('import-summary').filter({ hasText: `已恢复上次导入的 ${files.length} 个文件` }).waitFor({ timeout: 60000 });
    expect(await page.getByTestId('storage-problem').count()).toBe(0);
    await page.getByTestId('tab-check').click();
    expect(await page.getByTestId('check-summary').innerText()).toBe(before);
    // Converted: version 2, one record per file, the big record gone.
    const stored = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => (indexedDB.open('zhendi').onsuccess = (e) => resolve((e.target as IDBOpenDBRequest).result)));
      const tx = db.transaction(['sessions', 'files']);
      const count = (r: IDBRequest<number>) => new Promise<number>((resolve) => (r.onsuccess = () => resolve(r.result)));
      const out = { version: db.version, sessions: await count(tx.objectStore('sessions').count()), files: await count(tx.objectStore('files').count()) };
      db.close();
      return out;
    });
    expect(stored).toEqual({ version: 2, sessions: 1, files: files.length });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('新建会话 asks first, then forgets everything for good', async () => {
    const { context, page, errors } = await isolatedPage(suite.browser);
    await page.goto(`${suite.url}/index.html`);
    await page.getByTestId('app').waitFor();
    await page.getByTestId('file-input').setInputFiles(path.join(SAMPLES, '信息工程学院.xlsx'));
    await page.getByTestId('check-summary').waitFor({ timeout: 60000 });
    await page.reload();
    await page.getByTestId('import-summary').filter({ hasText: '已恢复上次导入的 1 个文件' }).waitFor({ timeout: 60000 });

    await page.getByTestId('new-session').click();
    await page.getByTestId('new-session-cancel').click();
    await page.getByTestId('new-session-confirm').waitFor({ state: 'detached' });
    expect(await page.getByTestId('file-table').count()).toBe(1);

    await page.getByTestId('new-session').click();
    await Promise.all([page.waitForEvent('load'), page.getByTestId('new-session-confirm').click()]);
    await page.getByTestId('app').waitFor();
    await page.reload();
    await page.getByTestId('app').waitFor();
    // Nothing comes back: the engine answered (a download is impossible without files).
    await page.getByTestId('choose-files').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid=download]')?.hasAttribute('disabled'));
    await page.getByTestId('file-input').setInputFiles(path.join(SAMPLES, '艺术设计学院.xlsx'));
    await page.getByTestId('check-summary').waitFor({ timeout: 60000 });
    expect(await page.getByTestId('check-summary').innerText()).toMatch(/1 个单位/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
