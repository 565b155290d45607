/** Assessment parameters (参数) with defaults; stored in a two-column 参数 sheet. */
import { z } from 'zod';
import type { Finding } from '../findings';
import { FORM_IDS, type FormId } from '../forms/ids';
import { type Cell, type SheetGrid, a1, cellAt, isBlank } from '../grid';
import type { SheetModel } from '../report/model';
import { paramsInvalid, paramsUnknown } from './rules';
import { todayIso } from '../normalize/date';
import { dateOf, fmt, isIsoDate, norm, numberOf, text } from './util';

const isoDate = z.string().refine(isIsoDate, '应为 YYYY-MM-DD 日期');
const days = z.number().int().min(0);
/** A deduction: `each` per item (≤ 0), at most `cap` in total (≤ 0). */
const Deduction = z.object({ each: z.number().max(0), cap: z.number().max(0) });

/**
 * Every parameter of a run, declared once: the CLI's defaults and help, the pane's settings, the
 * 参数 sheet and the checker's thresholds all come from here (DOMAIN §2.4).
 */
export const ParamsObject = z.object({
    asOf: isoDate.default(() => todayIso(new Date())),
    deadline: isoDate.nullable().default(null),
    rectifyDays: days.default(15),
    staleWarnDays: days.default(7),
    staleErrorDays: days.default(14),
    bigvThreshold: z.number().min(0).default(2000),
    /** 网站域名: school sites must be second-level domains of it (seed 002); '' = not checked. */
    websiteDomain: z.string().regex(/^$|^[a-z0-9-]+(\.[a-z0-9-]+)+$/, '应为域名，如 hbjy.net').default(''),
    requiredForms: z.array(z.enum(FORM_IDS)).default(() => [...FORM_IDS]),
    /** Bands, highest first; a score ≥ min gets the grade (boundaries inclusive). */
    grades: z
      .array(z.object({ grade: z.string().min(1), min: z.number() }))
      .default(() => [
        { grade: '优秀', min: 90 },
        { grade: '良好', min: 80 },
        { grade: '合格', min: 60 },
      ]),
    failGrade: z.string().min(1).default('不合格'),
    /** At most this fraction of units may be 优秀 (the first band); null = no quota. */
    excellentQuota: z.number().gt(0).max(1).nullable().default(null),
    /** A vetoed unit's score is capped here; null = grade only. */
    vetoCap: z.number().min(0).max(100).nullable().default(59),
    rankStyle: z.enum(['dense', 'rank.eq']).default('dense'),
    disagreementRatio: z.number().min(0).max(1).default(0.2),
    formMissing: Deduction.default({ each: -2, cap: -10 }),
    openErrors: Deduction.default({ each: -1, cap: -5 }),
    staleSite: Deduction.default({ each: -2, cap: -6 }),
    groupIssue: Deduction.default({ each: -1, cap: -4 }),
    bonus: z.object({ cap: z.number().min(0) }).default({ cap: 5 }),
    /** Weights of 上半年 and 下半年 in the annual mean (over the rounds present). */
    roundWeights: z.tuple([z.number().min(0), z.number().min(0)]).default([1, 1]),
  });

export const ParamsSchema = ParamsObject
  .refine((p) => p.staleWarnDays <= p.staleErrorDays, { message: '更新预警天数不能大于更新超期天数' })
  .refine((p) => p.grades.every((g, i) => i === 0 || g.min < p.grades[i - 1]!.min), {
    message: '等级分数线应从高到低',
  })
  .refine((p) => p.roundWeights[0] + p.roundWeights[1] > 0, { message: '轮次权重不能都为 0' });

export type Params = z.infer<typeof ParamsSchema>;
export type ParamsInput = z.input<typeof ParamsSchema>;

/** Defaults, with overrides (throws on invalid overrides). */
export function makeParams(overrides: ParamsInput = {}): Params {
  return ParamsSchema.parse(overrides);
}

export const PARAMS_SHEET = '参数';

/** Defaults with a fixed date, for filling in parts of a composite value. */
const FIXED_DEFAULTS = makeParams({ asOf: '2000-01-01' });

/** The defaults (asOf excepted: it is today), for help texts and settings. */
export const PARAM_DEFAULTS: Readonly<Omit<Params, 'asOf'>> = (({ asOf: _asOf, ...rest }) => rest)(FIXED_DEFAULTS);

const FORM_NAMES: Record<FormId, string> = {
  website: '网站平台',
  newmedia: '新媒体平台',
  zombie: '僵尸群清理',
  group: '网络工作群组',
  bigv: '网络大V',
};

type Draft = Record<string, unknown> & { grades: { grade: string; min: number }[] };

/** One row of the sheet: label, how to show a value, how to read it back into a draft. */
interface Field {
  label: string;
  aliases?: string[];
  show: (p: Params) => string | number;
  read: (cell: Cell, d: Draft) => boolean;
}

/**
 * A number as offices write it: with a unit (15天, 7 日, 2000人, 2分/项), a word around it
 * (每项扣2分, 最多10分, 不超过5分), in Chinese (十五天, 两周 → 14 days), 万 (1.2万) or 2,000.
 * Working days (10个工作日) are no calendar days: refused, not guessed.
 */
const num = (cell: Cell) => numberOf(cell) ?? (cell.t === 's' ? looseNumber(cell.v) : null);

const CN_NUM: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** 一…九十九 (五, 十五, 二十, 二十五); null for anything else. */
function chineseNumber(t: string): number | null {
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(t);
  if (!m || !t) return null;
  if (!m[2]) return m[3] ? null : CN_NUM[m[1]!]!;
  return (m[1] ? CN_NUM[m[1]]! : 1) * 10 + (m[3] ? CN_NUM[m[3]]! : 0);
}

export function looseNumber(written: string): number | null {
  const t = norm(written)
    .replace(/^(?:每[项个次条处]?|扣(?:除)?|最多|最高|不超过|上限|封顶|约)+/, '')
    .replace(/(?:\/[项个次条处])$/, '')
    .replace(/(\d),(?=\d{3})/g, '$1')
    .replace(/(?<!工作)(?:天|日|个|人|名|项|次|条|处|分)$/, '');
  const weeks = /^(.+?)(?:个)?(?:周|星期)$/.exec(t);
  if (weeks) {
    const n = looseNumber(weeks[1]!);
    return n === null ? null : n * 7;
  }
  const wan = /^(\d+(?:\.\d+)?)万$/.exec(t);
  if (wan) return Number(wan[1]) * 10000;
  return numberOf({ t: 's', v: t }) ?? chineseNumber(t);
}
/** A header row over the label and value columns (序号 | 参数 | 值 | 说明). */
const LABEL_HEADERS = ['参数', '参数名', '参数名称', '项目', '名称', '设置项'];
const VALUE_HEADERS = ['值', '参数值', '取值', '设置', '数值', '设定值'];
function paramColumns(sheet: SheetGrid): { top: number; label: number; value: number } {
  for (let r = 0; r < Math.min(5, sheet.rows.length); r++) {
    const keys = (sheet.rows[r] ?? []).map((c) => norm(text(c)));
    const label = keys.findIndex((k) => LABEL_HEADERS.includes(k));
    const value = keys.findIndex((k) => VALUE_HEADERS.includes(k));
    if (label >= 0 && value > label) return { top: r + 1, label, value };
  }
  return { top: 0, label: 0, value: 1 };
}
interface Pair {
  label: string;
  labelAt: string;
  cell: Cell | null | undefined;
  valueAt: string;
}

/**
 * The label/value pairs of a 参数 sheet: down two columns (a 参数 | 值 header optional), with more
 * label | value pairs across the row, labels in a row over their values in the next, or
 * `整改期限：10天` in one cell.
 */
function paramPairs(sheet: SheetGrid): Pair[] {
  const cols = paramColumns(sheet);
  const known = (r: number, c: number) => findField(text(cellAt(sheet, r, c))) !== undefined;
  // Labels over their values: a row of two or more labels side by side.
  for (let r = cols.top; r < Math.min(cols.top + 5, sheet.rows.length); r++) {
    const width = sheet.rows[r]?.length ?? 0;
    const side = Array.from({ length: width }, (_, c) => c).some((c) => known(r, c) && known(r, c + 1));
    if (side) {
      return Array.from({ length: width }, (_, c) => c).filter((c) => text(cellAt(sheet, r, c))).map((c) => ({ label: text(cellAt(sheet, r, c)), labelAt: a1(r, c), cell: cellAt(sheet, r + 1, c), valueAt: a1(r + 1, c) }));
    }
  }
  const pairs: Pair[] = [];
  for (let r = cols.top; r < sheet.rows.length; r++) {
    const label = text(cellAt(sheet, r, cols.label));
    const value = cellAt(sheet, r, cols.value);
    // 整改期限：10天 in one cell, nothing beside it.
    const inOne = /^([^:：]+)[:：]\s*(\S.*)$/.exec(label);
    if (inOne && isBlank(value) && findField(inOne[1]!)) pairs.push({ label: inOne[1]!, labelAt: a1(r, cols.label), cell: { t: 's', v: inOne[2]! }, valueAt: a1(r, cols.label) });
    else pairs.push({ label, labelAt: a1(r, cols.label), cell: value, valueAt: a1(r, cols.value) });
    // More pairs across the row: a known label right of the value, its value beside it.
    for (let c = cols.value + 1; c < (sheet.rows[r]?.length ?? 0); c++) {
      if (known(r, c)) {
        pairs.push({ label: text(cellAt(sheet, r, c)), labelAt: a1(r, c), cell: cellAt(sheet, r, c + 1), valueAt: a1(r, c + 1) });
        c++;
      }
    }
  }
  return pairs;
}

function setNum(key: string, pred: (n: number) => boolean = (n) => n >= 0) {
  return (cell: Cell, d: Draft) => {
    const n = num(cell);
    if (n === null || !pred(n)) return false;
    d[key] = n;
    return true;
  };
}
const isInt = (n: number) => Number.isInteger(n) && n >= 0;
function setDeduction(key: string, part: 'each' | 'cap') {
  return (cell: Cell, d: Draft) => {
    const n = num(cell);
    if (n === null) return false;
    const prev = (d[key] as { each: number; cap: number } | undefined) ?? FIXED_DEFAULTS[key as 'formMissing'];
    d[key] = { ...prev, [part]: -Math.abs(n) };
    return true;
  };
}
function setBand(i: number) {
  return (cell: Cell, d: Draft) => {
    const n = num(cell);
    if (n === null || n < 0 || n > 100) return false;
    d.grades[i] = { ...d.grades[i]!, min: n };
    return true;
  };
}
function setWeight(i: 0 | 1) {
  return (cell: Cell, d: Draft) => {
    const n = num(cell);
    if (n === null || n < 0) return false;
    const w = (d.roundWeights as [number, number] | undefined) ?? [1, 1];
    d.roundWeights = i === 0 ? [n, w[1]] : [w[0], n];
    return true;
  };
}
const NONE = ['', '无', '不限', '不设', '关闭', '否'];

const FIELDS: Field[] = [
  { label: '检查日期', aliases: ['检查时间', '考核日期'], show: (p) => p.asOf, read: (c, d) => setDate('asOf', c, d, false) },
  { label: '报送截止日期', aliases: ['截止日期', '报送截止时间'], show: (p) => p.deadline ?? '', read: (c, d) => setDate('deadline', c, d, true) },
  { label: '整改期限（天）', aliases: ['整改期限', '整改天数'], show: (p) => p.rectifyDays, read: setNum('rectifyDays', isInt) },
  { label: '更新预警天数', show: (p) => p.staleWarnDays, read: setNum('staleWarnDays', isInt) },
  { label: '更新超期天数', show: (p) => p.staleErrorDays, read: setNum('staleErrorDays', isInt) },
  { label: '网络大V粉丝数', aliases: ['大V粉丝阈值', '大V粉丝数'], show: (p) => p.bigvThreshold, read: setNum('bigvThreshold') },
  { label: '网站域名', aliases: ['统一域名', '网站统一域名'], show: (p) => p.websiteDomain || '不限', read: readDomain },
  { label: '必报表单', show: (p) => p.requiredForms.map((f) => FORM_NAMES[f]).join('、'), read: readForms },
  { label: '优秀分数线', show: (p) => p.grades[0]?.min ?? 90, read: setBand(0) },
  { label: '良好分数线', show: (p) => p.grades[1]?.min ?? 80, read: setBand(1) },
  { label: '合格分数线', show: (p) => p.grades[2]?.min ?? 60, read: setBand(2) },
  { label: '优秀比例', aliases: ['优秀名额比例'], show: (p) => (p.excellentQuota === null ? '不限' : `${fmt(p.excellentQuota * 100)}%`), read: readQuota },
  { label: '否决封顶分', aliases: ['一票否决封顶分'], show: (p) => p.vetoCap ?? '不限', read: readVetoCap },
  { label: '排名方式', show: (p) => (p.rankStyle === 'dense' ? '中国式' : 'RANK.EQ'), read: readRankStyle },
  { label: '评分分歧比例', show: (p) => `${fmt(p.disagreementRatio * 100)}%`, read: readRatio },
  { label: '缺报迟报扣分（每项）', show: (p) => Math.abs(p.formMissing.each), read: setDeduction('formMissing', 'each') },
  { label: '缺报迟报扣分上限', show: (p) => Math.abs(p.formMissing.cap), read: setDeduction('formMissing', 'cap') },
  { label: '逾期未整改扣分（每项）', show: (p) => Math.abs(p.openErrors.each), read: setDeduction('openErrors', 'each') },
  { label: '逾期未整改扣分上限', show: (p) => Math.abs(p.openErrors.cap), read: setDeduction('openErrors', 'cap') },
  { label: '网站超期未更新扣分（每个）', show: (p) => Math.abs(p.staleSite.each), read: setDeduction('staleSite', 'each') },
  { label: '网站超期未更新扣分上限', show: (p) => Math.abs(p.staleSite.cap), read: setDeduction('staleSite', 'cap') },
  { label: '工作群问题扣分（每个）', show: (p) => Math.abs(p.groupIssue.each), read: setDeduction('groupIssue', 'each') },
  { label: '工作群问题扣分上限', show: (p) => Math.abs(p.groupIssue.cap), read: setDeduction('groupIssue', 'cap') },
  { label: '加分上限', show: (p) => p.bonus.cap, read: (c, d) => { const n = num(c); if (n === null || n < 0) return false; d.bonus = { cap: n }; return true; } },
  { label: '上半年权重', show: (p) => p.roundWeights[0], read: setWeight(0) },
  { label: '下半年权重', show: (p) => p.roundWeights[1], read: setWeight(1) },
];

function setDate(key: string, cell: Cell, d: Draft, nullable: boolean): boolean {
  if (nullable && NONE.includes(norm(text(cell)))) {
    d[key] = null;
    return true;
  }
  const iso = dateOf(cell);
  if (!iso) return false;
  d[key] = iso;
  return true;
}

/** `hbjy.net`, also typed as `*.hbjy.net`, `.hbjy.net` or a URL; '' for 无/不限/blank; null when no domain. */
export function domainOf(typed: string): string | null {
  const t = typed.trim().toLowerCase();
  if (NONE.includes(norm(t))) return '';
  const host = t.replace(/^[a-z]+:\/\//, '').split(/[/?#:]/)[0]!.replace(/^\*?\./, '').replace(/\.+$/, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host : null;
}

function readDomain(cell: Cell, d: Draft): boolean {
  const host = domainOf(text(cell));
  if (host === null) return false;
  d.websiteDomain = host;
  return true;
}

function readForms(cell: Cell, d: Draft): boolean {
  const parts = text(cell).split(/[、,，;；\s]+/).filter(Boolean);
  const ids: FormId[] = [];
  for (const part of parts) {
    const n = norm(part);
    const id = FORM_IDS.find((f) => f === n || n.includes(norm(FORM_NAMES[f])) || norm(FORM_NAMES[f]).includes(n));
    if (!id) return false;
    if (!ids.includes(id)) ids.push(id);
  }
  d.requiredForms = ids;
  return true;
}

function readQuota(cell: Cell, d: Draft): boolean {
  if (NONE.includes(norm(text(cell)))) {
    d.excellentQuota = null;
    return true;
  }
  let n = num(cell);
  if (n !== null && n > 1 && n <= 100) n = n / 100; // 20 means 20%
  if (n === null || n <= 0 || n > 1) return false;
  d.excellentQuota = n;
  return true;
}

function readRatio(cell: Cell, d: Draft): boolean {
  let n = num(cell);
  if (n !== null && n > 1 && n <= 100) n = n / 100;
  if (n === null || n < 0 || n > 1) return false;
  d.disagreementRatio = n;
  return true;
}

function readVetoCap(cell: Cell, d: Draft): boolean {
  if (NONE.includes(norm(text(cell)))) {
    d.vetoCap = null;
    return true;
  }
  return setNum('vetoCap', (n) => n >= 0 && n <= 100)(cell, d);
}

function readRankStyle(cell: Cell, d: Draft): boolean {
  const t = norm(text(cell));
  if (['中国式', '中国式排名', 'dense', '密集'].includes(t)) d.rankStyle = 'dense';
  else if (['rank.eq', 'rank', 'rankeq', '美式', '跳跃'].includes(t)) d.rankStyle = 'rank.eq';
  else return false;
  return true;
}

function findField(label: string): Field | undefined {
  const n = norm(label).replace(/[(（].*?[)）]/g, '').replace(/[:：]+$/, '');
  return FIELDS.find((f) => [f.label, ...(f.aliases ?? [])].some((a) => norm(a).replace(/[(（].*?[)）]/g, '') === n));
}

/**
 * Reads a 参数 sheet (label in column A, value in B; an optional 参数/值 header row). Bad values
 * keep their default and are reported; blank values mean "default" (or "none" where that is allowed).
 */
export function paramsFromGrid(sheet: SheetGrid, file: string | null = null): { params: Params; given: Partial<Params>; findings: Finding[] } {
  const findings: Finding[] = [];
  const defaults = makeParams();
  const draft: Draft = { grades: defaults.grades.map((g) => ({ ...g })) };
  const seen = new Set<Field>();
  for (const { label, labelAt, cell, valueAt } of paramPairs(sheet)) {
    if (!label || norm(label) === '参数' || norm(label) === '参数名') continue;
    const field = findField(label);
    const place = { file, sheet: sheet.name, cell: valueAt };
    if (!field) {
      findings.push(paramsUnknown.at({ ...place, cell: labelAt }, { label }));
      continue;
    }
    seen.add(field);
    if (isBlank(cell) && !['报送截止日期', '优秀比例', '否决封顶分'].includes(field.label)) continue;
    if (!field.read(cell ?? { t: 's', v: '' }, draft)) {
      findings.push(paramsInvalid.at(place, { label, value: text(cell), fallback: `默认值 ${field.show(defaults)}` }));
    }
  }
  const parsed = ParamsSchema.safeParse(draft);
  // What the sheet itself states (the rest are defaults), so a caller can layer it under its own values.
  const given = Object.fromEntries(Object.entries(draft).filter(([k, v]) => k !== 'grades' || JSON.stringify(v) !== JSON.stringify(defaults.grades))) as Partial<Params>;
  if (parsed.success) return { params: parsed.data, given, findings };
  const problem = parsed.error.issues.map((i) => i.message).join('；');
  findings.push(paramsInvalid.at({ file, sheet: sheet.name, cell: 'A1' }, { label: '参数', value: problem, fallback: '全部默认值' }));
  return { params: defaults, given: {}, findings };
}

/** The editable 参数 sheet; `paramsFromGrid` reads it back unchanged. */
export function paramsToSheet(p: Params): SheetModel {
  return {
    name: PARAMS_SHEET,
    columns: [
      { header: '参数', width: 28 },
      { header: '值', width: 40, editable: true },
    ],
    rows: FIELDS.map((f) => [f.label, f.show(p)]),
  };
}
