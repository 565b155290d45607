/** The 考核排名 sheet: printable, ranked, itemised; score and ranks as live formulas. */
import { columnLetters } from '../grid';
import { blockRows, FILLS, type OutValue, type SheetModel, headerRow } from '../report/model';
import { ADJUSTMENT_GROUPS } from './adjustments';
import { type Assessment, UNSCORED } from './assessment';
import type { Params } from './params';
import { quotaSeats } from './ranking';
import { ROUND_NAMES } from './scores';
import { fmt, maskPhone, tidy } from './util';
import { cnDate } from '../report/dates';

export const RANKING_SHEET = '考核排名';

/** Bar colours by grade, highest band first (green, blue, amber, …); the fail grade is red. */
const BAND_COLORS = ['70AD47', '4472C4', 'FFC000', 'A5A5A5', '5B9BD5'];
export function gradeColors(params: Pick<Params, 'grades' | 'failGrade'>): Record<string, string> {
  const out: Record<string, string> = Object.fromEntries(params.grades.map((g, i) => [g.grade, BAND_COLORS[i % BAND_COLORS.length]!]));
  out[params.failGrade] = 'C00000';
  return out;
}

/** Sign-off lines at the foot of the ranking: who checked, reviewed and approved, and when. */
export const SIGN_OFF = ['初审', '复核', '审定'];
const NO_CATEGORY = '（未分类）';

/** The line the printable ranking carries until every unit is scored. */
export function unscoredLine(n: number): string {
  return `评分未完成：${n} 个单位未评分`;
}

/** A string literal inside a formula we build: quotes doubled. */
function lit(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

export function rankingSheet(a: Assessment, params: Params, title = '网络阵地年度考核排名'): SheetModel {
  const rankName = params.rankStyle === 'dense' ? '中国式排名' : 'RANK.EQ 排名';
  const base: Pick<SheetModel, 'title' | 'subtitle'> = {
    title,
    subtitle: [
      `检查日期：${cnDate(params.asOf)}  年度得分 = 两轮检查平均分 + 各项加减分（限 0～100 分）；${rankName}；得分保留全部精度，显示两位小数`,
      // Until every unit is scored the printed ranking says so: it is not final.
      ...(a.unscored.length ? [unscoredLine(a.unscored.length)] : []),
    ],
  };
  const first = headerRow(base) + 2;
  const last = first + a.results.length - 1;
  const groupCols = ADJUSTMENT_GROUPS.map((_, i) => 6 + i);
  const scoreCol = 6 + ADJUSTMENT_GROUPS.length;
  const gradeCol = scoreCol + 1;
  const catRankCol = scoreCol + 2;
  // Hidden helper columns after 加减分明细: veto flag, and "first row with this score" flags
  // (overall and within the category), so a dense rank is one SUMIFS per cell, not O(n²).
  const vetoCol = catRankCol + 2;
  const firstCol = vetoCol + 1;
  const catFirstCol = vetoCol + 2;
  const L = (c: number) => columnLetters(c);
  const col = (c: number) => `$${L(c)}$${first}:$${L(c)}$${last}`;
  const S = col(scoreCol);
  const C = `$C$${first}:$C$${last}`;
  const G = col(gradeCol);
  const V = col(vetoCol);
  const F = col(firstCol);
  const FC = col(catFirstCol);
  const top = params.grades[0];
  const seats = top && params.excellentQuota !== null ? quotaSeats(params.excellentQuota, a.results.length) : null;
  /** 等级 as a formula: veto → fail grade; bands highest first; the quota demotes a whole tie group. */
  const gradeFormula = (x: string, v: string): string => {
    let f = lit(params.failGrade);
    for (let i = params.grades.length - 1; i >= 0; i--) {
      const g = params.grades[i]!;
      let grade = lit(g.grade);
      if (i === 0 && seats !== null) {
        const next = lit(params.grades[1]?.grade ?? params.failGrade);
        grade = `IF(COUNTIFS(${S},">="&${x},${V},0,${S},">="&${g.min})<=${seats},${grade},${next})`;
      }
      f = `IF(${x}>=${g.min},${grade},${f})`;
    }
    return `IF(${v}=1,${lit(params.failGrade)},${f})`;
  };

  const seen = new Set<string>();
  const rows: OutValue[][] = a.results.map((u, i) => {
    const r = first + i;
    const x = `${columnLetters(scoreCol)}${r}`;
    const sums = ADJUSTMENT_GROUPS.map((g) => {
      const items = u.adjustments.filter((it) => it.group === g.id);
      return items.length ? tidy(items.reduce((s, it) => s + it.points, 0)) : null;
    });
    const rank = params.rankStyle === 'dense' ? `SUMIFS(${F},${S},">"&${x})+1` : `RANK(${x},${S},0)`;
    const catRank = params.rankStyle === 'dense' ? `SUMIFS(${FC},${C},C${r},${S},">"&${x})+1` : `COUNTIFS(${C},C${r},${S},">"&${x})+1`;
    const sc = L(scoreCol);
    const isFirst = `IF(COUNTIF($${sc}$${first}:${sc}${r},${x})=1,1,0)`;
    const isCatFirst = `IF(COUNTIFS($C$${first}:C${r},C${r},$${sc}$${first}:${sc}${r},${x})=1,1,0)`;
    const firstResult = i === 0 || a.results[i - 1]!.score !== u.score ? 1 : 0;
    const catKey = `${u.category ?? NO_CATEGORY}\u0000${u.score}`;
    const catFirstResult = seen.has(catKey) ? 0 : 1;
    seen.add(catKey);
    const detail = u.adjustments
      .filter((it) => it.points !== 0 || it.group === 'veto')
      .map((it) => `${it.indicator} ${it.points > 0 ? '+' : ''}${fmt(it.points)}：${maskPhone(it.reason)}`)
      .join('\n');
    return [
      { formula: rank, result: u.rank },
      u.unit,
      u.category ?? NO_CATEGORY,
      u.roundTotals[1] ?? null,
      u.roundTotals[2] ?? null,
      u.base,
      ...sums,
      { formula: `ROUND(N(F${r})+SUM(${columnLetters(groupCols[0]!)}${r}:${columnLetters(groupCols.at(-1)!)}${r}),9)`, result: u.score },
      { formula: gradeFormula(x, `${L(vetoCol)}${r}`), result: u.grade },
      { formula: catRank, result: u.categoryRank },
      detail,
      u.veto ? 1 : 0,
      { formula: isFirst, result: firstResult },
      { formula: isCatFirst, result: catFirstResult },
    ];
  });

  // Unscored units: listed after the ranked ones, outside every formula range (no rank, no grade).
  for (const u of a.unscored) {
    const detail = u.adjustments
      .filter((it) => it.points !== 0 || it.group === 'veto')
      .map((it) => `${it.indicator} ${it.points > 0 ? '+' : ''}${fmt(it.points)}：${maskPhone(it.reason)}`)
      .join('\n');
    // A veto is 不合格 whatever the score, none included (DOMAIN §3); still unranked.
    rows.push([null, u.unit, u.category ?? NO_CATEGORY, null, null, null, ...ADJUSTMENT_GROUPS.map(() => null), null, u.veto ? params.failGrade : UNSCORED, null, detail, u.veto ? 1 : 0, 0, 0]);
  }

  const n = a.results.length;
  const signOff: OutValue[][] = SIGN_OFF.map((step) => [step, '签名：', '', '', '日期：', '']);
  const gradeNames = [...params.grades.map((g) => g.grade), params.failGrade];
  const distribution: OutValue[][] = [
    ['等级', '单位数', '占比'],
    ...gradeNames.map((g) => {
      const count = a.results.filter((u) => u.grade === g).length;
      const share = n ? `${fmt((count / n) * 100)}%` : '0%';
      if (!n) return [g, 0, share];
      return [g, { formula: `COUNTIF(${G},${lit(g)})`, result: count }, { formula: `TEXT(COUNTIF(${G},${lit(g)})/${n},"0.##%")`, result: share }];
    }),
    ['合计', n, '100%'],
    ...(a.unscored.length ? [[`${UNSCORED}（不计入排名）`, a.unscored.length, '']] : []),
  ];

  const sheet: SheetModel = {
    name: RANKING_SHEET,
    ...base,
    columns: [
      { header: '排名', width: 6, kind: 'integer' },
      { header: '单位', width: 20 },
      { header: '类别', width: 10 },
      { header: `${ROUND_NAMES[1]}得分`, width: 9, kind: 'decimal2' },
      { header: `${ROUND_NAMES[2]}得分`, width: 9, kind: 'decimal2' },
      { header: '基础分', width: 9, kind: 'decimal2' },
      ...ADJUSTMENT_GROUPS.map((g) => ({ header: g.name, width: 9, kind: 'decimal2' as const })),
      { header: '年度得分', width: 9, kind: 'decimal2' },
      { header: '等级', width: 7 },
      { header: '类别排名', width: 8, kind: 'integer' },
      { header: '加减分明细', width: 60, wrap: true },
      { header: '一票否决', width: 6, kind: 'integer', hidden: true },
      { header: '得分首现', width: 6, kind: 'integer', hidden: true },
      { header: '类别得分首现', width: 6, kind: 'integer', hidden: true },
    ],
    rows,
    freeze: { cols: 2 },
    conditionalFormats: [
      { col: gradeCol, type: 'text-equals', text: params.grades[0]?.grade ?? '优秀', fill: FILLS.good },
      { col: gradeCol, type: 'text-equals', text: params.failGrade, fill: FILLS.error },
    ],
    print: { landscape: true, fitToWidth: true },
    blocks: [
      { title: '等级分布', rows: distribution, header: true },
      { title: '审核签字', rows: signOff },
    ],
  };
  if (n) {
    // Below the blocks, so it prints at the table's width.
    const rowsBelow = blockRows(sheet);
    const anchor = { row: rowsBelow.at(-1)! + signOff.length + 2, col: 1 };
    sheet.chart = { type: 'bar', title: '年度得分', categoryCol: 1, valueCol: scoreCol, anchor, colorBy: { col: gradeCol, fills: gradeColors(params) } };
    sheet.charts = [{ type: 'column', title: '等级分布', block: 0, categoryCol: 0, valueCol: 1, anchor: { row: anchor.row, col: 9 }, count: gradeNames.length, size: { width: 320, height: 220 }, colorBy: { col: 0, fills: gradeColors(params) } }];
  }
  return sheet;
}
