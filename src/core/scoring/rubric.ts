/** The rubric (评分细则): data, validated on load; the default is seed 004's. */
import { z } from 'zod';
import type { Finding } from '../findings';
import { type SheetGrid, a1, cellAt, isBlank } from '../grid';
import type { SheetModel } from '../report/model';
import { rubricInvalid } from './rules';
import { findHeader, norm, numberOf, text, tidy, isHalfStep, fmt } from './util';

export const IndicatorSchema = z.object({
  id: z.string().min(1),
  level1: z.string().min(1),
  level2: z.string().min(1),
  max: z.number(),
  standard: z.string(),
  guidance: z.string().optional(),
});

export const RubricSchema = z.object({
  name: z.string().min(1),
  total: z.number(),
  indicators: z.array(IndicatorSchema).min(1),
});

export type Indicator = z.infer<typeof IndicatorSchema>;
export type Rubric = z.infer<typeof RubricSchema>;

export const RUBRIC_SHEET = '评分细则';

const CONTENT = '网站内容';
const MANAGEMENT = '网站管理';

/** Seed 004, 基层党建网站评分细则, standards verbatim. */
export const DEFAULT_RUBRIC: Rubric = {
  name: '基层党建网站评分细则',
  total: 100,
  indicators: [
    { id: 'content.columns', level1: CONTENT, level2: '栏目规划', max: 3, standard: '新闻动态、组织管理和党员教育三大模块内容详实、丰富。' },
    { id: 'content.news', level1: CONTENT, level2: '新闻动态', max: 15, standard: '能够及时（新闻保证48小时内更新）、全面、准确地发布本单位党建工作动态。' },
    { id: 'content.organization', level1: CONTENT, level2: '组织管理', max: 20, standard: '介绍本级党组织的设置、主要职责、机构调整、换届选举情况；及时对党内评优评先、对学生入党积极分子综合考评结果、学生党员发展对象综合考评结果、发展党员、预备党员转正等进行网上公示；上传基层党组织推选审定、考评考核、发展流程、工作规范等相关组织发展内容。' },
    { id: 'content.education', level1: CONTENT, level2: '党员教育', max: 15, standard: '按时上传每月政治理论学习计划、内容；定期上传文件汇编、领导讲话、党史资料、党建读物等党的各项理论知识；上传党务工作中常见问题解答。' },
    { id: 'content.accuracy', level1: CONTENT, level2: '信息规范', max: 7, standard: '发布信息无错误（含格式错误和文字错误）。' },
    { id: 'content.updates', level1: CONTENT, level2: '信息更新', max: 10, standard: '每月资讯、工作动态类信息更新不少于3篇。' },
    { id: 'management.leadership', level1: MANAGEMENT, level2: '领导重视', max: 10, standard: '各党总支、直属党支部负责党建网站的全面建设，并作为重要工作内容纳入党总支常规工作，网站建设取得突出成绩。' },
    { id: 'management.rules', level1: MANAGEMENT, level2: '规章制度', max: 8, standard: '建立了较完善的网站信息提供机制和审核机制，并认真落实。' },
    { id: 'management.maintenance', level1: MANAGEMENT, level2: '专栏维护', max: 6, standard: '网站管理员负责专栏日常维护、更新、管理、备份；认真履行审定、督查、协调等职责。' },
    { id: 'management.security', level1: MANAGEMENT, level2: '安全规范', max: 6, standard: '无违反党的各项原则、院党委的决定的信息，无反动言论、涉密、虚假或不良信息。' },
  ],
};

/** Ids that are ours, never typed by people: the built-in rubric's keys. */
const BUILT_IN_IDS = new Set(DEFAULT_RUBRIC.indicators.map((i) => i.id));

/** Each indicator's place as people number it: 1.2 is the first 一级指标's second; indicatorLookup reads it back. */
function places(indicators: readonly Pick<Indicator, 'level1'>[]): string[] {
  const groups: string[] = [];
  const counts = new Map<string, number>();
  return indicators.map((i) => {
    if (!counts.has(i.level1)) groups.push(i.level1);
    const k = (counts.get(i.level1) ?? 0) + 1;
    counts.set(i.level1, k);
    return `${groups.indexOf(i.level1) + 1}.${k}`;
  });
}

/**
 * The 编号 printed for each indicator (by id): the number its rubric sheet gave it (A1, 一(2)),
 * else its place; our own keys (content.news) and a name standing in for a missing number are
 * never shown.
 */
export function indicatorCodes(r: Rubric): Map<string, string> {
  const at = places(r.indicators);
  return new Map(r.indicators.map((i, k) => [i.id, BUILT_IN_IDS.has(i.id) || i.id === i.level2 ? at[k]! : i.id]));
}

interface Problem {
  problem: string;
  /** Index into indicators, or 'total' for the total; located to a cell by the caller. */
  at: number | 'total' | null;
}

function problems(r: Rubric): Problem[] {
  const out: Problem[] = [];
  const sum = tidy(r.indicators.reduce((s, i) => s + i.max, 0));
  if (Math.abs(sum - r.total) > 1e-9) {
    out.push({ problem: `各项分值之和为 ${fmt(sum)}，与总分 ${fmt(r.total)} 不符`, at: 'total' });
  }
  const ids = new Set<string>();
  const names = new Set<string>();
  r.indicators.forEach((ind, i) => {
    if (!(ind.max > 0)) out.push({ problem: `“${ind.level2}”的分值 ${ind.max} 不是正数`, at: i });
    else if (!isHalfStep(ind.max)) out.push({ problem: `“${ind.level2}”的分值 ${ind.max} 不是 0.5 的整数倍`, at: i });
    if (ids.has(ind.id)) out.push({ problem: `指标编号“${ind.id}”重复`, at: i });
    const n = norm(ind.level2);
    if (names.has(n)) out.push({ problem: `二级指标“${ind.level2}”重复`, at: i });
    ids.add(ind.id);
    names.add(n);
  });
  return out;
}

/** Checks a rubric object: sum of maxima = total, unique ids and names, positive 0.5-step maxima. */
export function validateRubric(r: Rubric, file: string | null = null): Finding[] {
  const parsed = RubricSchema.safeParse(r);
  if (!parsed.success) {
    return [rubricInvalid.at({ file, sheet: RUBRIC_SHEET }, { problem: parsed.error.issues[0]?.message ?? '结构不对' })];
  }
  return problems(r).map((p) => rubricInvalid.at({ file, sheet: RUBRIC_SHEET }, { problem: p.problem }));
}

const ALIASES = {
  id: ['编号', '指标编号', 'id'],
  level1: ['一级指标'],
  level2: ['二级指标', '指标', '评分项目'],
  max: ['分值', '满分', '分数', '标准分'],
  standard: ['评分标准', '标准'],
  guidance: ['说明', '评分说明', '备注'],
};

const TOTAL_WORDS = ['总分', '合计', '总计'];
const POINTS_SUFFIX = /[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]\s*$/;

/**
 * Reads an editable 评分细则 sheet. The rubric is returned only when it has no errors; every
 * rubric-invalid finding points at the cell concerned.
 */
export function rubricFromGrid(sheet: SheetGrid, file: string): { rubric?: Rubric; findings: Finding[] } {
  const place = (cell: string | null) => ({ file, sheet: sheet.name, cell });
  const header = findHeader(sheet, ALIASES, ['level2', 'max']);
  if (!header) {
    return { findings: [rubricInvalid.at(place('A1'), { problem: '找不到含“二级指标”和“分值”的表头' })] };
  }
  const { cols } = header;
  const findings: Finding[] = [];
  const indicators: Indicator[] = [];
  const cells: string[] = [];
  /** 编号 as typed, per indicator. */
  const typed: string[] = [];
  const defaults = new Map(DEFAULT_RUBRIC.indicators.map((i) => [norm(i.level2), i.id]));
  let level1 = '';
  /** Points a 一级指标 cell declares (`网站内容（70分）`), checked against its indicators. */
  const declared: { level1: string; points: number; cell: string }[] = [];
  let total: number | null = null;
  let totalCell = a1(header.row, cols.max!);
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    const get = (c: number | undefined) => (c === undefined ? null : cellAt(sheet, r, c));
    const l1 = text(get(cols.level1));
    const l2 = text(get(cols.level2));
    const maxCell = get(cols.max);
    if (TOTAL_WORDS.some((w) => norm(l1).startsWith(w) || norm(l2).startsWith(w))) {
      total = numberOf(maxCell);
      totalCell = a1(r, cols.max!);
      continue;
    }
    if (l1) {
      level1 = l1.replace(POINTS_SUFFIX, '').trim();
      const points = POINTS_SUFFIX.exec(l1)?.[0].match(/\d+(?:\.\d+)?/)?.[0];
      if (points) declared.push({ level1, points: Number(points), cell: a1(r, cols.level1!) });
    }
    if (!l2) {
      if (!isBlank(maxCell)) findings.push(rubricInvalid.at(place(a1(r, cols.level2!)), { problem: '有分值但缺少二级指标名称' }));
      continue;
    }
    const max = numberOf(maxCell);
    if (max === null) {
      findings.push(rubricInvalid.at(place(a1(r, cols.max!)), { problem: `“${l2}”的分值“${text(maxCell)}”不是数字` }));
      continue;
    }
    typed.push(text(get(cols.id)));
    const ind: Indicator = {
      id: typed[typed.length - 1] || defaults.get(norm(l2)) || l2,
      level1: level1 || l2,
      level2: l2,
      max,
      standard: text(get(cols.standard)),
    };
    const guidance = text(get(cols.guidance));
    if (guidance) ind.guidance = guidance;
    indicators.push(ind);
    cells.push(a1(r, cols.max!));
  }
  if (indicators.length === 0) {
    findings.push(rubricInvalid.at(place('A1'), { problem: '没有任何指标' }));
    return { findings };
  }
  // A 编号 that is only the indicator's place (as rubricToSheet prints it) names no id of its own.
  places(indicators).forEach((at, k) => {
    const ind = indicators[k]!;
    if (typed[k] === at) ind.id = defaults.get(norm(ind.level2)) || ind.level2;
  });
  const sum = tidy(indicators.reduce((s, i) => s + i.max, 0));
  const title = text(cellAt(sheet, 0, 0));
  const rubric: Rubric = {
    name: header.row > 0 && title ? title : DEFAULT_RUBRIC.name,
    total: total ?? sum,
    indicators,
  };
  for (const d of declared) {
    const got = tidy(indicators.filter((i) => i.level1 === d.level1).reduce((s, i) => s + i.max, 0));
    if (got !== d.points) {
      findings.push(rubricInvalid.at(place(d.cell), { problem: `“${d.level1}”标明 ${fmt(d.points)} 分，其二级指标分值之和为 ${fmt(got)}` }));
    }
  }
  for (const p of problems(rubric)) {
    const cell = p.at === 'total' ? totalCell : p.at === null ? 'A1' : cells[p.at]!;
    findings.push(rubricInvalid.at(place(cell), { problem: p.problem }));
  }
  return findings.length ? { findings } : { rubric, findings };
}

/** The editable 评分细则 sheet; `rubricFromGrid` reads it back unchanged. */
export function rubricToSheet(r: Rubric): SheetModel {
  const level1Totals = new Map<string, number>();
  for (const i of r.indicators) level1Totals.set(i.level1, tidy((level1Totals.get(i.level1) ?? 0) + i.max));
  let prev = '';
  const codes = indicatorCodes(r);
  const rows = r.indicators.map((i) => {
    const l1 = i.level1 === prev ? '' : `${i.level1}（${fmt(level1Totals.get(i.level1)!)}分）`;
    prev = i.level1;
    return [codes.get(i.id)!, l1, i.level2, i.max, i.standard, i.guidance ?? ''];
  });
  rows.push(['', '总分', '', r.total, '', '']);
  return {
    name: RUBRIC_SHEET,
    title: r.name,
    columns: [
      { header: '编号', width: 8 },
      { header: '一级指标', width: 16 },
      { header: '二级指标', width: 12 },
      { header: '分值', width: 8, kind: 'number' },
      { header: '评分标准', width: 70, wrap: true },
      { header: '说明', width: 30, wrap: true },
    ],
    rows,
    freeze: { cols: 0 },
  };
}

/**
 * Finds an indicator by its rubric name (二级指标) or id, as inspectors write it: with points or a
 * list number (see indicatorName), by its place (1.1, 一(2), A3: the second number counts within
 * the 一级指标 the first one counts), or in more words around one name (信息更新情况).
 */
export function indicatorLookup(r: Rubric, opts: { standards?: boolean } = {}): (value: string) => Indicator | undefined {
  const map = new Map<string, Indicator>();
  for (const i of r.indicators) map.set(norm(i.id), i);
  for (const i of r.indicators) map.set(norm(i.level2), i);
  // The same numbering as printed (places): 1.2 read back is the indicator printed as 1.2.
  const at = places(r.indicators);
  const byPlace = new Map(r.indicators.map((i, k) => [at[k]!, i]));
  // By a standard's text only where a cell is known to name an indicator (never to find a header).
  const byStandard = opts.standards ? standardMatcher(r) : () => undefined;
  return (value) => {
    const key = norm(value);
    const names = indicatorNames(key);
    const hit = map.get(key) ?? names.map((n) => map.get(n)).find(Boolean);
    if (hit) return hit;
    const place = placeOf(key);
    if (place) return byPlace.get(`${place[0]}.${place[1]}`);
    const within = r.indicators.filter((i) => names[0]!.includes(norm(i.level2)));
    if (within.length === 1) return within[0];
    // Two names in it (新闻动态与组织管理) are two indicators, unless it opens with the one whose standard follows.
    const std = byStandard(key);
    return std && (within.length === 0 || key.startsWith(norm(std.level2))) ? std : undefined;
  };
}

/** Character pairs of a text, counted. */
function pairs(t: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let k = 0; k + 1 < t.length; k++) m.set(t.slice(k, k + 2), (m.get(t.slice(k, k + 2)) ?? 0) + 1);
  return m;
}
function dice(a: Map<string, number>, b: Map<string, number>): number {
  let common = 0;
  let na = 0;
  let nb = 0;
  for (const v of a.values()) na += v;
  for (const v of b.values()) nb += v;
  for (const [k, v] of a) common += Math.min(v, b.get(k) ?? 0);
  // Of the shorter text's pairs, the share found in the other: an abridged standard matches its full text.
  return Math.min(na, nb) ? common / Math.min(na, nb) : 0;
}
/** A standard's text pasted from another copy of the 细则: close to one standard, clearly closer than to any other. */
const STANDARD_MIN = 0.6;
const STANDARD_MARGIN = 0.2;
const STANDARD_MIN_LENGTH = 8;
function standardMatcher(r: Rubric): (key: string) => Indicator | undefined {
  let grams: { i: Indicator; g: Map<string, number> }[] | null = null;
  const strip = (t: string) => norm(t).replace(/[^\u4e00-\u9fa5\da-z]/g, '');
  return (key) => {
    const k = strip(key);
    if (k.length < STANDARD_MIN_LENGTH) return undefined;
    grams ??= r.indicators.filter((i) => i.standard).map((i) => ({ i, g: pairs(strip(i.standard)) }));
    const g = pairs(k);
    // With the indicator's name before its standard (栏目规划：新闻动态、…), the standard is the rest.
    const scored = grams.map((x) => ({ i: x.i, d: Math.max(dice(g, x.g), k.startsWith(strip(x.i.level2)) ? dice(pairs(k.slice(strip(x.i.level2).length)), x.g) : 0) })).sort((a, b) => b.d - a.d);
    const [best, next] = scored;
    return best && best.d >= STANDARD_MIN && best.d - (next?.d ?? 0) >= STANDARD_MARGIN ? best.i : undefined;
  };
}

const CN_DIGITS = '一二三四五六七八九';
const groupNumber = (s: string) => (/^\d+$/.test(s) ? Number(s) : /^[a-z]$/.test(s) ? s.charCodeAt(0) - 96 : CN_DIGITS.indexOf(s) + 1 || (s === '十' ? 10 : 0));

/** 1.1 / 1-1 / 一(1) / 一.1 / (一)1 / A1 → [group, item], both from 1; null for anything else. */
function placeOf(key: string): [number, number] | null {
  const m = /^\(?(\d+|[一二三四五六七八九十]|[a-z])\)?[.、-]?\(?(\d+)\)?$/.exec(key);
  if (!m || (/^\d+$/.test(m[1]!) && !/[.、-]/.test(key))) return null;
  const g = groupNumber(m[1]!);
  const k = Number(m[2]);
  return g > 0 && k > 0 ? [g, k] : null;
}

/**
 * An indicator as inspectors label it: with its points (栏目规划（3分）) or its 一级指标
 * (网站内容-栏目规划); then also without a list number (1.栏目规划, 1.1栏目规划, （一）栏目规划,
 * 一、栏目规划, A1栏目规划), tried second so a name that starts with a numeral (三会一课) stays whole.
 * `key` is normed.
 */
function indicatorNames(key: string): string[] {
  const last = (s: string) => s.split(/[-—–/|:>]+/).filter(Boolean).pop() ?? s;
  const tidyName = (s: string) => last(s.replace(/\([^()]*\)|【[^【】]*】|\[[^[\]]*\]/g, '').replace(/\d+(?:\.\d+)?分$/, ''));
  const numbered = key.replace(/^\(?(?:\d+(?:[.-]\d+)*|[一二三四五六七八九十]+|[a-z]\d+)\)?(?:\(?\d+\)?)?[.、)]?(?=[^\d.)])/, '');
  return [tidyName(key), tidyName(numbered)];
}
