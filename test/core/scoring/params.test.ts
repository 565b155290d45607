import { makeParams, paramsFromGrid, paramsToSheet } from '../../../src/core/scoring';
import { grid } from './helpers';
import { checkOptionsOf, defaultSettings, settingsToParams } from '../../../src/core/params';

describe('params', () => {
  it('has the documented defaults', () => {
    const p = makeParams({ asOf: '2024-11-20' });
    expect(p).toMatchObject({
      asOf: '2024-11-20',
      deadline: null,
      rectifyDays: 15,
      staleWarnDays: 7,
      staleErrorDays: 14,
      bigvThreshold: 2000,
      requiredForms: ['website', 'newmedia', 'zombie', 'group', 'bigv'],
      excellentQuota: null,
      vetoCap: 59,
      rankStyle: 'dense',
      disagreementRatio: 0.2,
      formMissing: { each: -2, cap: -10 },
      openErrors: { each: -1, cap: -5 },
      staleSite: { each: -2, cap: -6 },
      groupIssue: { each: -1, cap: -4 },
      bonus: { cap: 5 },
      roundWeights: [1, 1],
    });
    expect(p.grades).toEqual([
      { grade: '优秀', min: 90 },
      { grade: '良好', min: 80 },
      { grade: '合格', min: 60 },
    ]);
    expect(makeParams().asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('round-trips through the 参数 sheet', () => {
    const p = makeParams({ asOf: '2024-11-20', deadline: '2024-10-31', excellentQuota: 0.2, rankStyle: 'rank.eq', requiredForms: ['website', 'group'], staleSite: { each: -3, cap: -9 } });
    const model = paramsToSheet(p);
    const sheet = grid('参数', [model.columns.map((c) => c.header), ...(model.rows as (string | number)[][])]);
    const back = paramsFromGrid(sheet, 'p.xlsx');
    expect(back.findings).toEqual([]);
    expect(back.params).toEqual(p);
  });

  it('reads Chinese labels and values, reporting bad ones and keeping defaults', () => {
    const sheet = grid('参数', [
      ['参数', '值'],
      ['检查日期', '2024年11月20日'],
      ['报送截止日期', '20241031'],
      ['整改期限（天）', 'abc'],
      ['优秀比例', '20%'],
      ['排名方式', 'RANK.EQ'],
      ['颜色', '红'],
    ]);
    const { params, findings } = paramsFromGrid(sheet, 'p.xlsx');
    expect(params.asOf).toBe('2024-11-20');
    expect(params.deadline).toBe('2024-10-31');
    expect(params.rectifyDays).toBe(15);
    expect(params.excellentQuota).toBeCloseTo(0.2);
    expect(params.rankStyle).toBe('rank.eq');
    expect(findings.map((f) => [f.rule, f.cell])).toEqual([
      ['params-invalid', 'B4'],
      ['params-unknown', 'A7'],
    ]);
  });

  it('reads 网站域名 as typed (bare, *.domain, a URL) and 不限 as off; it round-trips', () => {
    const read = (v: string) => paramsFromGrid(grid('参数', [['网站域名', v]]));
    expect(read('hbjy.net').params.websiteDomain).toBe('hbjy.net');
    expect(read('*.HBJY.net').params.websiteDomain).toBe('hbjy.net');
    expect(read('http://hbjy.net/').params.websiteDomain).toBe('hbjy.net');
    expect(read('不限').params.websiteDomain).toBe('');
    expect(read('不是域名').findings.map((f) => f.rule)).toEqual(['params-invalid']);
    expect(makeParams().websiteDomain).toBe('');
    const p = makeParams({ asOf: '2024-11-20', websiteDomain: 'hbjy.net' });
    const model = paramsToSheet(p);
    expect(paramsFromGrid(grid('参数', model.rows as (string | number)[][])).params).toEqual(p);
  });

  it('rejects an inconsistent combination as a whole', () => {
    const sheet = grid('参数', [
      ['检查日期', '2024-11-20'],
      ['更新预警天数', 20],
      ['更新超期天数', 14],
    ]);
    const { params, findings } = paramsFromGrid(sheet);
    expect(params.staleWarnDays).toBe(7);
    expect(findings.map((f) => f.rule)).toEqual(['params-invalid']);
  });
});

describe('网站域名 in the settings', () => {
  it('reaches the checker when set, and stays off by default', () => {
    const on = makeParams(settingsToParams({ ...defaultSettings(new Date('2024-11-20T00:00:00Z')), websiteDomain: 'hbjy.net' }));
    expect(checkOptionsOf(on, null).websiteDomain).toBe('hbjy.net');
    expect(checkOptionsOf(makeParams(settingsToParams(defaultSettings())), null).websiteDomain).toBe('');
  });
});
