/**
 * Where a score sheet keeps what: the long layout (a row per unit × indicator, one or more score
 * columns), the wide one (a row per unit, a column per indicator), a unit's own 评分表 (the
 * indicators down the rows, the unit named above), headers over one row or two.
 */
import { type Cell, type SheetGrid, cellText, isBlank } from '../grid';
import { makeResolver } from '../sheet/labels';
import type { Indicator } from './rubric';
import { type Round, parseRound, roundIn } from './rounds';
import { UNNAMED_INSPECTOR } from './score-sheet';
import { looksLikePerson } from './surnames';
import { norm, numberOf } from './util';

export const SCORE_ALIASES = {
  /** The dates last (WHEN_ALIASES): a round written out wins over the day an answer came in. */
  round: ['轮次', '检查轮次', '轮', '批次', '半年', '检查批次', '检查次数', '检查日期', '检查时间', '提交答卷时间', '提交时间', '答题时间', '填写时间'],
  inspector: ['检查人', '评分人', '检查员', '评委', '打分人', '检查人员', '评分人员', '打分人员', '评审人', '评审专家', '专家'],
  unit: ['单位', '单位名称', '被检查单位', '被检单位', '填报单位', '受检单位', '被考核单位', '被检查单位名称', '部门', '部门名称', '二级单位', '单位/部门', '单位(部门)', '被检查部门', '受检部门', '被考核部门'],
  indicator: ['二级指标', '指标', '评分指标', '评分项目', '指标名称', '考核指标', '检查项目', '评分项', '考核项目', '二级指标名称', '考核内容', '检查内容', '评分内容', '检查指标'],
  /** Read only when the name column is blank or unknown: 1.1, A3, content.news. */
  indicatorId: ['指标编号', '编号'],
  score: ['得分', '分数', '评分', '实得分', '评分结果', '实际得分', '得分值', '考核得分', '检查得分', '评定得分', '评定分', '最后得分', '最终得分'],
  deduction: ['扣分', '扣分值', '扣分分值', '实扣分', '扣除分数'],
  note: ['扣分说明', '扣分原因', '说明', '备注', '扣分理由', '扣分情况', '存在问题', '问题说明'],
  max: ['分值', '满分', '标准分', '标准分值'],
  total: ['合计', '总分', '总计', '合计得分', '总得分', '实得总分', '最终总分', '最后总分'],
  /** Read only to find 小计 / 合计 rows labelled there. */
  level1: ['一级指标', '一级指标名称'],
  /** A first score and its review (初评 | 复核): the review counts where it is written. */
  first: ['初评', '初评得分', '初评分', '初审', '初审得分', '初查得分'],
  review: ['复核', '复核得分', '复核分', '复评', '复评得分', '复审', '复审得分', '复查得分', '核定得分'],
  /** The wide layout's unit-level columns: a bonus (加分), a deduction beyond the indicators (减分), a veto. */
  bonus: ['加分', '加分项', '奖励加分', '创新加分', '加分值', '加分分值', '加减分'],
  bonusNote: ['加分说明', '加分原因', '加分事由', '加分理由', '加分依据', '加分情况', '加减分说明', '加减分原因'],
  minus: ['减分', '减分项', '扣减分', '减分值', '另扣分'],
  minusNote: ['减分说明', '减分原因', '减分事由', '减分理由', '减分依据', '减分情况'],
  veto: ['一票否决', '否决', '否决项', '一票否决项'],
};
export type ScoreKey = keyof typeof SCORE_ALIASES;
const ANY_KEY = Object.keys(SCORE_ALIASES) as ScoreKey[];

/** Rows of a score sheet searched for its header: titles and notes may stand above it. */
export const HEADER_SCAN = 20;
/** Rows that sum up (checked against the scores above them, never a score of their own). */
const TOTAL_WORDS = ['合计', '总计', '小计', '总分', '平均分', '平均'];
export const isTotal = (t: string) => TOTAL_WORDS.some((w) => norm(t).startsWith(w));
/** A subtotal sums one 一级指标; the others sum the unit. */
export const isSubtotal = (t: string) => norm(t).startsWith('小计');
export const isAverage = (t: string) => norm(t).startsWith('平均');
/**
 * A row of figures about the units, not a unit (分值 / 满分 over a wide sheet's indicators, 最高分,
 * 全校平均, 中位数 under it): read as nothing, never ranked.
 */
const STAT_ROWS = new Set(['分值', '满分', '标准分', '总分值', '最高分', '最低分', '最高', '最低', '中位数', '均分', '平均值', '标准差', '权重', '极差'].map(norm));
export const isStatRow = (t: string) => STAT_ROWS.has(norm(t)) || /^(?:全校|全院|全体|各单位|所有单位)(?:平均|均分|合计|最高|最低)/.test(norm(t));

/** A score column of the long layout: 得分 (its round from the row or sheet), 上半年得分, or 扣分. */
export interface ScoreCol {
  col: number;
  round: Round | null;
  deduction: boolean;
  /** A unit's own column (units side by side: 二级指标 | 护理学院 | 财务处, or 护理学院 over 得分 | 扣分说明). */
  unit?: string;
  /** Counts only where no other score column of the round is written (初评 beside 复核). */
  fallback?: boolean;
  /** An inspector's own column (上半年·张三·得分, as the 评分表 writes it), with its 扣分说明 column. */
  inspector?: string;
  noteCol?: number;
}

export interface Layout {
  /** The header's first row (a title may stand above it) and last row (data starts below it). */
  top: number;
  row: number;
  cols: Partial<Record<ScoreKey, number>>;
  /** Long layout: the score columns (得分 before 扣分). */
  scoreCols: ScoreCol[];
  /** Wide layout: a column per indicator (per round, under 上半年 | 下半年), with the note column right of it if any. */
  indicators: { col: number; ind: Indicator; noteCol?: number; round?: Round; deduction?: boolean }[] | null;
}

/**
 * A wide column naming an indicator with a deduction word (新闻动态扣分, 扣分：新闻动态, 新闻动态
 * （扣分）) holds what the indicator lost, not its score; with a note word (新闻动态扣分说明) it is a note.
 */
const DEDUCTION_WORD = /扣分|扣除|扣减|减分/;
const NOTE_WORD = /说明|原因|理由|情况|依据|备注|事由/;
function indicatorColumnKind(header: string): 'score' | 'deduction' | 'note' {
  const t = norm(header);
  if (NOTE_WORD.test(t)) return 'note';
  return DEDUCTION_WORD.test(t) ? 'deduction' : 'score';
}

const MIN_WIDE_INDICATORS = 3;
function headerKey(text: string): string {
  return norm(text).replace(/[(（].*$/, '');
}

function matches(text: string, key: ScoreKey): boolean {
  const h = headerKey(text);
  return h !== '' && SCORE_ALIASES[key].some((a) => norm(a) === h);
}

/**
 * A header without the question number an online survey puts before it (问卷星, 腾讯问卷: 2.被检查单位,
 * Q3_检查轮次, 第4题 栏目规划（3分）); 1.1栏目规划 keeps its indicator number.
 */
const QUESTION_NUMBER = /^(?:[Qq]?\d{1,3}[.、．:：)）_]|第\d{1,3}题[.、．:：)）_]?)\s*(?=\D)/;
function unnumbered(text: string): string {
  return text.trim().replace(QUESTION_NUMBER, '');
}

/**
 * The header cells of row r: the row itself, with a second header row under it laid over
 * (单位 merged over two rows, 网站内容（70分） over its indicators, 指标 over 一级指标 | 二级指标).
 * The row below is a second header row when both rows hold a header word or several indicators,
 * one of its cells stands under a blank of row r, and it holds no number.
 */
function headerCells(sheet: SheetGrid, r: number, find: (v: string) => Indicator | undefined, isUnit: (v: string) => boolean): { cells: string[]; last: number; rounds: (Round | null)[]; units: (string | null)[] } {
  const merged = makeResolver(sheet);
  const row = sheet.rows[r] ?? [];
  const next = sheet.rows[r + 1] ?? [];
  const cells = Array.from({ length: Math.max(row.length, next.length) }, (_, c) => unnumbered(merged(r, c)));
  const rounds: (Round | null)[] = cells.map(() => null);
  const texts = next.map((c) => (isBlank(c) ? '' : unnumbered(cellText(c))));
  // Indicator names alone make a header row only when there are several (a long layout's first
  // row names one indicator and may hold no number yet).
  const headerLike = (ts: string[]) => ts.some((t) => t && ANY_KEY.some((k) => matches(t, k))) || ts.filter((t) => t && find(t)).length >= MIN_WIDE_INDICATORS;
  // …and stands under a blank of row r (a sub-column), unlike a data row under its header; row r
  // is a header too (not a title).
  const sub = texts.some((t, c) => t && isBlank(row[c]));
  // A group label above several columns (上半年 or 得分 merged over them, or written once with
  // blanks after it) is theirs: the same indicators once per round, or an inspector per column.
  const groups: ('round' | 'score' | null)[] = [];
  const units: (string | null)[] = [];
  let carried: Round | null = null;
  let group: 'round' | 'score' | null = null;
  let unit: string | null = null;
  cells.forEach((t, c) => {
    if (!isBlank(row[c])) {
      carried = roundIn(t);
      group = carried ? 'round' : matches(t, 'score') || matches(t, 'inspector') ? 'score' : null;
      unit = !carried && !group && unitHeader(t, find, isUnit) ? t : null;
    }
    rounds[c] = carried;
    groups[c] = group;
    units[c] = unit;
  });
  const inspectors = texts.map((t, c) => (t && groups[c] && inspectorName(t, find) ? t : ''));
  const none = cells.map(() => null);
  if (!sub || next.some((c) => c?.t === 'n') || !(headerLike(texts) || inspectors.some(Boolean)) || !headerLike(cells)) return { cells, last: r, rounds: none, units: none };
  // An indicator merged across its sub-columns names each of them (the resolver gives it to the first only).
  const upper = cells.slice();
  for (const m of sheet.merges) {
    if (m.top > r || m.bottom < r || m.right === m.left || m.right - m.left > 8) continue;
    const text = unnumbered(cellText(sheet.rows[m.top]?.[m.left]));
    for (let c = m.left + 1; c <= m.right && c < upper.length; c++) if (!upper[c]) upper[c] = text;
  }
  texts.forEach((t, c) => {
    // 张三 under 得分 (or under 上半年) is 张三's score column; 得分 | 扣分说明 (or 扣分 | 得分) under
    // an indicator merged over them are that indicator's score and note (or deduction).
    if (t) cells[c] = inspectors[c] ? `${t}得分` : find(upper[c]!) && SUB_COLUMN.test(norm(t)) ? `${upper[c]}${t}` : t;
  });
  return { cells, last: r + 1, rounds, units };
}

/** What a column under an indicator holds: its score, its deduction, or why. */
const SUB_COLUMN = /^(?:得分|分数|评分|实得分|扣分|扣分值|扣分说明|扣分原因|扣分理由|说明|备注|存在问题)$/;

/** Round headers that only give a date (the round is its half-year): any other round column wins. */
const WHEN_ALIASES = new Set(['检查日期', '检查时间', '提交答卷时间', '提交时间', '答题时间', '填写时间'].map(norm));

function findCols(cells: string[]): Partial<Record<ScoreKey, number>> {
  const cols: Partial<Record<ScoreKey, number>> = {};
  cells.forEach((t, c) => {
    for (const k of Object.keys(SCORE_ALIASES) as ScoreKey[]) if (cols[k] === undefined && matches(t, k)) cols[k] = c;
  });
  // 问卷星 puts 提交答卷时间 before the questions: a 检查轮次 further right still names the round.
  if (cols.round !== undefined && WHEN_ALIASES.has(headerKey(cells[cols.round]!))) {
    const named = cells.findIndex((t) => matches(t, 'round') && !WHEN_ALIASES.has(headerKey(t)));
    if (named >= 0) cols.round = named;
  }
  return cols;
}

/**
 * 上半年 | 下半年得分 | 第一次检查评分 | 2024年上半年 as a score column's header: its round; null for
 * any other header (上半年扣分说明 is a note, 检查日期 a round column).
 */
function roundColumn(text: string): Round | null {
  const t = norm(text);
  const rest = t.replace(/^\d{4}年?度?/, '').replace(/上半年|下半年|第[一二12][轮次]|[()]/g, '').replace(/检查|考核/g, '');
  return rest !== t && /^(?:得分|评分|分数|实得分)?$/.test(rest) ? roundIn(t) : null;
}

/** Parts of 上半年·张三·得分 (the 评分表's own headers; also with / or |). */
const PARTS = /[·・|/]/;

/** A unit's name by its shape (护理学院, 财务处, 党委宣传部, 图书馆), when no roster knows it. */
const UNIT_SHAPE = /^[\u4e00-\u9fa5()]{2,20}(?:学院|学校|系|部|处|室|馆|中心|委|委员会|办|办公室|研究院|研究所|所|队|站|医院)$/;
const NOT_UNIT_HEADER = /负责|主管|责任|牵头|归口|所属|检查|评分|得分/;

/** Whether a score sheet's column header names a unit (a column or a block of columns per unit). */
function unitHeader(text: string, find: (v: string) => Indicator | undefined, isUnit: (v: string) => boolean): boolean {
  const t = norm(unitOfHeader(text));
  if (!t || namesOther(t, find)) return false;
  return isUnit(unitOfHeader(text)) || UNIT_SHAPE.test(t);
}

/** A header naming something else than a unit: a header word, an indicator, a round. */
function namesOther(t: string, find: (v: string) => Indicator | undefined): boolean {
  return NOT_UNIT_HEADER.test(t) || ANY_KEY.some((k) => matches(t, k)) || !!find(t) || !!roundIn(t);
}

/** 护理学院得分, 团委（得分）: the unit a score column is headed by, its score word dropped. */
const SCORE_SUFFIX = /\s*[(（]?\s*(?:得分|分数|评分|实得分|考核得分)\s*[)）]?\s*$/;
function unitOfHeader(text: string): string {
  const t = text.trim();
  const cut = t.replace(SCORE_SUFFIX, '');
  return cut.length >= 2 ? cut : t;
}

/**
 * Beside units named by the roster or their shape, a column headed by some other short name
 * (护理, 电子信息工程: a 简称 or a name cut short) is a unit's too: read, so the unknown name is
 * flagged with the nearest unit, never dropped. Header words, indicators, totals are not.
 */
function otherUnitHeader(text: string, find: (v: string) => Indicator | undefined): boolean {
  const t = norm(unitOfHeader(text));
  if (!/^[\u4e00-\u9fa5()]{2,12}$/.test(t) || namesOther(t, find)) return false;
  return !isTotal(t) && !isStatRow(t) && !/平均|合计|总分|排名|等级|名次|分值|满分|备注|说明|序号|编号|类别|指标/.test(t);
}

/** Numbered inspectors: 检查人1, 评委二, 专家A. */
const NUMBERED = new RegExp(`^(?:${SCORE_ALIASES.inspector.map(norm).join('|')})(?:\\d{1,2}|[一二三四五六七八九十]|[a-z])$`);
const ROUND_WORDS = /\d{4}年?度?|上半年|下半年|第[一二12][轮次]|[-_()]/g;

/**
 * The inspector a column header names (张三, 欧阳明月, 检查人1): a person's name by the common
 * surnames, never an indicator (安全规范) or a header word; '' when none.
 */
function inspectorName(text: string, find: (v: string) => Indicator | undefined): string {
  const t = norm(text).replace(ROUND_WORDS, '');
  if (NUMBERED.test(t)) return t;
  return looksLikePerson(t) && !find(t) && !ANY_KEY.some((k) => matches(t, k)) ? t : '';
}

/** 张三得分 / 上半年张三得分 / 张三扣分说明: the inspector and what the column holds. */
function inspectorHeader(text: string, find: (v: string) => Indicator | undefined): { name: string; what: 'score' | 'note' } | null {
  const t = norm(text);
  // 检查人1 | 检查人2 says whose scores the column holds without 得分.
  if (NUMBERED.test(t.replace(ROUND_WORDS, ''))) return { name: t.replace(ROUND_WORDS, ''), what: 'score' };
  for (const what of ['score', 'note'] as const) {
    const suffix = SCORE_ALIASES[what].map(norm).find((a) => t.endsWith(a) && t.length > a.length);
    const name = suffix ? inspectorName(t.slice(0, -suffix.length), find) : '';
    if (name) return { name, what };
  }
  return null;
}

/**
 * Adds the columns of inspectors — round · inspector · 得分 (the 评分表's own), or a person's name
 * before 得分 (张三得分, 上半年张三得分, 张三 under a 得分 header) — each with its 扣分说明 column.
 */
function inspectorColumns(cells: string[], scoreCols: ScoreCol[], rounds: (Round | null)[], find: (v: string) => Indicator | undefined): void {
  const found = new Map<string, ScoreCol>();
  const notes = new Map<string, number>();
  const taken = new Set(scoreCols.map((c) => c.col));
  cells.forEach((t, col) => {
    if (taken.has(col)) return;
    const parts = t.split(PARTS).map((x) => x.trim());
    let round: Round | null;
    let name: string;
    let what: 'score' | 'note' | null;
    if (parts.length === 3) {
      round = roundIn(parts[0]!) ?? parseRound(parts[0]!);
      name = parts[1]!;
      what = matches(parts[2]!, 'score') ? 'score' : matches(parts[2]!, 'note') ? 'note' : null;
      if (!round) return;
    } else {
      const h = inspectorHeader(t, find);
      if (!h) return;
      round = roundIn(t) ?? rounds[col] ?? null;
      ({ name, what } = h);
    }
    if (!name || !what) return;
    const key = `${round}\u0000${name}`;
    const inspector = name === UNNAMED_INSPECTOR ? '' : name;
    if (what === 'score') found.set(key, { col, round, deduction: false, inspector });
    else notes.set(key, col);
  });
  // A note column of an inspector whose round is written only over the score (上半年张三得分 | 张三扣分说明).
  const noteOf = (key: string) => notes.get(key) ?? notes.get(`null\u0000${key.split('\u0000')[1]}`);
  for (const [key, c] of found) {
    const note = noteOf(key);
    scoreCols.push(note === undefined ? c : { ...c, noteCol: note });
  }
}

/**
 * Units side by side (no 单位 column): a column headed by a unit's name, or 得分 | 扣分说明 under a
 * unit's name merged or written once over them; each is that unit's score column.
 */
function unitColumns(cells: string[], units: (string | null)[], find: (v: string) => Indicator | undefined, isUnit: (v: string) => boolean): ScoreCol[] {
  const out: ScoreCol[] = [];
  cells.forEach((t, col) => {
    const unit = units[col];
    if (unit && matches(t, 'score')) {
      const noteCol = cells.findIndex((n, c) => c > col && units[c] === unit && matches(n, 'note'));
      out.push({ col, round: null, deduction: false, unit, ...(noteCol < 0 ? {} : { noteCol }) });
    } else if (!unit && unitHeader(t, find, isUnit)) {
      out.push({ col, round: null, deduction: false, unit: unitOfHeader(t) });
    }
  });
  if (!out.length) return out;
  const taken = new Set(out.map((c) => c.col));
  cells.forEach((t, col) => {
    if (!taken.has(col) && !units[col] && t && otherUnitHeader(t, find)) out.push({ col, round: null, deduction: false, unit: unitOfHeader(t) });
  });
  return out.sort((a, b) => a.col - b.col);
}

function layoutAt(cells: string[], row: number, find: (v: string) => Indicator | undefined, rounds: (Round | null)[], units: (string | null)[], isUnit: (v: string) => boolean): Omit<Layout, 'top'> | null {
  const cols = findCols(cells);
  if (cols.indicator !== undefined || cols.indicatorId !== undefined) {
    const scoreCols: ScoreCol[] = [];
    cells.forEach((t, col) => {
      const round = col === cols.round ? null : roundColumn(t);
      if (round) scoreCols.push({ col, round, deduction: false });
      // 得分 under a round (上半年 over 得分 | 扣分说明), with the note column of the same round.
      const above = rounds[col];
      if (above && matches(t, 'score')) {
        const noteCol = cells.findIndex((n, c) => c > col && rounds[c] === above && matches(n, 'note'));
        scoreCols.push({ col, round: above, deduction: false, ...(noteCol < 0 ? {} : { noteCol }) });
      }
    });
    inspectorColumns(cells, scoreCols, rounds, find);
    if (!scoreCols.length && cols.unit === undefined) scoreCols.push(...unitColumns(cells, units, find, isUnit));
    // 复核 first: 初评 (and a plain 得分 beside it) count only where it is blank.
    if (!scoreCols.length && cols.review !== undefined) scoreCols.push({ col: cols.review, round: null, deduction: false });
    for (const c of [cols.score, cols.first]) {
      if (c !== undefined && (!scoreCols.length || cols.review !== undefined)) scoreCols.push({ col: c, round: null, deduction: false, ...(cols.review === undefined ? {} : { fallback: true }) });
    }
    if (cols.deduction !== undefined) scoreCols.push({ col: cols.deduction, round: scoreCols[0]?.round ?? null, deduction: true });
    // 分数 beside 二级指标 with no unit named is a rubric's points column (评分细则), not scores.
    const points = cols.unit === undefined && scoreCols.length === 1 && scoreCols[0]!.col === cols.score && headerKey(cells[cols.score]!) === '分数';
    if (scoreCols.length && !points) return { row, cols, scoreCols, indicators: null };
  }
  if (cols.unit === undefined) return null;
  const indicators: NonNullable<Layout['indicators']> = [];
  const seen = new Map<string, string>();
  cells.forEach((t, col) => {
    const ind = t ? find(t) : undefined;
    const round = rounds[col] ?? undefined;
    if (!ind) return;
    // The same header twice (新闻动态 | … | 新闻动态) is read twice, so the two scores meet as a
    // score-duplicate; another header naming the indicator too (新闻动态扣分说明) is not a score.
    const first = seen.get(`${ind.id}${round}`);
    const kind = indicatorColumnKind(t.replace(ind.level2, ''));
    if (kind === 'note') return;
    // 扣分 | 得分 under one indicator: the 得分 is read (a deduction only tells the same again).
    const deducted = first !== undefined && kind === 'score' ? indicators.findIndex((i) => i.ind === ind && i.round === (round || undefined) && i.deduction) : -1;
    if (deducted >= 0) indicators.splice(deducted, 1);
    else if (first !== undefined && first !== norm(t)) return;
    seen.set(`${ind.id}${round}`, norm(t));
    const right = cells[col + 1] ?? '';
    // The note beside it: 扣分说明, or 新闻动态扣分说明 (under the indicator merged over both).
    const noteCol = matches(right, 'note') || (find(right) === ind && indicatorColumnKind(right.replace(ind.level2, '')) === 'note') ? col + 1 : undefined;
    indicators.push({ col, ind, ...(noteCol === undefined ? {} : { noteCol }), ...(round ? { round } : {}), ...(kind === 'deduction' ? { deduction: true } : {}) });
  });
  if (indicators.length < MIN_WIDE_INDICATORS) return null;
  // A note column right of an indicator is that indicator's; the row's note is another one.
  const own = new Set(indicators.map((i) => i.noteCol));
  const note = cells.findIndex((t, c) => !own.has(c) && matches(t, 'note'));
  return { row, cols: { ...cols, note: note < 0 ? undefined : note }, scoreCols: [], indicators };
}

/** The first score layout among the first rows, or null. */
export function scoreLayout(sheet: SheetGrid, find: (v: string) => Indicator | undefined, isUnit: (v: string) => boolean = () => false): Layout | null {
  for (let r = 0; r < Math.min(HEADER_SCAN, sheet.rows.length); r++) {
    const { cells, last, rounds, units } = headerCells(sheet, r, find, isUnit);
    const layout = layoutAt(cells, last, find, rounds, units, isUnit);
    if (layout) {
      if (layout.indicators && deductionTitle(sheet, r)) for (const i of layout.indicators) i.deduction = true;
      return { ...layout, top: r };
    }
  }
  return null;
}

/**
 * A wide sheet titled as a record of deductions (检查扣分情况表, 扣分明细（填写扣分）): its indicator
 * columns hold what each lost, not scores. A title naming 得分 too (得分及扣分情况) is a score sheet.
 */
function deductionTitle(sheet: SheetGrid, top: number): boolean {
  let text = sheet.name;
  for (let r = 0; r < top; r++) for (const c of sheet.rows[r] ?? []) if (!isBlank(c)) text += ' ' + cellText(c);
  const t = norm(text);
  return /扣分(?:情况|明细|统计|汇总|记录|登记)?表|填写扣分|扣分明细|扣分情况|扣分统计|扣分汇总/.test(t) && !/得分|评分表|打分/.test(t);
}

/** A header and the rows it heads: titles and labels from `from` to `top`, scores below `row` up to `end`. */
export interface Block extends Layout {
  from: number;
  end: number;
}

/** What a header reads as: the same one again further down is another block of the same form. */
function shape(l: Omit<Layout, 'top'>): string {
  const cols = Object.entries(l.cols).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([cols, l.scoreCols.map((s) => [s.col, s.round, s.deduction, s.unit ?? null, s.inspector ?? null]), l.indicators?.map((i) => [i.col, i.ind.id, i.round ?? null]) ?? null]);
}

/** A row that may stand above a header (a title, 被检查单位：…, 检查人：…): text, no number, no total. */
function titleLike(row: readonly (Cell | null | undefined)[] | undefined): boolean {
  const cells = (row ?? []).filter((c) => !isBlank(c));
  return cells.length > 0 && cells.every((c) => c!.t === 's') && !isTotal(cellText(cells[0]));
}

/**
 * The score blocks of a sheet: the first header, and the same header again further down (forms
 * copied one below the other, a block per unit or per round), each with the titles right above
 * it; a block ends where the next one's titles begin.
 */
export function scoreBlocks(sheet: SheetGrid, find: (v: string) => Indicator | undefined, isUnit: (v: string) => boolean = () => false): Block[] {
  const first = scoreLayout(sheet, find, isUnit);
  if (!first) return [];
  const key = shape(first);
  // Cheap test first: the later header row writes what the first one does, column by column.
  const head = (sheet.rows[first.top] ?? []).map((c) => norm(cellText(c)));
  const sameHead = (r: number) => head.every((t, c) => !t || norm(cellText(sheet.rows[r]?.[c])) === t);
  const blocks: Block[] = [{ ...first, from: 0, end: sheet.rows.length }];
  for (let r = first.row + 1; r < sheet.rows.length; r++) {
    if (!sameHead(r)) continue;
    const { cells, last, rounds, units } = headerCells(sheet, r, find, isUnit);
    const l = layoutAt(cells, last, find, rounds, units, isUnit);
    if (!l || shape(l) !== key) continue;
    const prev = blocks[blocks.length - 1]!;
    let from = r;
    while (from > prev.row + 1 && titleLike(sheet.rows[from - 1])) from--;
    prev.end = from;
    blocks.push({ ...l, top: r, from, end: sheet.rows.length });
    r = l.row;
  }
  return blocks;
}

/** What a score cell says: a number, nothing (blank, —, /, 未评), or a problem. */
export type ScoreValue = { score: number; remark: string } | { blank: true } | { problem: string };

const NOT_SCORED = new Set(['-', '—', '——', '/', '\\', '未评', '未评分', '未检查']);
/** 8.5（栏目不全）, 13（扣2分）, 8分，栏目不全: a number, then a remark in brackets or one without digits. */
const WITH_REMARK = /^([-+]?\d+(?:\.\d+)?)分?(?:\((.*)\)|[,;:、]?([^\d]*))$/;
const FULL_MARKS = ['满分', '全满分', '不扣分'];
/** A tick per item: met (its points) or not met (0). */
const TICK_MET = new Set(['✓', '√', '✔', '☑', '✅']);
const TICK_UNMET = new Set(['✗', '×', '✘', '☒', '❌']);
const NO_DEDUCTION = ['无', '不扣分', '未扣分', '0分'];

/**
 * A score cell read as written: numbers, `8分`, `满分`, `8.5（栏目不全）` (the remark kept as a
 * note); `扣2分` (said so) takes 2 off the indicator's points; in a 扣分 column, `2`, `-2` or `无`
 * too. A bare `-2` in a score column stays a negative score (out of range), not a guess.
 */
export function scoreValue(cell: Cell | null | undefined, max: number, deduction: boolean): ScoreValue {
  if (isBlank(cell)) return { blank: true };
  const n = cell!.t === 'n' ? cell!.v : null;
  const written = norm(cellText(cell));
  const t = written.replace(/^扣(?:除)?/, '');
  if (n === null && NOT_SCORED.has(t)) return { blank: true };
  if (deduction || t !== written) {
    if (n === null && NO_DEDUCTION.includes(t)) return { score: max, remark: '' };
    const d = n ?? numberOf({ t: 's', v: t });
    return d === null || /%/.test(t) ? { problem: `扣分“${cellText(cell).trim()}”不是数字` } : { score: max - Math.abs(d), remark: '' };
  }
  if (n !== null) return { score: n, remark: '' };
  if (FULL_MARKS.includes(t) || TICK_MET.has(t)) return { score: max, remark: '' };
  if (TICK_UNMET.has(t)) return { score: 0, remark: '' };
  // 12/15: a score over the indicator's own points; over other points it would need a rescale.
  const frac = /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(t);
  if (frac) {
    return Number(frac[2]) === max ? { score: Number(frac[1]), remark: '' } : { problem: `得分“${cellText(cell).trim()}”按 ${frac[2]} 分计，该项分值为 ${max} 分` };
  }
  if (/%/.test(t)) return { problem: `得分“${cellText(cell).trim()}”是百分比，不是分数` };
  const m = WITH_REMARK.exec(t);
  if (m) return { score: Number(m[1]), remark: (m[2] ?? m[3] ?? '').replace(/^[.,;:、]+|[.,;:、]+$/g, '') };
  return { problem: `得分“${cellText(cell).trim()}”不是数字` };
}
