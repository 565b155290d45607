import {
  type Adjustment,
  DEFAULT_RUBRIC,
  assess,
  buildRectification,
  makeParams,
  mergeRectification,
  rankingSheet,
  readBackEditable,
  rectNotices,
  rectSheet,
  scorePrintSheet,
  scoreSheet,
} from '../../../src/core/scoring';
import { headerRow } from '../../../src/core/report/model';
import { entry, finding, modelToGrid } from './helpers';

const params = makeParams({ asOf: '2024-11-20' });
const units = [
  { unit: '信息工程学院', category: '教学单位' },
  { unit: '护理学院', category: '教学单位' },
  { unit: '后勤处', category: '后勤服务' },
];
const ids = DEFAULT_RUBRIC.indicators.map((i) => i.id);
const scores = [
  ...ids.map((id, k) => entry('信息工程学院', id, DEFAULT_RUBRIC.indicators[k]!.max - 1, { note: k === 0 ? '栏目不全' : '' })),
  ...ids.map((id, k) => entry('信息工程学院', id, DEFAULT_RUBRIC.indicators[k]!.max - 0.5, { inspector: '李四' })),
  ...ids.map((id, k) => entry('护理学院', id, DEFAULT_RUBRIC.indicators[k]!.max, { round: 2 })),
  entry('后勤处', 'content.news', 10),
];
const veto: Adjustment = { unit: '后勤处', kind: 'veto', points: 0, note: '发生泄密', file: 'a.xlsx', sheet: '加减分', cell: 'B2' };
const findings = [finding('cell-phone', '护理学院', { message: '联系电话 13812345678 与姓名不符' })];
const assessment = assess({ units, findings, rubric: DEFAULT_RUBRIC, params, scores, adjustments: [veto] });

describe('评分表', () => {
  const model = scoreSheet({ units, rubric: DEFAULT_RUBRIC, scores });

  it('has one row per unit × indicator with bounds, editable score/note columns and live totals', () => {
    expect(model.rows).toHaveLength(30);
    const headers = model.columns.map((c) => c.header);
    expect(headers).toEqual(expect.arrayContaining(['上半年·张三·得分', '上半年·李四·扣分说明', '下半年·张三·得分', '下半年·检查人1·得分', '上半年·单位合计']));
    const scoreCols = model.columns.flatMap((c, i) => (c.header.endsWith('·得分') ? [i] : []));
    expect(scoreCols.every((c) => model.columns[c]!.editable)).toBe(true);
    const v = model.validations!.find((x) => x.col === scoreCols[0]);
    expect(v).toMatchObject({ type: 'decimal-per-row', min: 0 });
    expect(v!.type === 'decimal-per-row' && v!.max.slice(0, 3)).toEqual([3, 15, 20]);
    // The unit total on the unit's first row: formula over its 10 rows, cached = our round total.
    const totalCol = headers.indexOf('上半年·单位合计');
    const first = headerRow(model) + 2;
    const cell = model.rows[0]![totalCol] as { formula: string; result: number };
    expect(cell.formula).toContain(`${first}:`);
    expect(cell.result).toBe(assessment.results.find((r) => r.unit === '信息工程学院')!.roundTotals[1]);
    expect(model.rows[1]![totalCol]).toBeNull();
  });

  it('reads back every typed score and note', () => {
    const back = readBackEditable({ scoreSheet: modelToGrid(model), rubric: DEFAULT_RUBRIC, file: 'result.xlsx' });
    expect(back.findings).toEqual([]);
    const key = (e: { round: number; inspector: string; unit: string; indicatorId: string; score: number; note: string }) =>
      [e.round, e.inspector, e.unit, e.indicatorId, e.score, e.note].join('|');
    expect(back.scores.map(key).sort()).toEqual(scores.map(key).sort());
    expect(back.scores[0]!.cell).toMatch(/^[A-Z]+\d+$/);
  });

  it('numbers indicators by place (1.1), in the print view too, and reads a sheet back by name when 编号 was filled down', () => {
    const col = model.columns.findIndex((c) => c.header === '编号');
    expect(model.rows.slice(0, 10).map((r) => r[col])).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '2.1', '2.2', '2.3', '2.4']);
    const print = scorePrintSheet({ units, rubric: DEFAULT_RUBRIC, scores });
    const pc = print.columns.findIndex((c) => c.header === '编号');
    expect(print.rows[6]![pc]).toBe('2.1');
    // 编号 filled down by accident (1.1 on every row of the first unit): the name decides.
    const grid = modelToGrid(model);
    const top = headerRow(model) + 1;
    for (let r = top; r < top + 10; r++) grid.rows[r]![col] = { t: 's', v: '1.1' };
    const back = readBackEditable({ scoreSheet: grid, rubric: DEFAULT_RUBRIC, file: 'result.xlsx' });
    const key = (e: { round: number; inspector: string; unit: string; indicatorId: string; score: number }) => [e.round, e.inspector, e.unit, e.indicatorId, e.score].join('|');
    expect(back.scores.map(key).sort()).toEqual(scores.map(key).sort());
  });

  it('flags a bad value typed into the sheet', () => {
    const grid = modelToGrid(model);
    const col = model.columns.findIndex((c) => c.header === '上半年·张三·得分');
    grid.rows[headerRow(model) + 1]![col] = { t: 'n', v: 3.3 };
    const back = readBackEditable({ scoreSheet: grid, rubric: DEFAULT_RUBRIC, file: 'result.xlsx' });
    expect(back.findings.map((f) => f.rule)).toEqual(['score-out-of-range']);
  });
});

describe('考核排名', () => {
  it('writes ranks and scores as formulas with our values cached, a chart and grade distribution', () => {
    const model = rankingSheet(assessment, params);
    expect(model.rows.map((r) => r[1])).toEqual(assessment.results.map((r) => r.unit));
    const scoreCol = model.columns.findIndex((c) => c.header === '年度得分');
    const first = model.rows[0]!;
    expect(first[0]).toMatchObject({ result: 1 });
    // Dense rank: one SUMIFS over the hidden "first row with this score" flags, not O(n²) per cell.
    expect((first[0] as { formula: string }).formula).toMatch(/^SUMIFS\(/);
    expect(JSON.stringify(model.rows)).not.toContain('SUMPRODUCT');
    expect(first[scoreCol]).toMatchObject({ result: assessment.results[0]!.score });
    expect(model.chart).toMatchObject({ type: 'bar', categoryCol: 1, valueCol: scoreCol });
    expect(model.print).toMatchObject({ landscape: true });
    const dist = model.blocks![0]!.rows;
    expect(dist.find((r) => r[0] === '不合格')![1]).toMatchObject({ result: 1 });
    const vetoed = model.rows.find((r) => r[1] === '后勤处')!;
    expect(vetoed[scoreCol + 1]).toMatchObject({ formula: expect.stringMatching(/^IF\(/), result: '不合格' });
    expect(String(vetoed[model.columns.findIndex((c) => c.header === '加减分明细')])).toContain('一票否决');
    expect(model.columns.filter((c) => c.hidden).map((c) => c.header)).toEqual(['一票否决', '得分首现', '类别得分首现']);
    const eq = rankingSheet(assessment, { ...params, rankStyle: 'rank.eq' });
    expect((eq.rows[0]![0] as { formula: string }).formula).toMatch(/^RANK\(/);
  });
});

describe('整改台账 and notices', () => {
  const items = buildRectification({ findings, assessment, rubric: DEFAULT_RUBRIC, params });

  it('round-trips statuses typed by users; a merge keeps them', () => {
    const model = rectSheet(items, params);
    const grid = modelToGrid(model);
    const statusCol = model.columns.findIndex((c) => c.header === '整改状态');
    const noteCol = model.columns.findIndex((c) => c.header === '整改说明');
    expect(model.columns[statusCol]!.editable).toBe(true);
    expect(model.validations![0]).toMatchObject({ col: statusCol, type: 'list', values: ['待整改', '整改中', '已整改', '无法整改'] });
    const row = grid.rows[headerRow(model) + 1]!;
    row[statusCol] = { t: 's', v: '整改中' };
    row[noteCol] = { t: 's', v: '已更换管理员' };
    const back = readBackEditable({ rectSheet: grid, rubric: DEFAULT_RUBRIC, file: 'result.xlsx' });
    expect(back.findings).toEqual([]);
    expect(back.rectification.map((i) => i.key)).toEqual(items.map((i) => i.key));
    expect(back.rectification.map((i) => i.source)).toEqual(items.map((i) => i.source));
    const merged = mergeRectification(items, back.rectification);
    expect(merged[0]).toMatchObject({ status: '整改中', note: '已更换管理员' });
    expect(merged).toHaveLength(items.length);
  });

  it('one printable notice per unit with open items, phones masked', () => {
    const notices = rectNotices(mergeRectification(items, []), params);
    expect(notices.map((n) => n.name).sort()).toEqual(['整改通知_信息工程学院', '整改通知_后勤处', '整改通知_护理学院'].sort());
    const nursing = notices.find((n) => n.name === '整改通知_护理学院')!;
    expect(JSON.stringify(nursing.rows)).toContain('138****5678');
    expect(JSON.stringify(nursing.rows)).not.toContain('13812345678');
    expect(nursing.print).toBeDefined();
  });
});
