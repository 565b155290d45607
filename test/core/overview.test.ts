/** The 总览 model: what leadership reads on one page, computed from the run's own data. */
import type { Finding } from '../../src/core/findings';
import { RULE_IDS } from '../../src/core/rules/ids';
import { blockRows, type OutValue } from '../../src/core/report/model';
import { OVERVIEW_SHEET, overviewSheet } from '../../src/core/report/overview';
import { DEFAULT_RUBRIC, assess, makeParams, type RectItem } from '../../src/core/scoring';
import type { RosterUnit } from '../../src/core/units';
import { run, unitWorkbook } from './builders';
import { entry, finding } from './scoring/helpers';

const params = makeParams({ asOf: '2024-11-20' });
const check = run([unitWorkbook('信息工程学院.xlsx'), unitWorkbook('护理学院.xlsx', {}, '护理学院')]);
const names = ['信息工程学院', '护理学院', '后勤处', '团委', '图书馆', '体育部', '校医院'];
const roster = { units: names.map((name) => ({ name }) as RosterUnit) };
const units = names.map((unit) => ({ unit, category: null }));
const scores = names.flatMap((u, i) => DEFAULT_RUBRIC.indicators.map((ind) => entry(u, ind.id, Math.max(0, ind.max - i))));
const assessment = assess({ units, findings: [], rubric: DEFAULT_RUBRIC, params, scores, adjustments: [] });
const item = (unit: string, status: RectItem['status']) => ({ key: `${unit}|x|||`, unit, type: 't', description: '', basis: '', location: '', requirement: '', deadline: null, owner: '', status, note: '', recheck: '' }) as RectItem;
const rectification = [item('后勤处', '待整改'), item('团委', '待整改'), item('图书馆', '整改中'), item('体育部', '已整改')];
// 10 kinds of finding, the first most frequent: the page lists 8 and sums the rest.
const findings: Finding[] = Array.from({ length: 10 }, (_, k) => Array.from({ length: 10 - k }, () => finding(k === 0 ? 'cell-phone' : RULE_IDS[k]!, '后勤处', { severity: k % 2 ? 'warning' : 'error' }))).flat();

describe('总览', () => {
  const sheet = overviewSheet({ check: { ...check, roster }, params, assessment, rectification, findings });
  const value = (label: string): OutValue | undefined => sheet.rows.find((r) => r[0] === label)?.[1];
  const block = (title: string) => sheet.blocks!.find((b) => b.title.startsWith(title))!;

  it('reports the submission rate against the roster', () => {
    expect(sheet.name).toBe(OVERVIEW_SHEET);
    expect(value('应报单位')).toBe(7);
    expect(value('已报送单位')).toBe(2);
    expect(value('报送率')).toBe('28.6%');
    expect(value('检查日期')).toEqual({ date: '2024-11-20' });
    expect(sheet.print).toMatchObject({ onePage: true });
  });

  it('lists findings by type, most frequent first, with the rest summed', () => {
    const rows = block('问题类型分布').rows;
    expect(rows[0]).toEqual(['问题类型', '条数', '其中']);
    expect(rows).toHaveLength(1 + 8 + 1);
    expect(rows[1]![0]).not.toBe('cell-phone'); // the rule's Chinese title, not its id
    expect(rows[1]![1]).toBe(10);
    expect(rows.at(-1)).toEqual(['其他 2 类', 3, '错误 2，警告 1，提示 0']);
    expect(value('问题总数')).toBe(55);
  });

  it('counts grades and rectification statuses, and names the top and bottom units', () => {
    const grades = block('等级分布').rows.slice(1);
    expect(grades.reduce((s, r) => s + (r[1] as number), 0)).toBe(7);
    expect(block('整改进度').rows.slice(1).map((r) => r.slice(0, 2))).toEqual([['待整改', 2], ['整改中', 1], ['已整改', 1], ['无法整改', 0]]);
    expect(block('前').rows.slice(1).map((r) => r[1])).toEqual(assessment.results.slice(0, 5).map((r) => r.unit));
    expect(block('后').rows.slice(1).map((r) => r[1])).toEqual(assessment.results.slice(5).reverse().map((r) => r.unit));
  });

  it('draws the two charts from their blocks, beside them and not overlapping', () => {
    const [types, grades] = sheet.charts!;
    const at = blockRows(sheet);
    expect(types).toMatchObject({ block: 0, categoryCol: 0, valueCol: 1, anchor: { row: at[0] } });
    expect(grades).toMatchObject({ block: 1, type: 'column', colorBy: { col: 0 } });
    expect(grades!.anchor.row * 14.25).toBeGreaterThanOrEqual(types!.anchor.row * 14.25 + types!.size!.height);
  });
});
