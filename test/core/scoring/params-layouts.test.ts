/**
 * 参数 sheets laid out other ways than 参数 | 值 down two columns: pairs across a row, labels
 * over their values, a label and its value in one cell; values in Chinese.
 */
import { paramsFromGrid } from '../../../src/core/scoring/params';
import { grid } from './helpers';

const given = (rows: (string | number | null)[][]) => paramsFromGrid(grid('参数', rows), 'p.xlsx');

describe('参数 layouts', () => {
  it('label | value pairs across a row', () => {
    const r = given([['检查日期', '2024-11-20', '整改期限', '十五天'], ['更新预警天数', '两周', '报送截止日期', '2024年12月31日']]);
    expect(r.findings).toEqual([]);
    expect(r.given).toMatchObject({ asOf: '2024-11-20', rectifyDays: 15, staleWarnDays: 14, deadline: '2024-12-31' });
  });

  it('labels in a row, their values in the row below', () => {
    const r = given([['检查日期', '整改期限（天）', '更新预警天数'], ['2024-11-20', 10, '7天']]);
    expect(r.findings).toEqual([]);
    expect(r.given).toMatchObject({ asOf: '2024-11-20', rectifyDays: 10, staleWarnDays: 7 });
  });

  it('a label and its value in one cell (整改期限：10天)', () => {
    const r = given([['整改期限：10天'], ['检查日期：2024年11月20日']]);
    expect(r.findings).toEqual([]);
    expect(r.given).toMatchObject({ asOf: '2024-11-20', rectifyDays: 10 });
  });

  it('near miss: a 说明 column beside 参数 | 值 is not read as labels', () => {
    const r = given([['参数', '值', '说明'], ['整改期限', 10, '整改期限按自然日计'], ['检查日期', '2024-11-20', null]]);
    expect(r.findings).toEqual([]);
    expect(r.given).toMatchObject({ asOf: '2024-11-20', rectifyDays: 10 });
  });

  it('near miss: a bad value in a pair is flagged at its own cell', () => {
    const r = given([['检查日期', '2024-11-20', '整改期限', '半个月']]);
    expect(r.findings.map((f) => [f.rule, f.cell])).toEqual([['params-invalid', 'D1']]);
  });
});
