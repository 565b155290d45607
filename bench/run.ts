/**
 * `npm run bench [-- --sizes 100,1000,2000] [--quick] [--no-build] [--profile] [--run-timeout 120]`
 *
 * End-to-end benchmark of the CLI on synthetic batches (bench/work/N, generated once and reused):
 * `zhendi check` (and `zhendi run` when it exists) as child processes, against openpyxl merely
 * loading the same workbooks; Excel round trips of the check workbook through the fake Excel;
 * the gzip size of the task pane's initial JS. Prints a table and writes bench/results.json.
 */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { batchDir, batchFiles, ensureBatch, ensureRoster, GEN_VERSION } from './generate';
import { inflateFloor } from './floor';
import { measure, hasGnuTime } from './measure';
import { renderProfile, summariseDir, type ThreadProfile } from './profile';
import { measureRoundTrips, type RoundTrip } from './roundtrips';
import { build, taskpaneSize } from './taskpane';

const ROOT = path.resolve(__dirname, '..');
const WORK = path.join(ROOT, 'bench', 'work');
const CLI = path.join(ROOT, 'bin', 'zhendi.cjs');
const PYTHON = '/usr/bin/python3';
const AS_OF = '2024-11-20';
const DEFAULT_SIZES = [100, 1000, 2000];
const QUICK_SIZES = [100, 200];
const EXCEL_SIZES = [10, 100, 1000, 2000];
/** `zhendi run` is much slower than check at 2,000 units; cap it so the bench stays under 10 minutes. */
const DEFAULT_RUN_TIMEOUT = 120;
/** `check` runs per size; its figure is their median (the floor is the best of its own three). */
const CHECK_RUNS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface Args {
  sizes: number[];
  quick: boolean;
  build: boolean;
  profile: boolean;
  runTimeout: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { sizes: DEFAULT_SIZES, quick: false, build: true, profile: false, runTimeout: DEFAULT_RUN_TIMEOUT };
  let sizesGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.split('=', 2) as [string, string | undefined];
    if (flag === '--sizes') {
      const v = inline ?? argv[++i] ?? '';
      const sizes = v.split(',').map((s) => Number(s.trim()));
      if (!sizes.length || sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 20000)) throw new Error(`--sizes expects positive integers, got "${v}"`);
      args.sizes = [...new Set(sizes)].sort((x, y) => x - y);
      sizesGiven = true;
    } else if (flag === '--run-timeout') {
      const v = Number(inline ?? argv[++i]);
      if (!(v > 0)) throw new Error('--run-timeout expects seconds');
      args.runTimeout = v;
    } else if (a === '--quick') args.quick = true;
    else if (a === '--no-build') args.build = false;
    else if (a === '--profile') args.profile = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: npm run bench -- [--sizes 100,1000,2000] [--quick] [--no-build] [--profile]\n' +
        '  --quick     sizes 100,200 (unless --sizes), no webpack build, Excel round trips at 10 and the given sizes\n' +
        '  --no-build  measure an existing dist/ instead of running npm run build\n' +
        '  --profile   also run check with --cpu-prof at the size closest to 1000 and print the hottest functions\n' +
        `  --run-timeout S  kill \`zhendi run\` after S seconds (default ${DEFAULT_RUN_TIMEOUT}); runSeconds is then null\n`);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (args.quick) {
    if (!sizesGiven) args.sizes = QUICK_SIZES;
    args.build = false;
  }
  return args;
}

const log = (s: string) => process.stderr.write(s + '\n');
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function ensureOpenpyxl(): string | null {
  const probe = () => spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0;
  if (probe()) return null;
  if (process.getuid?.() !== 0) return `${PYTHON} cannot import openpyxl and we are not root to apt-get install python3-openpyxl`;
  log('  installing python3-openpyxl (apt-get) …');
  spawnSync('apt-get', ['update'], { stdio: 'ignore' });
  spawnSync('apt-get', ['install', '-y', 'python3-openpyxl'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return probe() ? null : 'apt-get install python3-openpyxl failed';
}

/** Whether the CLI lists a `run` command, and which of the check-style flags it takes. */
function runCommand(): { exists: boolean; flags: Set<string> } {
  const help = spawnSync(process.execPath, [CLI, '--help'], { cwd: ROOT, encoding: 'utf8' }).stdout ?? '';
  if (!/^\s+run\b/m.test(help)) return { exists: false, flags: new Set() };
  const runHelp = spawnSync(process.execPath, [CLI, 'run', '--help'], { cwd: ROOT, encoding: 'utf8' }).stdout ?? '';
  return { exists: true, flags: new Set(runHelp.match(/--[a-z][a-z-]*/g) ?? []) };
}

interface SizeResult {
  units: number;
  /** Median of the check runs (checkRunsSeconds). */
  oursSeconds: number | null;
  checkRunsSeconds: number[] | null;
  runSeconds: number | null;
  openpyxlSeconds: number | null;
  ratio: number | null;
  peakRssMb: number | null;
  runPeakRssMb: number | null;
  runTimedOutAfter: number | null;
  openpyxlPeakRssMb: number | null;
  /** Inflating every zip entry of the batch, one core (the floor of a check). */
  floorSeconds: number | null;
  /** check seconds / floor seconds. */
  checkFloorRatio: number | null;
  /** run seconds / check seconds. */
  runCheckRatio: number | null;
  files: number;
  rows: number | null;
  notes: string[];
}

interface Target {
  target: string;
  value: number | boolean | null;
  met: boolean | null;
}

function fmt(x: number | null, d = 2): string {
  return x === null ? '—' : x.toFixed(d);
}

function table(header: string[], rows: string[][]): string {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
  return [line(header), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const loadStart = os.loadavg()[0]!;
  const notes: string[] = [];
  const phaseSeconds: Record<string, number> = {};
  let mark = Date.now();
  const phase = (name: string) => {
    phaseSeconds[name] = round((Date.now() - mark) / 1000, 1);
    mark = Date.now();
  };
  log(`zhendi bench: sizes ${args.sizes.join(', ')} on ${os.cpus().length} cores, node ${process.version}`);
  if (!hasGnuTime()) notes.push('/usr/bin/time not found: wall time from the parent, peak RSS from /proc VmHWM polling');

  // 1. Batches (largest first, so smaller ones copy its files).
  const largest = Math.max(...args.sizes);
  for (const n of [...args.sizes].sort((a, b) => b - a)) {
    log(`batch ${n}:`);
    const made = await ensureBatch(WORK, n, log, n === largest ? undefined : largest);
    if (!made) log(`  reusing ${path.relative(ROOT, batchDir(WORK, n))} (generator v${GEN_VERSION})`);
  }

  phase('generate');
  const pyNote = ensureOpenpyxl();
  if (pyNote) notes.push(pyNote);
  const run = runCommand();
  if (!run.exists) notes.push('`zhendi run` is not in `node bin/zhendi.cjs --help` yet: runSeconds is null');

  // 2–3. End-to-end runs and the openpyxl baseline.
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'zhendi-bench-'));
  const perSize: SizeResult[] = [];
  for (const n of args.sizes) {
    const dir = path.relative(ROOT, batchDir(WORK, n));
    const roster = path.relative(ROOT, await ensureRoster(WORK, n));
    const files = (await batchFiles(WORK, n)).length;
    const r: SizeResult = { units: n, oursSeconds: null, checkRunsSeconds: null, runSeconds: null, openpyxlSeconds: null, ratio: null, peakRssMb: null, runPeakRssMb: null, runTimedOutAfter: null, openpyxlPeakRssMb: null, floorSeconds: null, checkFloorRatio: null, runCheckRatio: null, files, rows: null, notes: [] };

    log(`inflate floor ${n} …`);
    const floor = await inflateFloor(await batchFiles(WORK, n));
    r.floorSeconds = round(floor.seconds, 3);
    log(`  ${fmt(r.floorSeconds, 3)} s for ${(floor.bytes / 1e6).toFixed(0)} MB of XML`);

    log(`check ${n} (${CHECK_RUNS} runs) …`);
    const runs = [];
    for (let k = 0; k < CHECK_RUNS; k++) {
      const check = await measure(process.execPath, [CLI, 'check', dir, '--roster', roster, '--as-of', AS_OF, '--json', path.join(tmp, `check-${n}.json`)], { cwd: ROOT });
      if (check.code !== 0) {
        r.notes.push(`check exited ${check.code}: ${check.tail}`);
        break;
      }
      runs.push(check);
    }
    if (runs.length === CHECK_RUNS) {
      // The median of the runs: one slow moment of a shared machine must not decide the ratios.
      r.checkRunsSeconds = runs.map((c) => round(c.seconds));
      r.oursSeconds = round(median(runs.map((c) => c.seconds)));
      const peaks = runs.map((c) => c.peakRssMb).filter((x): x is number => x !== null);
      r.peakRssMb = peaks.length ? round(Math.max(...peaks), 0) : null;
      log(`  ${fmt(r.oursSeconds)} s (runs ${r.checkRunsSeconds.join(', ')}), peak ${fmt(r.peakRssMb, 0)} MB`);
    }

    if (run.exists) {
      log(`run ${n} …`);
      const extra: string[] = [];
      if (run.flags.has('--roster')) extra.push('--roster', roster);
      if (run.flags.has('--as-of')) extra.push('--as-of', AS_OF);
      const res = await measure(process.execPath, [CLI, 'run', dir, '--out', path.join(tmp, `run-${n}.xlsx`), ...extra], { cwd: ROOT, timeoutSeconds: args.runTimeout });
      if (res.timedOut) {
        r.runTimedOutAfter = args.runTimeout;
        r.notes.push(`run killed after ${args.runTimeout} s (--run-timeout); pass a larger --run-timeout to time it fully`);
        log(`  killed after ${args.runTimeout} s`);
      } else if (res.code === 0) {
        r.runSeconds = round(res.seconds);
        r.runPeakRssMb = res.peakRssMb === null ? null : round(res.peakRssMb, 0);
        log(`  ${fmt(r.runSeconds)} s, peak ${fmt(r.runPeakRssMb, 0)} MB`);
      } else r.notes.push(`run exited ${res.code}: ${res.tail}`);
    }

    if (!pyNote) {
      log(`openpyxl ${n} …`);
      const py = await measure(PYTHON, [path.join('bench', 'openpyxl_load.py'), dir], { cwd: ROOT });
      if (py.code === 0) {
        r.openpyxlSeconds = round(py.seconds);
        r.openpyxlPeakRssMb = py.peakRssMb === null ? null : round(py.peakRssMb, 0);
        try {
          r.rows = (JSON.parse(py.stdout.trim().split('\n').pop() ?? '{}') as { rows?: number }).rows ?? null;
        } catch {
          /* the count is informational */
        }
        log(`  ${fmt(r.openpyxlSeconds)} s`);
      } else r.notes.push(`openpyxl exited ${py.code}: ${py.tail}`);
    }
    if (r.oursSeconds !== null && r.openpyxlSeconds) r.ratio = round(r.oursSeconds / r.openpyxlSeconds, 3);
    if (r.oursSeconds !== null && r.floorSeconds) r.checkFloorRatio = round(r.oursSeconds / r.floorSeconds, 2);
    if (r.oursSeconds && r.runSeconds !== null) r.runCheckRatio = round(r.runSeconds / r.oursSeconds, 2);
    perSize.push(r);
  }

  phase('cli and openpyxl');

  // LibreOffice recalculating every formula of the largest result (ranks, grades, 评分表 sums).
  let recalc: { units: number; seconds: number | null; note?: string } | null = null;
  const biggest = perSize.at(-1);
  if (biggest?.runSeconds !== null && biggest?.runSeconds !== undefined) {
    const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
    if (soffice) {
      log(`LibreOffice recalculation of the ${biggest.units}-unit result …`);
      recalc = { units: biggest.units, ...(await recalcSeconds(soffice, path.join(tmp, `run-${biggest.units}.xlsx`), tmp)) };
      log(`  ${fmt(recalc.seconds)} s`);
    } else notes.push('soffice not found: no LibreOffice recalculation time');
  }
  phase('libreoffice recalc');

  // 4. Excel round trips: the first n units of the largest batch are the n-unit batch.
  log('excel round trips …');
  const excelSizes = args.quick || args.sizes.join() !== DEFAULT_SIZES.join() ? [...new Set([10, ...args.sizes])] : EXCEL_SIZES;
  const usable = excelSizes.filter((n) => n <= largest);
  const rt = await measureRoundTrips(await batchFiles(WORK, largest), usable, (n) => ensureRoster(WORK, n), AS_OF, log);
  if (rt.note) notes.push(`excel round trips: ${rt.note}`);
  const syncs: Record<string, number> | null = rt.results ? Object.fromEntries(rt.results.map((x) => [String(x.units), x.syncs])) : null;
  const maxRequestBytes = rt.results?.length ? Math.max(...rt.results.map((x) => x.maxRequestBytes)) : null;

  phase('excel round trips');

  // 5. Task pane weight.
  log('task pane …');
  if (args.build) {
    const buildNote = build(ROOT, log);
    if (buildNote) notes.push(`task pane: ${buildNote}`);
  } else notes.push('task pane: build skipped (--quick/--no-build); measured whatever dist/ holds');
  const pane = taskpaneSize(ROOT);
  if (pane.note) notes.push(`task pane: ${pane.note}`);
  phase('task pane');

  // 6. Targets.
  const at = (n: number) => perSize.find((r) => r.units === n) ?? null;
  const ours1000 = at(1000)?.oursSeconds ?? null;
  const ours2000 = at(2000)?.oursSeconds ?? null;
  const growth = ours1000 && ours2000 ? round(ours2000 / ours1000, 3) : null;
  const ratio1000 = at(1000)?.ratio ?? null;
  const rss2000 = at(2000)?.peakRssMb ?? null;
  const run1000 = at(1000)?.runSeconds ?? null;
  const run2000 = at(2000)?.runSeconds ?? null;
  const runGrowth = run1000 && run2000 ? round(run2000 / run1000, 3) : null;
  const runCheck1000 = at(1000)?.runCheckRatio ?? null;
  const floor1000 = at(1000)?.checkFloorRatio ?? null;
  const runRss2000 = at(2000)?.runPeakRssMb ?? null;
  // Requests are capped at 4 MB, so writing B bytes needs at least ⌈B / 4 MB⌉ syncs whatever the
  // code does; "flat" means nothing beyond that grows with the units (no sync per unit or row):
  // a few fixed syncs, then requests packed to 3 MB or more on average.
  const FIXED_SYNCS = 3;
  const syncsFlat = rt.results?.length
    ? rt.results.every((x) => x.totalRequestBytes !== null && x.syncs <= FIXED_SYNCS + Math.ceil(x.totalRequestBytes / 3_000_000))
    : null;
  const judge = (v: number | null, ok: (v: number) => boolean) => (v === null ? null : ok(v));
  const targets: Record<string, Target> = {
    ratioAt1000: { target: 'check seconds / openpyxl seconds at 1000 units ≤ 0.25', value: ratio1000, met: judge(ratio1000, (v) => v <= 0.25) },
    growth: { target: 'check seconds at 2000 / at 1000 ≤ 2.2', value: growth, met: judge(growth, (v) => v <= 2.2) },
    peakRssAt2000: { target: 'check peak RSS at 2000 units ≤ 1024 MB', value: rss2000, met: judge(rss2000, (v) => v <= 1024) },
    checkFloorAt1000: { target: 'check seconds / inflate floor at 1000 units ≤ 3', value: floor1000, met: judge(floor1000, (v) => v <= 3) },
    runCheckAt1000: { target: 'run seconds / check seconds at 1000 units ≤ 3', value: runCheck1000, met: judge(runCheck1000, (v) => v <= 3) },
    runPeakRssAt2000: { target: 'run peak RSS at 2000 units ≤ 1024 MB', value: runRss2000, met: judge(runRss2000, (v) => v <= 1024) },
    runGrowth: { target: 'run seconds at 2000 / at 1000 ≤ 2.2', value: runGrowth, met: judge(runGrowth, (v) => v <= 2.2) },
    syncsFlat: { target: 'Excel syncs do not grow per unit: syncs ≤ 3 + ⌈bytes written / 3 MB⌉ at every size (requests ≤ 4 MB)', value: syncsFlat, met: syncsFlat },
    maxRequest: { target: 'largest Excel request ≤ 4 MB', value: maxRequestBytes, met: judge(maxRequestBytes, (v) => v <= 4_000_000) },
    taskpane: { target: 'task pane initial JS ≤ 300 KB gzip', value: pane.gzipBytes, met: judge(pane.gzipBytes, (v) => v <= 300 * 1024) },
  };

  // Optional profile of check.
  let profile: ThreadProfile[] | null = null;
  if (args.profile) {
    const n = args.sizes.reduce((best, x) => (Math.abs(x - 1000) < Math.abs(best - 1000) ? x : best));
    const profDir = path.join(WORK, 'profile');
    await fs.rm(profDir, { recursive: true, force: true });
    log(`profiling check ${n} (--cpu-prof → ${path.relative(ROOT, profDir)}) …`);
    await measure(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profDir, CLI, 'check', path.relative(ROOT, batchDir(WORK, n)), '--roster', path.relative(ROOT, await ensureRoster(WORK, n)), '--as-of', AS_OF, '--json', path.join(tmp, 'prof.json')], { cwd: ROOT });
    profile = await summariseDir(profDir, ROOT);
    phase('profile');
  }
  await fs.rm(tmp, { recursive: true, force: true });

  const loadEnd = os.loadavg()[0]!;
  if (Math.max(loadStart, loadEnd) > os.cpus().length * 1.2) {
    notes.push(`machine busy (1-min load ${round(loadStart)} at start, ${round(loadEnd)} at end, ${os.cpus().length} cores): timings are inflated`);
  }
  const results = {
    generatedAt: new Date().toISOString(),
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? null, memoryGb: round(os.totalmem() / 1024 ** 3, 1), node: process.version, platform: `${os.platform()} ${os.release()}`, loadAvg1mStart: round(loadStart), loadAvg1mEnd: round(loadEnd) },
    generator: { version: GEN_VERSION, asOf: AS_OF },
    sizes: perSize,
    growth,
    runGrowth,
    libreofficeRecalc: recalc,
    syncs,
    roundTrips: rt.results as RoundTrip[] | null,
    maxRequestBytes,
    taskpaneGzipBytes: pane.gzipBytes,
    taskpaneScripts: pane.scripts,
    targets,
    notes,
    profile: profile?.map((t) => ({ file: t.file, totalMs: t.totalMs, modules: t.modules.slice(0, 10), functions: t.functions })) ?? null,
    phaseSeconds,
    benchSeconds: round((Date.now() - started) / 1000, 1),
  };
  await fs.writeFile(path.join(ROOT, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');

  const rows = perSize.map((r) => [String(r.units), fmt(r.floorSeconds, 3), fmt(r.oursSeconds), fmt(r.checkFloorRatio), r.runTimedOutAfter ? `>${r.runTimedOutAfter}` : fmt(r.runSeconds), fmt(r.runCheckRatio), fmt(r.openpyxlSeconds), fmt(r.ratio, 3), fmt(r.peakRssMb, 0), fmt(r.runPeakRssMb, 0), syncs?.[String(r.units)] !== undefined ? String(syncs[String(r.units)]) : '—']);
  process.stdout.write('\n' + table(['units', 'floor s', 'check s', 'check/floor', 'run s', 'run/check', 'openpyxl s', 'check/openpyxl', 'check RSS MB', 'run RSS MB', 'syncs'], rows) + '\n\n');
  if (rt.results) process.stdout.write('Excel round trips: ' + rt.results.map((x) => `${x.units} units → ${x.syncs} syncs, max request ${(x.maxRequestBytes / 1024).toFixed(0)} KB`).join('; ') + '\n');
  process.stdout.write(`growth (2000/1000): check ${fmt(growth, 3)}, run ${fmt(runGrowth, 3)}   task pane gzip: ${pane.gzipBytes === null ? '—' : `${(pane.gzipBytes / 1024).toFixed(1)} KB`}\n\n`);
  process.stdout.write(table(['target', 'value', 'met'], Object.values(targets).map((t) => [t.target, t.value === null ? '—' : String(t.value), t.met === null ? 'n/a' : t.met ? 'yes' : 'NO']) ) + '\n');
  for (const n of [...notes, ...perSize.flatMap((r) => r.notes.map((x) => `${r.units}: ${x}`))]) process.stdout.write(`note: ${n}\n`);
  if (profile) process.stdout.write('\n' + renderProfile(profile) + '\n');
  process.stdout.write(`\nwrote bench/results.json (${results.benchSeconds} s)\n`);
}

/** Converts the workbook to CSV through a profile that recalculates every formula on load. */
async function recalcSeconds(soffice: string, file: string, tmp: string): Promise<{ seconds: number | null; note?: string }> {
  const profile = path.join(tmp, 'lo-profile');
  await fs.mkdir(path.join(profile, 'user'), { recursive: true });
  await fs.writeFile(
    path.join(profile, 'user', 'registrymodifications.xcu'),
    '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>',
  );
  // Warm the profile once so the timing is the recalculation, not LibreOffice's first start.
  await measure(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--terminate_after_init'], { cwd: tmp, timeoutSeconds: 120 });
  const r = await measure(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2', '--outdir', path.join(tmp, 'recalc'), file], { cwd: tmp, timeoutSeconds: 900 });
  if (r.timedOut) return { seconds: null, note: 'killed after 900 s' };
  return r.code === 0 ? { seconds: round(r.seconds) } : { seconds: null, note: r.tail };
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
