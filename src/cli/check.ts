/** `zhendi check`: validate files and folders, print a summary, write JSON and the workbook. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CheckOptions, FileCheck, Submission } from '../core/check';
import type { CheckResult } from '../core/model';
import { checkOptionsOf } from '../core/params';
import { resolveRun, runPipeline, type PipelineInput, type PipelineResult, type SourcedSheet } from '../core/pipeline';
import type { ParamsInput } from '../core/scoring';
import { todayIso } from '../core/normalize/date';
import { rosterFromGrid, type Roster } from '../core/units';
import { readSubmission } from '../xlsx/read';
import { collectFiles, fromUser, loadSubmission } from './files';
import { checkAll } from './pool';
import { progress } from './progress';
import { renderWorkbook, writeOutputs, type Output } from './writer';
import { renderTable } from './table';
import { writeReturnCopies } from './returns';

export interface CheckFlags {
  roster?: string;
  asOf?: string;
  deadline?: string;
  staleWarn?: number;
  staleError?: number;
  json?: string;
  out?: string;
  strict?: boolean;
  returnDir?: string;
  returnBy?: string;
}

export async function loadRoster(file: string): Promise<Roster> {
  const abs = fromUser(file);
  const bytes = await fs.readFile(abs);
  const read = await readSubmission(path.basename(abs), new Uint8Array(bytes));
  if (!read.ok) throw new Error(`单位名单“${file}”无法读取：${read.detail}`);
  for (const sheet of read.workbook.sheets) {
    const r = rosterFromGrid(sheet);
    if (r) return r;
  }
  throw new Error(`单位名单“${file}”中找不到“单位名称”列`);
}

/** Reads every file (no checking): for callers that want the submissions themselves. */
export async function loadSubmissions(paths: string[]): Promise<Submission[]> {
  const subs: Submission[] = [];
  for (const f of await collectFiles(paths)) subs.push(await loadSubmission(f));
  return subs;
}

/** Reads and checks every file (in parallel for big batches), with the run's parameters. */
export async function checkFiles(paths: string[], input: Omit<PipelineInput, 'submissions' | 'checks'>): Promise<FileCheck[]> {
  const { params } = resolveRun(input.scoreBooks ?? [], input.previous ?? [], input.params);
  const files = await collectFiles(paths);
  const bar = progress(files.length, '校验');
  const checks = await checkAll(files, checkOptionsOf(params, input.roster), (f) => bar.tick(path.basename(f)));
  bar.done();
  return checks;
}

/** The pipeline over files and folders: the one path of `check` and `run`. */
export async function pipelineOnPaths(paths: string[], input: Omit<PipelineInput, 'submissions' | 'checks'>): Promise<PipelineResult> {
  const checks = await checkFiles(paths, input);
  return runPipeline({ ...input, submissions: [], checks });
}

/** Checker options of the flags alone (no 参数 sheet): for callers that check submissions themselves. */
export async function checkOptions(o: CheckFlags): Promise<CheckOptions> {
  const roster = o.roster ? await loadRoster(o.roster) : null;
  return checkOptionsOf(resolveRun([], [], flagParams(o)).params, roster);
}

/** The parameters given on the command line (undefined = not given: a 参数 sheet or the default decides). */
export function flagParams(o: CheckFlags): ParamsInput {
  return { asOf: o.asOf ?? todayIso(new Date()), deadline: o.deadline, staleWarnDays: o.staleWarn, staleErrorDays: o.staleError };
}

export async function writeFileFor(userPath: string, data: string | Uint8Array): Promise<void> {
  await writeOutputs([{ path: fromUser(userPath), data }]);
}

/** Units shown in the terminal table; a city-wide batch lists the units needing most attention. */
export const SUMMARY_ROWS = 40;

export function summaryTable(r: CheckResult, limit = SUMMARY_ROWS): string {
  const units = r.units.length > limit ? [...r.units].sort((a, b) => b.errors - a.errors || b.warnings - a.warnings).slice(0, limit) : r.units;
  const rows = units.map((u) => [u.unit, u.category ?? '', Object.keys(u.forms).length, u.missingForms.length, u.errors, u.warnings]);
  const table = renderTable(['单位', '类别', '已报送表', '缺表', '错误', '警告'], rows);
  const rest = r.units.length - units.length;
  return rest > 0 ? `${table}\n（按错误数列出前 ${limit} 个单位，另有 ${rest} 个单位见校验结果）` : table;
}

export function printSummary(r: CheckResult): void {
  process.stdout.write(summaryTable(r) + '\n');
  const st = (s: string) => r.files.filter((f) => f.status === s).length;
  const sev = (s: string) => r.findings.filter((f) => f.severity === s).length;
  process.stdout.write(
    `\n文件 ${r.files.length} 个：导入 ${st('accepted')}，未导入 ${st('rejected')}，被替换 ${st('replaced')}，重复 ${st('duplicate')}；` +
      `问题：错误 ${sev('error')}，警告 ${sev('warning')}，提示 ${sev('info')}\n`,
  );
}

export async function checkCommand(paths: string[], o: CheckFlags): Promise<number> {
  const roster = o.roster ? await loadRoster(o.roster) : null;
  const r = await pipelineOnPaths(paths, { roster, params: flagParams(o), mode: 'check' });
  printSummary(r.check);
  // Rendered first, then written together: the JSON and the workbook, or neither.
  const outputs: Output[] = [];
  if (o.json) outputs.push({ path: fromUser(o.json), data: JSON.stringify(r.json, null, 2) });
  if (o.out) outputs.push({ path: fromUser(o.out), data: await renderWorkbook(r.workbook) });
  await writeOutputs(outputs);
  if (o.out) process.stdout.write(`已写出：${o.out}\n`);
  if (o.returnDir) await writeReturnCopies(r.check, o.returnDir, o.returnBy);
  return o.strict && r.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

export type { SourcedSheet };
