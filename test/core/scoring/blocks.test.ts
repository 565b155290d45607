/**
 * Score sheets holding several blocks (forms copied one below the other), keys written once per
 * group, summary sheets under other names, scores of another year, and the indicator names in
 * the messages: the totals must be those of the same scores in the documented long layout.
 */
import type { SheetGrid } from '../../../src/core/grid';
import { scoreBookSheets } from '../../../src/core/classify';
import { runPipeline } from '../../../src/core/pipeline';
import { DEFAULT_RUBRIC, assessmentYear, mergeScoreLists, parseScores, scoreSheetsToRead } from '../../../src/core/scoring';
import type { Roster } from '../../../src/core/units';
import { entry, grid } from './helpers';

type V = string | number | null;
const roster: Roster = { units: ['团委', '图书馆', '信息工程学院'].map((name) => ({ name, category: null, aliases: [], head: null, phone: null })) };
const UNITS = roster.units.map((u) => u.name);
const INDS = DEFAULT_RUBRIC.indicators;
const ctx = { file: 's.xlsx', rubric: DEFAULT_RUBRIC, units: UNITS };
const ROUND = { 1: '上半年', 2: '下半年' } as const;

/** A fixed, uneven score per round × inspector × unit × indicator (0.5 steps, within bounds). */
function score(round: 1 | 2, inspector: string, unit: string, i: number): number {
  let h = round * 31 + i * 7;
  for (const c of inspector + unit) h = (h * 33 + c.charCodeAt(0)) % 1000003;
  return Math.max(0, INDS[i]!.max - (h % 7) * 0.5);
}
const sum = (round: 1 | 2, p: string, u: string) => INDS.reduce((a, _, i) => a + score(round, p, u, i), 0);

/** The same scores in the documented layout: one long 评分 sheet. */
function plain(rounds: (1 | 2)[], inspectors: string[]): SheetGrid {
  const rows: V[][] = [['轮次', '检查人', '单位', '二级指标', '得分']];
  for (const r of rounds) for (const p of inspectors) for (const u of UNITS) INDS.forEach((ind, i) => rows.push([ROUND[r], p, u, ind.level2, score(r, p, u, i)]));
  return grid('评分', rows);
}

function run(books: { file: string; sheets: SheetGrid[] }[], asOf = '2024-11-20') {
  const scoreBooks = books.flatMap((b) => scoreBookSheets({ sheets: b.sheets }).map((sheet) => ({ file: b.file, sheet })));
  return runPipeline({ submissions: [], roster, scoreBooks, params: { asOf }, mode: 'run' });
}
const outcome = (r: ReturnType<typeof run>) => r.run!.ranking.map((x) => [x.unit, x.base, x.roundTotals]);
const rules = (r: ReturnType<typeof run>) => r.findings.filter((f) => f.rule.startsWith('score-') && f.rule !== 'score-disagreement').map((f) => f.rule);

describe('indicator names in score-conflict and score-duplicate (not ids)', () => {
  it('a conflict across sheets names the indicator as the rubric does', () => {
    const a = [entry('团委', 'content.organization', 18, { sheet: '张三', cell: 'D4' })];
    const b = [entry('团委', 'content.organization', 16, { sheet: '张三 (2)', cell: 'D4' })];
    const { findings } = mergeScoreLists([a, b]);
    expect(findings.map((f) => f.message)).toEqual(['上半年检查人“张三”对“组织管理”的得分不一致：“s.xlsx” 张三!D4为 18 分，“s.xlsx” 张三 (2)!D4为 16 分；以后者为准']);
  });

  it('a repeat in one sheet with another value says both values; the same value only that it repeats', () => {
    const r = parseScores(grid('评分', [
      ['轮次', '检查人', '单位', '二级指标', '得分'],
      ['上半年', '张三', '团委', '组织管理', 20],
      ['上半年', '张三', '团委', '安全规范', 6],
      ['上半年', '张三', '团委', '组织管理', 10],
      ['上半年', '张三', '团委', '安全规范', 6],
    ]), ctx);
    expect(r.findings.map((f) => [f.rule, f.cell, f.message])).toEqual([
      ['score-duplicate', 'E4', '上半年检查人“张三”对“组织管理”重复评分且得分不同：E2 为 20 分，E4 为 10 分；以后者为准'],
      ['score-duplicate', 'E5', '上半年检查人“张三”对“安全规范”重复评分，以最后一次为准'],
    ]);
    expect(r.entries.map((e) => e.score)).toEqual([10, 6]);
  });
});

describe('summary sheets beside the inspectors\' sheets', () => {
  /** 张三 | 李四 (sheets named after them, no 检查人 column) and a third sheet holding their mean. */
  function book(third: string, head: V[] = ['轮次', '单位', '二级指标', '得分'], above: V[][] = []): SheetGrid[] {
    const sheet = (p: string) => grid(p, [['轮次', '单位', '二级指标', '得分'], ...UNITS.flatMap((u) => INDS.map((ind, i): V[] => ['上半年', u, ind.level2, score(1, p, u, i)]))]);
    const mean = grid(third, [...above, head, ...UNITS.flatMap((u) => INDS.map((ind, i): V[] => [...(head.length > 4 ? ['王五'] : []), '上半年', u, ind.level2, Math.floor((score(1, '张三', u, i) + score(1, '李四', u, i)) / 2)]))]);
    return [sheet('张三'), sheet('李四'), mean];
  }
  const expected = outcome(run([{ file: '评分.xlsx', sheets: [plain([1], ['张三', '李四'])] }]));

  it.each(['总评', '综合得分', '综合评分', '最终得分', '最终结果', '最终成绩', '结果', 'Sheet3'])('%s is not read as a third inspector', (third) => {
    const r = run([{ file: '评分.xlsx', sheets: book(third) }]);
    expect(outcome(r)).toEqual(expected);
    expect(r.findings.filter((f) => f.rule === 'score-sheet-skipped').map((f) => [f.sheet, f.message])).toEqual([[third, `工作表“${third}”是“张三、李四”的汇总，未重复计分`]]);
  });

  it('near miss: 张三（最终版）, a sheet with a 检查人 column or title, or a name of a rare surname is an inspector\'s, and read', () => {
    const sheets = (third: string, head?: V[], above?: V[][]) => scoreSheetsToRead(book(third, head, above).map((sheet) => ({ file: '评分.xlsx', sheet })));
    for (const s of [sheets('张三（最终版）'), sheets('王五'), sheets('禤明'), sheets('Sheet3', undefined, [['检查人：王五']]), sheets('Sheet3', ['检查人', '轮次', '单位', '二级指标', '得分'])]) {
      expect(s.findings).toEqual([]);
      expect(s.read).toHaveLength(3);
    }
  });
});

describe('blocks stacked down one sheet', () => {
  /** A unit's own 评分表, copied once per unit down the sheet: title, labels, header, scores, 合计. */
  function unitForms(p: string): SheetGrid {
    const rows: V[][] = [];
    for (const u of UNITS) {
      rows.push(['基层党建网站检查评分表'], [`被检查单位：${u}`, null, null, `检查人：${p}`], ['一级指标', '二级指标', '分值', '得分', '扣分说明']);
      INDS.forEach((ind, i) => rows.push([ind.level1, ind.level2, ind.max, score(1, p, u, i)]));
      rows.push(['合计', null, 100, sum(1, p, u)], []);
    }
    return grid('上半年', rows);
  }

  it('each unit\'s form counts for the unit its own 被检查单位 label names', () => {
    const r = run([{ file: '张三.xlsx', sheets: [unitForms('张三')] }, { file: '李四.xlsx', sheets: [unitForms('李四')] }]);
    expect(outcome(r)).toEqual(outcome(run([{ file: '评分.xlsx', sheets: [plain([1], ['张三', '李四'])] }])));
    expect(rules(r)).toEqual([]);
  });

  it('wide blocks per round (2024年上半年 | 2024年下半年 titles) give each block its round and inspector', () => {
    const head = ['单位', ...INDS.map((i) => `${i.level2}（${i.max}分）`), '总分'];
    const sheet = (p: string) => grid(p === '张三' ? 'Sheet1' : p, ([1, 2] as const).flatMap((round): V[][] => [
      [`2024年${ROUND[round]}党建网站检查评分表`],
      [`检查人：${p}`],
      head,
      ...UNITS.map((u): V[] => [u, ...INDS.map((_, i) => score(round, p, u, i)), sum(round, p, u)]),
      [],
      [],
    ]));
    const r = run([{ file: 'a.xlsx', sheets: [sheet('张三')] }, { file: 'b.xlsx', sheets: [sheet('李四')] }]);
    expect(outcome(r)).toEqual(outcome(run([{ file: '评分.xlsx', sheets: [plain([1, 2], ['张三', '李四'])] }])));
    expect(rules(r)).toEqual([]);
  });

  it('a header repeated with nothing above it (a page\'s header again) continues the block above', () => {
    const head: V[] = ['二级指标', '得分'];
    const rows: V[][] = [['被检查单位：团委', '检查人：张三', '检查轮次：上半年'], head, ...INDS.slice(0, 5).map((ind, i): V[] => [ind.level2, score(1, '张三', '团委', i)]), head, ...INDS.slice(5).map((ind, i): V[] => [ind.level2, score(1, '张三', '团委', i + 5)])];
    const r = parseScores(grid('评分表', rows), ctx);
    expect(r.findings).toEqual([]);
    expect(r.entries.map((e) => `${e.round}/${e.inspector}/${e.unit}/${e.indicatorId}`)).toEqual(INDS.map((i) => `1/张三/团委/${i.id}`));
  });

  it('near miss: a later block whose labels name no unit is refused, not given to the unit above', () => {
    const form = (label: V[]): V[][] => [label, ['二级指标', '得分'], ...INDS.map((ind): V[] => [ind.level2, ind.max])];
    const r = parseScores(grid('评分', [...form(['被检查单位：团委', null, '上半年']), [], ...form(['检查人：张三', null, '上半年'])]), { ...ctx, file: '评分.xlsx' });
    expect(r.findings.map((f) => [f.rule, f.cell])).toEqual([['score-sheet-invalid', 'A15']]);
    expect(new Set(r.entries.map((e) => e.unit))).toEqual(new Set(['团委']));
    expect(r.entries).toHaveLength(INDS.length);
  });
});

describe('轮次, 检查人, 单位 written once per group, blank below (not merged)', () => {
  /** The long layout with each key typed in the group's first row only, and a 合计 row after each unit. */
  function filled(): SheetGrid {
    const rows: V[][] = [['轮次', '检查人', '单位', '二级指标', '得分', '扣分说明']];
    for (const r of [1, 2] as const) {
      for (const p of ['张三', '李四']) {
        UNITS.forEach((u, k) => {
          INDS.forEach((ind, i) => rows.push([i === 0 && k === 0 ? ROUND[r] : null, i === 0 && k === 0 ? p : null, i === 0 ? u : null, ind.level2, score(r, p, u, i), null]));
          rows.push([null, null, null, '合计', sum(r, p, u), null]);
        });
      }
    }
    return grid('评分', rows);
  }

  it('reads each row with the keys written above it, checks the 合计 rows', () => {
    const r = run([{ file: '评分.xlsx', sheets: [filled()] }]);
    expect(outcome(r)).toEqual(outcome(run([{ file: '评分.xlsx', sheets: [plain([1, 2], ['张三', '李四'])] }])));
    expect(rules(r)).toEqual([]);
  });

  it('near miss: a unit left blank after a 合计 row or an empty row is flagged, not taken from above', () => {
    const r = parseScores(grid('评分', [
      ['轮次', '检查人', '单位', '二级指标', '得分'],
      ['上半年', '张三', '团委', '栏目规划', 3],
      [null, null, null, '新闻动态', 14],
      [null, null, null, '合计', 17],
      [null, null, null, '栏目规划', 2],
      [null, null, '图书馆', '栏目规划', 2.5],
      [],
      [null, null, null, '新闻动态', 12],
    ]), ctx);
    expect(r.findings.map((f) => [f.rule, f.cell])).toEqual([['score-invalid-row', 'C5'], ['score-invalid-row', 'C8']]);
    expect(r.entries.map((e) => `${e.round}/${e.inspector}/${e.unit}/${e.score}`)).toEqual(['1/张三/团委/3', '1/张三/团委/14', '1/张三/图书馆/2.5']);
  });
});

describe('scores of another year', () => {
  /** A sheet per round named with its year, 张三's scores; `news` is 新闻动态's score. */
  const yearSheet = (name: string, news: number) => grid(name, [['检查人', '单位', '二级指标', '得分'], ...INDS.map((ind): V[] => ['张三', '团委', ind.level2, ind.id === 'content.news' ? news : ind.max])]);
  const totals = (r: ReturnType<typeof run>) => r.run!.ranking.find((x) => x.unit === '团委')!.roundTotals;

  it('last year\'s sheet kept in the workbook is not counted, and says so', () => {
    const r = run([{ file: '张三评分.xlsx', sheets: [yearSheet('2024年上半年', 14), yearSheet('2024年下半年', 12), yearSheet('2023年下半年', 7)] }]);
    expect(totals(r)).toEqual({ 上半年: 99, 下半年: 97 });
    expect(r.findings.filter((f) => f.rule === 'score-other-year').map((f) => [f.severity, f.sheet, f.message])).toEqual([
      ['warning', '2023年下半年', '此处写明的是 2023 年的评分（10 行），不是考核年度 2024 年的，未计分'],
    ]);
    expect(r.findings.filter((f) => f.rule === 'score-conflict')).toEqual([]);
  });

  it('a January run over last year\'s sheets counts them: the assessment year is the latest named', () => {
    const sheets = [yearSheet('2024年上半年', 14), yearSheet('2024年下半年', 12), yearSheet('2023年下半年', 7)];
    expect(assessmentYear(sheets.map((sheet) => ({ file: 'a.xlsx', sheet })), '2025-01-10')).toBe(2024);
    const r = run([{ file: '张三评分.xlsx', sheets }], '2025-01-10');
    expect(totals(r)).toEqual({ 上半年: 99, 下半年: 97 });
    expect(r.findings.filter((f) => f.rule === 'score-other-year').map((f) => f.sheet)).toEqual(['2023年下半年']);
  });

  it('dates or rounds of another year (before or after) in a 检查日期 / 轮次 column are not counted', () => {
    const rows = (when: string, news: number): V[][] => INDS.map((ind) => [when, '张三', '团委', ind.level2, ind.id === 'content.news' ? news : ind.max]);
    const sheet = grid('评分', [['检查日期', '检查人', '单位', '二级指标', '得分'], ...rows('2024-06-10', 14), ...rows('2024-11-12', 12), ...rows('2023-12-05', 7), ...rows('2025-03-05', 5)]);
    const r = run([{ file: '评分.xlsx', sheets: [sheet] }]);
    expect(totals(r)).toEqual({ 上半年: 99, 下半年: 97 });
    expect(r.findings.filter((f) => f.rule === 'score-other-year').map((f) => [f.cell, f.message])).toEqual([
      ['A22', '此处写明的是 2023 年的评分（10 行），不是考核年度 2024 年的，未计分'],
      ['A32', '此处写明的是 2025 年的评分（10 行），不是考核年度 2024 年的，未计分'],
    ]);
    const rounds = grid('评分', [['轮次', '检查人', '单位', '二级指标', '得分'], ...rows('2023年下半年', 7), ...rows('2024年上半年', 14)]);
    expect(parseScores(rounds, { ...ctx, year: 2024 }).entries.map((e) => e.score)).toEqual(INDS.map((i) => (i.id === 'content.news' ? 14 : i.max)));
  });

  it('near miss: an academic year (2023-2024学年) or no year at all names no other year', () => {
    const sheet = grid('2023-2024学年上半年', [['检查人', '单位', '二级指标', '得分'], ...INDS.map((ind): V[] => ['张三', '团委', ind.level2, ind.max])]);
    const r = parseScores(sheet, { ...ctx, year: 2024 });
    expect(r.findings).toEqual([]);
    expect(r.entries).toHaveLength(INDS.length);
    expect(assessmentYear([{ file: 'a.xlsx', sheet }], '2025-01-10')).toBe(2025);
  });
});

describe('hidden score rows', () => {
  it('an inspector\'s hidden old score is not counted: the visible one is, with no duplicate', () => {
    const sheet = plain([1, 2], ['张三']);
    // The first 团委 score of 上半年 typed again below, the old row hidden.
    const old = sheet.rows[1]!;
    const fixed = [...old.slice(0, 4), { t: 'n' as const, v: 0 }];
    const edited: SheetGrid = { ...sheet, rows: [...sheet.rows, fixed], hiddenRows: [1] };
    const want = run([{ file: 's.xlsx', sheets: [{ ...sheet, rows: sheet.rows.map((r, i) => (i === 1 ? fixed : r)) }] }]);
    const got = run([{ file: 's.xlsx', sheets: [edited] }]);
    expect(outcome(got)).toEqual(outcome(want));
    expect(rules(got)).toEqual(['score-rows-hidden']);
    expect(got.findings.find((f) => f.rule === 'score-rows-hidden')!.message).toBe('第 2 行被隐藏，未计分，以可见的评分为准');
  });

  it('near miss: without the hidden mark the same rows are a duplicate', () => {
    const sheet = plain([1, 2], ['张三']);
    const fixed = [...sheet.rows[1]!.slice(0, 4), { t: 'n' as const, v: 0 }];
    expect(rules(run([{ file: 's.xlsx', sheets: [{ ...sheet, rows: [...sheet.rows, fixed] }] }]))).toEqual(['score-duplicate']);
  });
});

describe('one indicator in two columns of a wide sheet', () => {
  const inds = DEFAULT_RUBRIC.indicators;
  const news = inds.findIndex((i) => i.level2 === '新闻动态');
  const wideSheet = (second: number) => grid('上半年张三', [['单位', ...inds.map((i) => i.level2), '新闻动态'], ['团委', ...inds.map((i) => i.max), second]]);
  it('two different scores are a score-duplicate showing both, not a silent first', () => {
    const r = run([{ file: 's.xlsx', sheets: [wideSheet(inds[news]!.max - 6)] }]);
    const dup = r.findings.filter((f) => f.rule === 'score-duplicate');
    expect(dup).toHaveLength(1);
    expect(dup[0]!.message).toContain(String(inds[news]!.max - 6));
  });
  it('near miss: a 新闻动态扣分说明 column beside it is its note, not a second score', () => {
    const sheet = grid('上半年张三', [['单位', ...inds.map((i) => i.level2), '新闻动态扣分说明'], ['团委', ...inds.map((i) => i.max), '更新慢']]);
    expect(rules(run([{ file: 's.xlsx', sheets: [sheet] }])).filter((x) => x !== 'score-missing')).toEqual([]);
  });
});
