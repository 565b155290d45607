/** The 评分表: one row per unit × indicator, inspectors' score/note columns per round, live totals. */
import { columnLetters } from '../grid';
import { type ColumnSpec, type OutValue, type SheetModel, type Validation, headerRow } from '../report/model';
import type { UnitInput } from './assessment';
import { indicatorCodes, type Rubric } from './rubric';
import { ROUNDS, ROUND_NAMES, type Round } from './rounds';
import type { ScoreEntry } from './scores';
import { tidy, zhCompare } from './util';

export const SCORE_SHEET = '评分表';
export const SCORE_PRINT_SHEET = '评分表_打印';
export const SEP = '·';
/** The column of scores given without an inspector's name; read back as that unnamed inspector. */
export const UNNAMED_INSPECTOR = '检查人';

export function scoreColumnHeader(round: Round, inspector: string, what: '得分' | '扣分说明'): string {
  return [ROUND_NAMES[round], inspector, what].join(SEP);
}

/** The hidden column holding what a run wrote into a score or note column from a score file. */
export const WRITTEN_MARK = '（导入值）';
/** The hidden column naming the score file each imported value came from (评分表 per row, 加减分 per row too). */
export const ORIGIN_HEADER = '导入来源';

function inspectorsOf(scores: ScoreEntry[], round: Round, min: number): string[] {
  const names = [...new Set(scores.filter((e) => e.round === round).map((e) => e.inspector || UNNAMED_INSPECTOR))].sort(zhCompare);
  for (let i = 1; names.length < min; i++) if (!names.includes(`检查人${i}`)) names.push(`检查人${i}`);
  return names;
}

export interface ScoreSheetInput {
  units: UnitInput[];
  rubric: Rubric;
  scores: ScoreEntry[];
  /** Empty inspector slots per round so inspectors can type in (default 2). */
  minInspectors?: number;
}

export function scoreSheet(input: ScoreSheetInput): SheetModel {
  const { units, rubric, scores } = input;
  const sheetBase: Pick<SheetModel, 'title' | 'subtitle'> = {
    title: `${rubric.name}（满分 ${rubric.total} 分）`,
    subtitle: ['在“得分”列填写 0 到该项分值之间的分数（0.5 分一档），扣分时请在“扣分说明”列写明原因；平均与合计自动计算。'],
  };
  const first = headerRow(sheetBase) + 2; // 1-based sheet row of data row 0
  const columns: ColumnSpec[] = [
    { header: '单位', width: 18 },
    { header: '类别', width: 10 },
    { header: '编号', width: 6 },
    { header: '一级指标', width: 10 },
    { header: '二级指标', width: 10 },
    { header: '分值', width: 6, kind: 'number' },
    { header: '评分标准', width: 48, wrap: true },
  ];
  const validations: Validation[] = [];
  const plan: { round: Round; inspectors: string[]; scoreCols: number[]; avgCol: number; totalCol: number }[] = [];
  for (const round of ROUNDS) {
    const inspectors = inspectorsOf(scores, round, input.minInspectors ?? 2);
    const scoreCols: number[] = [];
    for (const name of inspectors) {
      scoreCols.push(columns.length);
      columns.push({ header: scoreColumnHeader(round, name, '得分'), width: 10, kind: 'number', editable: true });
      columns.push({ header: scoreColumnHeader(round, name, '扣分说明'), width: 24, editable: true, wrap: true });
    }
    const avgCol = columns.length;
    columns.push({ header: `${ROUND_NAMES[round]}${SEP}平均`, width: 9, kind: 'decimal2' });
    const totalCol = columns.length;
    columns.push({ header: `${ROUND_NAMES[round]}${SEP}单位合计`, width: 10, kind: 'decimal2' });
    plan.push({ round, inspectors, scoreCols, avgCol, totalCol });
  }

  // What came from score files is recorded in hidden columns at the end (the visible ones keep
  // their places): the next run tells a value typed since from one it wrote, which a corrected
  // score file replaces.
  for (const p of plan) {
    for (const c of p.scoreCols) {
      for (const k of [c, c + 1]) {
        columns[k] = { ...columns[k]!, written: columns.length };
        columns.push({ header: `${columns[k]!.header}${WRITTEN_MARK}`, width: 4, hidden: true, record: true, ...(k === c ? { kind: 'number' as const } : {}) });
      }
    }
  }
  const originCol = columns.length;
  columns.push({ header: ORIGIN_HEADER, width: 4, hidden: true, record: true });

  const byKey = new Map(scores.map((e) => [[e.round, e.inspector || UNNAMED_INSPECTOR, e.unit, e.indicatorId].join('\u0000'), e]));
  const rows: OutValue[][] = [];
  const codes = indicatorCodes(rubric);
  units.forEach((u, ui) => {
    const top = first + ui * rubric.indicators.length;
    const bottom = top + rubric.indicators.length - 1;
    const roundTotals = new Map<Round, number | null>();
    rubric.indicators.forEach((ind, ii) => {
      const r = top + ii;
      const row: OutValue[] = [u.unit, u.category ?? '', codes.get(ind.id)!, ind.level1, ind.level2, ind.max, ind.standard];
      const imported: { col: number; e: ScoreEntry; slot: string }[] = [];
      for (const p of plan) {
        const got: number[] = [];
        for (const name of p.inspectors) {
          const e = byKey.get([p.round, name, u.unit, ind.id].join('\u0000'));
          if (e) got.push(e.score);
          if (e?.origin !== undefined) imported.push({ col: row.length, e, slot: [ROUND_NAMES[p.round], name].join(SEP) });
          row.push(e ? e.score : null, e ? e.note : '');
        }
        const cells = p.scoreCols.map((c) => `${columnLetters(c)}${r}`).join(',');
        const avg = got.length ? tidy(got.reduce((s, x) => s + x, 0) / got.length) : '';
        row.push({ formula: `IF(COUNT(${cells})=0,"",AVERAGE(${cells}))`, result: avg });
        if (typeof avg === 'number') roundTotals.set(p.round, tidy((roundTotals.get(p.round) ?? 0) + avg));
        else if (!roundTotals.has(p.round)) roundTotals.set(p.round, null);
        row.push(null); // the unit total goes on the unit's first row, filled below
      }
      while (row.length < columns.length) row.push(null);
      for (const { col, e } of imported) {
        row[columns[col]!.written!] = e.score;
        row[columns[col + 1]!.written!] = e.fileNote ?? e.note;
      }
      if (imported.length) row[originCol] = JSON.stringify(Object.fromEntries(imported.map((x) => [x.slot, x.e.origin])));
      rows.push(row);
    });
    const firstRow = rows[ui * rubric.indicators.length]!;
    for (const p of plan) {
      const col = columnLetters(p.avgCol);
      const range = `${col}${top}:${col}${bottom}`;
      const total = roundTotals.get(p.round);
      firstRow[p.totalCol] = { formula: `IF(COUNT(${range})=0,"",SUM(${range}))`, result: total ?? '' };
    }
  });

  for (const p of plan) {
    for (const col of p.scoreCols) {
      validations.push({
        col,
        type: 'decimal-per-row',
        min: 0,
        max: rows.map((r) => r[5] as number),
        maxCol: 5,
        step: 0.5,
        prompt: '请输入 0 到该项分值之间的得分，0.5 分一档',
      });
    }
  }
  return { name: SCORE_SHEET, ...sheetBase, columns, rows, freeze: { cols: 5 }, validations, print: { landscape: true } };
}

/**
 * The 评分表 print view: portrait-readable columns (standard text wrapped wide), one unit per
 * page, round averages read live from 评分表, inspectors' notes joined.
 */
export function scorePrintSheet(input: ScoreSheetInput): SheetModel {
  const score = scoreSheet(input);
  const n = input.rubric.indicators.length;
  const first = headerRow(score) + 2;
  const col = (h: string) => score.columns.findIndex((c) => c.header === h);
  const avgCols = ROUNDS.map((r) => col(`${ROUND_NAMES[r]}${SEP}平均`));
  const noteCols = score.columns.flatMap((c, i) => (c.header.endsWith(`${SEP}扣分说明`) ? [i] : []));
  const ref = `'${SCORE_SHEET}'!`;
  const rows: OutValue[][] = score.rows.map((row, i) => {
    const avgs = avgCols.map((c) => {
      const cell = row[c];
      const result = cell && typeof cell === 'object' && 'formula' in cell ? (cell.result ?? '') : '';
      const at = `${ref}${columnLetters(c)}${first + i}`;
      return { formula: `IF(${at}="","",${at})`, result } as OutValue;
    });
    const notes = noteCols.map((c) => row[c]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    return [row[0]!, row[2]!, row[3]!, row[4]!, row[5]!, row[6]!, ...avgs, notes.join('\n')];
  });
  return {
    name: SCORE_PRINT_SHEET,
    title: score.title,
    subtitle: ['打印视图：每个单位一页；平均分取自“评分表”，随其更新。'],
    columns: [
      { header: '单位', width: 14, wrap: true },
      { header: '编号', width: 6 },
      { header: '一级指标', width: 10, wrap: true },
      { header: '二级指标', width: 12, wrap: true },
      { header: '分值', width: 6, kind: 'number' },
      { header: '评分标准', width: 60, wrap: true },
      ...ROUNDS.map((r) => ({ header: `${ROUND_NAMES[r]}得分`, width: 8, kind: 'decimal2' as const })),
      { header: '扣分说明', width: 26, wrap: true },
    ],
    rows,
    print: { landscape: true, fitToWidth: true, breaksBefore: input.units.map((_, u) => u * n).filter((i) => i > 0) },
  };
}
