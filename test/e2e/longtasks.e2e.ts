/**
 * Responsiveness while importing a large batch: 500 unit workbooks (five forms each, from the
 * benchmark's generator) are imported on the web page while a PerformanceObserver('longtask')
 * records every main-thread task over 50 ms. Parsing and checking run in the engine worker, so
 * the longest task must stay under 1 s.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { unitFileName, unitWorkbook } from '../../bench/generate';
import { isolatedPage, launch, serveDist } from './harness';

const N = Number(process.env.ZHENDI_E2E_FILES ?? 500);

let server: Awaited<ReturnType<typeof serveDist>>;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = path.join(os.tmpdir(), `zhendi-e2e-batch-${N}`);
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 1; i <= N; i++) {
    const file = path.join(dir, `${String(i).padStart(4, '0')}-${unitFileName(i)}`);
    if (!fs.existsSync(file)) fs.writeFileSync(file, await unitWorkbook(i));
  }
  server = await serveDist();
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it(`imports ${N} files with every main-thread long task under 1 s`, async () => {
  const { context, page, blocked } = await isolatedPage(browser);
  await page.addInitScript(() => {
    const w = window as unknown as { __longtasks: number[] };
    w.__longtasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longtasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${server.url}/index.html`);
  await page.getByTestId('app').waitFor();
  await page.waitForTimeout(1500); // let the first render settle: only the import is measured
  await page.evaluate(() => {
    (window as unknown as { __longtasks: number[] }).__longtasks = [];
  });
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort().slice(0, N).map((f) => path.join(dir, f));
  const t0 = Date.now();
  await page.getByTestId('file-input').setInputFiles(files);
  // The progress bar counts files while the worker parses them.
  await page.getByTestId('progress').waitFor({ timeout: 30000 });
  await page.getByTestId('check-summary').waitFor({ timeout: 600000 });
  const seconds = (Date.now() - t0) / 1000;
  const tasks = await page.evaluate(() => (window as unknown as { __longtasks: number[] }).__longtasks);
  const max = Math.max(0, ...tasks);
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name}@${Math.round(m.startTime)}`));
  console.log(`marks: ${marks.join(', ')}`);
  const total = tasks.reduce((a, b) => a + b, 0);
  console.log(
    `long tasks while importing ${N} files: ${tasks.length} tasks, longest ${Math.round(max)} ms, ` +
      `total ${Math.round(total)} ms; import + check took ${seconds.toFixed(1)} s`,
  );
  expect(max).toBeLessThan(1000);
  expect(await page.getByTestId('check-summary').innerText()).toMatch(new RegExp(`${N} 个单位|\\d+ 个单位`));
  expect(blocked).toEqual([]);
  await context.close();
});
