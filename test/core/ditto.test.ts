/** 同上 / 〃 in a cell: read as the same column of the row above, with one info per sheet; an online form's (空) / null: blank. */
import { HEAD, SIGNER, TITLE, grid, run, submission, type Raw } from './builders';

const group = (rows: Raw[][]) => run([submission('信息工程学院.xlsx', [grid('附件4', [[TITLE.group], [SIGNER('信息工程学院')], HEAD.group, ...rows])])]);
const row = (i: number, admin: Raw, phone: Raw, real: Raw = '是'): Raw[] => [i, '微信群', `信工${i}班群`, 40, '通知', real, admin, phone, null];

describe('同上 in a cell', () => {
  it('reads as the row above: no phone or enum error, the person is the one above', () => {
    const r = group([row(1, '李敏', '13800001111'), row(2, '同上', '同上', '同上'), row(3, '〃', '〃', '〃')]);
    expect(r.findings.filter((f) => f.severity !== 'info' && f.rule !== 'form-missing')).toEqual([]);
    expect(r.tables.group.map((t) => [t.values.admin, t.values.phone])).toEqual([['李敏', '13800001111'], ['李敏', '13800001111'], ['李敏', '13800001111']]);
    const ditto = r.findings.filter((f) => f.rule === 'cell-ditto');
    expect(ditto).toHaveLength(1);
    expect(ditto[0]).toMatchObject({ severity: 'info', sheet: '附件4', cell: 'F5' });
    expect(ditto[0]!.message).toContain('等 6 个单元格');
  });

  it('near miss: 同上 in the first row has nothing above and is checked as written; a name holding 同上 is a name', () => {
    const r = group([row(1, '李敏', '同上'), [2, '微信群', '同上级通知群', 40, '通知', '是', '李敏', '13800001111', null]]);
    expect(r.findings.filter((f) => f.rule === 'cell-phone').map((f) => f.cell)).toEqual(['H4']);
    expect(r.tables.group[1]!.values.name).toBe('同上级通知群');
    expect(r.findings.filter((f) => f.rule === 'cell-ditto')).toEqual([]);
  });
});

describe('what online forms write for a question left blank', () => {
  it.each(['(空)', '（跳过）', 'null', 'NULL'])('%s is blank: a required cell is missing, no person or site named so', (v) => {
    const r = group([row(1, v, '13800001111')]);
    expect(r.findings.filter((f) => f.rule === 'cell-required').map((f) => f.cell)).toEqual(['G4']);
    expect(r.tables.group[0]!.values.admin).toBeNull();
  });
  it('near miss: a name holding 空 is a name', () => {
    const r = group([row(1, '空军', '13800001111')]);
    expect(r.findings.filter((f) => f.rule === 'cell-required')).toEqual([]);
  });
});
