/**
 * The one pipeline behind every front end (`zhendi check`, `zhendi run`, the task pane in Excel
 * and on the web page). Pure: adapters read bytes into grids, this does everything else.
 *
 *   runPipeline(input: PipelineInput): PipelineResult
 *     1. parameters and rubric, resolved once before checking (resolveRun):
 *        defaults < 参数 / 评分细则 of the score workbooks (then of the earlier result) < input.params;
 *     2. per-file checks (checkFile; `cache` memoises them across recomputes), consolidate;
 *     3. mode 'run': scores (every score workbook, merged, conflicts flagged) < the earlier
 *        result's 评分表 < `entries` (typed in the pane); 加减分; assessment, ranking, rectification
 *        (statuses typed into the earlier result's 整改台账 kept);
 *     4. the workbook model every writer renders, and the JSON report (DOMAIN §5.1).
 */
import { checkFile, consolidate, CopySkipper, type FileCheck, type Submission } from './check';
import type { Finding } from './findings';
import type { CheckResult } from './model';
import { checkOptionsOf, definedOnly } from './params';
import { checkWorkbookModel } from './report/checkSheets';
import { checkFromResult } from './report/readCheck';
import { ruleLegendSheet } from './rules/basis';
import { toJsonReport, type JsonReport } from './report/json';
import { mergeEditable, rawFromGrid } from './report/editable';
import type { SheetModel, WorkbookModel } from './report/model';
import { byName, runAssessment, type RunResult, type ScoreProblem, type SourcedSheet } from './run';
import { DEFAULT_RUBRIC, makeParams, paramsFromGrid, rubricFromGrid, type Params, type ParamsInput, type Rubric, type ScoreEntry } from './scoring';
import { mergeSigners } from './sheet/signer';
import type { Roster } from './units';

export type { SourcedSheet, ScoreProblem, RankingJson } from './run';

export interface PipelineInput {
  /** Submissions, read into grids by an adapter, in batch order. */
  submissions: readonly Submission[];
  /** Per-file checks done elsewhere (the CLI's worker pool, with checkOptionsOf(params)); replaces checking `submissions`. */
  checks?: readonly FileCheck[];
  roster: Roster | null;
  /** Sheets of every score workbook: 评分, 加减分, 评分细则, 参数 (a CSV read as 评分; see classify.scoreBookSheets). */
  scoreBooks?: readonly SourcedSheet[];
  /** Score workbooks or sheets their reader could not read: each a finding, the rest read. */
  scoreProblems?: readonly ScoreProblem[];
  /** Sheets of the earlier result workbook: typed input (评分表, 整改台账) and its 评分细则 / 参数 / 加减分. */
  previous?: readonly SourcedSheet[];
  /** Score entries typed in the pane (newest of all). */
  entries?: readonly ScoreEntry[];
  /** Explicit parameters (CLI flags, changed pane settings): they win over a 参数 sheet. */
  params?: ParamsInput;
  /** 'check': check sheets and JSON only (`zhendi check`); 'run': the whole result. */
  mode?: 'check' | 'run';
  notices?: boolean;
  /** Memo of per-file checks across recomputes (the pane keeps one per session). */
  cache?: CheckCache;
}

export interface PipelineResult {
  params: Params;
  rubric: Rubric;
  check: CheckResult;
  /** Assessment, ranking, rectification and their findings (mode 'run'). */
  run: RunResult | null;
  /** Every finding: the check's and the run's, sorted. */
  findings: Finding[];
  /** The result workbook model: the single thing every writer renders. */
  workbook: WorkbookModel;
  json: JsonReport;
}

/** Per-file checks memoised by content and by what they depend on (date, thresholds, roster). */
export class CheckCache {
  private map = new Map<string, FileCheck>();
  private context = '';
  /** Drops every entry when the checking context changes (a new date, threshold or roster). */
  use(context: string): void {
    if (context !== this.context) this.map.clear();
    this.context = context;
  }
  get(sub: Submission): FileCheck | undefined {
    return this.map.get(cacheKey(sub));
  }
  set(sub: Submission, check: FileCheck): void {
    this.map.set(cacheKey(sub), check);
  }
  get size(): number {
    return this.map.size;
  }
}

const cacheKey = (s: Submission) => `${s.file}\u0000${s.sha256}\u0000${s.modified ?? ''}`;

export interface Resolved {
  params: Params;
  rubric: Rubric;
  findings: Finding[];
}

const named = (sheets: readonly SourcedSheet[], name: string) => sheets.filter((s) => s.sheet.name.trim() === name);

/** Parameters and rubric of a run, before anything is checked. */
export function resolveRun(scoreBooks: readonly SourcedSheet[], previous: readonly SourcedSheet[], overrides: ParamsInput = {}): Resolved {
  const findings: Finding[] = [];
  const sources = [...scoreBooks, ...previous];
  let rubric = DEFAULT_RUBRIC;
  const rubricSheet = named(sources, '评分细则')[0];
  if (rubricSheet) {
    const r = rubricFromGrid(rubricSheet.sheet, rubricSheet.file);
    findings.push(...r.findings);
    if (r.rubric) rubric = r.rubric;
  }
  const paramSheet = named(sources, '参数')[0];
  const fromSheet = paramSheet ? paramsFromGrid(paramSheet.sheet, paramSheet.file) : null;
  if (fromSheet) findings.push(...fromSheet.findings);
  const params = makeParams({ ...(fromSheet?.given ?? {}), ...definedOnly(overrides) });
  return { params, rubric, findings };
}

/** Context string of the per-file checks: everything checkFile reads besides the file. */
function checkContext(p: Params, roster: Roster | null): string {
  return JSON.stringify([p.asOf, p.staleWarnDays, p.staleErrorDays, p.bigvThreshold, p.websiteDomain, roster]);
}

export function runPipeline(input: PipelineInput): PipelineResult {
  const scoreBooks = input.scoreBooks ?? [];
  const previous = input.previous ?? [];
  const resolved = resolveRun(scoreBooks, previous, input.params);
  const { params, rubric } = resolved;
  const opts = checkOptionsOf(params, input.roster);
  const checks = input.checks ?? checkAll(input.submissions, opts, input.cache, checkContext(params, input.roster));
  // A result opened without its submissions keeps the check it holds (readCheck.ts).
  const earlier = checks.length ? null : checkFromResult(previous.map((s) => s.sheet), params.asOf, params.deadline);
  const check = earlier ?? withoutPhantomUnits(consolidate(checks, opts));
  if (input.mode === 'check') {
    const findings = [...check.findings];
    return lazily({ params, rubric, check, run: null, findings }, () => ({ sheets: [...checkWorkbookModel(check).sheets, ruleLegendSheet()] }), () => toJsonReport(check));
  }
  const run = runAssessment({ check, rubric, params, resolveFindings: resolved.findings, scoreBooks, scoreProblems: input.scoreProblems, previous, entries: input.entries ?? [], notices: input.notices });
  const all = { ...check, findings: [...check.findings, ...run.findings] };
  const json = () => ({ ...toJsonReport(all, run.ranking), rectification: run.rectification.map((i) => ({ key: i.key, unit: i.unit, status: i.status })) });
  const workbook = () => {
    // The findings' legend goes after the check sheets (before 评分细则 and 参数).
    const sheets = [...run.workbook.sheets];
    sheets.splice(Math.max(0, sheets.findIndex((x) => x.name === '评分细则')), 0, ruleLegendSheet());
    return { sheets: withTyped(sheets, previous) };
  };
  return lazily({ params, rubric, check, run, findings: all.findings }, workbook, json);
}

/**
 * What users typed into the earlier result's editable cells, kept cell by cell (DOMAIN §4), by
 * every front end alike: the steps read it for its meaning, and a value they could not take (a
 * score over the maximum, a note with no score yet) still shows where it was typed, beside its
 * finding, instead of being overwritten.
 */
function withTyped(sheets: SheetModel[], previous: readonly SourcedSheet[]): SheetModel[] {
  if (!previous.length) return sheets;
  return sheets.map((s) => {
    const old = s.columns.some((c) => c.editable) ? byName(previous, [s.name])[0] : undefined;
    return old ? mergeEditable(s, rawFromGrid(old.sheet)).sheet : s;
  });
}

/**
 * The workbook model and the JSON report are built when first read, once: `zhendi check --json`
 * never builds sheets, a check without --json never builds the report. Both are enumerable
 * properties, so a copy or a structured clone of the result still holds them.
 */
function lazily(base: Omit<PipelineResult, 'workbook' | 'json'>, workbook: () => WorkbookModel, json: () => JsonReport): PipelineResult {
  let book: WorkbookModel | undefined;
  let report: JsonReport | undefined;
  return {
    ...base,
    get workbook() {
      return (book ??= workbook());
    },
    get json() {
      return (report ??= json());
    },
  };
}

/** Per-file checks in batch order; a byte-identical copy is not even parsed (consolidate reports it). */
function checkAll(subs: readonly Submission[], opts: ReturnType<typeof checkOptionsOf>, cache: CheckCache | undefined, context: string): FileCheck[] {
  cache?.use(context);
  const copies = new CopySkipper();
  return subs.map((sub, index) => {
    if (copies.skip(sub)) return duplicateOf(sub, index);
    const hit = cache?.get(sub);
    if (hit) return { ...hit, index };
    const fresh = checkFile(sub, index, opts);
    cache?.set(sub, fresh);
    return fresh;
  });
}

function duplicateOf(sub: Submission, index: number): FileCheck {
  return {
    index,
    file: sub.file,
    record: { file: sub.file, unit: null, status: 'duplicate', sha256: sub.sha256, size: sub.size, modified: sub.modified ?? null, sheets: [] },
    findings: [],
    sheets: [],
    signer: mergeSigners([]),
  };
}

const FILE_RULES = new Set(['file-unreadable', 'file-unsupported', 'file-too-large']);

/**
 * A file that could not be read names its unit only by its file name: "空文件.xlsx" or
 * "随机20mb.xlsx" is no unit. Such a name is kept only when it is a real unit (in the roster or
 * with an accepted file); otherwise the file and its finding stay, without a unit.
 */
export function withoutPhantomUnits(check: CheckResult): CheckResult {
  const real = new Set(check.units.map((u) => u.unit));
  const phantom = (unit: string | null) => unit !== null && !real.has(unit);
  if (!check.files.some((f) => f.status === 'rejected' && phantom(f.unit))) return check;
  const files = check.files.map((f) => (f.status === 'rejected' && phantom(f.unit) ? { ...f, unit: null } : f));
  const findings = check.findings.map((f) => (FILE_RULES.has(f.rule) && phantom(f.unit) ? { ...f, unit: null } : f));
  return { ...check, files, findings };
}
