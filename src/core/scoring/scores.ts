/** The long interchange format for scores (评分) and the office's 加减分 sheet. */
import type { Finding } from '../findings';
import { type SheetGrid, a1, cellAt, isBlank } from '../grid';
import { type Rubric, indicatorLookup } from './rubric';
import {
  adjustmentInvalid,
  scoreConflict,
  scoreDuplicate,
  scoreInvalidRow,
  scoreOutOfRange,
  scoreSheetInvalid,
  scoreUnknownIndicator,
  scoreUnknownUnit,
} from './rules';
import { findHeader, isHalfStep, norm, numberOf, text } from './util';

export type Round = 1 | 2;
export const ROUNDS: readonly Round[] = [1, 2];
export const ROUND_NAMES: Record<Round, string> = { 1: '上半年', 2: '下半年' };

export interface ScoreEntry {
  round: Round;
  inspector: string;
  unit: string;
  indicatorId: string;
  score: number;
  note: string;
  file: string | null;
  sheet: string | null;
  cell: string | null;
}

export interface Adjustment {
  unit: string;
  kind: 'bonus' | 'veto';
  /** Points for a bonus (≥ 0); 0 for a veto. */
  points: number;
  note: string;
  file: string | null;
  sheet: string | null;
  cell: string | null;
}

export interface ScoreContext {
  file: string | null;
  rubric: Rubric;
  /** Known unit names (roster); when given, other names get `score-unknown-unit`. */
  units?: string[];
}

/** 上半年 / 第一轮 / 1 → 1; 下半年 / 第二轮 / 2 → 2. */
export function parseRound(value: string): Round | null {
  const t = norm(value).replace(/^第/, '').replace(/(轮|次|轮次)$/, '');
  if (['上半年', '1', '一', '上'].includes(t)) return 1;
  if (['下半年', '2', '二', '下'].includes(t)) return 2;
  return null;
}

const SCORE_ALIASES = {
  round: ['轮次', '检查轮次', '轮', '批次', '半年'],
  inspector: ['检查人', '评分人', '检查员', '评委', '打分人'],
  unit: ['单位', '单位名称', '被检查单位', '被检单位', '填报单位'],
  indicator: ['二级指标', '指标', '评分指标', '评分项目', '指标编号', '指标名称'],
  score: ['得分', '分数', '评分', '实得分'],
  note: ['扣分说明', '扣分原因', '说明', '备注'],
};

const SCORE_LABELS: Record<string, string> = { round: '轮次', unit: '单位', indicator: '二级指标', score: '得分' };

/** Whether a sheet has the long 评分 format's header (单位, 二级指标, 得分), whatever its name. */
export function hasScoreHeader(sheet: SheetGrid): boolean {
  return findHeader(sheet, SCORE_ALIASES, ['unit', 'indicator', 'score']) !== null;
}

/** A checker that flags out-of-range scores; shared with the 评分表 read-back. */
export function checkScore(
  score: number,
  ind: { level2: string; max: number },
  place: { unit: string; file: string | null; sheet: string | null; cell: string | null },
): Finding | null {
  if (score >= 0 && score <= ind.max && isHalfStep(score)) return null;
  return scoreOutOfRange.at(place, { indicator: ind.level2, score, max: ind.max });
}

/** Keeps the last entry per round/inspector/unit/indicator, flagging the repeats. */
export function dedupeScores(entries: ScoreEntry[]): { entries: ScoreEntry[]; findings: Finding[] } {
  const byKey = new Map<string, ScoreEntry>();
  const findings: Finding[] = [];
  for (const e of entries) {
    const key = scoreKey(e);
    if (byKey.has(key)) {
      const what = `${ROUND_NAMES[e.round]}检查人“${e.inspector}”对“${e.indicatorId}”`;
      findings.push(scoreDuplicate.at({ unit: e.unit, file: e.file, sheet: e.sheet, cell: e.cell }, { what }));
      byKey.delete(key);
    }
    byKey.set(key, e);
  }
  return { entries: [...byKey.values()], findings };
}

export function scoreKey(e: Pick<ScoreEntry, 'round' | 'inspector' | 'unit' | 'indicatorId'>): string {
  return [e.round, e.inspector, e.unit, e.indicatorId].join('\u0000');
}

/** Combines score lists; a later list's entry replaces an earlier one with the same key (no finding). */
export function mergeScoreEntries(...lists: ScoreEntry[][]): ScoreEntry[] {
  return mergeScoreLists(lists).entries;
}

/**
 * Combines score lists (several inspectors' files, then what was typed): a later entry with the
 * same key wins; a different value under the same key is flagged with both sources.
 */
export function mergeScoreLists(lists: ScoreEntry[][]): { entries: ScoreEntry[]; findings: Finding[] } {
  const byKey = new Map<string, ScoreEntry>();
  const findings: Finding[] = [];
  const where = (e: ScoreEntry) => `“${e.file ?? '评分表'}”${e.cell ? ` ${e.sheet ?? ''}!${e.cell}` : ''}为 ${e.score} 分`;
  for (const list of lists) {
    for (const e of list) {
      const key = scoreKey(e);
      const old = byKey.get(key);
      if (old && old.score !== e.score && old.file !== e.file) {
        const what = `${ROUND_NAMES[e.round]}检查人“${e.inspector || '（未署名）'}”对“${e.indicatorId}”`;
        findings.push(scoreConflict.at({ unit: e.unit, file: e.file, sheet: e.sheet, cell: e.cell }, { what, first: where(old), second: where(e) }));
      }
      byKey.set(key, e);
    }
  }
  return { entries: [...byKey.values()], findings };
}

/** Parses the long 评分 sheet. Blank 得分 means "not scored" and is skipped. */
export function parseScores(sheet: SheetGrid, ctx: ScoreContext): { entries: ScoreEntry[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const at = (cell: string | null, unit: string | null = null) => ({ unit, file: ctx.file, sheet: sheet.name, cell });
  const header = findHeader(sheet, SCORE_ALIASES, ['unit', 'indicator', 'score']);
  if (!header) {
    return { entries: [], findings: [scoreSheetInvalid.at(at('A1'), { problem: '找不到评分表头（需要“单位”“二级指标”“得分”列）' })] };
  }
  if (header.cols.round === undefined) {
    findings.push(scoreSheetInvalid.at(at(a1(header.row, 0)), { problem: `评分表缺少“${SCORE_LABELS.round}”列，整张表未读取` }));
    return { entries: [], findings };
  }
  const cols = header.cols as Required<typeof header.cols>;
  const find = indicatorLookup(ctx.rubric);
  const known = ctx.units ? new Set(ctx.units.map(norm)) : null;
  const flaggedUnits = new Set<string>();
  const raw: ScoreEntry[] = [];
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    const get = (c: number | undefined) => (c === undefined ? null : cellAt(sheet, r, c));
    const unit = text(get(cols.unit));
    const indicator = text(get(cols.indicator));
    const scoreCell = get(cols.score);
    const roundText = text(get(cols.round));
    if (!unit && !indicator && isBlank(scoreCell)) continue;
    if (isBlank(scoreCell)) continue;
    if (!unit) {
      findings.push(scoreInvalidRow.at(at(a1(r, cols.unit)), { problem: '评分行缺少单位，未计分' }));
      continue;
    }
    const round = parseRound(roundText);
    if (!round) {
      findings.push(scoreInvalidRow.at(at(a1(r, cols.round), unit), { problem: `轮次“${roundText}”无法识别（应为 上半年/下半年 或 1/2），未计分` }));
      continue;
    }
    const ind = find(indicator);
    if (!ind) {
      findings.push(scoreUnknownIndicator.at(at(a1(r, cols.indicator), unit), { value: indicator }));
      continue;
    }
    const score = numberOf(scoreCell);
    const place = at(a1(r, cols.score), unit);
    if (score === null) {
      findings.push(scoreInvalidRow.at(place, { problem: `“${ind.level2}”得分“${text(scoreCell)}”不是数字，未计分` }));
      continue;
    }
    const bad = checkScore(score, ind, { ...place, unit });
    if (bad) {
      findings.push(bad);
      continue;
    }
    if (known && !known.has(norm(unit)) && !flaggedUnits.has(unit)) {
      flaggedUnits.add(unit);
      findings.push(scoreUnknownUnit.at(at(a1(r, cols.unit), unit), { value: unit }));
    }
    raw.push({
      round,
      inspector: text(get(cols.inspector)),
      unit,
      indicatorId: ind.id,
      score,
      note: text(get(cols.note)),
      file: ctx.file,
      sheet: sheet.name,
      cell: place.cell,
    });
  }
  const deduped = dedupeScores(raw);
  return { entries: deduped.entries, findings: [...findings, ...deduped.findings] };
}

const ADJ_ALIASES = {
  unit: SCORE_ALIASES.unit,
  kind: ['类型', '项目', '加减分类型'],
  points: ['分值', '加分', '分数'],
  note: ['说明', '事由', '备注', '依据'],
};

/** Parses the 加减分 sheet: 单位, 类型 (加分 | 否决), 分值 (for 加分), 说明. */
export function parseAdjustments(
  sheet: SheetGrid,
  ctx: { file: string | null; units?: string[] },
): { adjustments: Adjustment[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const at = (cell: string, unit: string | null = null) => ({ unit, file: ctx.file, sheet: sheet.name, cell });
  const header = findHeader(sheet, ADJ_ALIASES, ['unit', 'kind']);
  if (!header) {
    return { adjustments: [], findings: [scoreSheetInvalid.at(at('A1'), { problem: '找不到加减分表头（需要“单位”“类型”列）' })] };
  }
  const { cols } = header;
  const known = ctx.units ? new Set(ctx.units.map(norm)) : null;
  const adjustments: Adjustment[] = [];
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    const get = (c: number | undefined) => (c === undefined ? null : cellAt(sheet, r, c));
    const unit = text(get(cols.unit));
    const kindText = text(get(cols.kind));
    if (!unit && !kindText) continue;
    if (!unit) {
      findings.push(adjustmentInvalid.at(at(a1(r, cols.unit!)), { problem: '加减分行缺少单位，未计入' }));
      continue;
    }
    const k = norm(kindText);
    const kind = ['加分', '奖励', '创新', '获奖'].includes(k) ? 'bonus' : ['否决', '一票否决'].includes(k) ? 'veto' : null;
    if (!kind) {
      findings.push(adjustmentInvalid.at(at(a1(r, cols.kind!), unit), { problem: `类型“${kindText}”应为“加分”或“否决”，未计入` }));
      continue;
    }
    const pointsCell = get(cols.points);
    const points = kind === 'bonus' ? numberOf(pointsCell) : 0;
    if (points === null || points < 0) {
      const cell = cols.points === undefined ? a1(r, cols.kind!) : a1(r, cols.points);
      findings.push(adjustmentInvalid.at(at(cell, unit), { problem: `加分分值“${text(pointsCell)}”应为非负数，未计入` }));
      continue;
    }
    if (known && !known.has(norm(unit))) findings.push(scoreUnknownUnit.at(at(a1(r, cols.unit!), unit), { value: unit }));
    adjustments.push({ unit, kind, points, note: text(get(cols.note)), file: ctx.file, sheet: sheet.name, cell: a1(r, cols.kind!) });
  }
  return { adjustments, findings };
}
