/** Several forms pasted onto one sheet: each table is found and checked as its own form. */
import { CLEAN, HEAD, SIGNER, TITLE, formSheet, grid, run, submission, type Raw } from './builders';
import type { FormId } from '../../src/core/forms/ids';
import { cellOf } from '../../src/core/rules/cells';

const withPhone = (form: FormId, phone: string): Raw[][] => CLEAN[form].map((r) => r.map((v) => (v === '13800001111' ? phone : v)));

describe('stacked tables on one sheet', () => {
  it('finds website, newmedia and group with blank rows and titles between, signer once at the top', () => {
    const rows: Raw[][] = [
      [TITLE.website], [SIGNER('信息工程学院')], HEAD.website, ...CLEAN.website, [], [],
      [TITLE.newmedia], HEAD.newmedia, ...CLEAN.newmedia, ...CLEAN.newmedia.map((r) => r.map((v, c) => (c === 3 ? 'other_id' : c === 2 ? '信工二号' : v))), [],
      [TITLE.group], HEAD.group, ...withPhone('group', '1380000'),
    ];
    const r = run([submission('信息工程学院.xlsx', [grid('Sheet1', rows)])]);
    expect(r.units[0]!.forms).toEqual({ website: 1, newmedia: 2, group: 1 });
    expect(r.files[0]!.sheets.map((s) => s.form)).toEqual(['website', 'newmedia', 'group']);
    // The group table's bad phone is reported at its own cell (row 14, 联系电话 in column H).
    const bad = r.findings.filter((f) => f.severity === 'error');
    expect(bad.map((f) => [f.rule, f.form, f.cell])).toEqual([['cell-phone', 'group', 'H14']]);
    expect(r.findings.filter((f) => f.rule === 'signer-missing')).toEqual([]);
  });

  it('splits tables stacked with no blank row and no title between', () => {
    const rows: Raw[][] = [[SIGNER('信息工程学院')], HEAD.newmedia, ...CLEAN.newmedia, HEAD.zombie, ...CLEAN.zombie, HEAD.group, ...CLEAN.group];
    const r = run([submission('信息工程学院.xlsx', [grid('全部', rows)])]);
    expect(r.units[0]!.forms).toEqual({ newmedia: 1, zombie: 1, group: 1 });
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([expect.objectContaining({ rule: 'form-missing' }), expect.objectContaining({ rule: 'form-missing' })]);
    expect(cellOf(r.tables.group[0]!, 'name')).toBe('C7');
  });

  it('reads a two-row bigv header under another form', () => {
    const head1 = ['序号', '账号平台', '账号ID', '账号名称', '粉丝数量', '创作方向', '姓名', '类别', null, '联系方式', '备注'];
    const head2 = [null, null, null, null, null, null, null, '职务职称', '专业年级', null, null];
    const rows: Raw[][] = [[TITLE.website], [SIGNER('信息工程学院')], HEAD.website, ...CLEAN.website, [], [TITLE.bigv], head1, head2, ...CLEAN.bigv];
    const merges = [{ top: 6, left: 7, bottom: 6, right: 8 }, ...[0, 1, 2, 3, 4, 5, 6, 9, 10].map((c) => ({ top: 6, left: c, bottom: 7, right: c }))];
    const r = run([submission('信息工程学院.xlsx', [grid('Sheet1', rows, merges)])]);
    expect(r.units[0]!.forms).toEqual({ website: 1, bigv: 1 });
    expect(r.tables.bigv[0]!.values).toMatchObject({ title: '讲师', followers: 15000 });
    expect(cellOf(r.tables.bigv[0]!, 'title')).toBe('H9');
    expect(r.findings.filter((f) => f.severity !== 'info' && f.rule !== 'form-missing')).toEqual([]);
  });

  it('keeps the upper table\'s last rows when they name a form (a site ending in 网站, a 新媒体 account)', () => {
    const site2 = [2, '信息工程学院网站', '王建国', '李敏', '13800001111', '新闻动态', '2024-11-18'];
    const site3 = [null, '学院新媒体中心网站', null, null, null, null, null];
    const rows: Raw[][] = [[TITLE.website], [SIGNER('信息工程学院')], HEAD.website, ...CLEAN.website, site2, site3, [], [TITLE.newmedia], HEAD.newmedia, ...CLEAN.newmedia];
    const r = run([submission('信息工程学院.xlsx', [grid('Sheet1', rows)])]);
    expect(r.units[0]!.forms).toEqual({ website: 3, newmedia: 1 });
    expect(r.tables.website.map((t) => t.values.name)).toEqual(['信息工程学院党建网', '信息工程学院网站', '学院新媒体中心网站']);
  });

  it('leaves a sheet with one table as it was', () => {
    const r = run([submission('信息工程学院.xlsx', [grid('附件2', [[TITLE.newmedia], [SIGNER('信息工程学院')], HEAD.newmedia, ...CLEAN.newmedia, [], ['注：账号ID填写平台号']])])]);
    expect(r.units[0]!.forms).toEqual({ newmedia: 1 });
    expect(r.files[0]!.sheets).toHaveLength(1);
  });
});

describe('a sheet copied within the workbook', () => {
  it('a visible copy with the same rows counts once, with sheet-copy', () => {
    const r = run([submission('信息工程学院.xlsx', [formSheet('newmedia'), formSheet('newmedia', CLEAN.newmedia, { name: 'Sheet2' })])]);
    expect(r.units[0]!.forms.newmedia).toBe(1);
    expect(r.findings.filter((f) => f.rule === 'sheet-copy').map((f) => [f.sheet, f.severity])).toEqual([['Sheet2', 'warning']]);
  });
  it('of a signed sheet and its unsigned draft, the signed one stands', () => {
    const draft = grid('Sheet1', [[TITLE.newmedia], HEAD.newmedia, ...CLEAN.newmedia]);
    const r = run([submission('信息工程学院.xlsx', [draft, formSheet('newmedia', CLEAN.newmedia, { name: '附件2' })])]);
    expect(r.findings.filter((f) => f.rule === 'sheet-copy').map((f) => f.sheet)).toEqual(['Sheet1']);
    expect(r.findings.filter((f) => f.rule === 'signer-missing')).toEqual([]);
  });

  it('near miss: a copy differing in an extra column (所属单位, 服务器位置) is no copy', () => {
    const head = [...HEAD.newmedia, '服务器位置'];
    const a = formSheet('newmedia', CLEAN.newmedia.map((r) => [...r, '校内']), { head });
    const b = formSheet('newmedia', CLEAN.newmedia.map((r) => [...r, '阿里云']), { head, name: 'Sheet2' });
    expect(run([submission('信息工程学院.xlsx', [a, b])]).findings.filter((f) => f.rule === 'sheet-copy')).toEqual([]);
  });

  it('near miss: a second sheet of the same form with other rows is read', () => {
    const other = CLEAN.newmedia.map((row) => row.map((v, c) => (c === 3 ? 'other_id' : c === 2 ? '信工二号' : v)));
    const r = run([submission('信息工程学院.xlsx', [formSheet('newmedia'), formSheet('newmedia', other, { name: 'Sheet2' })])]);
    expect(r.units[0]!.forms.newmedia).toBe(2);
    expect(r.findings.filter((f) => f.rule === 'sheet-copy')).toEqual([]);
  });
});
