/**
 * Accessibility of the web page in Chromium: axe-core (WCAG 2.1 A + AA) on every step at 350 px
 * and 1280 px, no horizontal scrolling at 320 px and at 200 % zoom of 350 px (175 CSS px), and
 * the live region's text after import and after download.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DIST, ROOT, isolatedPage, launch, serveDist } from './harness';
import { blocking, horizontalOverflow, runAxe, type Violation } from './axe';

const SAMPLES = path.join(ROOT, 'samples/submissions');
const STEPS = ['import', 'check', 'score', 'ranking', 'rectify', 'settings'] as const;

let server: Awaited<ReturnType<typeof serveDist>>;
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) throw new Error('dist/ is missing: run `npm run build` (npm run test:e2e does)');
  server = await serveDist();
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function importSamples(page: Page): Promise<void> {
  const files = fs.readdirSync(SAMPLES).map((f) => path.join(SAMPLES, f));
  await page.getByTestId('file-input').setInputFiles(files);
  await page.getByTestId('check-summary').waitFor({ timeout: 60000 });
}

/** Opens a step; where a step still has a run button, runs it so its results are on screen. */
async function openStep(page: Page, step: string): Promise<void> {
  await page.getByTestId(`tab-${step}`).click();
  const run = page.getByTestId(`run-${step}`);
  if ((await run.count()) && (await run.isEnabled())) {
    await run.click();
    await page.getByTestId(`${step}-done`).waitFor({ timeout: 30000 });
  }
  await page.waitForTimeout(300);
}

describe('axe-core and reflow on every step', () => {
  const report: Record<string, { all: Violation[]; blocking: Violation[] }> = {};

  afterAll(() => {
    const out = path.join(os.tmpdir(), 'zhendi-axe.json');
    fs.writeFileSync(out, JSON.stringify(report, null, 2));
    const lines = Object.entries(report).map(([k, v]) => `${k}: ${v.all.map((x) => `${x.id}(${x.impact})×${x.nodes}`).join(', ') || 'none'}`);
    console.log(`axe violations per step (also in ${out}):\n${lines.join('\n')}`);
  });

  for (const width of [350, 1280]) {
    it(`has no serious or critical violation at ${width} px`, async () => {
      const { context, page, errors } = await isolatedPage(browser, { width, height: 900 });
      await page.goto(`${server.url}/index.html`);
      await page.getByTestId('app').waitFor();
      const problems: string[] = [];
      const audit = async (name: string) => {
        const all = await runAxe(page);
        const bad = blocking(all);
        report[`${width}px ${name}`] = { all, blocking: bad };
        for (const v of bad) problems.push(`${name}: ${v.id} (${v.impact}) ${v.targets.slice(0, 3).join(' ; ')}`);
      };
      await audit('import (empty)');
      await importSamples(page);
      for (const s of STEPS) {
        await openStep(page, s);
        await audit(s);
      }
      expect(problems).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  // 320 CSS px (WCAG 1.4.10) and a 350 px pane zoomed to 200 % (175 CSS px).
  for (const width of [320, 175]) {
    it(`does not scroll horizontally at ${width} CSS px`, async () => {
      const { context, page } = await isolatedPage(browser, { width, height: 800 });
      await page.goto(`${server.url}/index.html`);
      await page.getByTestId('app').waitFor();
      const wide: string[] = [];
      const probe = async (name: string) => {
        const o = await horizontalOverflow(page);
        if (o.scrollWidth > o.clientWidth) wide.push(`${name}: ${o.scrollWidth} > ${o.clientWidth} ${o.culprits.join(' ; ')}`);
      };
      await probe('import (empty)');
      await importSamples(page);
      for (const s of STEPS) {
        await openStep(page, s);
        await probe(s);
      }
      expect(wide).toEqual([]);
      await context.close();
    });
  }
});
