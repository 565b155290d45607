/** Return copies are named so the office can tell whose each one is. */
import { returnCopies, returnCopyName } from '../../src/core/report/returnCopy';
import { formSheet, run, submission, withCell } from './builders';

describe('return copy names', () => {
  it('put the unit first when the file name does not say it', () => {
    expect(returnCopyName('收件/体育部/备案表.xlsx', '体育部')).toBe('体育部-备案表-退回修改.xlsx');
    expect(returnCopyName('信息工程学院-网络阵地备案表.xlsx', '信息工程学院')).toBe('信息工程学院-网络阵地备案表-退回修改.xlsx');
    expect(returnCopyName('ｘ/信息工程学院 备案表.xlsm', '信息工程学院', 2)).toBe('信息工程学院 备案表-退回修改-2.xlsm');
    expect(returnCopyName('备案表.xlsx', '党委/宣传部')).toBe('党委_宣传部-备案表-退回修改.xlsx');
  });

  it('give files of the same name in units’ folders names of their own', () => {
    const bad = (unit: string) => submission(`收件/${unit}/备案表.xlsx`, [formSheet('website', withCell('website', '联系电话', '123'), { unit })]);
    const result = run([bad('体育部'), bad('团委')]);
    expect(returnCopies(result).map((c) => [c.unit, c.name])).toEqual([
      ['体育部', '体育部-备案表-退回修改.xlsx'],
      ['团委', '团委-备案表-退回修改.xlsx'],
    ]);
  });
});
