import { runPipeline } from '../../../src/core/pipeline';
import {
  type RectItem,
  type RectStatus,
  type Rubric,
  VANISHED,
  assess,
  buildRectification,
  makeParams,
  mergeRectification,
} from '../../../src/core/scoring';
import { entry, finding } from './helpers';

const rubric: Rubric = {
  name: 't',
  total: 100,
  indicators: [
    { id: 'a', level1: '内容', level2: '甲', max: 60, standard: '甲标准全文' },
    { id: 'b', level1: '管理', level2: '乙', max: 40, standard: '乙标准全文' },
  ],
};
const params = makeParams({ asOf: '2024-11-20' });

function build() {
  const findings = [
    finding('cell-phone', 'U', { cell: 'E5', message: '联系电话无效' }),
    finding('cell-phone', 'U', { cell: 'E5', message: '联系电话无效' }),
    finding('website-stale-long', 'U', { cell: 'G3', message: '网站超过14天未更新' }),
    finding('form-missing', 'U', { severity: 'warning', form: 'bigv', sheet: null, cell: null }),
    finding('row-duplicate', 'U', { severity: 'warning' }),
  ];
  const scores = [entry('U', 'a', 55, { note: '新闻不及时' }), entry('U', 'a', 57, { inspector: '李四' }), entry('U', 'b', 40)];
  const assessment = assess({ units: [{ unit: 'U', category: null }], findings, rubric, params, scores, adjustments: [] });
  return buildRectification({ findings, assessment, rubric, params, owners: { U: '王五' }, ruleTitles: { 'cell-phone': '电话号码有误' } });
}

describe('buildRectification', () => {
  it('names the file by its name only (the office’s folders never reach a unit) and a Word table’s place by table and row', () => {
    const findings = [
      finding('website-stale-long', 'U', { file: '../收件/2024/U.xlsx', cell: 'E5', message: '网站超过14天未更新' }),
      finding('cell-date', 'U', { file: 'D:\\收件\\U.docx', sheet: '表格', cell: null, table: 2, row: 5, column: '最后更新日期', message: '日期无效' }),
    ];
    const assessment = assess({ units: [{ unit: 'U', category: null }], findings, rubric, params, scores: [entry('U', 'a', 50), entry('U', 'b', 30)], adjustments: [] });
    const items = buildRectification({ findings, assessment, rubric, params, owners: {}, ruleTitles: {} });
    expect(items.filter((i) => i.source === 'finding').map((i) => i.location)).toEqual(['U.xlsx / 附件1 / E5', 'U.docx / 表格 / 表2 第5行 最后更新日期']);
    const reasons = assessment.results[0]!.adjustments.map((a) => a.reason);
    expect(reasons.some((r) => r.includes('U.xlsx / 附件1 / E5'))).toBe(true);
    expect(reasons.join('\n')).not.toContain('收件');
  });

  it('builds items from error findings, low indicators and deductions, without duplicates', () => {
    const items = build();
    expect(items.map((i) => [i.key, i.source])).toEqual([
      ['U|cell-phone|U.xlsx|附件1|E5', 'finding'],
      ['U|website-stale-long|U.xlsx|附件1|G3', 'finding'],
      ['U|score|a|round1', 'score'],
      ['U|form-missing|U.xlsx|||bigv', 'assessment'],
    ]);
    const [phone, , score, form] = items as [RectItem, RectItem, RectItem, RectItem];
    expect(phone).toMatchObject({ unit: 'U', type: '电话号码有误', description: '联系电话无效', location: 'U.xlsx / 附件1 / E5', deadline: '2024-12-05', owner: '王五', status: '待整改' });
    expect(score.description).toContain('得分 56，满分 60');
    expect(score.requirement).toContain('张三：新闻不及时');
    expect(score.requirement).toContain('甲标准全文');
    expect(form.type).toBe('年度考核：报送完整及时');
    expect(form.description).toContain('网络大V信息统计表');
  });
});

describe('mergeRectification', () => {
  it('matches items by file name, so the same batch checked from another folder keeps its ledger (older keys held paths)', () => {
    const findings = [finding('cell-phone', 'U', { file: 'D:\\收件\\2024\\U.xlsx', cell: 'E5', message: '联系电话无效' })];
    const assessment = assess({ units: [{ unit: 'U', category: null }], findings, rubric, params, scores: [entry('U', 'a', 60), entry('U', 'b', 40)], adjustments: [] });
    const fresh = buildRectification({ findings, assessment, rubric, params, owners: {}, ruleTitles: {} }).filter((i) => i.source === 'finding');
    expect(fresh.map((i) => i.key)).toEqual(['U|cell-phone|U.xlsx|附件1|E5']);
    const older = { ...fresh[0]!, key: 'U|cell-phone|../收件/2024/U.xlsx|附件1|E5', status: '整改中' as const, note: '已联系' };
    const merged = mergeRectification(fresh, [older]);
    expect(merged.map((i) => [i.key, i.status, i.note])).toEqual([['U|cell-phone|U.xlsx|附件1|E5', '整改中', '已联系']]);
  });

  it('keeps user statuses, notes and deadlines; marks vanished items 已整改; no duplicates', () => {
    const fresh = build();
    const previous: RectItem[] = [
      { ...fresh[0]!, status: '整改中', note: '已联系', deadline: '2024-12-01', owner: '' },
      { ...fresh[0]!, status: '已整改' }, // a duplicate row in the old sheet: first wins
      { ...fresh[2]!, key: 'U|cell-date|U.xlsx|附件1|G9', status: '待整改', note: '' },
      { ...fresh[2]!, key: 'U|cell-enum|U.xlsx|附件1|F9', status: '已整改', recheck: '已核实' },
    ];
    const merged = mergeRectification(fresh, previous);
    expect(merged.map((i) => i.key)).toEqual([...fresh.map((i) => i.key), 'U|cell-date|U.xlsx|附件1|G9', 'U|cell-enum|U.xlsx|附件1|F9']);
    expect(merged[0]).toMatchObject({ status: '整改中', note: '已联系', deadline: '2024-12-01', owner: '王五' });
    expect(merged[4]).toMatchObject({ status: '已整改', recheck: VANISHED });
    expect(merged[5]).toMatchObject({ status: '已整改', recheck: '已核实' });
    expect(new Set(merged.map((i) => i.key)).size).toBe(merged.length);
    // Merging again with its own result changes nothing.
    expect(mergeRectification(fresh, merged)).toEqual(merged);
  });

  it('keeps hand-typed rows as typed, and a vanished item its typed status', () => {
    const fresh = build();
    const manual: RectItem = { ...fresh[0]!, key: 'U|manual|网站首页有错别字', description: '网站首页有错别字', status: '待整改', recheck: '' };
    const typed: RectItem = { ...fresh[1]!, key: 'U|cell-date|U.xlsx|附件1|G20', status: '整改中', note: '正在改', recheck: '' };
    const unset: RectItem = { ...fresh[1]!, key: 'U|cell-date|U.xlsx|附件1|G21', status: '待整改', recheck: '' };
    const merged = mergeRectification(fresh, [manual, typed, unset]);
    expect(merged.find((i) => i.key === manual.key)).toEqual(manual);
    expect(merged.find((i) => i.key === typed.key)).toMatchObject({ status: '整改中', note: '正在改', recheck: '复查时未再发现' });
    expect(merged.find((i) => i.key === unset.key)).toMatchObject({ status: '已整改', recheck: '复查时未再发现' });
    expect(mergeRectification(fresh, merged)).toEqual(merged);
  });

  it('reopens an item we had closed automatically when the problem comes back', () => {
    const fresh = build();
    const closed = mergeRectification([], fresh);
    expect(closed.every((i) => i.status === '已整改' && i.recheck === VANISHED)).toBe(true);
    const back = mergeRectification(fresh, closed);
    expect(back[0]).toMatchObject({ status: '待整改', recheck: '复查时问题再次出现' });
  });
});

it('each missing form is an item of its own (two forms missing, two rows in 整改台账)', () => {
  const findings = (['bigv', 'group'] as const).map((form) => finding('form-missing', 'U', { severity: 'warning', form, file: null, sheet: null, cell: null }));
  const assessment = assess({ units: [{ unit: 'U', category: null }], findings, rubric, params, scores: [entry('U', 'a', 60), entry('U', 'b', 40)], adjustments: [] });
  const items = buildRectification({ findings, assessment, rubric, params, owners: {}, ruleTitles: {} }).filter((i) => i.key.includes('form-missing'));
  expect(items.map((i) => i.key)).toEqual(['U|form-missing||||bigv', 'U|form-missing||||group']);
  expect(items.map((i) => i.description.includes('网络大V') || i.description.includes('工作群组'))).toEqual([true, true]);
});

describe('a roster unit that sent nothing', () => {
  it('is one 整改台账 item, its deduction said on it (not one item per form besides)', () => {
    const r = runPipeline({
      submissions: [],
      roster: { units: [{ name: '团委', category: '职能部门', aliases: [], head: null, phone: null }] },
      params: { asOf: '2024-11-20' },
      mode: 'run',
    });
    const items = r.run!.rectification.filter((i) => i.unit === '团委');
    expect(items.map((i) => i.key)).toEqual(['团委|unit-missing|||']);
    expect(items[0]!.description).toMatch(/（年度考核：.+扣 10 分）$/);
  });

  it('near miss: a ledger of the older shape (an item per form) keeps its first item’s status, no row closed as 已整改', () => {
    const fresh = buildRectification({ findings: [finding('unit-missing', 'U', { file: null, sheet: null, cell: null })], assessment: assess({ units: [{ unit: 'U', category: null }], findings: [], rubric, params, scores: [], adjustments: [] }), rubric, params, owners: {}, ruleTitles: {} });
    const older = (['website', 'newmedia'] as const).map((f, i) => ({ ...fresh[0]!, key: `U|unit-missing|${f}`, status: (i ? '待整改' : '整改中') as RectStatus, note: i ? '' : '已催报' }));
    expect(mergeRectification(fresh, older).map((i) => [i.key, i.status, i.note])).toEqual([['U|unit-missing|||', '整改中', '已催报']]);
  });
});
