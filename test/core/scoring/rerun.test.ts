/**
 * A result re-run with a corrected score file: what the last run wrote from a file gives way to
 * that file as given now; what a user typed into 评分表 still wins; a file not given again takes
 * nothing away.
 */
import { scoreBookSheets } from '../../../src/core/classify';
import type { SheetGrid } from '../../../src/core/grid';
import { runPipeline } from '../../../src/core/pipeline';
import { mergeEditable } from '../../../src/core/report/editable';
import { DEFAULT_RUBRIC } from '../../../src/core/scoring';
import { grid, modelToGrid } from './helpers';

const UNITS = ['团委', '护理学院'];
/** Every indicator full, but 新闻动态 (the third) `lost` points down, per unit. */
const scores = (lost: Record<string, number>, name = '评分') =>
  grid(name, [['轮次', '检查人', '单位', '二级指标', '得分'], ...Object.entries(lost).flatMap(([unit, l]) => DEFAULT_RUBRIC.indicators.map((ind, i) => ['上半年', '张明', unit, ind.level2, i === 2 ? ind.max - l : ind.max]))]);

type Book = { file: string; sheets: SheetGrid[] };
const run = (books: Book[], previous: SheetGrid[] = []) =>
  runPipeline({
    submissions: [],
    roster: { units: UNITS.map((name) => ({ name, category: '职能部门', aliases: [], head: null, phone: null })) },
    scoreBooks: books.flatMap((b) => scoreBookSheets({ sheets: b.sheets }).map((sheet) => ({ file: b.file, sheet }))),
    previous: previous.map((sheet) => ({ file: '考核结果.xlsx', sheet })),
    params: { asOf: '2024-11-20' },
    mode: 'run',
  });
type Result = ReturnType<typeof run>;
// The rubric's sum (the filings' deductions apart: these units filed nothing).
const scoreOf = (r: Result, unit: string) => r.run!.ranking.find((x) => x.unit === unit)!.base;
const sheetOf = (r: Result) => r.workbook.sheets.find((s) => s.name === '评分表')!;
const result = (r: Result) => modelToGrid(sheetOf(r));
/** Types `value` into 评分表 where the unit's 新闻动态 score of 张明 stands. */
function typed(r: Result, unit: string, value: number | string, column = '上半年·张明·得分', g = result(r)): SheetGrid {
  const header = g.rows.findIndex((row) => row.some((c) => c?.t === 's' && c.v === '单位'));
  const col = g.rows[header]!.findIndex((c) => c?.t === 's' && c.v === column);
  const row = g.rows.findIndex((x) => x[0]?.t === 's' && x[0].v === unit && x[4]?.t === 's' && x[4].v === DEFAULT_RUBRIC.indicators[2]!.level2);
  g.rows[row]![col] = typeof value === 'number' ? { t: 'n', v: value } : { t: 's', v: value };
  return g;
}
/** The 评分表 cell of a unit's 新闻动态 in a column, as the run writes it. */
function shownAt(r: Result, unit: string, column: string): unknown {
  const s = sheetOf(r);
  const col = s.columns.findIndex((c) => c.header === column);
  return s.rows.find((x) => x[0] === unit && x[4] === DEFAULT_RUBRIC.indicators[2]!.level2)![col];
}

describe('re-running a result with its score file corrected', () => {
  const first = run([{ file: '评分.xlsx', sheets: [scores({ 团委: 10, 护理学院: 5 })] }]);

  it('a corrected score replaces the one written last time', () => {
    expect(scoreOf(first, '团委')).toBe(90);
    const again = run([{ file: '评分.xlsx', sheets: [scores({ 团委: 2, 护理学院: 5 })] }], [result(first)]);
    expect(scoreOf(again, '团委')).toBe(98);
    expect(again.findings.filter((f) => f.rule === 'score-conflict')).toEqual([]);
  });

  it('scores taken out of the file (put on the right unit) go', () => {
    const again = run([{ file: '评分.xlsx', sheets: [scores({ 护理学院: 5 })] }], [result(first)]);
    expect(scoreOf(again, '团委')).toBeNull();
    expect(scoreOf(again, '护理学院')).toBe(95);
  });

  it('near miss: without the score file the scores written last time stay', () => {
    const again = run([], [result(first)]);
    expect([scoreOf(again, '团委'), scoreOf(again, '护理学院')]).toEqual([90, 95]);
    // …and stay marked as the file's: given again corrected, it still wins.
    const third = run([{ file: '评分.xlsx', sheets: [scores({ 团委: 4, 护理学院: 5 })] }], [result(again)]);
    expect(scoreOf(third, '团委')).toBe(96);
  });

  it('near miss: a score a user typed over the written one wins over the file, this run and the next', () => {
    const again = run([{ file: '评分.xlsx', sheets: [scores({ 团委: 2, 护理学院: 5 })] }], [typed(first, '团委', 7)]);
    expect(scoreOf(again, '团委')).toBe(100 - DEFAULT_RUBRIC.indicators[2]!.max + 7);
    const third = run([{ file: '评分.xlsx', sheets: [scores({ 团委: 2, 护理学院: 5 })] }], [result(again)]);
    expect(scoreOf(third, '团委')).toBe(100 - DEFAULT_RUBRIC.indicators[2]!.max + 7);
  });

  it('a 评分表 renamed by the office (评分表（办公室修改）) is still read back; its print view never is', () => {
    const g = { ...typed(first, '团委', 7), name: '评分表（办公室修改）' };
    const again = run([{ file: '评分.xlsx', sheets: [scores({ 团委: 2, 护理学院: 5 })] }], [g]);
    expect(scoreOf(again, '团委')).toBe(100 - DEFAULT_RUBRIC.indicators[2]!.max + 7);
    const print = run([{ file: '评分.xlsx', sheets: [scores({ 团委: 2, 护理学院: 5 })] }], [{ ...typed(first, '团委', 7), name: '评分表_打印' }]);
    expect(scoreOf(print, '团委')).toBe(98);
  });

  it('a typed score over the maximum is not counted, and still shows where it was typed, beside its finding', () => {
    const over = DEFAULT_RUBRIC.indicators[2]!.max + 4;
    const again = run([{ file: '评分.xlsx', sheets: [scores({ 团委: 2, 护理学院: 5 })] }], [typed(first, '团委', over)]);
    expect(scoreOf(again, '团委')).toBe(98);
    expect(again.findings.filter((f) => f.rule === 'score-out-of-range').map((f) => f.unit)).toEqual(['团委']);
    expect(shownAt(again, '团委', '上半年·张明·得分')).toBe(over);
    // Corrected by the user, it counts.
    const fixed = run([{ file: '评分.xlsx', sheets: [scores({ 团委: 2, 护理学院: 5 })] }], [typed(again, '团委', 3)]);
    expect(scoreOf(fixed, '团委')).toBe(100 - DEFAULT_RUBRIC.indicators[2]!.max + 3);
  });

  it('a note typed beside a written score keeps the note; a corrected file still replaces the score', () => {
    const g = typed(first, '团委', '复核：新闻更新不及时', '上半年·张明·扣分说明');
    const again = run([{ file: '评分.xlsx', sheets: [scores({ 团委: 2, 护理学院: 5 })] }], [g]);
    expect(scoreOf(again, '团委')).toBe(98);
    expect(shownAt(again, '团委', '上半年·张明·扣分说明')).toBe('复核：新闻更新不及时');
    expect(again.run!.scores.find((e) => e.unit === '团委' && e.indicatorId === DEFAULT_RUBRIC.indicators[2]!.id)!.note).toBe('复核：新闻更新不及时');
    const third = run([{ file: '评分.xlsx', sheets: [scores({ 团委: 4, 护理学院: 5 })] }], [result(again)]);
    expect(scoreOf(third, '团委')).toBe(96);
    expect(shownAt(third, '团委', '上半年·张明·扣分说明')).toBe('复核：新闻更新不及时');
  });

  it('a note typed where no score is yet stays for the next run', () => {
    const book = { file: '评分.xlsx', sheets: [scores({ 护理学院: 5 })] };
    const g = typed(run([book]), '团委', '待复核：网站打不开', '上半年·张明·扣分说明');
    const again = run([book], [g]);
    expect(shownAt(again, '团委', '上半年·张明·扣分说明')).toBe('待复核：网站打不开');
    expect(shownAt(again, '团委', '上半年·张明·得分')).toBeNull();
    expect(shownAt(run([book], [result(again)]), '团委', '上半年·张明·扣分说明')).toBe('待复核：网站打不开');
  });

  it('the pane’s writer keeps a typed value and lets a written one be replaced', () => {
    const model = sheetOf(run([{ file: '评分.xlsx', sheets: [scores({ 团委: 2, 护理学院: 5 })] }]));
    const raw = (g: SheetGrid) => g.rows.map((row) => row.map((c) => (c === null || c === undefined ? null : c.t === 'd' ? c.v : (c.v as string | number | boolean))));
    const col = model.columns.findIndex((c) => c.header === '上半年·张明·得分');
    const row = model.rows.findIndex((r) => r[0] === '团委' && r[4] === DEFAULT_RUBRIC.indicators[2]!.level2);
    expect(mergeEditable(model, raw(result(first))).sheet.rows[row]![col]).toBe(DEFAULT_RUBRIC.indicators[2]!.max - 2);
    expect(mergeEditable(model, raw(typed(first, '团委', 7))).sheet.rows[row]![col]).toBe(7);
  });
});

describe('re-running a result with its 加减分 corrected', () => {
  const adj = (...rows: (string | number | null)[][]) => grid('加减分', [['单位', '类型', '分值', '说明'], ...rows]);
  const items = (r: Result, unit: string) => r.run!.ranking.find((x) => x.unit === unit)!.adjustments.filter((a) => a.indicator === '创新与获奖').map((a) => `${a.indicator} ${a.points}`);
  const book = (...rows: (string | number | null)[][]): Book => ({ file: '评分.xlsx', sheets: [scores({ 团委: 10, 护理学院: 5 }), adj(...rows)] });
  const adjustSheet = (r: Result) => modelToGrid(r.workbook.sheets.find((s) => s.name === '加减分')!);
  const first = run([book(['团委', '加分', 2, '获省级奖'], ['护理学院', '否决', null, '网站被篡改'])]);

  it('a corrected bonus replaces the written one, a veto taken out goes', () => {
    expect(items(first, '团委')).toEqual(['创新与获奖 2']);
    expect(first.run!.ranking.find((x) => x.unit === '护理学院')!.veto).toBe(true);
    const again = run([book(['团委', '加分', 3, '获省级奖'])], [result(first), adjustSheet(first)]);
    expect(items(again, '团委')).toEqual(['创新与获奖 3']);
    expect(again.run!.ranking.find((x) => x.unit === '护理学院')!.veto).toBe(false);
  });

  it('a bonus the office changed in the result (2 typed as 1) counts as typed, once, not beside the file’s', () => {
    const g = adjustSheet(first);
    const row = g.rows.findIndex((r) => r[0]?.t === 's' && r[0].v === '团委');
    g.rows[row]![2] = { t: 'n', v: 1 };
    const again = run([book(['团委', '加分', 2, '获省级奖'], ['护理学院', '否决', null, '网站被篡改'])], [result(first), g]);
    expect(items(again, '团委')).toEqual(['创新与获奖 1']);
    const rows = again.workbook.sheets.find((s) => s.name === '加减分')!.rows.filter((r) => r[0] === '团委');
    expect(rows.map((r) => r[2])).toEqual([1]);
    // …and on the next run too.
    const third = run([book(['团委', '加分', 2, '获省级奖'], ['护理学院', '否决', null, '网站被篡改'])], [result(again), adjustSheet(again)]);
    expect(items(third, '团委')).toEqual(['创新与获奖 1']);
  });

  it('near miss: rows written last time stay without their file; a row typed into 加减分 stays with it', () => {
    const without = run([], [result(first), adjustSheet(first)]);
    expect(items(without, '团委')).toEqual(['创新与获奖 2']);
    expect(without.run!.ranking.find((x) => x.unit === '护理学院')!.veto).toBe(true);
    const g = adjustSheet(first);
    g.rows.push([{ t: 's', v: '护理学院' }, { t: 's', v: '加分' }, { t: 'n', v: 1 }, { t: 's', v: '创新栏目' }]);
    const typedToo = run([book(['团委', '加分', 3, '获省级奖'])], [result(first), g]);
    expect(items(typedToo, '护理学院')).toEqual(['创新与获奖 1']);
    expect(items(typedToo, '团委')).toEqual(['创新与获奖 3']);
  });
});
