/**
 * `npx tsx bench/browserSecondDrop.ts [--dist dist] [--work bench/work] [--units 1000] [--add 10]`
 *
 * What a later drop costs on the web page once its session is large: headless Chromium drops the
 * N-unit batch and its roster (the session is saved in IndexedDB), then drops `--add` more files
 * (units of the 2N batch beyond N) and times that second drop until the page shows it done (read,
 * check, save, recompute); then reloads and times the restore. Needs a built page (`npm run build`)
 * and bench/work/N and bench/work/2N (`npm run bench` makes them). Prints one JSON line.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { batchFiles, ensureBatch, ensureRoster } from './generate';
import { CHROMIUM, DIST, launch, serveDist } from '../test/e2e/harness';

const ROOT = path.resolve(__dirname, '..');
const TIMEOUT = Number(process.env.SECOND_DROP_TIMEOUT_MS ?? 20 * 60_000);

function parseArgs(argv: string[]) {
  const a = { dist: DIST, work: path.join(ROOT, 'bench', 'work'), units: 1000, add: 10 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--dist') a.dist = path.resolve(value);
    else if (flag === '--work') a.work = path.resolve(value);
    else if (flag === '--units') a.units = Number(value);
    else if (flag === '--add') a.add = Number(value);
    else throw new Error(`unknown argument ${flag}`);
  }
  return a;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(CHROMIUM)) {
    process.stdout.write(`skipped: no Chromium at ${CHROMIUM}\n`);
    return;
  }
  const log = (s: string) => process.stderr.write(`${s}\n`);
  await ensureBatch(args.work, args.units, log);
  await ensureBatch(args.work, 2 * args.units, log);
  const roster = await ensureRoster(args.work, args.units);
  const first = await batchFiles(args.work, args.units);
  const have = new Set(first.map((f) => path.basename(f)));
  const more = (await batchFiles(args.work, 2 * args.units)).filter((f) => !have.has(path.basename(f))).slice(0, args.add);

  const server = await serveDist(args.dist);
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 420, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const settled = () => page.waitForFunction(() => !document.querySelector('[data-testid=progress]'), null, { timeout: TIMEOUT });
    const imported = async (total: number) => {
      // The notice after an import (the page then shows the check step).
      await page
        .getByTestId('notice')
        .filter({ hasText: `共 ${total} 个文件` })
        .waitFor({ timeout: TIMEOUT })
        .catch(async (e: unknown) => {
          const shown = await page.getByTestId('notice').allInnerTexts().catch(() => []);
          throw new Error(`${(e as Error).message.split('\n')[0]}; notice: ${shown.join(' | ')}`);
        });
      await settled();
    };
    await page.goto(`${server.url}/index.html`);
    await page.getByTestId('app').waitFor();
    await page.getByTestId('asOf').fill('2024-11-20');

    log(`first drop: ${first.length} files + roster …`);
    const t0 = Date.now();
    await page.getByTestId('file-input').setInputFiles([...first, roster]);
    await imported(first.length);
    const t1 = Date.now();
    log(`  ${(t1 - t0) / 1000} s; second drop: ${more.length} files …`);
    await page.getByTestId('tab-import').click();
    await page.getByTestId('file-input').waitFor({ state: 'attached' });
    const t1b = Date.now();
    await page.getByTestId('file-input').setInputFiles(more);
    await imported(first.length + more.length);
    const t2 = Date.now();
    const storedMb = await page.evaluate(async () => ((await navigator.storage.estimate()).usage ?? 0) / 2 ** 20);

    log(`  ${(t2 - t1b) / 1000} s; reload …`);
    await page.reload();
    await page.getByTestId('app').waitFor();
    const t3 = Date.now();
    await page.getByTestId('import-summary').filter({ hasText: `已恢复上次导入的 ${first.length + more.length} 个文件` }).waitFor({ timeout: TIMEOUT });
    await settled();
    const t4 = Date.now();
    const storage = await page.getByTestId('storage-problem').count();
    const out = {
      units: args.units,
      added: more.length,
      firstDropS: (t1 - t0) / 1000,
      secondDropS: (t2 - t1b) / 1000,
      restoreS: (t4 - t3) / 1000,
      storedMb: Math.round(storedMb),
      storageProblem: storage > 0,
      pageErrors: errors,
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(2);
});
