/** `zhendi check`: validate files and folders, print a summary, write JSON and the workbook. */
import path from 'node:path';
import type { CheckOptions, FileCheck, Submission } from '../core/check';
import type { CheckResult } from '../core/model';
import type { Finding } from '../core/findings';
import { checkOptionsOf } from '../core/params';
import { resolveRun, runPipeline, type PipelineInput, type PipelineResult, type SourcedSheet } from '../core/pipeline';
import type { ParamsInput } from '../core/scoring';
import { todayIso } from '../core/normalize/date';
import { collectFiles, fromUser, loadSubmissions as loadFile } from './files';
import { loadRoster, readFound } from './inputs';
import { checkAll } from './pool';
import { progress } from './progress';
import { renderWorkbook, writeOutputs, type Output } from './writer';
import { renderTable, terminalText } from './table';
import { writeReturnCopies } from './returns';

export interface CheckFlags {
  roster?: string;
  asOf?: string;
  deadline?: string;
  staleWarn?: number;
  staleError?: number;
  websiteDomain?: string;
  json?: string;
  out?: string;
  strict?: boolean;
  returnDir?: string;
  returnBy?: string;
}

/** Reads every file (no checking): for callers that want the submissions themselves. */
export async function loadSubmissions(paths: string[]): Promise<Submission[]> {
  const subs: Submission[] = [];
  // An archive gives its files.
  for (const f of await collectFiles(paths)) for (const sub of await loadFile(f)) subs.push(sub);
  return subs;
}

/** Reads and checks every file in the worker pool, with the run's parameters. */
export async function checkFiles(paths: string[], input: Omit<PipelineInput, 'submissions' | 'checks'>): Promise<FileCheck[]> {
  return checkList(await collectFiles(paths), input);
}

function optionsOf(input: Omit<PipelineInput, 'submissions' | 'checks'>): CheckOptions {
  return checkOptionsOf(resolveRun(input.scoreBooks ?? [], input.previous ?? [], input.params).params, input.roster);
}

async function checkList(files: string[], input: Omit<PipelineInput, 'submissions' | 'checks'>): Promise<FileCheck[]> {
  const bar = progress(files.length, '校验');
  const checks = await checkAll(files, optionsOf(input), (f) => bar.tick(path.basename(f)), { onPart: (f, k, n) => bar.note(`${path.basename(f)} ${k}/${n}`) });
  bar.done();
  return checks;
}

/** Which of the roster and earlier result the caller was given explicitly (those win over found ones). */
export interface Given {
  roster: boolean;
  previous: boolean;
}

/**
 * The pipeline over files and folders: the one path of `check` and `run`. A roster, score
 * workbook or earlier result among the paths is recognised by content and used as such, never
 * checked as a unit; when that changes the checker's options the submissions are checked again.
 */
export async function pipelineOnPaths(paths: string[], input: Omit<PipelineInput, 'submissions' | 'checks'>, given?: Given): Promise<PipelineResult> {
  const files = await collectFiles(paths);
  let checks = await checkList(files, input);
  if (!checks.some((c) => c.other || c.more?.some((m) => m.other))) return runPipeline({ ...input, submissions: [], checks });
  const found = await readFound(checks);
  for (const line of found.lines) process.stdout.write(`已按内容识别 ${terminalText(line)}\n`);
  const roster = (given?.roster ?? input.roster != null) ? input.roster : (found.roster ?? input.roster);
  const previous = !(given?.previous ?? (input.previous?.length ?? 0) > 0) && found.previous.length ? found.previous : input.previous;
  const next = { ...input, roster, previous, scoreBooks: [...(input.scoreBooks ?? []), ...found.scoreBooks], scoreProblems: [...(input.scoreProblems ?? []), ...found.scoreProblems] };
  // An input that is all roster, scores or result is not read again; an archive is, for its submissions.
  const submissions = files.filter((_, i) => withoutOthers(checks[i]!));
  if (JSON.stringify(optionsOf(next)) !== JSON.stringify(optionsOf(input))) checks = await checkList(submissions, next);
  return runPipeline({ ...next, submissions: [], checks: checks.map(withoutOthers).filter((c): c is FileCheck => c !== null) });
}

/** The submissions of an input's check (an archive's files, a split file's parts), as one check; null when it holds none. */
function withoutOthers(c: FileCheck): FileCheck | null {
  const [first, ...more] = [c, ...(c.more ?? [])].filter((x) => !x.other).map(({ more: _more, ...x }) => x);
  if (!first) return null;
  return more.length ? { ...first, more } : first;
}

/** Checker options of the flags alone (no 参数 sheet): for callers that check submissions themselves. */
export async function checkOptions(o: CheckFlags): Promise<CheckOptions> {
  const roster = o.roster ? await loadRoster(o.roster) : null;
  return checkOptionsOf(resolveRun([], [], flagParams(o)).params, roster);
}

/** The parameters given on the command line (undefined = not given: a 参数 sheet or the default decides). */
export function flagParams(o: CheckFlags): ParamsInput {
  return { asOf: o.asOf ?? todayIso(new Date()), deadline: o.deadline, staleWarnDays: o.staleWarn, staleErrorDays: o.staleError, websiteDomain: o.websiteDomain };
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

/** Files as given; a file holding several units' rows counts once, its parts said apart (the statuses count parts). */
export function filesLine(r: CheckResult): string {
  const parts = new Map<string, number>();
  for (const f of r.files) parts.set(f.file, (parts.get(f.file) ?? 0) + 1);
  const split = [...parts.values()].filter((n) => n > 1);
  if (!split.length) return `文件 ${parts.size} 个`;
  return `文件 ${parts.size} 个（其中 ${split.length} 个含多个单位，拆为 ${split.reduce((a, b) => a + b, 0)} 份，按份计）`;
}

/** `findings`: every finding of the result (run adds the scoring ones), so the counts are 总览's and the JSON's. */
export function printSummary(r: CheckResult, findings: readonly Finding[] = r.findings): void {
  process.stdout.write(summaryTable(r) + '\n');
  const st = (s: string) => r.files.filter((f) => f.status === s).length;
  const sev = (s: string) => findings.filter((f) => f.severity === s).length;
  process.stdout.write(
    `\n${filesLine(r)}：导入 ${st('accepted')}，未导入 ${st('rejected')}，被替换 ${st('replaced')}，重复 ${st('duplicate')}；` +
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
export { loadRoster };
