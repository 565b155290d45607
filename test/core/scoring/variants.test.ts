/**
 * Score workbooks as inspectors type them: the round written with its year or in the title,
 * indicators with their points or numbers, unit names with spaces or their 简称, the wide
 * layout (a row per unit, a column per indicator), totals and 加减分 types in other words.
 */
import { DEFAULT_RUBRIC, parseAdjustments, parseRound, parseScores, readBackEditable, scoreKey, scoreSheet } from '../../../src/core/scoring';
import type { Roster } from '../../../src/core/units';
import { classifyWorkbook, scoreBookProblems, scoreBookSheets } from '../../../src/core/classify';
import { runPipeline } from '../../../src/core/pipeline';
import { paramsFromGrid } from '../../../src/core/scoring/params';
import { entry, grid, modelToGrid } from './helpers';

const roster: Roster = { units: [
  { name: '信息工程学院', category: '教学单位', aliases: ['信工学院'], head: null, phone: null },
  { name: '护理学院', category: '教学单位', aliases: [], head: null, phone: null },
] };
const ctx = { file: 's.xlsx', rubric: DEFAULT_RUBRIC, units: ['信息工程学院', '护理学院'], roster };
const H = ['轮次', '检查人', '单位', '二级指标', '得分', '扣分说明'];
const read = (rows: (string | number | null)[][], name = '评分', file = 's.xlsx') => parseScores(grid(name, rows), { ...ctx, file });
const brief = (r: ReturnType<typeof read>) => r.entries.map((e) => `${e.round}/${e.inspector}/${e.unit}/${e.indicatorId}=${e.score}`);

describe('rounds', () => {
  it.each([
    ['2024年上半年', 1], ['2024上半年', 1], ['上半年检查', 1], ['上半年度', 1], ['第一次检查', 1], ['（上半年）', 1], ['Ⅰ', 1],
    ['2024年度下半年', 2], ['下半年考核', 2], ['第二轮', 2],
    ['2024-06-15', 1], ['2024年11月20日', 2], ['2024年6月', 1], ['2024年7月', 2],
    // Rounds named by season: the spring term's inspection is the first half.
    ['2024年春季', 1], ['春季学期检查', 1], ['秋季', 2], ['2024年秋季学期', 2], ['年中检查', 1], ['年底考核', 2],
  ] as const)('%s → %d', (text, round) => {
    expect(parseRound(text)).toBe(round);
  });

  it.each([['夏季'], ['第一学期'], ['2024年'], ['第三次'], ['上下半年'], ['2024-13-01']])('%s stays unknown', (text) => {
    expect(parseRound(text)).toBeNull();
  });

  it('without a 轮次 column, the round named in the title holds for every row', () => {
    const r = read([['2024年下半年党建网站检查评分表'], ['检查人', '单位', '二级指标', '得分'], ['张三', '护理学院', '栏目规划', 3]]);
    expect(r.findings).toEqual([]);
    expect(brief(r)).toEqual(['2/张三/护理学院/content.columns=3']);
  });

  it('a 检查日期 column stands for the round', () => {
    const sheet = grid('评分', [['检查日期', '检查人', '单位', '二级指标', '得分'], ['2024-06-15', '张三', '护理学院', '栏目规划', 3], [null, '张三', '护理学院', '栏目规划', 2.5]]);
    sheet.rows[2]![0] = { t: 'd', v: '2024-11-20' };
    const r = parseScores(sheet, ctx);
    expect(r.findings).toEqual([]);
    expect(brief(r)).toEqual(['1/张三/护理学院/content.columns=3', '2/张三/护理学院/content.columns=2.5']);
  });

  it('near miss: no 轮次 column and no round named anywhere refuses the sheet', () => {
    const r = read([['党建网站检查评分表'], ['检查人', '单位', '二级指标', '得分'], ['张三', '护理学院', '栏目规划', 3]]);
    expect(r.entries).toEqual([]);
    expect(r.findings.map((f) => f.rule)).toEqual(['score-sheet-invalid']);
  });
});

describe('indicators and units as written', () => {
  it.each([['栏目规划（3分）'], ['1.栏目规划'], ['一、栏目规划'], ['（一）栏目规划'], ['网站内容-栏目规划'], ['栏目规划(3)']])('indicator %s is 栏目规划', (ind) => {
    expect(brief(read([H, ['上半年', '张三', '护理学院', ind, 3, '']]))).toEqual(['1/张三/护理学院/content.columns=3']);
  });

  it('near miss: a part of a name is no indicator', () => {
    expect(read([H, ['上半年', '张三', '护理学院', '栏目', 3, '']]).findings.map((f) => f.rule)).toEqual(['score-unknown-indicator']);
  });

  it.each([[' 护 理 学 院'], ['护理学院（盖章）'], ['东江职业技术学院护理学院']])('unit %s scores for 护理学院', (unit) => {
    const r = read([H, ['上半年', '张三', unit, '栏目规划', 3, '']]);
    expect(r.findings).toEqual([]);
    expect(r.entries.map((e) => e.unit)).toEqual(['护理学院']);
  });

  it('a roster alias scores for its unit', () => {
    expect(read([H, ['上半年', '张三', '信工学院', '栏目规划', 3, '']]).entries.map((e) => e.unit)).toEqual(['信息工程学院']);
  });

  it('near miss: an unknown unit keeps its name and is flagged', () => {
    const r = read([H, ['上半年', '张三', '外语学院', '栏目规划', 3, '']]);
    expect(r.entries.map((e) => e.unit)).toEqual(['外语学院']);
    expect(r.findings.map((f) => f.rule)).toEqual(['score-unknown-unit']);
  });

  it('header words of other offices, below a long title block', () => {
    const r = read([...Array.from({ length: 12 }, () => [null]), ['检查批次', '检查人员', '被检单位', '考核指标', '评分结果', '扣分理由'], ['上半年', '张三', '护理学院', '新闻动态', 12, '更新慢']]);
    expect(brief(r)).toEqual(['1/张三/护理学院/content.news=12']);
    expect(r.entries[0]!.note).toBe('更新慢');
  });

  it.each([
    ['部门', '检查项目', '考核得分'], ['二级单位', '考核内容', '分数'], ['单位/部门', '检查内容', '检查得分'], ['部门名称', '评分内容', '最终得分'],
  ])('%s | %s | %s name the unit, indicator and score columns', (unit, indicator, score) => {
    expect(brief(read([['轮次', '检查人', unit, indicator, score], ['上半年', '张三', '护理学院', '新闻动态', 12]]))).toEqual(['1/张三/护理学院/content.news=12']);
  });

  it('a 合计 row is no score row', () => {
    const r = read([H, ['上半年', '张三', '护理学院', '栏目规划', 3, ''], ['合计', null, null, null, 3, null]]);
    expect(r.findings).toEqual([]);
    expect(r.entries).toHaveLength(1);
  });

  it('a unit merged over its rows is read on each', () => {
    const sheet = grid('评分', [H, ['上半年', '张三', '护理学院', '栏目规划', 3, ''], [null, null, null, '新闻动态', 12, '']]);
    sheet.merges = [{ top: 1, left: 0, bottom: 2, right: 0 }, { top: 1, left: 1, bottom: 2, right: 1 }, { top: 1, left: 2, bottom: 2, right: 2 }];
    const r = parseScores(sheet, ctx);
    expect(r.findings).toEqual([]);
    expect(brief(r)).toEqual(['1/张三/护理学院/content.columns=3', '1/张三/护理学院/content.news=12']);
  });

  it('near miss: a blank unit after the unit\'s 合计 row is flagged, not the unit above (blocks.test.ts fills down within a group)', () => {
    const r = read([H, ['上半年', '张三', '护理学院', '栏目规划', 3, ''], [null, null, null, '合计', 3, null], [null, null, null, '新闻动态', 12, '']]);
    expect(r.findings.map((f) => [f.rule, f.cell])).toEqual([['score-invalid-row', 'C4']]);
  });
});

describe('the wide layout', () => {
  const head = ['单位', '栏目规划', '新闻动态（15分）', '组织管理', '党员教育', '合计', '扣分说明'];
  it('reads a row per unit, the round and inspector from the title, 合计 left out, the note on the indicators that lost points', () => {
    const r = read([['2024年上半年党建网站检查评分表（检查人：张三）'], head, ['护理学院', 3, 14, 20, 15, 52, '新闻更新慢'], ['信工学院', 2.5, null, 18, 15, 35.5, null]]);
    expect(r.findings).toEqual([]);
    expect(brief(r)).toEqual([
      '1/张三/护理学院/content.columns=3', '1/张三/护理学院/content.news=14', '1/张三/护理学院/content.organization=20', '1/张三/护理学院/content.education=15',
      '1/张三/信息工程学院/content.columns=2.5', '1/张三/信息工程学院/content.organization=18', '1/张三/信息工程学院/content.education=15',
    ]);
    expect(r.entries.filter((e) => e.note).map((e) => e.indicatorId)).toEqual(['content.news']);
  });

  it('takes 轮次 and 检查人 columns when there are some, and flags a bad score at its cell', () => {
    const r = read([['轮次', '检查人', ...head], ['下半年', '李四', '护理学院', 3, '十五', 20, 15, null, null]]);
    expect(brief(r)).toEqual(['2/李四/护理学院/content.columns=3', '2/李四/护理学院/content.organization=20', '2/李四/护理学院/content.education=15']);
    expect(r.findings.map((f) => [f.rule, f.cell])).toEqual([['score-invalid-row', 'E2']]);
  });

  it('near miss: two indicator columns make no score sheet', () => {
    expect(read([['2024年上半年'], ['单位', '栏目规划', '新闻动态'], ['护理学院', 3, 14]]).findings.map((f) => f.rule)).toEqual(['score-sheet-invalid']);
  });
});

describe('加减分 in other words', () => {
  it('加分项 / 奖励加分 are bonuses, 一票否决项 / 否决事项 vetoes, the unit resolved', () => {
    const sheet = grid('加减分', [['单位名称', '加减分类别', '分数', '事由'], ['护理学院 ', '加分项', 2, 'a'], ['信工学院', '奖励加分', 1, 'b'], ['护理学院', '一票否决项', null, 'c'], ['护理学院', '否决事项', null, 'd'], ['合计', null, 3, null]]);
    const r = parseAdjustments(sheet, { file: 'a.xlsx', units: ctx.units, roster });
    expect(r.findings).toEqual([]);
    expect(r.adjustments.map((a) => `${a.unit}/${a.kind}/${a.points}`)).toEqual(['护理学院/bonus/2', '信息工程学院/bonus/1', '护理学院/veto/0', '护理学院/veto/0']);
  });

  it('near miss: 扣分, 减分 and 加分否决 stay invalid', () => {
    const sheet = grid('加减分', [['单位', '类型', '分值'], ['护理学院', '扣分', 2], ['护理学院', '减分', 1], ['护理学院', '加分否决', 1]]);
    expect(parseAdjustments(sheet, { file: 'a.xlsx', units: ctx.units }).findings.map((f) => f.rule)).toEqual(['adjustment-invalid', 'adjustment-invalid', 'adjustment-invalid']);
  });
});

describe('a wide score CSV among the submissions', () => {
  it('is recognised as a score workbook and read under its own name', () => {
    const csv = grid('张三-上半年评分', [['单位', '栏目规划', '新闻动态', '组织管理', '党员教育'], ['护理学院', 3, 14, 20, 15]]);
    const wb = { sheets: [csv] };
    expect(classifyWorkbook(wb, '张三-上半年评分.csv')).toBe('scores');
    const [sheet] = scoreBookSheets(wb);
    expect(sheet!.name).toBe('张三-上半年评分');
    // The round comes from the file name when neither a column nor a title holds it.
    expect(brief(parseScores(sheet!, { ...ctx, file: '张三-上半年评分.csv' }))).toHaveLength(4);
  });
});

describe('units side by side', () => {
  const wide = (units: string[]) => parseScores(grid('上半年', [['序号', '二级指标', '分值', ...units], ...DEFAULT_RUBRIC.indicators.map((ind, k) => [k + 1, ind.level2, ind.max, ...units.map(() => ind.max)])]), ctx);
  it('护理学院得分 / 护理学院（得分） head the unit’s column', () => {
    for (const h of ['护理学院得分', '护理学院（得分）']) expect(new Set(wide(['信息工程学院', h]).entries.map((e) => e.unit))).toEqual(new Set(['信息工程学院', '护理学院']));
  });
  it('a column headed by a name cut short is read and flagged with the nearest unit, never dropped', () => {
    const r = wide(['信息工程学院', '护理']);
    expect(r.findings.filter((f) => f.rule === 'score-unknown-unit').map((f) => f.message)).toEqual([expect.stringContaining('是否为“护理学院”')]);
    // Near miss: 平均分 and 备注 beside them are no units.
    expect(wide(['信息工程学院', '平均分', '备注']).findings.filter((f) => f.rule === 'score-unknown-unit')).toEqual([]);
  });
});

describe('an inspector’s name as typed', () => {
  it('张 明, 张　明 and 张明（组长） are one inspector: a repeat, not a second score averaged in', () => {
    const r = read([H, ['上半年', '张 明', '护理学院', '新闻动态', 12, ''], ['上半年', '张　明', '护理学院', '栏目规划', 3, ''], ['上半年', '张明（组长）', '护理学院', '组织管理', 20, '']]);
    expect(new Set(r.entries.map((e) => e.inspector))).toEqual(new Set(['张明']));
    // Near miss: two people are two inspectors.
    expect(new Set(read([H, ['上半年', '张明', '护理学院', '新闻动态', 12, ''], ['上半年', '张敏', '护理学院', '新闻动态', 13, '']]).entries.map((e) => e.inspector))).toEqual(new Set(['张明', '张敏']));
  });
});

describe('a hidden sheet of scores', () => {
  it('is not counted, and a warning says so', () => {
    const rows = [['轮次', '检查人', '单位', '二级指标', '得分'], ['下半年', '张三', '护理学院', '新闻动态', 12]];
    const wb = { sheets: [{ ...grid('下半年', rows), hidden: true }, grid('上半年', [rows[0]!, ['上半年', '张三', '护理学院', '新闻动态', 14]])] };
    expect(scoreBookSheets(wb).map((s) => s.name)).toEqual(['上半年']);
    const problems = scoreBookProblems('评分.xlsx', wb);
    expect(problems).toEqual([{ file: '评分.xlsx', sheet: '下半年', detail: '', hidden: true }]);
    const r = runPipeline({ submissions: [], roster, scoreBooks: scoreBookSheets(wb).map((sheet) => ({ file: '评分.xlsx', sheet })), scoreProblems: problems, params: { asOf: '2024-11-20' }, mode: 'run' });
    expect(r.findings.filter((f) => f.rule === 'score-sheet-hidden').map((f) => [f.severity, f.sheet])).toEqual([['warning', '下半年']]);
    // Near miss: a hidden sheet of dropdown lists holds no scores and says nothing.
    expect(scoreBookProblems('评分.xlsx', { sheets: [{ ...grid('列表', [['是'], ['否']]), hidden: true }] })).toEqual([]);
  });
});

describe('scores given without an inspector', () => {
  it('come back from the 评分表 as the same unnamed inspector, not a second one', () => {
    const unnamed = DEFAULT_RUBRIC.indicators.map((i) => entry('护理学院', i.id, i.max, { inspector: '' }));
    const model = scoreSheet({ units: [{ unit: '护理学院', category: '教学单位' }], rubric: DEFAULT_RUBRIC, scores: unnamed });
    const back = readBackEditable({ scoreSheet: modelToGrid(model), rubric: DEFAULT_RUBRIC, file: 'result.xlsx' });
    expect(back.findings).toEqual([]);
    expect(new Set(back.scores.map((e) => e.inspector))).toEqual(new Set(['']));
    expect(back.scores.map((e) => scoreKey(e)).sort()).toEqual(unnamed.map((e) => scoreKey(e)).sort());
  });
});

describe('参数 as offices write it', () => {
  it('labels with a colon, values with their unit, a 序号 column before 参数 | 值', () => {
    const sheet = grid('参数', [['序号', '参数', '值', '说明'], [1, '检查日期：', '2024-11-20', ''], [2, '整改期限（天）', '10天', ''], [3, '更新预警天数', '5 日', '每周更新']]);
    const r = paramsFromGrid(sheet, 'p.xlsx');
    expect(r.findings).toEqual([]);
    expect(r.given).toEqual({ asOf: '2024-11-20', rectifyDays: 10, staleWarnDays: 5 });
  });

  it('near miss: a word that is no number stays invalid, at the value cell', () => {
    const r = paramsFromGrid(grid('参数', [['序号', '参数', '值'], [1, '整改期限', '半个月']]), 'p.xlsx');
    expect(r.findings.map((f) => [f.rule, f.cell])).toEqual([['params-invalid', 'C2']]);
  });
});
