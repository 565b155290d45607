/** A unit's files collected in a folder of its own: the folder names the unit where the roster knows it. */
import { rosterFromGrid } from '../../src/core/units';
import { formSheet, grid, run, submission } from './builders';

const roster = rosterFromGrid(grid('单位名单', [['单位名称', '类别', '别名'], ['信息工程学院', '教学单位', '信工'], ['后勤处', '后勤服务', '']]))!;
/** A website form that names no unit: no 填报单位, a title of the school only. */
const anonymous = (file: string) => submission(file, [formSheet('website', undefined, { unit: null })]);

describe('unit from the folder a file was collected in', () => {
  it('names the unit when the roster knows the folder (nearest folder first, aliases too)', () => {
    expect(run([anonymous('收件/信息工程学院/网络阵地备案表.xlsx')], { roster }).files[0]).toMatchObject({ unit: '信息工程学院', status: 'accepted' });
    expect(run([anonymous('收件/信工-李敏/备案表.xlsx')], { roster }).files[0]!.unit).toBe('信息工程学院');
    expect(run([anonymous('后勤处/2024年下半年/备案表.xlsx')], { roster }).files[0]!.unit).toBe('后勤处');
  });

  it('names the unit from its own zip, as from its folder', () => {
    expect(run([anonymous('材料.zip/信息工程学院.zip/备案表.xlsx')], { roster }).files[0]).toMatchObject({ unit: '信息工程学院', status: 'accepted' });
    expect(run([anonymous('材料.zip/收件/信工.ZIP/表/备案表.xlsx')], { roster }).files[0]!.unit).toBe('信息工程学院');
  });

  it('never a folder the roster does not know: the file stays without a unit', () => {
    const r = run([anonymous('收件/第一批/备案表.xlsx')], { roster });
    expect(r.files[0]).toMatchObject({ unit: null, status: 'rejected' });
    expect(r.findings.map((f) => f.rule)).toContain('unit-unidentified');
  });

  it('never without a roster (收件 or 2024年 would become units): the same unit as with no folder', () => {
    const top = run([anonymous('备案表.xlsx')]).files[0]!.unit;
    expect(run([anonymous('收件/信息工程学院/备案表.xlsx')]).files[0]!.unit).toBe(top);
    expect(run([submission('收件/备案表.xlsx', [grid('Sheet1', [['序号', '网站名称', '网站负责人', '网站管理员', '联系电话', '网站栏目', '最后更新日期'], [1, '党建网', '王建国', '李敏', '13800001111', '新闻', '2024-11-18']])])]).files[0]!.unit).toBeNull();
  });

  it('comes after the unit the file itself names', () => {
    const named = submission('后勤处/信息工程学院.xlsx', [formSheet('website', undefined, { unit: null })]);
    expect(run([named], { roster }).files[0]!.unit).toBe('信息工程学院');
    const signed = submission('后勤处/备案表.xlsx', [formSheet('website')]);
    expect(run([signed], { roster }).files[0]!.unit).toBe('信息工程学院');
  });
});
