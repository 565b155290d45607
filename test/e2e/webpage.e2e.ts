/**
 * The plain web page in real Chromium: import the sample batch, see findings, run every step,
 * download the result and open it with exceljs. Screenshots of each step go to docs/screenshots.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { ROOT, isolatedPage, servedPage, shot } from './harness';

const SAMPLES = path.join(ROOT, 'samples/submissions');
const ROSTER = path.join(ROOT, 'samples/单位名单.xlsx');
const SCORES = path.join(ROOT, 'samples/评分.xlsx');

const suite = servedPage();

async function setAsOf(page: Page, iso: string): Promise<void> {
  await page.getByTestId('tab-import').click();
  await page.getByTestId('asOf').fill(iso); // applies on change
}

describe('index.html (plain web page, no Office.js)', () => {
  it('imports the sample batch, checks, scores, ranks, rectifies and downloads the result', async () => {
    const { context, page, blocked, errors } = await isolatedPage(suite.browser);
    await page.goto(`${suite.url}/index.html`);
    await page.getByTestId('app').waitFor();
    await expectText(page, 'mode', '网页版');
    await setAsOf(page, '2024-11-20');
    await shot(page, '01-import.png');

    // Roster first (settings), then the files.
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('roster-input').setInputFiles(ROSTER);
    await page.getByTestId('roster-status').filter({ hasText: '名单已载入' }).waitFor();
    await shot(page, '06-settings.png');
    await page.getByTestId('tab-import').click();

    const files = fs.readdirSync(SAMPLES).map((f) => path.join(SAMPLES, f));
    await page.getByTestId('file-input').setInputFiles(files);
    await page.getByTestId('check-summary').waitFor({ timeout: 60000 });
    const summary = await page.getByTestId('check-summary').innerText();
    expect(summary).toMatch(/错误 \d+ 条/);
    const errorCount = Number(/错误 (\d+) 条/.exec(summary)![1]);
    expect(errorCount).toBeGreaterThan(0);
    const rules = await page.getByTestId('finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
    for (const r of ['file-unsupported', 'file-unreadable', 'cell-phone', 'unit-missing', 'group-not-real-name']) expect(rules).toContain(r);
    await shot(page, '02-check.png');
    await shot(page, '02-check-full.png', true);

    // Click a finding: on the web page it says where the cell is in the submitted file.
    await page.locator('[data-testid=finding][data-rule=cell-phone]').first().click();
    await expectText(page, 'finding-detail', '单元格');

    // Filter by severity.
    await page.getByTestId('filter-severity').selectOption('error');
    const sev = await page.getByTestId('finding').count();
    expect(sev).toBe(Math.min(errorCount, 100));
    await page.getByTestId('filter-severity').selectOption('all');

    await page.getByTestId('tab-import').click();
    await page.getByTestId('file-table').waitFor();
    expect(await page.getByTestId('import-summary').innerText()).toMatch(/共 19 个文件/);

    // Download, let "inspectors" fill in 评分表 (as they would in WPS), drop that file back in:
    // it is recognised by content as an earlier result and its scores are read back.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-e2e-'));
    const first = await downloadTo(page, path.join(tmp, 'first.xlsx'));
    const scored = path.join(tmp, '已评分.xlsx');
    const filled = await fillScores(first, scored);
    expect(filled).toBeGreaterThan(100);
    await page.getByTestId('tab-import').click();
    await page.getByTestId('file-input').setInputFiles(scored);
    await page.getByTestId('file-table').filter({ hasText: '上次的结果工作簿' }).waitFor();

    // Every view is live: no button to press to see the ranking.
    await page.getByTestId('tab-ranking').click();
    await page.getByTestId('ranking-table').waitFor();
    const top = await page.getByTestId('ranking-table').locator('tbody tr').first().innerText();
    expect(top).toMatch(/^1\s/);
    expect(Number(/(\d+\.\d\d)/.exec(top)![1])).toBeGreaterThan(60);
    await shot(page, '04-ranking.png');

    await page.getByTestId('tab-score').click();
    await page.getByTestId('indicators').waitFor();
    await shot(page, '03-score.png');

    await page.getByTestId('tab-rectify').click();
    await page.getByTestId('notices').click();
    await page.getByTestId('rectify-done').filter({ hasText: '整改台账' }).waitFor();
    await shot(page, '05-rectify.png');

    const saved = await downloadTo(page, path.join(tmp, 'result.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    const names = wb.worksheets.map((w) => w.name);
    for (const n of ['导入记录', '校验结果', '汇总_网站平台', '单位概况', '评分细则', '评分表', '考核排名', '整改台账']) expect(names).toContain(n);
    expect(names.some((n) => n.startsWith('整改通知_'))).toBe(true);
    expect(wb.getWorksheet('校验结果')!.rowCount).toBeGreaterThan(errorCount);
    expect(JSON.stringify(wb.getWorksheet('导入记录')!.getSheetValues())).toContain('图书馆.xls');
    // The scores typed into the opened file are still in the final 评分表.
    expect(await countScores(saved)).toBe(filled);

    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
    await context.close();
  });

  it('ranks the samples dropped together with 评分.xlsx exactly as `zhendi run --scores` does', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-e2e-cli-'));
    const json = path.join(tmp, 'cli.json');
    execFileSync(process.execPath, [path.join(ROOT, 'bin/zhendi.cjs'), 'run', SAMPLES, '--scores', SCORES, '--as-of', '2024-11-20', '--json', json, '--out', path.join(tmp, 'cli.xlsx')], { stdio: 'pipe' });
    const cli = (JSON.parse(fs.readFileSync(json, 'utf8')) as { ranking: { unit: string; score: number; grade: string; rank: number }[] }).ranking;
    expect(cli.length).toBeGreaterThan(5);

    const { context, page, errors } = await isolatedPage(suite.browser);
    await page.goto(`${suite.url}/index.html`);
    await page.getByTestId('app').waitFor();
    await setAsOf(page, '2024-11-20');
    const files = [...fs.readdirSync(SAMPLES).map((f) => path.join(SAMPLES, f)), SCORES];
    await page.getByTestId('file-input').setInputFiles(files);
    await page.getByTestId('check-summary').waitFor({ timeout: 60000 });
    await page.getByTestId('tab-import').click();
    expect(await page.getByTestId('file-table').innerText()).toContain('评分表（检查人）'); // recognised by content, not a unit
    const saved = await downloadTo(page, path.join(tmp, 'pane.xlsx'));
    const pane = await rankingOf(saved);
    // The same 考核排名 as the CLI's workbook, read back the same way …
    expect(pane).toEqual(await rankingOf(path.join(tmp, 'cli.xlsx')));
    // … and as its JSON: order, ranks, grades, and every score the sheet caches.
    expect(pane.map(({ rank, unit, grade }) => ({ rank, unit, grade }))).toEqual(cli.map(({ rank, unit, grade }) => ({ rank, unit, grade })));
    pane.forEach((r, i) => {
      if (r.score !== null) expect(r.score).toBe(Math.round(cli[i]!.score * 100) / 100);
    });
    expect(pane.filter((r) => r.score !== null).length).toBeGreaterThan(cli.length - 3);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('accepts files dropped on the drop zone', async () => {
    const { context, page, errors } = await isolatedPage(suite.browser);
    await page.goto(`${suite.url}/index.html`);
    await page.getByTestId('app').waitFor();
    const files = ['信息工程学院.xlsx', '艺术设计学院.xlsx'].map((f) => ({ name: f, b64: fs.readFileSync(path.join(SAMPLES, f)).toString('base64') }));
    const dt = await page.evaluateHandle((list) => {
      const d = new DataTransfer();
      for (const f of list) d.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
      return d;
    }, files);
    await page.getByTestId('dropzone').dispatchEvent('dragover', { dataTransfer: dt });
    await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer: dt });
    await page.getByTestId('check-summary').waitFor({ timeout: 30000 });
    expect(await page.getByTestId('check-summary').innerText()).toMatch(/2 个单位/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows English when the browser language is English', async () => {
    const { context, page } = await isolatedPage(suite.browser, { locale: 'en-US' });
    await page.goto(`${suite.url}/index.html`);
    await page.getByTestId('app').waitFor();
    await expectText(page, 'mode', 'Web page');
    await context.close();
  });
});

describe('taskpane.html outside Office', () => {
  it('falls back to the web page when office.js cannot load (offline)', async () => {
    const { context, page, blocked, errors } = await isolatedPage(suite.browser);
    await page.goto(`${suite.url}/taskpane.html?step=settings`);
    await page.getByTestId('app').waitFor({ timeout: 15000 });
    await expectText(page, 'mode', '网页版');
    expect(await page.getByTestId('apply-settings').count()).toBe(1); // opened at the ?step= of the ribbon button
    // office.js is fetched only when the page says it runs in Office; nothing else ever leaves.
    expect(blocked.every((u) => /\/office\.js$/.test(u))).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});

async function downloadTo(page: Page, file: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  expect(download.suggestedFilename()).toBe('阵地检查结果-2024-11-20.xlsx');
  await download.saveAs(file);
  return file;
}

/** Header row of 评分表 and the columns of the first inspector's 得分 and the 分值. */
function scoreLayout(ws: ExcelJS.Worksheet): { header: number; score: number; max: number; unit: number } {
  for (let r = 1; r <= Math.min(ws.rowCount, 10); r++) {
    const values = ws.getRow(r).values as unknown[];
    const score = values.findIndex((v) => typeof v === 'string' && v.endsWith('得分'));
    if (score > 0) return { header: r, score, max: values.indexOf('分值'), unit: values.indexOf('单位') };
  }
  throw new Error('评分表 header not found');
}

/** Types a score (a unit-dependent share of each indicator's max, in 0.5 steps) into every row. */
async function fillScores(src: string, dest: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(src);
  const ws = wb.getWorksheet('评分表')!;
  const { header, score, max, unit } = scoreLayout(ws);
  let n = 0;
  for (let r = header + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const m = Number(row.getCell(max).value);
    const name = String(row.getCell(unit).value ?? '');
    if (!Number.isFinite(m) || m <= 0) continue;
    const share = 0.6 + ((name.charCodeAt(0) + name.length) % 9) / 20;
    row.getCell(score).value = Math.round(m * share * 2) / 2;
    n++;
  }
  await wb.xlsx.writeFile(dest);
  return n;
}

/** The 考核排名 rows of a result workbook: rank, unit, 年度得分 and 等级 (cached formula results). */
async function rankingOf(file: string): Promise<{ rank: number | null; unit: string; score: number | null; grade: string }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('考核排名')!;
  const value = (v: ExcelJS.CellValue): unknown => (v && typeof v === 'object' && 'result' in v ? v.result : v);
  // A formula cell without a cached result reads as null.
  const num = (v: unknown) => (typeof v === 'number' ? Math.round(v * 100) / 100 : null);
  let header = 0;
  for (let r = 1; r <= 10 && !header; r++) if ((ws.getRow(r).values as unknown[]).includes('年度得分')) header = r;
  const cols = ws.getRow(header).values as unknown[];
  const at = (name: string) => cols.indexOf(name);
  const out: { rank: number | null; unit: string; score: number | null; grade: string }[] = [];
  for (let r = header + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const unit = value(row.getCell(at('单位')).value);
    if (typeof unit !== 'string' || !unit) break;
    const rank = value(row.getCell(at('排名')).value);
    out.push({ rank: typeof rank === 'number' ? rank : null, unit, score: num(value(row.getCell(at('年度得分')).value)), grade: String(value(row.getCell(at('等级')).value)) });
  }
  return out;
}

async function countScores(file: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('评分表')!;
  const { header, score } = scoreLayout(ws);
  let n = 0;
  for (let r = header + 1; r <= ws.rowCount; r++) if (typeof ws.getRow(r).getCell(score).value === 'number') n++;
  return n;
}

async function expectText(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).filter({ hasText: text }).first().waitFor({ timeout: 15000 });
}
