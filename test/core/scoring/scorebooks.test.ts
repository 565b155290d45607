/**
 * Score workbooks shaped as offices receive them from several inspectors, run the way `run`
 * runs them (classify → scoreBookSheets → pipeline): totals, grades, ranks and findings must be
 * those of the same scores in the documented long layout.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import path from 'node:path';
import { scoreSheets } from '../../../src/cli/inputs';
import { classifyWorkbook, scoreBookSheets } from '../../../src/core/classify';
import type { SheetGrid, WorkbookGrid } from '../../../src/core/grid';
import { runPipeline } from '../../../src/core/pipeline';
import { DEFAULT_RUBRIC, inspectorInSheetName, paramsFromGrid, parseScores } from '../../../src/core/scoring';
import type { Roster } from '../../../src/core/units';
import { scoreValue } from '../../../src/core/scoring/score-layout';
import { grid, modelToGrid } from './helpers';

type V = string | number | null;
const roster: Roster = { units: [
  { name: '信息工程学院', category: '教学单位', aliases: ['信工学院'], head: null, phone: null },
  { name: '护理学院', category: '教学单位', aliases: [], head: null, phone: null },
  { name: '财务处', category: '职能部门', aliases: [], head: null, phone: null },
] };
const UNITS = roster.units.map((u) => u.name);
const INDS = DEFAULT_RUBRIC.indicators;
const ROUND = { 1: '上半年', 2: '下半年' } as const;
const INSPECTORS = { 1: ['张三', '李四'], 2: ['王五'] } as const;
type R = keyof typeof INSPECTORS;
const each = (f: (round: R, inspector: string) => void) => ([1, 2] as R[]).forEach((r) => INSPECTORS[r].forEach((p) => f(r, p)));

/** A fixed, uneven score per round × inspector × unit × indicator (0.5 steps, within bounds). */
function score(round: R, inspector: string, unit: string, i: number): number {
  let h = round * 31 + i * 7;
  for (const c of inspector + unit) h = (h * 33 + c.charCodeAt(0)) % 1000003;
  return Math.max(0, INDS[i]!.max - (h % 7) * 0.5);
}

/** The documented layout: one long 评分 sheet. */
function plain(): WorkbookGrid {
  const rows: V[][] = [['轮次', '检查人', '单位', '二级指标', '得分', '扣分说明']];
  each((r, p) => UNITS.forEach((u) => INDS.forEach((ind, i) => rows.push([ROUND[r], p, u, ind.level2, score(r, p, u, i), null]))));
  return { sheets: [grid('评分', rows)] };
}

function run(books: { file: string; sheets: SheetGrid[] }[]) {
  const scoreBooks = books.flatMap((b) => scoreBookSheets({ sheets: b.sheets }).map((sheet) => ({ file: b.file, sheet })));
  return runPipeline({ submissions: [], roster, scoreBooks, params: { asOf: '2024-11-20' }, mode: 'run' });
}
const outcome = (r: ReturnType<typeof run>) => r.run!.ranking.map((x) => [x.unit, x.score, x.grade, x.rank, x.roundTotals]);
const scoringRules = (r: ReturnType<typeof run>) => r.findings.filter((f) => f.rule.startsWith('score-')).map((f) => f.rule);
const base = run([{ file: '评分.xlsx', sheets: plain().sheets }]);

it('the plain layout scores every unit in both rounds', () => {
  expect(base.run!.ranking.every((x) => x.score !== null && Object.keys(x.roundTotals).length === 2)).toBe(true);
});

describe('a sheet per inspector or per round, in one workbook', () => {
  it('sheets named after the inspectors keep each inspector (none replaces another)', () => {
    const names = [...new Set(Object.values(INSPECTORS).flat())];
    const sheets = names.map((p) => {
      const rows: V[][] = [['轮次', '单位', '二级指标', '得分']];
      each((r, q) => q === p && UNITS.forEach((u) => INDS.forEach((ind, i) => rows.push([ROUND[r], u, ind.level2, score(r, p, u, i)]))));
      return grid(p === '李四' ? `${p}评分` : p, rows);
    });
    const r = run([{ file: '检查评分.xlsx', sheets }]);
    expect(outcome(r)).toEqual(outcome(base));
    expect(scoringRules(r)).toEqual(scoringRules(base));
  });

  it('sheets named after the rounds (上半年 | 第二次检查) give each its round, findings located on them', () => {
    const sheets = ([1, 2] as R[]).map((r) => {
      const rows: V[][] = [['检查人', '单位', '二级指标', '得分']];
      INSPECTORS[r].forEach((p) => UNITS.forEach((u) => INDS.forEach((ind, i) => rows.push([p, u, ind.level2, score(r, p, u, i)]))));
      return grid(r === 1 ? '上半年' : '第二次检查', rows);
    });
    const r = run([{ file: '检查评分.xlsx', sheets }]);
    expect(outcome(r)).toEqual(outcome(base));
    expect(scoringRules(r)).toEqual(scoringRules(base));
    expect(new Set(r.findings.filter((f) => f.rule === 'score-disagreement').map((f) => f.sheet))).toEqual(new Set(['上半年']));
  });

  it('near miss: two unnamed sheets scoring the same unit are flagged as a conflict, not silently replaced', () => {
    const sheet = (name: string, points: number) => grid(name, [['轮次', '单位', '二级指标', '得分'], ['上半年', '护理学院', '栏目规划', points]]);
    const r = run([{ file: '检查评分.xlsx', sheets: [sheet('Sheet1', 3), sheet('Sheet2', 2)] }]);
    expect(scoringRules(r)).toContain('score-conflict');
  });

  it.each([
    ['张三', '张三'], ['张三评分', '张三'], ['2024年上半年-李四', '李四'], ['检查人：欧阳明月', '欧阳明月'],
    ['评分', ''], ['Sheet1', ''], ['上半年', ''], ['汇总', ''], ['附件1', ''], ['护理学院', ''], ['总表', ''],
    // Sheets named after a kind of unit or platform, not a person.
    ['教学单位', ''], ['职能部门', ''], ['机关部门', ''], ['直属单位', ''], ['网站评分', ''], ['党建网站', ''], ['新媒体', ''], ['第一组', ''],
    ['党小明', '党小明'], ['司马光评分', '司马光'],
  ])('sheet %s names inspector “%s”', (name, inspector) => {
    expect(inspectorInSheetName(name)).toBe(inspector);
  });
});

describe('a unit’s own 评分表: the indicators down the rows, the unit named above', () => {
  /** Each inspector's workbook, a sheet per unit: 一级指标 | 二级指标 | 分值 | 评分标准 | 得分 | 扣分说明, a 合计 row. */
  const books = (name: (unit: string) => string, title: (unit: string, r: R, p: string) => V[][]) => {
    const out: { file: string; sheets: SheetGrid[] }[] = [];
    each((r, p) => out.push({ file: `${p}-${ROUND[r]}.xlsx`, sheets: UNITS.map((u) => {
      const rows: V[][] = [...title(u, r, p), ['一级指标', '二级指标', '分值', '评分标准', '得分', '扣分说明']];
      INDS.forEach((ind, i) => rows.push([ind.level1, ind.level2, ind.max, ind.standard, score(r, p, u, i), null]));
      rows.push(['合计', null, 100, null, INDS.reduce((s, _, i) => s + score(r, p, u, i), 0), null]);
      return grid(name(u), rows);
    }) }));
    return out;
  };

  it('scores the unit a sheet is named after, the round and inspector from the title', () => {
    const r = run(books((u) => u, (u, r, p) => [[`${u}党建网站检查评分表`], [`2024年${ROUND[r]}  检查人：${p}`]]));
    expect(outcome(r)).toEqual(outcome(base));
    expect(scoringRules(r)).toEqual(scoringRules(base));
  });

  it('or the unit a title or a 被检查单位 label names, on sheets called Sheet1…', () => {
    const r = run(books((u) => `Sheet${UNITS.indexOf(u) + 1}`, (u, r, p) => [[`2024年${ROUND[r]}党建网站检查评分表（检查人：${p}）`], [`被检查单位：${u}`, null, null, null, '检查日期：2024-06-10']]));
    expect(outcome(r)).toEqual(outcome(base));
  });

  it('near miss: a sheet that names no unit anywhere is refused with a finding', () => {
    const sheet = grid('Sheet1', [['2024年上半年检查评分表'], ['二级指标', '分值', '得分'], ['栏目规划', 3, 3], ['新闻动态', 15, 12], ['组织管理', 20, 20]]);
    const r = run([{ file: '评分.xlsx', sheets: [sheet] }]);
    expect(r.findings.filter((f) => f.rule === 'score-sheet-invalid').map((f) => f.sheet)).toEqual(['Sheet1']);
  });

  it('near miss: a rubric with a 分数 column is no score sheet', () => {
    expect(scoreBookSheets({ sheets: [grid('Sheet1', [['二级指标', '分数', '评分标准'], ...INDS.map((i) => [i.level2, i.max, i.standard])])] })).toEqual([]);
  });
});

describe('totals written on the sheet', () => {
  const H = ['轮次', '检查人', '单位', '二级指标', '得分'];
  const rows = (total: number): V[][] => [H, ['上半年', '张三', '护理学院', '栏目规划', 3], ['上半年', '张三', '护理学院', '新闻动态', 12.5], [null, null, '护理学院', '合计', total]];
  const parse = (sheet: SheetGrid) => parseScores(sheet, { file: 's.xlsx', rubric: DEFAULT_RUBRIC, units: UNITS });

  it('a 合计 row equal to its scores is neither a finding nor counted', () => {
    const r = parse(grid('评分', rows(15.5)));
    expect(r.findings).toEqual([]);
    expect(r.entries.map((e) => e.score)).toEqual([3, 12.5]);
  });

  it('a 合计 row that disagrees is a score-total-mismatch at its cell; the scores count', () => {
    const r = parse(grid('评分', rows(16)));
    expect(r.findings.map((f) => [f.rule, f.cell])).toEqual([['score-total-mismatch', 'E4']]);
    expect(r.entries.map((e) => e.score)).toEqual([3, 12.5]);
  });

  it('a wide 总分 column is checked per row', () => {
    const r = parse(grid('评分', [['2024年上半年'], ['单位', '栏目规划', '新闻动态', '组织管理', '总分'], ['护理学院', 3, 12, 20, 35], ['财务处', 3, 12, 20, 36]]));
    expect(r.findings.map((f) => [f.rule, f.cell, f.unit])).toEqual([['score-total-mismatch', 'E4', '财务处']]);
  });

  it('near miss: a row already flagged leaves its total unchecked (one finding, not two)', () => {
    const sheet = grid('评分', rows(15.5));
    sheet.rows[2]![4] = { t: 's', v: '十二点五' };
    expect(parse(sheet).findings.map((f) => f.rule)).toEqual(['score-invalid-row']);
  });
});

describe('scores as inspectors write them', () => {
  const H = ['轮次', '检查人', '单位', '二级指标', '得分', '扣分说明'];
  const parse = (rows: V[][], merges: SheetGrid['merges'] = []) => parseScores({ ...grid('评分', rows), merges }, { file: 's.xlsx', rubric: DEFAULT_RUBRIC, units: UNITS });
  const brief = (r: ReturnType<typeof parse>) => r.entries.map((e) => `${e.round}/${e.unit}/${e.indicatorId}=${e.score}${e.note ? `（${e.note}）` : ''}`);
  const row = (ind: string, s: V, note: V = null): V[] => ['上半年', '张三', '护理学院', ind, s, note];

  it('满分, 14分, full-width digits, a number with a remark (kept as the note)', () => {
    const r = parse([H, row('栏目规划', '满分'), row('新闻动态', '14分'), row('组织管理', '１８．５'), row('党员教育', '12.5（学习计划不全）'), row('信息规范', '6分，有错字', '格式')]);
    expect(r.findings).toEqual([]);
    expect(brief(r)).toEqual(['1/护理学院/content.columns=3', '1/护理学院/content.news=14', '1/护理学院/content.organization=18.5', '1/护理学院/content.education=12.5（学习计划不全）', '1/护理学院/content.accuracy=6（格式；有错字）']);
  });

  it('— or / mean not scored, like a blank', () => {
    const r = parse([H, row('栏目规划', '—'), row('新闻动态', '/'), row('组织管理', 0)]);
    expect(r.findings).toEqual([]);
    expect(brief(r)).toEqual(['1/护理学院/content.organization=0']);
  });

  it.each([['100%'], ['十五'], ['-2'], ['15-2']])('near miss: %s stays a finding', (s) => {
    const r = parse([H, row('新闻动态', s)]);
    expect(r.entries).toEqual([]);
    expect(r.findings).toHaveLength(1);
  });

  it('a 扣分 column instead of 得分 takes the deduction off the indicator’s points; 得分 wins where both are written', () => {
    const r = parse([['轮次', '检查人', '单位', '二级指标', '得分', '扣分', '扣分说明'], ['上半年', '张三', '护理学院', '新闻动态', null, 2, '慢'], ['上半年', '张三', '护理学院', '组织管理', null, '扣1.5分', null], ['上半年', '张三', '护理学院', '栏目规划', null, '无', null], ['上半年', '张三', '护理学院', '党员教育', 14, 1, null]]);
    expect(r.findings).toEqual([]);
    expect(brief(r)).toEqual(['1/护理学院/content.news=13（慢）', '1/护理学院/content.organization=18.5', '1/护理学院/content.columns=3', '1/护理学院/content.education=14']);
  });

  it.each([['良', 0], ['十五', 0], ['90%', 0], ['8/10', 0], ['良', 3], ['20', 0]])('an invalid 得分 %s beside 扣分 %s is not scored from the deduction', (score, deduction) => {
    const r = parse([['轮次', '检查人', '单位', '二级指标', '得分', '扣分'], ['上半年', '张三', '护理学院', '新闻动态', score, deduction]]);
    expect(r.entries).toEqual([]);
    expect(r.findings).toHaveLength(1);
  });

  it('near miss: a deduction above the points is out of range', () => {
    expect(parse([['轮次', '检查人', '单位', '二级指标', '扣分'], ['上半年', '张三', '护理学院', '栏目规划', 4]]).findings.map((f) => f.rule)).toEqual(['score-out-of-range']);
  });

  it('a column per round (上半年得分 | 下半年得分)', () => {
    const r = parse([['检查人', '单位', '二级指标', '上半年得分', '上半年扣分说明', '第二次检查'], ['张三', '护理学院', '栏目规划', 3, '好', 2.5]]);
    expect(r.findings).toEqual([]);
    expect(brief(r)).toEqual(['1/护理学院/content.columns=3', '2/护理学院/content.columns=2.5']);
  });

  it('a header over two rows: 指标 over 一级指标 | 二级指标, 单位 merged down', () => {
    const r = parse([['轮次', '检查人', '单位', '指标', null, '得分'], [null, null, null, '一级指标', '二级指标', null], ['上半年', '张三', '护理学院', '网站内容', '新闻动态', 14]], [{ top: 0, left: 3, bottom: 0, right: 4 }, { top: 0, left: 2, bottom: 1, right: 2 }]);
    expect(r.findings).toEqual([]);
    expect(brief(r)).toEqual(['1/护理学院/content.news=14']);
  });

  it('a wide header over two rows: 一级指标 above the indicators, a note column per indicator', () => {
    const r = parse([['2024年上半年'], ['单位', '网站内容（70分）', null, null, null, '网站管理（30分）'], [null, '栏目规划（3分）', '扣分原因', '新闻动态（15分）', '组织管理（20分）', '领导重视（10分）'], ['护理学院', 2, '缺栏目', 14, 20, 10]]);
    expect(r.findings).toEqual([]);
    expect(brief(r)).toEqual(['1/护理学院/content.columns=2（缺栏目）', '1/护理学院/content.news=14', '1/护理学院/content.organization=20', '1/护理学院/management.leadership=10']);
  });

  it('indicators by their place (1.1, 一(2), A3, 2.1) or in more words; the name wins over an id column', () => {
    const r = parse([H, row('1.1', 3), row('一(2)', 14), row('A3', 19), row('2.1', 9), row('1.6信息更新情况', 8)]);
    expect(r.findings).toEqual([]);
    expect(brief(r)).toEqual(['1/护理学院/content.columns=3', '1/护理学院/content.news=14', '1/护理学院/content.organization=19', '1/护理学院/management.leadership=9', '1/护理学院/content.updates=8']);
    const both = parse([['轮次', '检查人', '单位', '指标编号', '二级指标', '得分'], ['上半年', '张三', '护理学院', '1', '栏目规划', 3]]);
    expect(brief(both)).toEqual(['1/护理学院/content.columns=3']);
  });

  it.each([['栏目'], ['新闻动态与组织管理'], ['3.1'], ['1.7'], ['12']])('near miss: indicator %s stays unknown', (ind) => {
    expect(parse([H, row(ind, 1)]).findings.map((f) => f.rule)).toEqual(['score-unknown-indicator']);
  });
});

describe('more than scores in a score workbook', () => {
  it('a result workbook’s 评分表 sent back filled counts per inspector (its print view never a second time)', () => {
    const sheets = base.workbook.sheets.map((m) => modelToGrid(m));
    expect(classifyWorkbook({ sheets }, '考核结果.xlsx')).toBe('result');
    expect(scoreBookSheets({ sheets }).map((s) => s.name)).not.toContain('评分表_打印');
    const r = run([{ file: '考核结果.xlsx', sheets }]);
    expect(outcome(r)).toEqual(outcome(base));
    expect(scoringRules(r)).toEqual(scoringRules(base));
  });

  it('a 汇总 sheet beside the inspectors’ sheets is not counted again, and says so', () => {
    const sheet = (name: string, p: string | null) => {
      const rows: V[][] = [['轮次', '单位', '二级指标', '得分']];
      UNITS.forEach((u) => INDS.forEach((ind, i) => rows.push(['上半年', u, ind.level2, p ? score(1, p, u, i) : (score(1, '张三', u, i) + score(1, '李四', u, i)) / 2])));
      return grid(name, rows);
    };
    const r = run([{ file: '上半年.xlsx', sheets: [sheet('张三', '张三'), sheet('李四', '李四'), sheet('汇总', null)] }]);
    expect(r.findings.filter((f) => f.rule === 'score-sheet-skipped').map((f) => f.sheet)).toEqual(['汇总']);
    expect(new Set(r.run!.scores.map((e) => e.inspector))).toEqual(new Set(['张三', '李四']));
  });

  it('near miss: a workbook of 上半年汇总 and 下半年汇总 alone reads both', () => {
    const sheet = (name: string, round: string) => grid(name, [['轮次', '单位', '二级指标', '得分'], [round, '护理学院', '栏目规划', 3]]);
    const r = run([{ file: '汇总.xlsx', sheets: [sheet('上半年汇总', '上半年'), sheet('下半年汇总', '下半年')] }]);
    expect(r.findings.filter((f) => f.rule === 'score-sheet-skipped')).toEqual([]);
    expect(r.run!.scores).toHaveLength(2);
  });
});

describe('参数 values as offices write them', () => {
  const read = (label: string, value: string) => paramsFromGrid(grid('参数', [['参数', '值'], [label, value]]), 'p.xlsx');
  it.each([
    ['整改期限（天）', '十五天', { rectifyDays: 15 }], ['整改期限', '两周', { rectifyDays: 14 }], ['更新预警天数', '1周', { staleWarnDays: 7 }],
    ['缺报迟报扣分（每项）', '每项扣2分', { formMissing: { each: -2, cap: -10 } }], ['缺报迟报扣分上限', '最多8分', { formMissing: { each: -2, cap: -8 } }],
    ['加分上限', '不超过3分', { bonus: { cap: 3 } }], ['网络大V粉丝数', '1.2万', { bigvThreshold: 12000 }], ['网络大V粉丝数', '2,000人', { bigvThreshold: 2000 }],
    ['优秀分数线', '90分', null], ['工作群问题扣分（每个）', '1分/个', { groupIssue: { each: -1, cap: -4 } }],
  ] as const)('%s = %s', (label, value, given) => {
    const r = read(label, value);
    expect(r.findings).toEqual([]);
    if (given) expect(r.given).toEqual(given);
  });

  it.each([['整改期限', '10个工作日'], ['整改期限', '半个月'], ['更新预警天数', '一周左右'], ['加分上限', '若干']])('near miss: %s = %s stays invalid', (label, value) => {
    expect(read(label, value).findings.map((f) => f.rule)).toEqual(['params-invalid']);
  });
});

describe('a score file that holds no scores', () => {
  it('a submission given as --scores gets score-sheet-invalid at its first sheet, not silence', async () => {
    const file = path.join(__dirname, '../../../samples/submissions/体育部.xlsx');
    const { sheets: scoreBooks } = await scoreSheets(file);
    const r = runPipeline({ submissions: [], roster, scoreBooks, params: { asOf: '2024-11-20' }, mode: 'run' });
    expect(r.findings.filter((f) => f.rule === 'score-sheet-invalid').map((f) => f.file)).toEqual([scoreBooks[0]!.file]);
  });
});

describe('a score file that cannot be read', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'zhendi-scores-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  async function book(sheets: Record<string, (string | number)[][]>): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    for (const [name, rows] of Object.entries(sheets)) wb.addWorksheet(name).addRows(rows);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }
  const scores = (who: string, points: number) => [['轮次', '检查人', '单位', '二级指标', '得分'], ...DEFAULT_RUBRIC.indicators.map((ind) => ['上半年', who, roster.units[0]!.name, ind.level2, Math.min(ind.max, points)])];

  it('a damaged file is a finding, and the other score files still count', async () => {
    writeFileSync(path.join(dir, 'good.xlsx'), await book({ 评分: scores('张三', 5) }));
    writeFileSync(path.join(dir, 'broken.xlsx'), Buffer.from('PK\u0003\u0004 not really a workbook'));
    const books = await Promise.all(['good.xlsx', 'broken.xlsx'].map((f) => scoreSheets(path.join(dir, f))));
    expect(books[1]).toMatchObject({ sheets: [], problems: [{ sheet: null }] });
    const r = runPipeline({ submissions: [], roster, scoreBooks: books.flatMap((b) => b.sheets), scoreProblems: books.flatMap((b) => b.problems), params: { asOf: '2024-11-20' }, mode: 'run' });
    const bad = r.findings.filter((f) => f.rule === 'score-sheet-invalid');
    expect(bad).toHaveLength(1);
    expect(bad[0]!.message).toMatch(/^评分文件无法读取，其中的评分未计入/);
    expect(r.run!.ranking.find((x) => x.unit === roster.units[0]!.name)!.base).toBeGreaterThan(0);
  });

  it('an unreadable sheet of a readable workbook is a finding at that sheet, not dropped in silence', async () => {
    const bytes = await book({ 上半年张三: scores('张三', 5), 上半年李四: scores('李四', 3) });
    // The second sheet's part made unreadable XML.
    const parts = unzipSync(bytes);
    parts['xl/worksheets/sheet2.xml'] = strToU8('<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>');
    writeFileSync(path.join(dir, 'half.xlsx'), zipSync(parts));
    const b = await scoreSheets(path.join(dir, 'half.xlsx'));
    expect(b.problems.map((p) => p.sheet)).toEqual(['上半年李四']);
    const r = runPipeline({ submissions: [], roster, scoreBooks: b.sheets, scoreProblems: b.problems, params: { asOf: '2024-11-20' }, mode: 'run' });
    expect(r.findings.filter((f) => f.rule === 'score-sheet-invalid').map((f) => f.sheet)).toEqual(['上半年李四']);
  });
});

describe('rounds and inspectors named only around the scores', () => {
  it('a workbook per inspector named only by its file (张三（上半年）评分.xlsx) keeps each inspector', () => {
    const books: { file: string; sheets: SheetGrid[] }[] = [];
    each((r, p) => {
      const rows: V[][] = [['轮次', '单位', '二级指标', '得分']];
      UNITS.forEach((u) => INDS.forEach((ind, i) => rows.push([ROUND[r], u, ind.level2, score(r, p, u, i)])));
      books.push({ file: `${p}（${ROUND[r]}）评分.xlsx`, sheets: [grid('Sheet1', rows)] });
    });
    const r = run(books);
    expect(outcome(r)).toEqual(outcome(base));
    expect(scoringRules(r)).toEqual(scoringRules(base));
  });

  it('near miss: files named after nobody (评分表(1).xlsx, 护理学院评分.xlsx) name no inspector', () => {
    expect([inspectorInSheetName('评分表(1)'), inspectorInSheetName('护理学院评分'), inspectorInSheetName('评分副本')]).toEqual(['', '', '']);
  });

  const wideBothRounds = (csv: boolean) => {
    const rows: V[][] = [['检查人', '单位', '上半年', ...Array(9).fill(null), '下半年', ...Array(9).fill(null)], [null, null, ...INDS.map((i) => i.level2), ...INDS.map((i) => i.level2)]];
    each((r, p) => r === 1 && UNITS.forEach((u) => rows.push([p, u, ...INDS.map((_, i) => score(1, p, u, i)), ...INDS.map((_, i) => score(2, '王五', u, i))])));
    const sheet = grid('评分', rows);
    if (!csv) sheet.merges = [{ top: 0, left: 2, bottom: 0, right: 11 }, { top: 0, left: 12, bottom: 0, right: 21 }, { top: 0, left: 0, bottom: 1, right: 0 }, { top: 0, left: 1, bottom: 1, right: 1 }];
    return sheet;
  };
  it.each([[false], [true]])('a wide sheet with 上半年 and 下半年 over the same indicators gives each column its round (csv: %s)', (csv) => {
    const r = run([{ file: '评分.xlsx', sheets: [wideBothRounds(csv)] }]);
    expect(r.findings.filter((f) => f.rule === 'score-sheet-invalid')).toEqual([]);
    const rounds = new Set(r.run!.scores.map((e) => `${e.round}/${e.inspector}`));
    expect(rounds).toEqual(new Set(['1/张三', '1/李四', '2/张三', '2/李四']));
  });

  it('a long sheet with 上半年 and 下半年 over 得分 | 扣分说明 reads both rounds with their notes', () => {
    const sheet = grid('评分', [['检查人', '单位', '二级指标', '上半年', null, '下半年', null], [null, null, null, '得分', '扣分说明', '得分', '扣分说明'], ['张三', '护理学院', '新闻动态', 14, '慢', 15, null]]);
    sheet.merges = [{ top: 0, left: 3, bottom: 0, right: 4 }, { top: 0, left: 5, bottom: 0, right: 6 }];
    const r = parseScores(sheet, { file: 's.xlsx', rubric: DEFAULT_RUBRIC, units: UNITS });
    expect(r.findings).toEqual([]);
    expect(r.entries.map((e) => `${e.round}/${e.score}/${e.note}`)).toEqual(['1/14/慢', '2/15/']);
  });
});

describe('加减分 in a workbook of its own', () => {
  const adjustments = (name: string, kindHeader: string) => grid(name, [['单位名称', kindHeader, '分值', '说明'], ['护理学院', '创新加分', 2, '获省级奖'], ['财务处', '一票否决', null, '泄密']]);
  it.each([['加分项', '类型'], ['Sheet1', '类别']])('a sheet %s (单位 | %s | 分值 | 说明) counts like a 加减分 sheet, never as a roster', (name, kindHeader) => {
    const wb = { sheets: [adjustments(name, kindHeader)] };
    expect(classifyWorkbook(wb, '年度考核加减分.xlsx')).toBe('scores');
    const named = run([{ file: '评分.xlsx', sheets: plain().sheets }, { file: '加减分.xlsx', sheets: [adjustments('加减分', '类型')] }]);
    const r = run([{ file: '评分.xlsx', sheets: plain().sheets }, { file: '年度考核加减分.xlsx', sheets: wb.sheets }]);
    expect(outcome(r)).toEqual(outcome(named));
    expect(r.run!.adjustments.map((a) => `${a.unit}/${a.kind}`)).toEqual(['护理学院/bonus', '财务处/veto']);
  });

  it('near miss: a roster whose 类别 reads 教学单位 stays a roster', () => {
    const wb = { sheets: [grid('Sheet1', [['单位名称', '类别', '负责人'], ['护理学院', '教学单位', '王芳'], ['财务处', '职能部门', '李强']])] };
    expect(classifyWorkbook(wb, '名单.xlsx')).toBe('roster');
  });
});

describe('小计 and 合计 rows labelled in the 一级指标 column', () => {
  it('are checked, not read as indicators; a 合计扣分 note is no total', () => {
    const H = ['轮次', '检查人', '单位', '一级指标', '二级指标', '得分', '扣分说明'];
    const row = (l1: V, l2: V, s: V, note: V = null): V[] => ['上半年', '张三', '护理学院', l1, l2, s, note];
    const r = parseScores(grid('评分', [H, row('网站内容', '栏目规划', 3), row('网站内容', '新闻动态', 14, '合计扣1分'), row('小计', null, 17), row('网站管理', '领导重视', 9), row('小计', null, 8), row('合计', null, 26)]), { file: 's.xlsx', rubric: DEFAULT_RUBRIC, units: UNITS });
    expect(r.entries.map((e) => e.score)).toEqual([3, 14, 9]);
    expect(r.findings.map((f) => [f.rule, f.cell])).toEqual([['score-total-mismatch', 'F6']]);
  });
});

it('a unit’s 评分表 titled 被检查单位：… 检查人：… 检查日期：… in one cell takes all three from it', () => {
  const sheet = grid('Sheet1', [['被检查单位：护理学院    检查人：张三    检查日期：2024-11-10'], ['二级指标', '分值', '得分'], ['栏目规划', 3, 2.5], ['新闻动态', 15, 12]]);
  const r = parseScores(sheet, { file: '评分.xlsx', rubric: DEFAULT_RUBRIC, units: UNITS });
  expect(r.findings).toEqual([]);
  expect(r.entries.map((e) => `${e.round}/${e.inspector}/${e.unit}/${e.score}`)).toEqual(['2/张三/护理学院/2.5', '2/张三/护理学院/12']);
});

describe('score cells with deductions and remarks written in', () => {
  it.each([
    ['13（扣2分）', 13, '扣2分'], ['扣2分', 13, ''], ['扣除1.5分', 13.5, ''], ['14.', 14, ''], ['8.5分（栏目不全）', 8.5, '栏目不全'],
  ] as const)('%s in a 得分 column → %d', (written, score, remark) => {
    expect(scoreValue({ t: 's', v: written }, 15, false)).toEqual({ score, remark });
  });
  it.each([['15-2'], ['3/3'], ['扣两分'], ['零分']])('near miss: %s stays a problem', (written) => {
    expect(scoreValue({ t: 's', v: written }, 15, false)).toHaveProperty('problem');
  });
});

describe('a 评分细则 filled in by an inspector', () => {
  const rubricSheet = (scores: boolean) => grid('评分细则', [['基层党建网站评分细则'], ['一级指标', '二级指标', '分值', '评分标准', '得分'], ...INDS.map((i, k) => [i.level1, i.level2, i.max, i.standard, scores ? score(1, '张三', '护理学院', k) : null])]);
  it('is the rubric and, with 得分 typed in, the scores of the unit its file names', () => {
    const r = run([{ file: '护理学院-2024上半年-张三.xlsx', sheets: [rubricSheet(true)] }]);
    expect(r.findings.filter((f) => f.rule === 'rubric-invalid' || f.rule === 'score-sheet-invalid')).toEqual([]);
    expect(r.run!.scores).toHaveLength(INDS.length);
    expect(new Set(r.run!.scores.map((e) => `${e.round}/${e.inspector}/${e.unit}`))).toEqual(new Set(['1/张三/护理学院']));
  });

  it('near miss: the rubric with an empty 得分 column is the rubric alone, no finding', () => {
    const r = run([{ file: '评分细则.xlsx', sheets: [rubricSheet(false)] }]);
    expect(r.findings.filter((f) => f.rule.startsWith('score-sheet') || f.rule === 'rubric-invalid')).toEqual([]);
    expect(r.run!.scores).toEqual([]);
  });
});
