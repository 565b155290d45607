/** Forms laid side by side on one sheet: each is found and checked as its own form, in its own columns. */
import { CLEAN, HEAD, SIGNER, TITLE, grid, run, submission, type Raw } from './builders';
import { cellOf } from '../../src/core/rules/cells';

/** Rows of forms side by side, `gap` blank columns between them; the title row names each above its form. */
function beside(forms: { title: string; head: string[]; rows: Raw[][] }[], gap = 1, signer: string | null = SIGNER('信息工程学院')): Raw[][] {
  const starts: number[] = [];
  let at = 0;
  for (const f of forms) {
    starts.push(at);
    at += f.head.length + gap;
  }
  const line = (pick: (f: (typeof forms)[number]) => Raw[] | undefined): Raw[] => {
    const out: Raw[] = [];
    forms.forEach((f, i) => (pick(f) ?? []).forEach((v, c) => (out[starts[i]! + c] = v)));
    return Array.from(out, (v) => v ?? null);
  };
  const height = Math.max(...forms.map((f) => f.rows.length));
  return [line((f) => [f.title]), ...(signer ? [[signer]] : []), line((f) => f.head), ...Array.from({ length: height }, (_, k) => line((f) => f.rows[k]))];
}

const WEBSITE = { title: TITLE.website, head: HEAD.website, rows: CLEAN.website };
const NEWMEDIA = { title: TITLE.newmedia, head: HEAD.newmedia, rows: [CLEAN.newmedia[0]!.map((v) => (v === '13800001111' ? '1380000111' : v))] };
const GROUP = { title: TITLE.group, head: HEAD.group, rows: CLEAN.group };

describe('forms side by side on one sheet', () => {
  it('reads each form in its own columns, a problem at its own cell, the signer line shared', () => {
    const r = run([submission('信息工程学院.xlsx', [grid('备案表', beside([WEBSITE, NEWMEDIA, GROUP]))])]);
    expect(r.files[0]!.sheets.map((s) => [s.form, s.rows])).toEqual([['website', 1], ['newmedia', 1], ['group', 1]]);
    // 新媒体 starts in column I (after 7 columns and a blank one): its 联系电话 is Q.
    expect(r.findings.filter((f) => f.severity !== 'info').map((f) => [f.rule, f.form, f.cell])).toEqual([
      ['cell-phone', 'newmedia', 'Q4'],
      ['form-missing', 'zombie', null],
      ['form-missing', 'bigv', null],
    ]);
    expect(cellOf(r.tables.group[0]!, 'name')).toBe('V4');
    expect(r.findings.filter((f) => f.rule.startsWith('header-'))).toEqual([]);
  });

  it('splits forms side by side with no blank column between, each opening with its 序号', () => {
    const r = run([submission('信息工程学院.xlsx', [grid('备案表', beside([WEBSITE, NEWMEDIA, GROUP], 0))])]);
    expect(r.files[0]!.sheets.map((s) => [s.form, s.rows])).toEqual([['website', 1], ['newmedia', 1], ['group', 1]]);
    expect(r.findings.filter((f) => f.rule === 'cell-phone').map((f) => f.cell)).toEqual(['P4']);
  });

  it('keeps a value typed in the blank column between two forms, as the left form’s cell-extra', () => {
    const rows = beside([WEBSITE, GROUP]);
    rows[3]![7] = '见附件';
    const r = run([submission('信息工程学院.xlsx', [grid('备案表', rows)])]);
    expect(r.findings.filter((f) => f.rule === 'cell-extra').map((f) => [f.form, f.cell])).toEqual([['website', 'H4']]);
  });

  it('near miss: one form with a blank header cell inside is one form', () => {
    const head = HEAD.newmedia.map((h, i) => (i === 5 ? null : h));
    const r = run([submission('信息工程学院.xlsx', [grid('附件2', [[TITLE.newmedia], [SIGNER('信息工程学院')], head, ...CLEAN.newmedia])])]);
    expect(r.files[0]!.sheets.map((s) => [s.form, s.rows])).toEqual([['newmedia', 1]]);
  });

  it('near miss: a band that is no form (a 备注 block) stays with the form on its left', () => {
    const rows = beside([WEBSITE, { title: '', head: ['备注'], rows: [['已报党委宣传部']] }, GROUP]);
    const r = run([submission('信息工程学院.xlsx', [grid('备案表', rows)])]);
    expect(r.files[0]!.sheets.map((s) => [s.form, s.rows])).toEqual([['website', 1], ['group', 1]]);
    expect(r.tables.website[0]!.extras).toEqual({ 备注: '已报党委宣传部' });
  });
});

describe('an online form’s repeated question groups (网站1…, 网站2…)', () => {
  const Q = ['名称', '负责人', '管理员', '联系电话', '栏目', '最后更新日期'];
  const head = ['序号', '提交答卷时间', '1、所在单位', ...[1, 2].flatMap((g) => Q.map((q, k) => `${k + 2}、网站${g}${q}`))];
  const site = (name: string, phone: string, date: string): Raw[] => [name, '王建国', '李敏', phone, '新闻动态、组织管理、党员教育', date];
  const blank: Raw[] = ['(空)', '(空)', '(空)', '(空)', '(空)', '(空)'];
  const rows: Raw[][] = [
    head,
    [1, '2024/11/12 10:00:00', '信息工程学院', ...site('信工党建网', '13800001111', '2024-11-18'), ...site('信工官网', '1390001', '2024-09-01')],
    [2, '2024/11/12 11:00:00', '团委', ...site('团委党建网', '13600003333', '2024-11-18'), ...blank],
  ];
  const r = run([submission('网站平台登记_问卷星.xlsx', [grid('Sheet1', rows)])]);

  it('reads each group as rows of the form, a problem in the second group at its own cell', () => {
    expect(r.files.map((f) => [f.unit, f.sheets.map((s) => [s.form, s.rows])])).toEqual([
      ['信息工程学院', [['website', 2]]],
      ['团委', [['website', 1]]],
    ]);
    expect(r.tables.website.map((t) => t.values.name)).toEqual(['信工党建网', '信工官网', '团委党建网']);
    expect(r.findings.filter((f) => f.severity !== 'info' && f.rule !== 'form-missing').map((f) => [f.unit, f.rule, f.cell])).toEqual([
      ['信息工程学院', 'cell-phone', 'M2'],
      ['信息工程学院', 'website-stale-long', 'O2'],
    ]);
  });

  it('an unanswered group is no row, and the groups’ columns are no extra columns', () => {
    expect(r.findings.filter((f) => f.rule === 'form-empty' || f.rule === 'cell-required')).toEqual([]);
    expect(r.findings.filter((f) => f.rule === 'header-extra-column').map((f) => f.message)).toEqual([expect.stringContaining('提交答卷时间'), expect.stringContaining('提交答卷时间')]);
  });

  it('near miss: one group only (网站1…) is the plain form', () => {
    const one = [head.slice(0, 9), ...rows.slice(1).map((x) => x.slice(0, 9))];
    const plain = run([submission('网站平台登记_问卷星.xlsx', [grid('Sheet1', one)])]);
    expect(plain.tables.website.map((t) => t.values.name)).toEqual(['信工党建网', '团委党建网']);
  });
});

describe('a questionnaire asking for several forms in one row', () => {
  const head = ['序号', '提交答卷时间', '1、所在单位', '2、网站名称', '3、网站负责人', '4、网站管理员', '5、联系电话', '6、网站栏目', '7、最后更新日期', '8、网络平台', '9、账号名称', '10、账号ID', '11、粉丝人数', '12、开通日期', '13、主要用途', '14、管理员姓名', '15、联系电话'];
  const rows: Raw[][] = [
    head,
    [1, '2024/11/12 10:00', '信息工程学院', '信工党建网', '王建国', '李敏', '13800001111', '新闻动态、组织管理、党员教育', '2024-11-18', '微信公众号', '信工青年', 'xxgc_2019', 3200, '2019-09-01', '新闻发布', '赵强', '1380000222'],
    [2, '2024/11/12 11:00', '团委', '团委党建网', '王建国', '李敏', '13600003333', '新闻动态、组织管理、党员教育', '2024-09-18', '抖音', '青春', 'tw_1', 2100, '2020-09-01', '活动', '周八', '13500005555'],
  ];
  const r = run([submission('阵地登记_问卷星.xlsx', [grid('Sheet1', rows)])]);

  it('reads each form from its own stretch of columns, shared ones (序号, 单位) with each', () => {
    expect(r.files.map((f) => [f.unit, f.sheets.map((s) => s.form)])).toEqual([
      ['信息工程学院', ['website', 'newmedia']],
      ['团委', ['website', 'newmedia']],
    ]);
    expect(r.tables.newmedia.map((t) => [t.values.accountName, t.values.admin])).toEqual([['信工青年', '赵强'], ['青春', '周八']]);
    expect(r.findings.filter((f) => f.severity !== 'info' && f.rule !== 'form-missing').map((f) => [f.unit, f.rule, f.cell]).sort()).toEqual([
      ['信息工程学院', 'cell-phone', 'Q2'],
      ['团委', 'website-stale-long', 'I3'],
    ]);
  });

  it('near miss: one form’s row with a label another form shares (账号名称 is 网络大V’s too) is that form', () => {
    const one = run([submission('新媒体.xlsx', [grid('Sheet1', [HEAD.newmedia, ...CLEAN.newmedia])])]);
    expect(one.files[0]!.sheets.map((s) => s.form)).toEqual(['newmedia']);
  });
});
