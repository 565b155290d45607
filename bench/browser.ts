/**
 * `npm run bench:browser [-- --units 1000] [--no-build] [--keep]`
 *
 * The web page at scale in headless Chromium: builds dist/, drops the N-unit synthetic batch and
 * its roster into the file input, waits for the import (read + check), clicks 下载结果工作簿 and
 * waits for the file. Measures the wall time of both, the tab's peak memory (the renderer that
 * holds the page and its engine worker, from /proc, plus the page's JS heap from CDP), whether
 * progress was on screen during each phase, and opens the downloaded workbook to see it is whole.
 * Writes bench/browser-results.json. Skips (exit 0) when Chromium or /proc is absent.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CDPSession } from 'playwright-core';
import { checkWorkbook, rosterNames, type WorkbookCheck } from './browserCheck';
import { hasProc, ProcSampler } from './browserProcs';
import { batchFiles, ensureBatch, ensureRoster } from './generate';
import { CHROMIUM, DIST, launch, serveDist } from '../test/e2e/harness';

const ROOT = path.resolve(__dirname, '..');
const WORK = path.join(ROOT, 'bench', 'work');
const OUT = path.join(ROOT, 'bench', 'browser-results.json');
const AS_OF = '2024-11-20';
const LIMIT_MB = 1024;
const PHASE_TIMEOUT_MS = 20 * 60_000;

interface Args {
  units: number;
  build: boolean;
  keep: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { units: 1000, build: true, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    if (flag === '--units') {
      const n = Number(inline ?? argv[++i]);
      if (!Number.isInteger(n) || n < 1 || n > 20000) throw new Error('--units expects a positive integer');
      args.units = n;
    } else if (flag === '--no-build') args.build = false;
    else if (flag === '--keep') args.keep = true;
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write('usage: npm run bench:browser -- [--units 1000] [--no-build] [--keep]\n  --keep  keep the downloaded workbook (path printed)\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${flag}`);
  }
  return args;
}

const log = (s: string) => process.stdout.write(`${s}\n`);
const mb = (kb: number) => Math.round(kb / 1024);

/** What the page shows as progress, recorded in the page on every DOM change (timestamps: Date.now()). */
const OBSERVE_PROGRESS = `(() => {
  const log = (window.__benchProgress = []);
  const SEL = '[data-testid=progress],[data-testid=write-progress],[role=progressbar]';
  let last = '';
  const snap = () => {
    const parts = Array.from(document.querySelectorAll(SEL)).map((el) => {
      const id = el.getAttribute('data-testid') || el.getAttribute('role') || el.tagName;
      const label = el.getAttribute('aria-valuetext') || el.getAttribute('aria-label') || el.textContent || '';
      return id + '=' + label.trim().replace(/\\s+/g, ' ');
    });
    const s = parts.join(' | ');
    if (s !== last) { last = s; log.push({ t: Date.now(), s }); }
  };
  new MutationObserver(snap).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();`;

interface ProgressEntry {
  t: number;
  s: string;
}

interface PhaseProgress {
  /** Distinct progress texts shown during the phase (first few). */
  shown: string[];
  /** Distinct counts "n / m" seen: more than one means the progress moved. */
  steps: number;
  /** A progress indicator was on screen at some point of the phase. */
  seen: boolean;
  /** It showed a count that moved (determinate), not only a spinner. */
  determinate: boolean;
}

function phaseProgress(entries: ProgressEntry[], from: number, to: number): PhaseProgress {
  // The state on screen when the phase started counts too.
  const before = entries.filter((e) => e.t < from).at(-1);
  const inPhase = [...(before ? [before] : []), ...entries.filter((e) => e.t >= from && e.t <= to)];
  const shown = [...new Set(inPhase.map((e) => e.s).filter(Boolean))];
  const counts = new Set(shown.flatMap((s) => [...s.matchAll(/(\d+)\s*\/\s*(\d+)/g)].map((m) => `${m[1]}/${m[2]}`)));
  return { shown: shown.slice(0, 6), steps: counts.size, seen: shown.length > 0, determinate: counts.size > 1 };
}

/** The page's main-thread JS heap from CDP, sampled until stopped. */
class HeapSampler {
  peakUsed = 0;
  peakTotal = 0;
  private on = true;
  private loop: Promise<void> | null = null;
  constructor(private readonly cdp: CDPSession) {}

  async start(everyMs = 250): Promise<void> {
    await this.cdp.send('Performance.enable');
    this.loop = (async () => {
      while (this.on) {
        try {
          const { metrics } = await this.cdp.send('Performance.getMetrics');
          for (const m of metrics) {
            if (m.name === 'JSHeapUsedSize') this.peakUsed = Math.max(this.peakUsed, m.value);
            if (m.name === 'JSHeapTotalSize') this.peakTotal = Math.max(this.peakTotal, m.value);
          }
        } catch {
          return; // page closed
        }
        await new Promise((r) => setTimeout(r, everyMs));
      }
    })();
  }

  async stop(): Promise<void> {
    this.on = false;
    await this.loop;
  }
}

function build(): void {
  log('npm run build …');
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`npm run build failed:\n${`${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-8).join('\n')}`);
}

function chromiumVersion(): string | null {
  const r = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  return r.status === 0 ? r.stdout.trim() : null;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(CHROMIUM)) {
    log(`bench:browser skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH, or install the chromium package)`);
    return;
  }
  if (!hasProc()) {
    log('bench:browser skipped: /proc is not available, so the tab memory cannot be read');
    return;
  }
  if (args.build) build();
  if (!existsSync(path.join(DIST, 'index.html'))) throw new Error('dist/index.html is missing: run without --no-build');

  await ensureBatch(WORK, args.units, log);
  const roster = await ensureRoster(WORK, args.units);
  const files = [...(await batchFiles(WORK, args.units)), roster];
  const rosterUnits = await rosterNames(roster);
  log(`${args.units} units: ${files.length - 1} files + roster (${rosterUnits.length} units)`);

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'zhendi-bench-browser-'));
  const server = await serveDist();
  const procs = new ProcSampler();
  procs.start(100);
  const browser = await launch();
  let result: Record<string, unknown>;
  try {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 420, height: 900 }, locale: 'zh-CN' });
    const errors: string[] = [];
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    // A tab killed for memory fails the phase at once instead of waiting out the timeout.
    const crashed = new Promise<never>((_, reject) => page.on('crash', () => reject(new Error(`the tab crashed (peak so far ${mb(procs.peakTabKb)} MB)`))));
    crashed.catch(() => undefined);
    const phase = <T>(p: Promise<T>) => Promise.race([p, crashed]);
    await page.addInitScript(OBSERVE_PROGRESS);
    const heap = new HeapSampler(await context.newCDPSession(page));
    await page.goto(`${server.url}/index.html`);
    await page.getByTestId('app').waitFor();
    await page.getByTestId('asOf').fill(AS_OF);
    await heap.start();
    procs.sample();
    const idleKb = procs.peakTabKb;

    log('import …');
    const t0 = Date.now();
    await page.getByTestId('file-input').setInputFiles(files);
    await phase(page.getByTestId('check-summary').waitFor({ timeout: PHASE_TIMEOUT_MS }));
    await phase(page.waitForFunction(() => !document.querySelector('[data-testid=progress]'), null, { timeout: PHASE_TIMEOUT_MS }));
    const t1 = Date.now();
    procs.sample();
    const afterImportKb = procs.peakTabKb;
    const summary = await page.getByTestId('check-summary').innerText();
    log(`  ${((t1 - t0) / 1000).toFixed(1)} s — ${summary}`);

    log('download …');
    const download = page.getByTestId('download');
    await download.waitFor();
    await phase(page.waitForFunction(() => !document.querySelector('[data-testid=download]')?.hasAttribute('disabled'), null, { timeout: PHASE_TIMEOUT_MS }));
    const t2 = Date.now();
    const [dl] = await phase(Promise.all([page.waitForEvent('download', { timeout: PHASE_TIMEOUT_MS }), download.click()]));
    const t3 = Date.now();
    const saved = path.join(tmp, dl.suggestedFilename() || 'result.xlsx');
    await dl.saveAs(saved);
    await page.waitForTimeout(300); // the page's own clean-up after the click (notice, busy off)
    procs.stop();
    await heap.stop();
    log(`  ${((t3 - t2) / 1000).toFixed(1)} s`);

    const progress = (await page.evaluate(() => (window as unknown as { __benchProgress: ProgressEntry[] }).__benchProgress)) ?? [];
    const importProgress = phaseProgress(progress, t0, t1);
    const downloadProgress = phaseProgress(progress, t2, t3);
    let workbook: WorkbookCheck | { ok: false; problems: string[] };
    try {
      workbook = await checkWorkbook(saved, rosterUnits, args.units);
    } catch (e) {
      workbook = { ok: false, problems: [`unreadable: ${(e as Error).message}`] };
    }
    const peakTabMb = mb(procs.peakTabKb);
    result = {
      generatedAt: new Date().toISOString(),
      units: args.units,
      files: files.length,
      chromium: chromiumVersion(),
      cpus: os.cpus().length,
      importSeconds: +((t1 - t0) / 1000).toFixed(2),
      downloadSeconds: +((t3 - t2) / 1000).toFixed(2),
      checkSummary: summary,
      memory: {
        peakTabMb,
        limitMb: LIMIT_MB,
        underLimit: peakTabMb < LIMIT_MB,
        idleTabMb: mb(idleKb),
        afterImportTabMb: mb(afterImportKb),
        peakAllChromiumMb: mb(procs.peakAllRssKb),
        renderers: procs.rendererHwmKb.size,
        pageJsHeapUsedMb: Math.round(heap.peakUsed / 2 ** 20),
        pageJsHeapTotalMb: Math.round(heap.peakTotal / 2 ** 20),
        samples: procs.samples,
        how: 'peakTab = largest VmHWM/VmRSS of a Chromium renderer process (page + its dedicated engine worker) from /proc; page JS heap from CDP Performance.getMetrics (Chromium exposes no heap figure for a dedicated worker; its heap is inside the renderer figure)',
      },
      progress: { import: importProgress, download: downloadProgress },
      phases: { importStartMs: t0 - procs.startedAt, importEndMs: t1 - procs.startedAt, downloadStartMs: t2 - procs.startedAt, downloadEndMs: t3 - procs.startedAt },
      tabMbTimeline: procs.timeline,
      workbook,
      pageErrors: errors,
    };
    if (args.keep) log(`kept ${saved}`);
  } finally {
    procs.stop();
    await browser.close();
    await server.close();
  }
  if (!args.keep) rmSync(tmp, { recursive: true, force: true });
  writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
  const m = result.memory as { peakTabMb: number; peakAllChromiumMb: number; pageJsHeapUsedMb: number; afterImportTabMb: number };
  const p = result.progress as { import: PhaseProgress; download: PhaseProgress };
  const w = result.workbook as { ok: boolean; problems: string[] };
  const yes = (x: PhaseProgress) => (x.determinate ? `yes (${x.steps} counts)` : x.seen ? 'spinner only' : 'NO');
  log('');
  log(`| units | import s | download s | peak tab MB | all Chromium MB | tab after import MB | page heap MB | progress import | progress download | workbook |`);
  log(`|---|---|---|---|---|---|---|---|---|---|`);
  log(`| ${args.units} | ${result.importSeconds} | ${result.downloadSeconds} | ${m.peakTabMb} | ${m.peakAllChromiumMb} | ${m.afterImportTabMb} | ${m.pageJsHeapUsedMb} | ${yes(p.import)} | ${yes(p.download)} | ${w.ok ? 'complete' : w.problems.join('; ')} |`);
  log(`wrote ${path.relative(ROOT, OUT)}`);
  const fails = [
    m.peakTabMb >= LIMIT_MB ? `peak tab ${m.peakTabMb} MB ≥ ${LIMIT_MB} MB` : null,
    !p.import.seen ? 'no progress during import' : null,
    !p.download.seen ? 'no progress while building the download' : null,
    !w.ok ? 'workbook incomplete' : null,
    ...((result.pageErrors as string[]).length ? ['page errors'] : []),
  ].filter(Boolean);
  if (fails.length) {
    log(`target missed: ${fails.join('; ')}`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(2);
});
