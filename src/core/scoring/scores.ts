/** The long interchange format for scores (评分) and the office's 加减分 sheet. */
import { looksLikePerson } from './surnames';
import type { Finding, Place } from '../findings';
import { type Cell, type SheetGrid, a1, cellAt, cellText, isBlank } from '../grid';
import { parseDate } from '../normalize/date';
import { makeResolver } from '../sheet/labels';
import { type Roster, nearestUnit, resolveUnit } from '../units';
import { DEFAULT_RUBRIC, type Indicator, RUBRIC_SHEET, type Rubric, indicatorLookup } from './rubric';
import {
  adjustmentInvalid,
  scoreConflict,
  scoreDuplicate,
  scoreInvalidRow,
  scoreOtherYear,
  scoreRowsHidden,
  scoreOutOfRange,
  scoreSheetInvalid,
  scoreSheetSkipped,
  scoreTotalMismatch,
  scoreUnknownIndicator,
  scoreUnknownUnit,
} from './rules';
import { type Round, ROUND_NAMES, parseRound, roundIn } from './rounds';
import { type Block, HEADER_SCAN, SCORE_ALIASES, isAverage, isStatRow, isSubtotal, isTotal, scoreBlocks, scoreLayout, scoreValue } from './score-layout';
import { findHeader, isHalfStep, norm, numberOf, signedNumber, text, tidy } from './util';
import { extraCols, wideExtras } from './wide-extras';

export { type Round, ROUNDS, ROUND_NAMES, parseRound, roundIn } from './rounds';

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
  /**
   * The score file this value came from, as written into the result: set on a file's entries and
   * on a result's value read back unchanged since; absent on what a user typed.
   */
  origin?: string;
  /** With an origin: the score file's note, where a user typed another one beside its score. */
  fileNote?: string;
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
  /**
   * Without a roster, the units that submitted: names resolve to them (spacing, 盖章, …), but a
   * name outside them is no finding — there is no roster to be absent from.
   */
  seen?: string[];
  /** The roster, so a score for a unit's alias (简称) counts for that unit. */
  roster?: Roster | null;
  /** The assessment year (assessmentYear): scores naming another year are not counted. */
  year?: number;
}


/** 检查人：李四 in a title (normed: no spaces); the name ends at punctuation or a bracket. */
const INSPECTOR_IN_TITLE = /(?:检查人|评分人|检查人员|评分人员|打分人)[:：]([^,，;；:：()（）【】、]+)/;
/** The label after the name when a title runs on without punctuation (检查人：张三 检查日期：…). */
const NEXT_LABEL = /(?:检查日期|检查时间|评分日期|日期|时间|被检查单位|被检单位|单位|检查轮次|轮次|上半年|下半年|第[一二12][轮次]).*$/;
/** A row at a sheet's foot: a signature (检查人（签名）：, 签字：), 审核人：, 日期：. It holds no score. */
const FOOT_ROW = /^(?:[\u4e00-\u9fa5]{0,5}[(（]?(?:签名|签字|签章)|检查人员?|评分人员?|打分人|填表人|审核人|复核人|记录人|检查日期|日期)[)）]?[:：]/;
/** The name(s) a signature line gives: 检查人（签名）：张三 or 签字：张三、李四. */
const SIGNED = /(?:签名|签字|检查人员?|评分人员?|打分人)[)）]?[:：]([\u4e00-\u9fa5·、,，]+)/;
const firstText = (row: readonly (Cell | null | undefined)[] | undefined) => cellText((row ?? []).find((c) => !isBlank(c))).trim();
function signedBy(foot: string): string {
  const names = (SIGNED.exec(norm(foot))?.[1] ?? '').split(/[、,，]+/).filter(Boolean);
  return names.length && names.every(looksLikePerson) ? names.join('、') : '';
}
const SCORE_LABELS: Record<string, string> = { round: '轮次', unit: '单位', indicator: '二级指标', score: '得分' };

/**
 * One inspector however typed: 张 明 and 张 明 with an ideographic space (padded to two characters' width), 张明（组长）
 * (a role in brackets) are 张明, so their scores meet as one inspector's, not two averaged.
 */
export function inspectorName(name: string): string {
  const t = name.replace(/[\s\u3000]+/g, '').replace(/[(（【[][^()（）【】[\]]{1,8}[)）】\]]$/, '');
  return t || name.trim();
}

/** What a sheet name holds besides an inspector's name: the year, the round, the sheet's kind. */
const NAME_NOISE = /\d{4}年?度?|上半年|下半年|第[一二12][轮次]|检查人员?|评分人员?|打分人|检查|评分|打分|评审|得分|记录|党建|网站|基层|考核|督查|副本|修改版|最终版|终版|定稿|新建|表|[-_—–·、,，:：()（）[\]【】]/g;
const fileStem = (file: string) => file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');

/**
 * The inspector a sheet is named after (张三, 张三评分, 上半年-张三), when a workbook holds a
 * sheet per inspector; '' for names like 评分, Sheet1, 上半年, 汇总 or a unit's name.
 */
export function inspectorInSheetName(name: string, isUnit: (name: string) => boolean = () => false): string {
  const person = (t: string) => looksLikePerson(t) && !isUnit(t);
  const whole = norm(name).replace(NAME_NOISE, '');
  if (person(whole)) return whole;
  // 护理学院-2024上半年-张三: the one part that is a person's name.
  const parts = norm(name).split(/[-_—–·、,，:：()（）[\]【】]+/).map((p) => p.replace(NAME_NOISE, '')).filter(person);
  return parts.length === 1 ? parts[0]! : '';
}

/**
 * The round of the inspection date a title or a signature states (检查日期：2024-06-10, or a
 * date alone: 评分表（2024年11月20日）) → 上半年 / 下半年; null when none, or dates of both halves.
 */
function dateRoundIn(above: string): Round | null {
  const t = norm(above);
  const m = /(?:检查日期|检查时间|评分日期)[:：]?([\d年月日./-]+)/.exec(t);
  if (m) return parseRound(m[1]!);
  const rounds = new Set([...t.matchAll(/\d{4}(?:年\d{1,2}月\d{1,2}日?|[./-]\d{1,2}[./-]\d{1,2})/g)].map((d) => parseRound(d[0])));
  return rounds.size === 1 ? [...rounds][0]! : null;
}

/** Whether a sheet has a score header in any layout (score-layout.ts), whatever its name. */
export function hasScoreHeader(sheet: SheetGrid): boolean {
  return scoreLayout(sheet, indicatorLookup(DEFAULT_RUBRIC)) !== null;
}

/**
 * A sheet that sums up the others: 汇总, 总表, 平均分, 统计, 总评, 综合得分, 最终结果 (张三（最终版）
 * is an inspector's last copy, not a summary).
 */
const SUMMARY_SHEET = /汇总|总表|合计|平均|统计|总评|综合(?:得分|评分|成绩)|最终(?:得分|评分|结果|成绩)/;

/** A sheet name shaped like a person's (禤明: a surname outside surnames.ts), not a word such as 成绩 or 结果. */
const NAME_SHAPE = /^[\u4e00-\u9fa5·]{2,4}$/;
const NOT_A_NAME = /成绩|分数|结果|结论|排名|数据|综合|最终|总|汇|平均|统计|合计|表|稿|版|单位|部门|[院处部系所室馆办委会局队科组团心员]$/;
const nameShaped = (name: string) => {
  const t = norm(name).replace(NAME_NOISE, '');
  return NAME_SHAPE.test(t) && !NOT_A_NAME.test(t);
};

/** Whether a score sheet says whose scores it holds: by its name, a 检查人 column, a title or a signature. */
function namesInspector(sheet: SheetGrid, blocks: readonly Block[]): boolean {
  if (inspectorInSheetName(sheet.name) || nameShaped(sheet.name)) return true;
  return blocks.some((b) => {
    if (b.cols.inspector !== undefined || b.scoreCols.some((c) => c.inspector)) return true;
    const { above, foot } = blockTexts(sheet, b, rowTexts(sheet, b.from, b.top));
    return inspectorAbove(above, foot) !== '';
  });
}

/**
 * The score sheets to read: a summary sheet beside other score sheets of the same file (张三 |
 * 李四 | 汇总) is their mean or sum, not another inspector: it is left out, with a finding. So is
 * a sheet naming no inspector anywhere beside sheets each named after one (张三 | 李四 | 结果).
 */
export function scoreSheetsToRead<T extends { file: string; sheet: SheetGrid }>(sheets: readonly T[]): { read: T[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const find = indicatorLookup(DEFAULT_RUBRIC);
  const blocks = new Map(sheets.map((s) => [s, scoreBlocks(s.sheet, find)]));
  const scored = (s: T) => blocks.get(s)!.length > 0 && s.sheet.name.trim() !== RUBRIC_SHEET;
  const skip = (s: T, others: T[]) => {
    findings.push(scoreSheetSkipped.at({ file: s.file, sheet: s.sheet.name, cell: null }, { sheet: s.sheet.name, others: others.map((o) => o.sheet.name).join('、') }));
    return false;
  };
  const read = sheets.filter((s) => {
    if (SUMMARY_SHEET.test(s.sheet.name)) {
      const others = sheets.filter((o) => o.file === s.file && !SUMMARY_SHEET.test(o.sheet.name));
      return others.length ? skip(s, others) : true;
    }
    const others = sheets.filter((o) => o !== s && o.file === s.file && scored(o));
    const named = others.length > 0 && others.every((o) => inspectorInSheetName(o.sheet.name) !== '');
    return named && scored(s) && !namesInspector(s.sheet, blocks.get(s)!) ? skip(s, others) : true;
  });
  return { read, findings };
}

/**
 * The assessment year: the as-of date's, unless every year the score sheets name is earlier (a
 * January run over last year's scores): then the latest of those.
 */
export function assessmentYear(sheets: readonly { file: string; sheet: SheetGrid }[], asOf: string, rubric: Rubric = DEFAULT_RUBRIC): number {
  const current = Number(asOf.slice(0, 4));
  const find = indicatorLookup(rubric);
  const named: number[] = [];
  for (const { file, sheet } of sheets) {
    for (const b of scoreBlocks(sheet, find)) {
      const { above, foot } = blockTexts(sheet, b, rowTexts(sheet, b.from, b.top));
      const block = blockYear(above, foot, sheet.name, file);
      if (block !== null) named.push(block);
      if (b.cols.round === undefined) continue;
      for (let r = b.row + 1; r < b.end; r++) {
        const y = yearIn(cellText(sheet.rows[r]?.[b.cols.round]));
        if (y !== null) named.push(y);
      }
    }
  }
  return named.length && named.every((y) => y < current) ? Math.max(...named) : current;
}

/** A name outside the roster: not counted, with the nearest roster unit when there is one (as unit-unknown). */
export function unknownUnit(place: Place, unit: string, roster: Roster | null | undefined): Finding {
  return scoreUnknownUnit.at(place, { value: unit, nearest: roster ? nearestUnit(roster, unit) : null });
}

/** Resolves a unit name as written to the known name: spacing, width, 简称, 盖章 or school prefix. */
function unitResolver(ctx: { units?: string[]; seen?: string[]; roster?: Roster | null }): (name: string) => string | null {
  const names = ctx.units ?? ctx.seen;
  const roster: Roster | null = ctx.roster ?? (names ? { units: names.map((name) => ({ name, category: null, aliases: [], head: null, phone: null })) } : null);
  if (!roster) return () => null;
  const known = names ? new Set(names) : null;
  return (name) => {
    const u = resolveUnit(roster, name);
    return u && (!known || known.has(u.name)) ? u.name : null;
  };
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

/** The indicator as the rubric names it (组织管理), not its id; a custom rubric's own ids too. */
function indicatorName(id: string, rubric: Rubric): string {
  return (rubric.indicators.find((i) => i.id === id) ?? DEFAULT_RUBRIC.indicators.find((i) => i.id === id))?.level2 ?? id;
}
const scoreWhat = (e: ScoreEntry, rubric: Rubric) => `${ROUND_NAMES[e.round]}检查人“${e.inspector || '（未署名）'}”对“${indicatorName(e.indicatorId, rubric)}”`;
const scoreWhere = (e: ScoreEntry) => `“${e.file ?? '评分表'}”${e.cell ? ` ${e.sheet ?? ''}!${e.cell}` : ''}为 ${e.score} 分`;

/** Keeps the last entry per round/inspector/unit/indicator, flagging the repeats (with both values when they differ). */
export function dedupeScores(entries: ScoreEntry[], rubric: Rubric = DEFAULT_RUBRIC): { entries: ScoreEntry[]; findings: Finding[] } {
  const byKey = new Map<string, ScoreEntry>();
  const findings: Finding[] = [];
  const cellOf = (e: ScoreEntry) => `${e.cell ?? ''} 为 ${e.score} 分`;
  for (const e of entries) {
    const key = scoreKey(e);
    const old = byKey.get(key);
    if (old) {
      const values = old.score === e.score ? {} : { first: cellOf(old), second: cellOf(e) };
      findings.push(scoreDuplicate.at({ unit: e.unit, file: e.file, sheet: e.sheet, cell: e.cell }, { what: scoreWhat(e, rubric), ...values }));
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
export function mergeScoreLists(lists: ScoreEntry[][], rubric: Rubric = DEFAULT_RUBRIC): { entries: ScoreEntry[]; findings: Finding[] } {
  const byKey = new Map<string, ScoreEntry>();
  const findings: Finding[] = [];
  for (const list of lists) {
    for (const e of list) {
      const key = scoreKey(e);
      const old = byKey.get(key);
      // Within one sheet a repeat is a duplicate (dedupeScores); across sheets or files, a conflict.
      if (old && old.score !== e.score && (old.file !== e.file || old.sheet !== e.sheet)) {
        findings.push(scoreConflict.at({ unit: e.unit, file: e.file, sheet: e.sheet, cell: e.cell }, { what: scoreWhat(e, rubric), first: scoreWhere(old), second: scoreWhere(e) }));
      }
      byKey.set(key, e);
    }
  }
  return { entries: [...byKey.values()], findings };
}

/** A year a sheet name, title, round or date names (2023年下半年, 2024-06-10, 2024上半年); null when none or several. */
const YEAR = /(?<!\d)(20\d{2})(?=年|[./-]\d|上半年|下半年|第|度)/g;
/** 2023-2024学年 names an academic year, not the year of a round. */
const ACADEMIC_YEAR = /20\d{2}\s*[-—–~至到]\s*20\d{2}\s*学?年?度?/g;
export function yearIn(written: string): number | null {
  const years = new Set([...norm(written).replace(ACADEMIC_YEAR, '').matchAll(YEAR)].map((m) => Number(m[1])));
  if (years.size === 1) return [...years][0]!;
  if (years.size) return null;
  const date = parseDate({ t: 's', v: written.trim() });
  return date.ok ? Number(date.iso.slice(0, 4)) : null;
}

interface Reader {
  sheet: SheetGrid;
  ctx: ScoreContext;
  find: (v: string) => Indicator | undefined;
  findInRow: (v: string) => Indicator | undefined;
  resolve: (name: string) => string | null;
  merged: (r: number, c: number) => string;
  at: (cell: string | null, unit?: string | null) => { unit: string | null; file: string | null; sheet: string | null; cell: string | null };
  findings: Finding[];
  raw: ScoreEntry[];
  adjustments: Adjustment[];
  /** Rows naming another year than the assessment's: the first cell and how many, per year. */
  otherYears: Map<number, { cell: string; rows: number }>;
  /** The sheet's hidden rows, and those of them that held a score (not counted). */
  hidden: Set<number>;
  hiddenScored: number[];
}

const rowTexts = (sheet: SheetGrid, from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, k) => (sheet.rows[from + k] ?? []).map((c) => cellText(c)));

/** Parses a 评分 sheet in any layout score-layout.ts knows. Blank 得分 means "not scored" and is skipped. */
export function parseScores(sheet: SheetGrid, ctx: ScoreContext): { entries: ScoreEntry[]; findings: Finding[]; adjustments: Adjustment[] } {
  const at = (cell: string | null, unit: string | null = null) => ({ unit, file: ctx.file, sheet: sheet.name, cell });
  const find = indicatorLookup(ctx.rubric);
  const resolve = unitResolver(ctx);
  const blocks = scoreBlocks(sheet, find, (n) => resolve(n) !== null);
  if (!blocks.length) {
    return { entries: [], adjustments: [], findings: [scoreSheetInvalid.at(at('A1'), { problem: '找不到评分表头（需要“单位”“二级指标”“得分”列，或“单位”加各二级指标列）' })] };
  }
  const read: Reader = { sheet, ctx, find, findInRow: indicatorLookup(ctx.rubric, { standards: true }), resolve, merged: makeResolver(sheet), at, findings: [], raw: [], adjustments: [], otherYears: new Map(), hidden: new Set(sheet.hiddenRows ?? []), hiddenScored: [] };
  // Forms copied one below the other: each block reads under the labels above it; a header
  // repeated with nothing above it (a page's header again) continues the block before.
  let aboveRows: string[][] = [];
  blocks.forEach((b, k) => {
    const own = rowTexts(sheet, b.from, b.top);
    if (k === 0 || own.some((r) => r.some((t) => t.trim()))) aboveRows = own;
    readBlock(read, b, aboveRows);
  });
  for (const [year, o] of read.otherYears) read.findings.push(scoreOtherYear.at(at(o.cell), { year, assessmentYear: ctx.year!, rows: o.rows }));
  const hidden = read.hiddenScored;
  if (hidden.length) read.findings.push(scoreRowsHidden.at(at(a1(hidden[0]!, 0)), { rows: hidden.slice(0, 10).map((r) => r + 1).join('、') + (hidden.length > 10 ? ' 等' : ''), count: hidden.length }));
  const deduped = dedupeScores(read.raw, ctx.rubric);
  return { entries: deduped.entries, findings: [...read.findings, ...deduped.findings], adjustments: read.adjustments };
}

/** Reads one block: its header, the labels above it, its rows down to the next block. */
function readBlock(read: Reader, layout: Block, aboveRows: string[][]): void {
  const { sheet, ctx, find, findInRow, resolve, findings, at, raw, adjustments } = read;
  const isUnit = (n: string) => resolve(n) !== null;
  const { cols, indicators: wide } = layout;
  const firstRow = layout.row + 1;
  const rows = sheet.rows.slice(firstRow, layout.end);
  const { above, foot } = blockTexts(sheet, layout, aboveRows);
  // A template with no score typed in (a 评分细则 with an empty 得分 column) says nothing.
  const extras = wide ? extraCols(cols) : [];
  const scoreColumns = [...(wide ? wide.map((w) => w.col) : layout.scoreCols.map((s) => s.col)), ...extras];
  if (!rows.some((row) => scoreColumns.some((c) => !isBlank(row?.[c])))) return;
  const needsRound = cols.round === undefined && (wide ? wide.some((w) => !w.round) : layout.scoreCols.some((s) => s.round === null));
  const sheetRound = needsRound ? (roundIn(above) ?? roundIn(sheet.name) ?? roundIn(ctx.file ?? '') ?? dateRoundIn(above) ?? dateRoundIn(foot)) : null;
  if (needsRound && sheetRound === null) {
    findings.push(scoreSheetInvalid.at(at(a1(layout.row, 0)), { problem: `评分表缺少“${SCORE_LABELS.round}”列，标题和文件名也未写明上半年或下半年，整张表未读取` }));
    return;
  }
  // Without a 单位 column (a unit's own 评分表), the unit named above the header, by the sheet or
  // the file; units side by side name their own columns.
  const byColumn = !wide && layout.scoreCols.some((s) => s.unit !== undefined);
  const sheetUnit = cols.unit === undefined && !byColumn ? unitOfSheet(aboveRows, sheet.name, ctx.file ?? '', resolve) : null;
  if (cols.unit === undefined && !sheetUnit && !byColumn) {
    findings.push(scoreSheetInvalid.at(at(a1(layout.row, 0)), { problem: '评分表缺少“单位”列，标题、工作表名和文件名也未写明被检查单位，整张表未读取' }));
    return;
  }
  // Without a 检查人 column, the inspector a title names (检查人：李四) scored every row; else the
  // one the sheet or the file is named after (a sheet or a workbook per inspector, whose scores
  // must not replace each other).
  const sheetInspector = cols.inspector === undefined ? inspectorAbove(above, foot) || inspectorInSheetName(sheet.name, isUnit) || inspectorInSheetName(fileStem(ctx.file ?? ''), isUnit) : '';
  const ownYear = blockYear(above, foot, sheet.name, ctx.file ?? '');
  const flaggedUnits = new Set<string>();
  // A unit, round or inspector merged over its rows reads on each of them; in the long layout,
  // written once over its group with blanks below, too.
  const label = (r: number, c: number | undefined) => (c === undefined ? '' : read.merged(r, c).trim());
  const carried = { unit: '', round: '', inspector: '' };
  const totals = totalChecker(findings, at);
  for (let r = firstRow; r < layout.end; r++) {
    const row = sheet.rows[r];
    if (FOOT_ROW.test(norm(firstText(row)))) continue;
    const keys = { unit: label(r, cols.unit), round: label(r, cols.round), inspector: label(r, cols.inspector) };
    // An empty row ends a group: nothing written above it carries below it.
    if (!wide && !(row ?? []).some((c) => !isBlank(c))) Object.assign(carried, { unit: '', round: '', inspector: '' });
    if (!wide) {
      for (const k of ['unit', 'round', 'inspector'] as const) {
        if (keys[k]) carried[k] = keys[k];
        else keys[k] = carried[k];
      }
    }
    // A hidden row (an inspector's old score, a new one written below) carries its keys but scores nothing.
    if (read.hidden.has(r)) {
      if ((row ?? []).some((c) => !isBlank(c))) read.hiddenScored.push(r);
      continue;
    }
    const written = sheetUnit ?? keys.unit;
    const roundText = keys.round;
    const indicatorText = cols.indicator === undefined ? '' : text(cellAt(sheet, r, cols.indicator));
    // 合计 / 小计 labelled in any label column (not in a note: 合计扣3分 is a remark).
    const labels = [cols.unit, cols.round, cols.indicator, cols.indicatorId, cols.level1, 0].map((c) => (c === undefined ? '' : text(cellAt(sheet, r, c))));
    if (labels.some((l) => l && isStatRow(l))) continue;
    const totalLabel = labels.find(isTotal);
    if (totalLabel !== undefined) {
      if (!wide) totals.row(totalLabel, layout.scoreCols.map((s) => ({ col: s.col, cell: cellAt(sheet, r, s.col), addr: a1(r, s.col) })), written || null);
      // A unit's total ends its rows: a blank 单位 below it is no longer that unit (a 小计 is within it).
      if (!isSubtotal(totalLabel)) carried.unit = '';
      continue;
    }
    const scores = wide
      ? wide.map((w) => ({ ind: w.ind as Indicator | undefined, cell: cellAt(sheet, r, w.col), col: w.col, round: (w.round ?? null) as Round | null, deduction: w.deduction ?? false, fallback: false as boolean | undefined, noteCol: w.noteCol, inspector: undefined as string | undefined, unit: undefined as string | undefined }))
      : layout.scoreCols.map((s) => ({ ind: undefined as Indicator | undefined, cell: cellAt(sheet, r, s.col), col: s.col, round: s.round, deduction: s.deduction, fallback: s.fallback, noteCol: s.noteCol, inspector: s.inspector, unit: s.unit }));
    if (scores.every((x) => isBlank(x.cell)) && extras.every((c) => isBlank(cellAt(sheet, r, c)))) continue;
    // Scores of another year than the assessment's (last year's sheet kept in the workbook) never count.
    const year = (cols.round === undefined ? null : yearIn(roundText)) ?? ownYear;
    if (ctx.year !== undefined && year !== null && year !== ctx.year) {
      const o = read.otherYears.get(year) ?? { cell: a1(r, cols.round ?? 0), rows: 0 };
      o.rows++;
      read.otherYears.set(year, o);
      continue;
    }
    if (!written && !byColumn) {
      findings.push(scoreInvalidRow.at(at(a1(r, cols.unit!)), { problem: '评分行缺少单位，未计分' }));
      continue;
    }
    const rowRound = sheetRound ?? parseRound(roundText);
    if (!rowRound && scores.some((x) => x.round === null)) {
      findings.push(scoreInvalidRow.at(at(a1(r, cols.round!), written), { problem: `轮次“${roundText}”无法识别（应为 上半年/下半年 或 1/2），未计分` }));
      continue;
    }
    const unit = resolve(written) ?? written;
    const note = text(cellAt(sheet, r, cols.note ?? -1));
    const ind = wide ? undefined : findInRow(indicatorText) ?? (cols.indicatorId === undefined ? undefined : find(text(cellAt(sheet, r, cols.indicatorId))));
    let counted = false;
    let bad = false;
    let lost = 0;
    /** What each score column adds to a total written below: its score, or a 扣分 column's deduction. */
    const values = new Map<number, number>();
    // 得分 before 扣分: a deduction counts only where no score is written, not even one that is no
    // score (良, 十五, #REF!): that one is reported, and its points are not made up from 扣分.
    const scored = new Set<Round>();
    for (const x of scores) {
      if (isBlank(x.cell)) continue;
      // A unit's own column (units side by side) scores that unit.
      const u = x.unit === undefined ? unit : (resolve(x.unit) ?? x.unit);
      const round = x.round ?? rowRound!;
      // (A wide row's columns are each another indicator's: there each counts.)
      if (!wide && (x.deduction || x.fallback) && scored.has(round)) continue;
      const i = x.ind ?? ind;
      if (!i) {
        const shown = indicatorText || text(cellAt(sheet, r, cols.indicatorId ?? -1));
        findings.push(scoreUnknownIndicator.at(at(a1(r, cols.indicator ?? cols.indicatorId!), u), { value: shown }));
        bad = true;
        break;
      }
      const place = at(a1(r, x.col), u);
      const v = scoreValue(x.cell, i.max, x.deduction);
      if ('blank' in v) continue;
      if (!x.deduction && !x.fallback) scored.add(round);
      if ('problem' in v) {
        findings.push(scoreInvalidRow.at(place, { problem: `“${i.level2}”${v.problem}，未计分` }));
        bad = true;
        continue;
      }
      const out = checkScore(v.score, i, { ...place, unit: u });
      if (out) {
        findings.push(out);
        bad = true;
        continue;
      }
      counted = true;
      if (x.unit !== undefined && ctx.units && !resolve(x.unit) && !flaggedUnits.has(u)) {
        flaggedUnits.add(u);
        findings.push(unknownUnit(at(a1(layout.top, x.col), u), u, ctx.roster));
      }
      scored.add(round);
      values.set(x.col, x.deduction ? i.max - v.score : v.score);
      lost += i.max - v.score;
      // One note on a wide row explains the row's deductions: it goes with the indicators that lost points.
      const own = x.noteCol !== undefined ? text(cellAt(sheet, r, x.noteCol)) : !wide || v.score < i.max ? note : '';
      const full = [own, v.remark].filter(Boolean).join('；');
      raw.push({ round, inspector: inspectorName(x.inspector ?? (keys.inspector || sheetInspector)), unit: u, indicatorId: i.id, score: v.score, note: full, file: ctx.file, sheet: sheet.name, cell: place.cell });
    }
    if (wide) {
      const x = wideExtras(sheet, cols, r, unit, tidy(lost), at, ctx.file);
      adjustments.push(...x.adjustments);
      findings.push(...x.findings);
      counted ||= x.adjustments.length > 0;
    }
    if (wide && cols.total !== undefined && !bad) totals.column(cellAt(sheet, r, cols.total), a1(r, cols.total), [...values.values()].reduce((a, b) => a + b, 0), unit);
    else if (!wide) totals.add(values, bad);
    if (counted && !byColumn && ctx.units && !resolve(written) && !flaggedUnits.has(unit)) {
      flaggedUnits.add(unit);
      findings.push(unknownUnit(at(a1(r, cols.unit ?? 0), unit), unit, ctx.roster));
    }
  }
}

/**
 * What stands above a block's header (a title that may name the round, the inspector, the unit)
 * and below its scores (the signature line: 检查人（签名）：张三  2024年11月20日).
 */
function blockTexts(sheet: SheetGrid, b: Block, aboveRows: string[][]): { above: string; foot: string } {
  const above = aboveRows.map((r) => r.join(' ')).join(' ');
  const foot = rowTexts(sheet, b.row + 1, b.end).map((r) => r.join(' ')).filter((t) => FOOT_ROW.test(norm(t))).join(' ');
  return { above, foot };
}

/** The year a block's scores are of, when no row says: its title, the sheet, the file, the signature. */
function blockYear(above: string, foot: string, sheetName: string, file: string): number | null {
  return yearIn(above) ?? yearIn(sheetName) ?? yearIn(fileStem(file)) ?? yearIn(foot);
}

/** The inspector a title (检查人：李四) or a signature names; '' when none. */
function inspectorAbove(above: string, foot: string): string {
  return INSPECTOR_IN_TITLE.exec(norm(above))?.[1]?.replace(NEXT_LABEL, '') || signedBy(foot);
}

const UNIT_LABEL = /^(?:被检查单位|被检单位|受检单位|被考核单位|单位名称|单位)[:：](.+)$/;
/** Words of a score sheet's title or name that are not the unit's name. */
const TITLE_WORDS = /\d{4}年?度?|上半年|下半年|第[一二12][轮次]|基层|党建|网站|网络阵地|检查|考核|评分|细则|评比|督查|得分|明细|记录|汇总|工作|情况|表/g;
const NOT_A_UNIT = /^(?:sheet\d*|\d+|评分)$/;

/**
 * The unit a sheet without a 单位 column scores (a unit's own 评分表): a `被检查单位：…` label above
 * the header, else the sheet's name, the title or the file name; with a roster, the first of
 * them naming a roster unit wins.
 */
function unitOfSheet(aboveRows: string[][], sheetName: string, file: string, resolve: (name: string) => string | null): string | null {
  const labels: string[] = [];
  for (const row of aboveRows) {
    row.forEach((t, c) => {
      const n = norm(t).replace(/(?:检查人|评分人|检查日期|检查时间|日期)[:：].*$/, '');
      const m = UNIT_LABEL.exec(n);
      if (m) labels.push(m[1]!);
      else if (n && SCORE_ALIASES.unit.some((a) => norm(a) === n.replace(/[:：]$/, ''))) {
        const next = row.slice(c + 1).find((x) => x.trim());
        if (next) labels.push(next.trim());
      }
    });
  }
  const title = aboveRows.map((r) => r.join(' ')).join(' ');
  const stem = file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  for (const c of [...labels, sheetName, title, stem]) {
    const u = resolve(c);
    if (u) return u;
  }
  if (labels[0]) return labels[0];
  for (const c of [sheetName, title, stem]) {
    const bare = norm(c).replace(/(?:检查人|评分人)[:：][^,，;；()（）]*/g, '').replace(/\([^()]*\)/g, '').replace(TITLE_WORDS, '').replace(/[-_—–·:：,，、.]/g, '');
    if (bare.length >= 2 && !NOT_A_UNIT.test(bare)) return bare;
  }
  return null;
}

/**
 * Checks the totals a sheet writes (合计 / 总分 rows, 小计 of a 一级指标, a 合计 column of the
 * wide layout) against the scores read: a different one is flagged, never trusted nor counted.
 */
function totalChecker(findings: Finding[], at: (cell: string | null, unit: string | null) => { unit: string | null; file: string | null; sheet: string | null; cell: string | null }) {
  let sinceTotal = new Map<number, number>();
  let sinceSub = new Map<number, number>();
  // A row not read (already flagged) would make any total look wrong: its block goes unchecked.
  let badTotal = false;
  let badSub = false;
  const compare = (cell: Cell | null | undefined, addr: string, sum: number | undefined, label: string, unit: string | null) => {
    const written = numberOf(cell);
    if (written === null || sum === undefined || tidy(written) === tidy(sum)) return;
    findings.push(scoreTotalMismatch.at(at(addr, unit), { label, written, sum: tidy(sum) }));
  };
  return {
    /** A score row: what each score column adds (a 扣分 column adds its deductions). */
    add(values: Map<number, number>, bad: boolean) {
      badTotal ||= bad;
      badSub ||= bad;
      for (const [col, v] of values) {
        sinceTotal.set(col, (sinceTotal.get(col) ?? 0) + v);
        sinceSub.set(col, (sinceSub.get(col) ?? 0) + v);
      }
    },
    /** A total row of the long layout: each score column's total since the last one. */
    row(label: string, cells: { col: number; cell: Cell | null | undefined; addr: string }[], unit: string | null) {
      const sub = isSubtotal(label);
      if (!isAverage(label) && !(sub ? badSub : badTotal)) for (const c of cells) compare(c.cell, c.addr, (sub ? sinceSub : sinceTotal).get(c.col), norm(label).slice(0, 2), unit);
      sinceSub = new Map();
      badSub = false;
      if (!sub) {
        sinceTotal = new Map();
        badTotal = false;
      }
    },
    /** The 合计 column of a wide row, against the row's scores. */
    column(cell: Cell | null | undefined, addr: string, sum: number, unit: string) {
      compare(cell, addr, sum, '合计', unit);
    },
  };
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
  /** No 类型 column: the value's sign says it (+2 加分; −1 a deduction, which is not entered by hand). */
  signed: ['加减分', '加减分值', '加(减)分', '加减分分值', '加扣分'],
};
const adjustmentHeader = (sheet: SheetGrid) => findHeader(sheet, ADJ_ALIASES, ['unit', 'kind'], HEADER_SCAN) ?? findHeader(sheet, ADJ_ALIASES, ['unit', 'signed'], HEADER_SCAN);

/**
 * Whether a sheet is the office's 加减分 under any name (加分项, 年度考核加减分, Sheet1): the
 * 单位 and 类型 header, and a 类型 reading 加分 or 否决 below it (a roster's 类别 reads 教学单位).
 */
export function isAdjustmentSheet(sheet: SheetGrid): boolean {
  if (sheet.name.trim() === '加减分') return true;
  const header = adjustmentHeader(sheet);
  if (!header) return false;
  // A wide score sheet with a 加减分 column beside its indicators is a score sheet.
  if (header.cols.kind === undefined) return !hasScoreHeader(sheet);
  for (let r = header.row + 1; r < sheet.rows.length; r++) if (adjustmentKind(text(cellAt(sheet, r, header.cols.kind)))) return true;
  return false;
}

/** Parses the 加减分 sheet: 单位, 类型 (加分 | 否决), 分值 (for 加分), 说明. */
export function parseAdjustments(
  sheet: SheetGrid,
  ctx: { file: string | null; units?: string[]; seen?: string[]; roster?: Roster | null },
): { adjustments: Adjustment[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const at = (cell: string, unit: string | null = null) => ({ unit, file: ctx.file, sheet: sheet.name, cell });
  const header = adjustmentHeader(sheet);
  if (!header) {
    return { adjustments: [], findings: [scoreSheetInvalid.at(at('A1'), { problem: '找不到加减分表头（需要“单位”“类型”列）' })] };
  }
  const { cols } = header;
  const resolve = unitResolver(ctx);
  const adjustments: Adjustment[] = [];
  // 单位 merged over a unit's rows names each of them.
  const merged = makeResolver(sheet);
  /** A row of 单位 | 加减分 | 说明: the sign is the kind. */
  const signedRow = (r: number, written: string) => {
    const c = cols.signed!;
    const cell = cellAt(sheet, r, c);
    if (!written || isTotal(written) || isBlank(cell)) return;
    const unit = resolve(written) ?? written;
    const v = signedNumber(cell);
    if (v === 0) return;
    if (v === null || v < 0) {
      const problem = v === null ? `加减分“${text(cell)}”不是分数，未计入` : `减分“${text(cell)}”未计入：加减分表只记加分和一票否决，减分由各项得分和报送情况计算`;
      findings.push(adjustmentInvalid.at(at(a1(r, c), unit), { problem }));
      return;
    }
    if (ctx.units && !resolve(written)) findings.push(unknownUnit(at(a1(r, cols.unit!), unit), unit, ctx.roster));
    adjustments.push({ unit, kind: 'bonus', points: v, note: text(cellAt(sheet, r, cols.note ?? -1)), file: ctx.file, sheet: sheet.name, cell: a1(r, c) });
  };
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    const get = (c: number | undefined) => (c === undefined ? null : cellAt(sheet, r, c));
    const written = cols.unit === undefined ? '' : merged(r, cols.unit).trim();
    if (cols.kind === undefined) {
      signedRow(r, written);
      continue;
    }
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
    const points = kind === 'bonus' ? signedNumber(pointsCell) : 0;
    if (points === null || points < 0) {
      const cell = cols.points === undefined ? a1(r, cols.kind!) : a1(r, cols.points);
      findings.push(adjustmentInvalid.at(at(cell, unit), { problem: `加分分值“${text(pointsCell)}”应为非负数，未计入` }));
      continue;
    }
    if (ctx.units && !resolve(written)) findings.push(unknownUnit(at(a1(r, cols.unit!), unit), unit, ctx.roster));
    adjustments.push({ unit, kind, points, note: text(get(cols.note)), file: ctx.file, sheet: sheet.name, cell: a1(r, cols.kind!) });
  }
  return { adjustments, findings };
}
