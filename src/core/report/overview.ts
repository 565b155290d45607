/**
 * The 总览 sheet: one A4 page for leadership. 报送率, findings by type and severity, grade
 * distribution, rectification progress, top and bottom units, the inspection date and parameters.
 * Pure data; the charts read the blocks they sit next to.
 */
import type { Finding, Severity } from '../findings';
import type { CheckResult } from '../model';
import { RULE_TITLES } from '../rules/titles';
import type { Assessment } from '../scoring/assessment';
import type { Params } from '../scoring/params';
import { SCORING_RULES } from '../scoring/rules';
import { RECT_STATUSES, type RectItem } from '../scoring/rectification';
import { gradeColors } from '../scoring/ranking-sheet';
import { cnDate } from './dates';
import { blockRows, type ColumnKind, type OutValue, type SheetModel } from './model';

export const OVERVIEW_SHEET = '总览';
const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
/** Finding types listed by name; the rest are summed into one line. */
const TOP_TYPES = 8;
const TOP_UNITS = 5;
/** 前/后 5 名: scores with two decimals, as in 考核排名. */
const UNIT_KINDS: (ColumnKind | undefined)[] = ['integer', undefined, 'decimal2', undefined];

export interface OverviewInput {
  check: CheckResult;
  params: Params;
  assessment: Assessment;
  rectification: RectItem[];
  /** Every finding of the run (check and scoring). */
  findings: Finding[];
  /** Titles of rules that are not in the checker's catalogue (e.g. scoring rules). */
  ruleTitles?: Readonly<Record<string, string>>;
}

function breakdown(c: Record<Severity, number>): string {
  return `错误 ${c.error}，警告 ${c.warning}，提示 ${c.info}`;
}

function pct(part: number, whole: number): string {
  return whole ? `${(Math.round((part / whole) * 1000) / 10).toFixed(1)}%` : '—';
}

export function overviewSheet(input: OverviewInput): SheetModel {
  const { check, params, assessment } = input;
  const titles: Record<string, string> = { ...Object.fromEntries(SCORING_RULES.map((r) => [r.id, r.title])), ...(input.ruleTitles ?? {}), ...RULE_TITLES };
  const roster = check.roster?.units.map((u) => u.name);
  const expected = roster ?? check.units.map((u) => u.unit);
  const submittedSet = new Set(check.units.filter((u) => u.files.length > 0).map((u) => u.unit));
  const submitted = expected.filter((u) => submittedSet.has(u)).length;

  // Findings by type (rule title) and severity, most frequent first.
  const byType = new Map<string, Record<Severity, number>>();
  for (const f of input.findings) {
    const t = titles[f.rule] ?? f.rule;
    let c = byType.get(t);
    if (!c) byType.set(t, (c = { error: 0, warning: 0, info: 0 }));
    c[f.severity]++;
  }
  const total = (c: Record<Severity, number>) => c.error + c.warning + c.info;
  const types = [...byType].sort((a, b) => total(b[1]) - total(a[1]) || (a[0] < b[0] ? -1 : 1));
  const shown = types.slice(0, TOP_TYPES);
  const rest = types.slice(TOP_TYPES);
  if (rest.length) {
    const sum = { error: 0, warning: 0, info: 0 };
    for (const [, c] of rest) for (const s of SEVERITIES) sum[s] += c[s];
    shown.push([`其他 ${rest.length} 类`, sum]);
  }
  const sev = { error: 0, warning: 0, info: 0 };
  for (const [, c] of types) for (const s of SEVERITIES) sev[s] += c[s];

  const results = assessment.results;
  const gradeNames = [...params.grades.map((g) => g.grade), params.failGrade];
  const gradeRows: OutValue[][] = gradeNames.map((g) => {
    const n = results.filter((r) => r.grade === g).length;
    return [g, n, pct(n, results.length)];
  });
  const statusRows: OutValue[][] = RECT_STATUSES.map((s) => {
    const n = input.rectification.filter((i) => i.status === s).length;
    return [s, n, pct(n, input.rectification.length)];
  });
  const unitRow = (r: (typeof results)[number]): OutValue[] => [r.rank, r.unit, r.score, r.grade];
  const topUnits = results.slice(0, TOP_UNITS).map(unitRow);
  const bottomUnits = results.length > TOP_UNITS ? results.slice(-Math.min(TOP_UNITS, results.length - TOP_UNITS)).reverse().map(unitRow) : [];

  const bands = params.grades.map((g) => `${g.grade} ≥ ${g.min}`).join('，');
  const rows: OutValue[][] = [
    ['检查日期', { date: params.asOf }, ''],
    ['报送截止', check.deadline ? { date: check.deadline } : '未设置', ''],
    ['应报单位', expected.length, roster ? '按单位名单' : '按收到的文件'],
    ['已报送单位', submitted, ''],
    ['报送率', pct(submitted, expected.length), `${submitted} / ${expected.length}`],
    ['问题总数', total(sev), breakdown(sev)],
    ['整改事项', input.rectification.length, statusRows.map((r) => `${r[0]} ${r[1]}`).join('，')],
    ['参评单位', results.length, ''],
    ['等级划分', bands, `其余为${params.failGrade}`],
    ['优秀比例', params.excellentQuota === null ? '不限' : pct(params.excellentQuota, 1), ''],
    ['排名方式', params.rankStyle === 'dense' ? '中国式排名' : 'RANK.EQ 排名', `两轮权重 ${params.roundWeights.join(' : ')}`],
  ];

  const blocks: NonNullable<SheetModel['blocks']> = [
    { title: '问题类型分布', header: true, rows: [['问题类型', '条数', '其中'], ...shown.map(([t, c]) => [t, total(c), breakdown(c)])] },
    { title: '等级分布', header: true, rows: [['等级', '单位数', '占比'], ...gradeRows] },
    { title: '整改进度', header: true, rows: [['整改状态', '事项数', '占比'], ...statusRows] },
    // Until a unit is scored the page says so, instead of an empty 前 0 名 table.
    topUnits.length
      ? { title: `前 ${topUnits.length} 名`, header: true, rows: [['排名', '单位', '年度得分', '等级'], ...topUnits], kinds: UNIT_KINDS }
      : { title: `前 ${TOP_UNITS} 名`, header: true, rows: [['排名', '单位', '年度得分', '等级'], [null, '尚无已评分的单位', null, null]] },
  ];
  if (bottomUnits.length) blocks.push({ title: `后 ${bottomUnits.length} 名`, header: true, rows: [['排名', '单位', '年度得分', '等级'], ...bottomUnits], kinds: UNIT_KINDS });

  const sheet: SheetModel = {
    name: OVERVIEW_SHEET,
    title: '网络阵地检查总览',
    subtitle: [`检查日期：${cnDate(params.asOf)}  应报 ${expected.length} 个单位，已报送 ${submitted} 个（${pct(submitted, expected.length)}）；问题 ${total(sev)} 条；参评 ${results.length} 个单位。`],
    columns: [
      { header: '项目', width: 24 },
      { header: '数值', width: 18, wrap: true },
      { header: '说明', width: 30, wrap: true },
    ],
    rows,
    blocks,
    print: { onePage: true },
  };
  // Charts to the right of their blocks: past the widest block, never over a block's cells.
  const at = blockRows(sheet);
  const chartCol = Math.max(sheet.columns.length, ...blocks.flatMap((b) => b.rows.map((r) => r.length)));
  const typesHeight = Math.max(160, 40 + shown.length * 20);
  // Rows are at least 14.25 pt: the second chart starts below the first.
  const gradeRow = Math.max(at[1]!, at[0]! + Math.ceil(typesHeight / 14.25) + 1);
  sheet.charts = [
    { type: 'bar', title: '问题类型分布', block: 0, categoryCol: 0, valueCol: 1, anchor: { row: at[0]!, col: chartCol }, size: { width: 300, height: typesHeight } },
    { type: 'column', title: '等级分布', block: 1, categoryCol: 0, valueCol: 1, anchor: { row: gradeRow, col: chartCol }, size: { width: 300, height: 200 }, colorBy: { col: 0, fills: gradeColors(params) } },
  ];
  return sheet;
}
