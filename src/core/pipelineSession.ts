/**
 * A working session over the pipeline, for the task pane (Excel and the web page): what was
 * dropped (submissions, roster, score workbooks, an earlier result) and what inspectors typed,
 * and a recompute that returns the whole result after any change. Pure: the pane's engine reads
 * bytes, persists this state and carries messages; per-file checks are memoised, so a recompute
 * after a score or a setting only re-consolidates and re-assesses.
 */
import type { Submission } from './check';
import type { SheetGrid } from './grid';
import type { CheckResult } from './model';
import { CheckCache, runPipeline, type PipelineResult, type ScoreProblem, type SourcedSheet } from './pipeline';
import { isHalfStep } from './scoring/util';
import { ROUND_NAMES, scoreKey, type Round, type ScoreEntry } from './scoring/scores';
import type { ParamsInput, Rubric } from './scoring';
import type { Roster } from './units';

/** A score workbook as dropped (its recognised sheets). */
export interface ScoreBook {
  file: string;
  sha256: string;
  sheets: SheetGrid[];
  /** Sheets of it that could not be read (classify.scoreBookProblems). */
  problems?: ScoreProblem[];
}

/** An earlier result workbook: its sheets (typed input is read back from them) and its bytes. */
export interface EarlierResult {
  file: string;
  sha256: string;
  sheets: SheetGrid[];
}

/** One score typed in the pane; `value: null` clears the entry. */
export interface EntryInput {
  unit: string;
  indicatorId: string;
  round: Round;
  inspector: string;
  value: number | null;
  note?: string;
}

export type EntryOutcome = { ok: true } | { ok: false; message: string };

export interface SessionState {
  submissions: Submission[];
  roster: Roster | null;
  scoreBooks: ScoreBook[];
  previous: EarlierResult | null;
  entries: ScoreEntry[];
}

export function emptySession(): SessionState {
  return { submissions: [], roster: null, scoreBooks: [], previous: null, entries: [] };
}

/** Why an entry is refused (Chinese, for the pane), or null when it is valid. */
export function entryProblem(rubric: Rubric, e: EntryInput): string | null {
  const ind = rubric.indicators.find((i) => i.id === e.indicatorId);
  if (!ind) return `评分细则中没有指标“${e.indicatorId}”`;
  if (e.round !== 1 && e.round !== 2) return '轮次应为上半年或下半年';
  if (!e.inspector.trim()) return '请先填写检查人';
  if (!e.unit.trim()) return '请先选择单位';
  if (e.value === null) return null;
  if (!Number.isFinite(e.value) || e.value < 0 || e.value > ind.max) return `“${ind.level2}”得分应在 0～${ind.max} 分之间`;
  if (!isHalfStep(e.value)) return `“${ind.level2}”得分应为 0.5 的整数倍`;
  return null;
}

/** Sets or clears one typed entry (returns the new list, or the refusal). */
export function applyEntry(entries: readonly ScoreEntry[], rubric: Rubric, e: EntryInput): { entries: ScoreEntry[]; outcome: EntryOutcome } {
  const problem = entryProblem(rubric, e);
  if (problem) return { entries: [...entries], outcome: { ok: false, message: problem } };
  const inspector = e.inspector.trim();
  const key = scoreKey({ round: e.round, inspector, unit: e.unit, indicatorId: e.indicatorId });
  const rest = entries.filter((x) => scoreKey(x) !== key);
  if (e.value === null) return { entries: rest, outcome: { ok: true } };
  const entry: ScoreEntry = { round: e.round, inspector, unit: e.unit, indicatorId: e.indicatorId, score: e.value, note: e.note ?? '', file: null, sheet: null, cell: null };
  return { entries: [...rest, entry], outcome: { ok: true } };
}

/** 已评 n / m 个单位: units whose every indicator has this inspector's score in this round. */
export function scoringProgress(scores: readonly ScoreEntry[], units: readonly string[], rubric: Rubric, inspector: string, round: Round): { inspector: string; round: Round; roundName: string; scored: number; total: number } {
  const have = new Map<string, Set<string>>();
  for (const s of scores) {
    if (s.round !== round || s.inspector !== inspector) continue;
    const set = have.get(s.unit) ?? new Set<string>();
    set.add(s.indicatorId);
    have.set(s.unit, set);
  }
  const scored = units.filter((u) => rubric.indicators.every((i) => have.get(u)?.has(i.id))).length;
  return { inspector, round, roundName: ROUND_NAMES[round], scored, total: units.length };
}

/** The unit's websites (网站名称, 网址 of its 网站平台 rows), for the scoring view's links. */
export function unitWebsites(check: CheckResult, unit: string): { name: string; url: string }[] {
  return check.tables.website
    .filter((r) => r.unit === unit)
    .map((r) => ({ name: String(r.values.name ?? ''), url: String(r.values.url ?? '') }))
    .filter((w) => w.url || w.name);
}

export interface RecomputeOptions {
  params: ParamsInput;
  notices?: boolean;
  /** The open Excel workbook's own sheets (评分表, 整改台账, 评分细则, 参数, 加减分): they stand for the earlier result. */
  workbook?: SourcedSheet[] | null;
  cache?: CheckCache;
}

/** The whole result of the session's current state. */
export function recompute(state: SessionState, o: RecomputeOptions): PipelineResult {
  const previous = o.workbook ?? (state.previous ? state.previous.sheets.map((sheet) => ({ file: state.previous!.file, sheet })) : []);
  return runPipeline({
    submissions: state.submissions,
    roster: state.roster,
    scoreBooks: state.scoreBooks.flatMap((b) => b.sheets.map((sheet) => ({ file: b.file, sheet }))),
    scoreProblems: state.scoreBooks.flatMap((b) => b.problems ?? []),
    previous,
    entries: state.entries,
    params: o.params,
    notices: o.notices,
    mode: 'run',
    cache: o.cache,
  });
}

export { CheckCache };
