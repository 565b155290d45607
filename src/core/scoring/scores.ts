/** The long interchange format for scores (评分) and the office's 加减分 sheet. */
import type { Finding } from '../findings';
import { type Cell, type SheetGrid, a1, cellAt, cellText, isBlank } from '../grid';
import { parseDate } from '../normalize/date';
import { makeResolver } from '../sheet/labels';
import { type Roster, resolveUnit } from '../units';
import { DEFAULT_RUBRIC, type Indicator, type Rubric, indicatorLookup } from './rubric';
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
  /** The roster, so a score for a unit's alias (简称) counts for that unit. */
  roster?: Roster | null;
}

/** 上半年 / 第一轮 / 1 → 1; 下半年 / 第二轮 / 2 → 2; also 2024年上半年, 上半年检查, （第一次）. */
export function parseRound(value: string): Round | null {
  const t = norm(value)
    .replace(/[()[\]【】]/g, '')
    .replace(/^\d{4}年?度?/, '')
    .replace(/^第/, '')
    .replace(/(?:检查|考核|评分|评比|督查)$/, '')
    .replace(/(轮|次|轮次)$/, '')
    .replace(/度$/, '');
  if (['上半年', '1', '一', '上', 'i', 'ⅰ'].includes(t)) return 1;
  if (['下半年', '2', '二', '下', 'ii', 'ⅱ'].includes(t)) return 2;
  // The inspection's date instead of its round (检查日期 2024-06-15): January–June is the first half.
  const date = parseDate({ t: 's', v: value });
  return date.ok ? (Number(date.iso.slice(5, 7)) <= 6 ? 1 : 2) : null;
}

/** A round named in a title, sheet or file name (2024年上半年党建网站检查评分表); null when none or both. */
export function roundIn(textWithRound: string): Round | null {
  const t = norm(textWithRound);
  const first = /上半年|第[一1]轮|第[一1]次/.test(t);
  const second = /下半年|第[二2]轮|第[二2]次/.test(t);
  return first === second ? null : first ? 1 : 2;
}

const SCORE_ALIASES = {
  round: ['轮次', '检查轮次', '轮', '批次', '半年', '检查批次', '检查次数', '检查日期', '检查时间'],
  inspector: ['检查人', '评分人', '检查员', '评委', '打分人', '检查人员', '评分人员', '打分人员', '评审人', '评审专家', '专家'],
  unit: ['单位', '单位名称', '被检查单位', '被检单位', '填报单位', '受检单位', '被考核单位', '被检查单位名称'],
  indicator: ['二级指标', '指标', '评分指标', '评分项目', '指标编号', '指标名称', '考核指标', '检查项目', '评分项', '考核项目', '二级指标名称'],
  score: ['得分', '分数', '评分', '实得分', '评分结果', '实际得分', '得分值'],
  note: ['扣分说明', '扣分原因', '说明', '备注', '扣分理由', '扣分情况', '存在问题', '问题说明'],
};
/** Rows of a score sheet searched for its header: titles and notes may stand above it. */
const HEADER_SCAN = 20;
/** 检查人：李四 in a title (normed: no spaces); the name ends at punctuation or a bracket. */
const INSPECTOR_IN_TITLE = /(?:检查人|评分人|检查人员|评分人员|打分人)[:：]([^,，;；:：()（）【】、]+)/;
/** What a sheet name holds besides an inspector's name: the year, the round, the sheet's kind. */
const NAME_NOISE = /\d{4}年?度?|上半年|下半年|第[一二12][轮次]|检查人员?|评分人员?|打分人|检查|评分|打分|评审|得分|记录|表|[-_—–·、,，:：()（）[\]【】]/g;
/** Two to four Chinese characters (a middle dot for minority names) and no word of a sheet's or a unit's kind. */
const PERSON = /^[\u4e00-\u9fa5·]{2,4}$/;
const NOT_PERSON = /汇总|总|合计|平均|统计|结果|数据|模板|样表|说明|附件|明细|名单|细则|参数|[院处部系所室馆办委会局队科组]$/;

/**
 * The inspector a sheet is named after (张三, 张三评分, 上半年-张三), when a workbook holds a
 * sheet per inspector; '' for names like 评分, Sheet1, 上半年, 汇总 or a unit's name.
 */
export function inspectorInSheetName(name: string, isUnit: (name: string) => boolean = () => false): string {
  const t = norm(name).replace(NAME_NOISE, '');
  return PERSON.test(t) && !NOT_PERSON.test(t) && !isUnit(t) ? t : '';
}

/** Rows that sum up, never a score of their own. */
const TOTAL_WORDS = ['合计', '总计', '小计', '总分', '平均分', '平均'];

const SCORE_LABELS: Record<string, string> = { round: '轮次', unit: '单位', indicator: '二级指标', score: '得分' };

/** Whether a sheet has the long 评分 format's header (单位, 二级指标, 得分), whatever its name. */
export function hasScoreHeader(sheet: SheetGrid): boolean {
  return findHeader(sheet, SCORE_ALIASES, ['unit', 'indicator', 'score'], HEADER_SCAN) !== null || wideHeader(sheet, indicatorLookup(DEFAULT_RUBRIC)) !== null;
}

/**
 * The wide layout inspectors type into: one row per unit, one column per indicator (单位 | 栏目规划
 * | 新闻动态 | … | 合计), with 轮次 and 检查人 as columns or named in the title. At least three
 * indicator columns make it one; other columns (合计, 排名) are not read.
 */
interface WideHeader {
  row: number;
  cols: Partial<Record<keyof typeof SCORE_ALIASES, number>>;
  indicators: { col: number; ind: Indicator }[];
}
const MIN_WIDE_INDICATORS = 3;

function wideHeader(sheet: SheetGrid, find: (v: string) => Indicator | undefined): WideHeader | null {
  for (let r = 0; r < Math.min(HEADER_SCAN, sheet.rows.length); r++) {
    const row = sheet.rows[r] ?? [];
    const unitCol = row.findIndex((c) => !isBlank(c) && SCORE_ALIASES.unit.some((a) => norm(a) === norm(cellText(c))));
    if (unitCol < 0) continue;
    const indicators: { col: number; ind: Indicator }[] = [];
    const seen = new Set<string>();
    row.forEach((c, col) => {
      const ind = c?.t === 's' ? find(c.v) : undefined;
      if (ind && !seen.has(ind.id)) {
        seen.add(ind.id);
        indicators.push({ col, ind });
      }
    });
    if (indicators.length < MIN_WIDE_INDICATORS) continue;
    const header = findHeader({ ...sheet, rows: [row] }, SCORE_ALIASES, ['unit'], 1);
    return { row: r, cols: header?.cols ?? { unit: unitCol }, indicators };
  }
  return null;
}

/** Resolves a unit name as written to the known name: spacing, width, 简称, 盖章 or school prefix. */
function unitResolver(ctx: { units?: string[]; roster?: Roster | null }): (name: string) => string | null {
  const roster: Roster | null = ctx.roster ?? (ctx.units ? { units: ctx.units.map((name) => ({ name, category: null, aliases: [], head: null, phone: null })) } : null);
  if (!roster) return () => null;
  const known = ctx.units ? new Set(ctx.units) : null;
  return (name) => {
    const u = resolveUnit(roster, name);
    return u && (!known || known.has(u.name)) ? u.name : null;
  };
}

const isTotal = (t: string) => TOTAL_WORDS.some((w) => norm(t).startsWith(w));

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
      // Within one sheet a repeat is a duplicate (dedupeScores); across sheets or files, a conflict.
      if (old && old.score !== e.score && (old.file !== e.file || old.sheet !== e.sheet)) {
        const what = `${ROUND_NAMES[e.round]}检查人“${e.inspector || '（未署名）'}”对“${e.indicatorId}”`;
        findings.push(scoreConflict.at({ unit: e.unit, file: e.file, sheet: e.sheet, cell: e.cell }, { what, first: where(old), second: where(e) }));
      }
      byKey.set(key, e);
    }
  }
  return { entries: [...byKey.values()], findings };
}

/** Parses the long 评分 sheet (or the wide one: a row per unit, a column per indicator). Blank 得分 means "not scored" and is skipped. */
export function parseScores(sheet: SheetGrid, ctx: ScoreContext): { entries: ScoreEntry[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const at = (cell: string | null, unit: string | null = null) => ({ unit, file: ctx.file, sheet: sheet.name, cell });
  const find = indicatorLookup(ctx.rubric);
  const long = findHeader(sheet, SCORE_ALIASES, ['unit', 'indicator', 'score'], HEADER_SCAN);
  const wide = long ? null : wideHeader(sheet, find);
  const header = long ?? wide;
  if (!header) {
    return { entries: [], findings: [scoreSheetInvalid.at(at('A1'), { problem: '找不到评分表头（需要“单位”“二级指标”“得分”列，或“单位”加各二级指标列）' })] };
  }
  // Without a 轮次 column, the round a title, the sheet or the file names holds for every row.
  const above = Array.from({ length: header.row }, (_, r) => (sheet.rows[r] ?? []).map((c) => cellText(c)).join(' ')).join(' ');
  const sheetRound = header.cols.round === undefined ? (roundIn(above) ?? roundIn(sheet.name) ?? roundIn(ctx.file ?? '')) : null;
  if (header.cols.round === undefined && sheetRound === null) {
    findings.push(scoreSheetInvalid.at(at(a1(header.row, 0)), { problem: `评分表缺少“${SCORE_LABELS.round}”列，标题和文件名也未写明上半年或下半年，整张表未读取` }));
    return { entries: [], findings };
  }
  const resolve = unitResolver(ctx);
  // Without a 检查人 column, the inspector a title names (检查人：李四) scored every row; else the
  // one the sheet is named after (a sheet per inspector, whose scores must not replace each other).
  const sheetInspector = header.cols.inspector === undefined ? (INSPECTOR_IN_TITLE.exec(norm(above))?.[1] ?? inspectorInSheetName(sheet.name, (n) => resolve(n) !== null)) : '';
  const flaggedUnits = new Set<string>();
  // A unit, round or inspector merged over its rows reads on each of them.
  const merged = makeResolver(sheet);
  const label = (r: number, c: number | undefined) => (c === undefined ? '' : merged(r, c).trim());
  const raw: ScoreEntry[] = [];
  const cols = header.cols;
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    const written = label(r, cols.unit);
    const roundText = label(r, cols.round);
    if (isTotal(written) || isTotal(roundText) || (!written && isTotal(text(cellAt(sheet, r, 0))))) continue;
    const scores: { ind: Indicator | undefined; indicator: string; cell: Cell | null | undefined; col: number }[] = wide
      ? wide.indicators.map((w) => ({ ind: w.ind, indicator: w.ind.level2, cell: cellAt(sheet, r, w.col), col: w.col }))
      : [{ ind: undefined, indicator: text(cellAt(sheet, r, cols.indicator!)), cell: cellAt(sheet, r, cols.score!), col: cols.score! }];
    if (scores.every((x) => isBlank(x.cell))) continue;
    if (!written) {
      findings.push(scoreInvalidRow.at(at(a1(r, cols.unit!)), { problem: '评分行缺少单位，未计分' }));
      continue;
    }
    const round = sheetRound ?? parseRound(roundText);
    if (!round) {
      findings.push(scoreInvalidRow.at(at(a1(r, cols.round!), written), { problem: `轮次“${roundText}”无法识别（应为 上半年/下半年 或 1/2），未计分` }));
      continue;
    }
    const unit = resolve(written) ?? written;
    const note = text(cellAt(sheet, r, cols.note ?? -1));
    let counted = false;
    for (const x of scores) {
      if (isBlank(x.cell)) continue;
      const ind = x.ind ?? find(x.indicator);
      if (!ind) {
        findings.push(scoreUnknownIndicator.at(at(a1(r, cols.indicator!), unit), { value: x.indicator }));
        continue;
      }
      const score = numberOf(x.cell);
      const place = at(a1(r, x.col), unit);
      if (score === null) {
        findings.push(scoreInvalidRow.at(place, { problem: `“${ind.level2}”得分“${text(x.cell)}”不是数字，未计分` }));
        continue;
      }
      const bad = checkScore(score, ind, { ...place, unit });
      if (bad) {
        findings.push(bad);
        continue;
      }
      counted = true;
      // One note on a wide row explains the row's deductions: it goes with the indicators that lost points.
      const own = !wide || score < ind.max ? note : '';
      raw.push({ round, inspector: label(r, cols.inspector) || sheetInspector, unit, indicatorId: ind.id, score, note: own, file: ctx.file, sheet: sheet.name, cell: place.cell });
    }
    if (counted && ctx.units && !resolve(written) && !flaggedUnits.has(unit)) {
      flaggedUnits.add(unit);
      findings.push(scoreUnknownUnit.at(at(a1(r, cols.unit!), unit), { value: unit }));
    }
  }
  const deduped = dedupeScores(raw);
  return { entries: deduped.entries, findings: [...findings, ...deduped.findings] };
}

const BONUS_WORDS = ['加分', '奖励', '创新', '获奖'];
const VETO_WORDS = ['否决', '一票否决'];

/** 加分 / 奖励加分 / 加分项 → bonus; 否决 / 一票否决项 → veto; anything else (扣分, 减分) → null. */
function adjustmentKind(written: string): 'bonus' | 'veto' | null {
  const k = norm(written).replace(/[()[\]【】]/g, '').replace(/项$/, '');
  if (BONUS_WORDS.includes(k)) return 'bonus';
  if (VETO_WORDS.includes(k)) return 'veto';
  // A longer name holding exactly one of the two words: 奖励加分, 创新加分, 否决事项.
  const bonus = /加分|奖励/.test(k);
  const veto = /否决/.test(k);
  return bonus === veto ? null : bonus ? 'bonus' : 'veto';
}

const ADJ_ALIASES = {
  unit: SCORE_ALIASES.unit,
  kind: ['类型', '项目', '加减分类型', '加减分类别', '类别', '加减分项目', '项目类型'],
  points: ['分值', '加分', '分数'],
  note: ['说明', '事由', '备注', '依据'],
};

/** Parses the 加减分 sheet: 单位, 类型 (加分 | 否决), 分值 (for 加分), 说明. */
export function parseAdjustments(
  sheet: SheetGrid,
  ctx: { file: string | null; units?: string[]; roster?: Roster | null },
): { adjustments: Adjustment[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const at = (cell: string, unit: string | null = null) => ({ unit, file: ctx.file, sheet: sheet.name, cell });
  const header = findHeader(sheet, ADJ_ALIASES, ['unit', 'kind'], HEADER_SCAN);
  if (!header) {
    return { adjustments: [], findings: [scoreSheetInvalid.at(at('A1'), { problem: '找不到加减分表头（需要“单位”“类型”列）' })] };
  }
  const { cols } = header;
  const resolve = unitResolver(ctx);
  const adjustments: Adjustment[] = [];
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    const get = (c: number | undefined) => (c === undefined ? null : cellAt(sheet, r, c));
    const written = text(get(cols.unit));
    const kindText = text(get(cols.kind));
    if (!written && !kindText) continue;
    if (isTotal(written)) continue;
    const unit = resolve(written) ?? written;
    if (!unit) {
      findings.push(adjustmentInvalid.at(at(a1(r, cols.unit!)), { problem: '加减分行缺少单位，未计入' }));
      continue;
    }
    const kind = adjustmentKind(kindText);
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
    if (ctx.units && !resolve(written)) findings.push(scoreUnknownUnit.at(at(a1(r, cols.unit!), unit), { value: unit }));
    adjustments.push({ unit, kind, points, note: text(get(cols.note)), file: ctx.file, sheet: sheet.name, cell: a1(r, cols.kind!) });
  }
  return { adjustments, findings };
}
