/**
 * One 加减分 row counts once wherever it comes from (typed twice, each inspector's workbook, a
 * result sent back with the office's rows); with a roster only its units are ranked; an
 * unscored unit has no score to bound.
 */
import { scoreBookSheets } from '../../../src/core/classify';
import type { SheetGrid } from '../../../src/core/grid';
import { runPipeline } from '../../../src/core/pipeline';
import { DEFAULT_RUBRIC, dedupeAdjustments, parseAdjustments } from '../../../src/core/scoring';
import { nearestUnit, type Roster } from '../../../src/core/units';
import { grid, modelToGrid } from './helpers';

const roster: Roster = { units: [
  { name: '团委', category: '职能部门', aliases: [], head: null, phone: null },
  { name: '经济管理学院', category: '教学单位', aliases: [], head: null, phone: null },
  { name: '护理学院', category: '教学单位', aliases: [], head: null, phone: null },
] };
const H = ['单位', '类型', '分值', '说明'];
/** 团委 scored 90 by one inspector, 护理学院 80. */
const scores = (inspector: string) =>
  grid('评分', [['轮次', '检查人', '单位', '二级指标', '得分'], ...DEFAULT_RUBRIC.indicators.flatMap((ind, i) => [
    ['上半年', inspector, '团委', ind.level2, i === 2 ? ind.max - 10 : ind.max],
    ['上半年', inspector, '护理学院', ind.level2, i === 2 ? ind.max - 20 : ind.max],
  ])]);
const bonus = (...rows: (string | number | null)[][]) => grid('加减分', [H, ...rows]);
const AWARD = ['团委', '加分', 2, '获省级优秀网站称号'];

type Book = { file: string; sheets: SheetGrid[] };
const run = (books: Book[], opts: { roster?: Roster | null; previous?: SheetGrid[] } = {}) =>
  runPipeline({
    submissions: [],
    roster: opts.roster === undefined ? roster : opts.roster,
    scoreBooks: books.flatMap((b) => scoreBookSheets({ sheets: b.sheets }).map((sheet) => ({ file: b.file, sheet }))),
    previous: (opts.previous ?? []).map((sheet) => ({ file: '考核结果.xlsx', sheet })),
    params: { asOf: '2024-11-20' },
    mode: 'run',
  });
const row = (r: ReturnType<typeof run>, unit: string) => r.run!.ranking.find((x) => x.unit === unit)!;
const bonuses = (r: ReturnType<typeof run>, unit = '团委') => row(r, unit).adjustments.filter((a) => a.indicator === '创新与获奖');
const about = (r: ReturnType<typeof run>, rule: string) => r.findings.filter((f) => f.rule === rule);
// The rows as shown (a hidden 导入来源 column records where a row was written from).
const written = (r: ReturnType<typeof run>) => r.workbook.sheets.find((s) => s.name === '加减分')!.rows.map((row) => row.slice(0, 4));

describe('the same 加减分 row counts once', () => {
  it('typed twice in one sheet: once, with a warning naming the unit, the item and the first cell', () => {
    const r = run([{ file: '评分.xlsx', sheets: [scores('张三'), bonus(AWARD, ['团委 ', '加分', '2', ' 获省级　优秀网站称号'])] }]);
    expect(bonuses(r).map((a) => a.points)).toEqual([2]);
    expect(row(r, '团委').score).toBe(82); // 90 − 10 (five forms missing) + 2
    const [f, ...more] = about(r, 'adjustment-duplicate');
    expect(more).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', unit: '团委', file: '评分.xlsx', sheet: '加减分', cell: 'B3' });
    expect(f!.message).toBe('团委的加分 2 分“获省级　优秀网站称号”与本表 B2 重复，只计一次');
    expect(written(r)).toEqual([['团委', '加分', 2, '获省级优秀网站称号']]);
  });

  it('near miss: other points, another note or another unit are other rows, each counted', () => {
    const r = run([{ file: '评分.xlsx', sheets: [scores('张三'), bonus(AWARD, ['团委', '加分', 1, '获省级优秀网站称号'], ['团委', '加分', 2, '获市级奖项'], ['护理学院', '加分', 2, '获省级优秀网站称号'])] }]);
    expect(bonuses(r).map((a) => a.points)).toEqual([2, 1, 2]);
    expect(bonuses(r, '护理学院').map((a) => a.points)).toEqual([2]);
    expect(about(r, 'adjustment-duplicate')).toEqual([]);
    expect(about(r, 'adjustment-repeated')).toEqual([]);
  });

  it('two inspectors’ workbooks each carrying the office’s sheet: once, an info at the copy', () => {
    const r = run([{ file: '张三.xlsx', sheets: [scores('张三'), bonus(AWARD)] }, { file: '李四.xlsx', sheets: [scores('李四'), bonus(AWARD)] }]);
    expect(bonuses(r).map((a) => a.points)).toEqual([2]);
    expect(about(r, 'adjustment-repeated').map((f) => [f.severity, f.file, f.cell, f.message])).toEqual([
      ['info', '李四.xlsx', 'B2', '团委的加分 2 分“获省级优秀网站称号”与“张三.xlsx / 加减分 / B2”相同，只计一次'],
    ]);
    expect(about(r, 'adjustment-duplicate')).toEqual([]);
  });

  it('a veto in two files is one veto item', () => {
    const veto = ['团委', '否决', null, '发生泄密事件'];
    const r = run([{ file: '张三.xlsx', sheets: [scores('张三'), bonus(veto)] }, { file: '李四.xlsx', sheets: [bonus(veto)] }]);
    expect(row(r, '团委').adjustments.filter((a) => a.indicator === '一票否决')).toHaveLength(1);
    expect(about(r, 'adjustment-repeated')).toHaveLength(1);
  });

  it('a result sent back as a score workbook: its own copy of the office’s rows is not counted again', () => {
    const office = { file: '张三.xlsx', sheets: [scores('张三'), bonus(AWARD)] };
    const first = run([office]);
    const result = first.workbook.sheets.map((m) => modelToGrid(m));
    const r = run([office, { file: '李四返回.xlsx', sheets: result }]);
    expect(bonuses(r).map((a) => a.points)).toEqual([2]);
    expect(row(r, '团委').score).toBe(row(first, '团委').score);
    expect(about(r, 'adjustment-repeated').map((f) => f.file)).toEqual(['李四返回.xlsx']);
    expect(written(r)).toEqual([['团委', '加分', 2, '获省级优秀网站称号']]);
  });

  it('read back from the earlier result: the score workbook’s row is that row, no finding, written once', () => {
    const office = { file: '张三.xlsx', sheets: [scores('张三'), bonus(AWARD)] };
    const previous = run([office]).workbook.sheets.map((m) => modelToGrid(m));
    const r = run([office], { previous });
    expect(bonuses(r).map((a) => a.points)).toEqual([2]);
    expect(about(r, 'adjustment-repeated')).toEqual([]);
    expect(about(r, 'adjustment-duplicate')).toEqual([]);
    expect(written(r)).toEqual([['团委', '加分', 2, '获省级优秀网站称号']]);
  });

  it('an earlier result holding the row twice (as older versions wrote it) counts it once and writes it once', () => {
    const r = run([{ file: '评分.xlsx', sheets: [scores('张三')] }], { previous: [bonus(AWARD, AWARD)] });
    expect(bonuses(r).map((a) => a.points)).toEqual([2]);
    expect(about(r, 'adjustment-duplicate').map((f) => f.cell)).toEqual(['B3']);
    expect(written(r)).toEqual([['团委', '加分', 2, '获省级优秀网站称号']]);
  });

  it('dedupeAdjustments keeps the first of each row, in order', () => {
    const ctx = { file: 'a.xlsx', units: ['团委', '护理学院'] };
    const a = parseAdjustments(bonus(AWARD, ['护理学院', '加分', 1, '']), ctx).adjustments;
    const b = parseAdjustments(bonus(['护理学院', '加分', 1, null], AWARD), { ...ctx, file: 'b.xlsx' }).adjustments;
    const r = dedupeAdjustments([a, b]);
    expect(r.adjustments.map((x) => `${x.unit}@${x.file}/${x.cell}`)).toEqual(['团委@a.xlsx/B2', '护理学院@a.xlsx/B3']);
    expect(r.findings.map((f) => `${f.rule}@${f.file}/${f.cell}`)).toEqual(['adjustment-repeated@b.xlsx/B2', 'adjustment-repeated@b.xlsx/B3']);
  });
});

describe('with a roster, only roster units are ranked', () => {
  const other = grid('评分', [['轮次', '检查人', '单位', '二级指标', '得分'], ...DEFAULT_RUBRIC.indicators.map((ind) => ['上半年', '张三', '经管院', ind.level2, ind.max])]);
  const books = () => [{ file: '评分.xlsx', sheets: [scores('张三'), other, bonus(['经济与管理学院', '加分', 2, '获奖'])] }];

  it('a name outside it is not ranked, its scores and 加减分 not counted, and the finding says so', () => {
    const r = run(books());
    expect(r.run!.ranking.map((x) => [x.unit, x.rank])).toEqual([['团委', 1], ['护理学院', 2], ['经济管理学院', null]]);
    expect(r.run!.scores.some((e) => e.unit === '经管院')).toBe(false);
    expect(r.run!.adjustments).toEqual([]);
    const messages = about(r, 'score-unknown-unit').map((f) => f.message).sort();
    expect(messages).toEqual(['单位“经管院”不在单位名单中，其评分和加减分未计入排名', '单位“经济与管理学院”不在单位名单中，其评分和加减分未计入排名，是否为“经济管理学院”？'].sort());
    expect(r.workbook.sheets.find((s) => s.name === '考核排名')!.rows.flat().filter((v) => v === '经管院')).toEqual([]);
  });

  it('scores read back from the earlier result under a name outside it are flagged too', () => {
    const entries = [{ round: 1 as const, inspector: '张三', unit: '经济与管理学院', indicatorId: DEFAULT_RUBRIC.indicators[0]!.id, score: 1, note: '', file: null, sheet: null, cell: null }];
    const r = runPipeline({ submissions: [], roster, scoreBooks: [], entries, params: { asOf: '2024-11-20' }, mode: 'run' });
    expect(r.run!.ranking.every((x) => x.rank === null)).toBe(true);
    expect(about(r, 'score-unknown-unit').map((f) => [f.unit, f.message])).toEqual([['经济与管理学院', '单位“经济与管理学院”不在单位名单中，其评分和加减分未计入排名，是否为“经济管理学院”？']]);
  });

  it('the nearest roster unit: on a tie of edit distance, the one sharing the longer start', () => {
    const units: Roster = { units: [
      { name: '信息工程学院', category: null, aliases: ['信工学院'], head: null, phone: null },
      { name: '体育部', category: null, aliases: [], head: null, phone: null },
    ] };
    expect(nearestUnit(units, '体育学院')).toBe('体育部');
    expect(nearestUnit(units, '信息学院')).toBe('信息工程学院');
    expect(nearestUnit(units, '图书馆')).toBeNull();
    // A name cut short is the one unit it begins; near miss: one both begin is no answer.
    const jd = (name: string) => ({ name, category: null, aliases: [], head: null, phone: null });
    expect(nearestUnit({ units: [...units.units, jd('机电工程学院')] }, '机电')).toBe('机电工程学院');
    expect(nearestUnit({ units: [...units.units, jd('机电工程学院'), jd('机电一体化技术系')] }, '机电')).toBeNull();
  });

  it('near miss: without a roster every unit scored is ranked as written, with no finding', () => {
    const r = run(books(), { roster: null });
    expect(r.run!.ranking.map((x) => x.unit)).toEqual(['经管院', '团委', '护理学院', '经济与管理学院']);
    expect(about(r, 'score-unknown-unit')).toEqual([]);
  });
});

describe('an unscored unit', () => {
  it('has no bounds item (no score to bound), its other items kept', () => {
    const r = run([{ file: '评分.xlsx', sheets: [scores('张三')] }]);
    const u = row(r, '经济管理学院');
    expect(u.status).toBe('未评分');
    expect(u.adjustments.map((a) => a.indicator)).toEqual(['报送完整及时', '报送完整及时', '报送完整及时', '报送完整及时', '报送完整及时']);
    const sheet = r.workbook.sheets.find((s) => s.name === '考核排名')!;
    expect(JSON.stringify(sheet.rows)).not.toContain('总分不低于 0 分');
  });

  it('near miss: a scored unit pushed below 0 still gets the bounds item', () => {
    const low = grid('评分', [['轮次', '检查人', '单位', '二级指标', '得分'], ...DEFAULT_RUBRIC.indicators.map((ind) => ['上半年', '张三', '团委', ind.level2, 0])]);
    const u = row(run([{ file: '评分.xlsx', sheets: [low] }]), '团委');
    expect(u.adjustments.find((a) => a.indicator === '分值限定')).toMatchObject({ points: 10, reason: '总分不低于 0 分（计算值 -10）' });
  });
});

describe('a veto on a unit with no score', () => {
  it('is graded 不合格 whatever the score, none included, and stays unranked', () => {
    const r = run([{ file: '张三.xlsx', sheets: [scores('张三'), bonus(['经济管理学院', '否决', null, '发生泄密事件'])] }]);
    expect(row(r, '经济管理学院')).toMatchObject({ grade: '不合格', rank: null, score: null, status: '未评分' });
    const sheet = r.workbook.sheets.find((s) => s.name === '考核排名')!;
    expect(sheet.rows.find((x) => x[1] === '经济管理学院')).toContain('不合格');
  });
  it('near miss: without a veto an unscored unit is 未评分', () => {
    const r = run([{ file: '张三.xlsx', sheets: [scores('张三')] }]);
    expect(row(r, '经济管理学院')).toMatchObject({ grade: '未评分', rank: null });
  });
});

describe('rows of figures in a wide score sheet', () => {
  const wide = (label: string) => {
    const inds = DEFAULT_RUBRIC.indicators;
    return grid('上半年张三', [['单位', ...inds.map((i) => i.level2)], [label, ...inds.map((i) => i.max)], ['团委', ...inds.map((i) => i.max - (i.max >= 10 ? 1 : 0))]]);
  };
  it.each(['分值', '满分', '最高分', '全校平均', '中位数'])('%s is no unit, even without a roster', (label) => {
    const r = run([{ file: '评分.xlsx', sheets: [wide(label)] }], { roster: null });
    expect(r.run!.ranking.map((x) => x.unit)).toEqual(['团委']);
  });
});

describe('加减分 rows as offices type them', () => {
  it('单位 merged over a unit\'s two rows names both; a remark after the points (5分（省级）) is no problem', () => {
    const sheet = { ...bonus(['团委', '加分', 2, '获省级优秀网站称号'], [null, '加分', '1分（校级）', '校级表彰']), merges: [{ top: 1, left: 0, bottom: 2, right: 0 }] };
    const r = parseAdjustments(sheet, { file: 'a.xlsx' });
    expect(r.findings).toEqual([]);
    expect(r.adjustments.map((a) => [a.unit, a.points])).toEqual([['团委', 2], ['团委', 1]]);
  });
  it('near miss: a blank 单位 not merged is still a row without a unit', () => {
    const r = parseAdjustments(bonus(['团委', '加分', 2, '获奖'], [null, '加分', 1, '表彰']), { file: 'a.xlsx' });
    expect(r.findings.map((f) => f.rule)).toEqual(['adjustment-invalid']);
  });
});
