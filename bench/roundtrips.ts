/**
 * Excel round trips: writes the check workbook model into the fake Excel of the adapter tests
 * (`test/excel/fakeExcel.ts`, `measureWrite`) and reports syncs and the largest request per batch
 * size. The fake is optional: when it (or its helper) is missing the result is null with a note.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkbookModel } from '../src/core/report/model';
import { checkWorkbookModel } from '../src/core/report/checkSheets';
import { loadRoster } from '../src/cli/check';
import { checkAll } from '../src/cli/pool';
import { consolidate } from '../src/core/check';

export interface RoundTrip {
  units: number;
  syncs: number;
  maxRequestBytes: number;
  maxResponseBytes: number | null;
  /** All request bytes of the write: requests are capped at 4 MB, so this sets a floor on syncs. */
  totalRequestBytes: number | null;
  seconds: number;
}

type MeasureWrite = (model: WorkbookModel) => Promise<{ syncs: number; maxRequestBytes: number; maxResponseBytes?: number; requests?: number[] }>;

// Requests as the real Office.js client serialises them, answered by the fake.
const FAKE = path.join(__dirname, '..', 'test', 'excel', 'officeJs.ts');

/** The fake's `measureWrite`, or a note saying why it is not available. */
export async function findMeasureWrite(): Promise<MeasureWrite | string> {
  if (!existsSync(FAKE)) return 'test/excel/fakeExcel.ts not found';
  try {
    const mod = (await import(pathToFileURL(FAKE).href)) as { measureWrite?: unknown; default?: { measureWrite?: unknown } };
    const fn = mod.measureWrite ?? mod.default?.measureWrite;
    if (typeof fn !== 'function') return 'test/excel/fakeExcel.ts has no measureWrite export';
    return fn as MeasureWrite;
  } catch (e) {
    return `could not load test/excel/fakeExcel.ts: ${(e as Error).message}`;
  }
}

/**
 * `files` are the unit workbooks of the largest batch, in unit order; unit i's workbook is the same
 * in every batch, so the first n files are the batch of n units.
 */
export async function measureRoundTrips(
  files: string[],
  sizes: number[],
  rosterFor: (units: number) => Promise<string>,
  asOf: string,
  log: (s: string) => void,
): Promise<{ results: RoundTrip[] | null; note: string | null }> {
  const measureWrite = await findMeasureWrite();
  if (typeof measureWrite === 'string') return { results: null, note: measureWrite };
  const max = Math.max(...sizes);
  const checks = await checkAll(files.slice(0, max), { asOf }, () => undefined);
  const results: RoundTrip[] = [];
  for (const n of [...sizes].sort((a, b) => a - b)) {
    if (n > checks.length) continue;
    const roster = await loadRoster(await rosterFor(n));
    const model = checkWorkbookModel(consolidate(checks.slice(0, n), { asOf, roster }));
    const t0 = performance.now();
    try {
      const m = await measureWrite(model);
      results.push({ units: n, syncs: m.syncs, maxRequestBytes: m.maxRequestBytes, maxResponseBytes: m.maxResponseBytes ?? null, totalRequestBytes: m.requests ? m.requests.reduce((a, b) => a + b, 0) : null, seconds: (performance.now() - t0) / 1000 });
      log(`  excel write, ${n} units: ${m.syncs} syncs, largest request ${(m.maxRequestBytes / 1024).toFixed(0)} KB`);
    } catch (e) {
      return { results: results.length ? results : null, note: `measureWrite failed at ${n} units: ${(e as Error).message}` };
    }
  }
  return { results, note: null };
}
