/**
 * Layouts units produce that the template never showed: other words for a column, a signer
 * line under the table, notes and totals, example rows, "nothing to file" written as a
 * sentence. Each case is read as a clerk would read it; its near miss keeps the finding.
 */
import { CLEAN, HEAD, SIGNER, TITLE, formSheet, grid, run, submission, unitWorkbook, type Raw } from './builders';
import type { FormId } from '../../src/core/forms/ids';
import type { SheetGrid } from '../../src/core/grid';

const FORMS: FormId[] = ['website', 'newmedia', 'zombie', 'group', 'bigv'];
const withSheet = (form: FormId, sheet: SheetGrid) => run([unitWorkbook('信息工程学院.xlsx', { [form]: sheet })]);
const renamed = (form: FormId, names: Record<string, string>) => formSheet(form, CLEAN[form], { head: HEAD[form].map((h) => names[h] ?? h) });
const sheetOf = (form: FormId, rows: Raw[][]) => grid(form, [[TITLE[form]], [SIGNER('信息工程学院')], HEAD[form], ...rows]);
const errors = (r: ReturnType<typeof run>) => r.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.cell ?? ''}`);
const rowsOf = (r: ReturnType<typeof run>, form: FormId) => r.units[0]!.forms[form];

describe('headers in other words', () => {
  it.each<[FormId, Record<string, string>, string]>([
    ['website', { 最后更新日期: '更新时间' }, 'lastUpdate'],
    ['newmedia', { 联系电话: '管理员电话' }, 'phone'],
    ['newmedia', { 管理员姓名: '账号管理员' }, 'admin'],
    ['group', { 群管理员姓名: '群主', 联系电话: '群主电话' }, 'admin'],
    ['group', { 是否全部实名: '是否全员实名' }, 'realName'],
    ['zombie', { 群管理员姓名: '群主姓名', 清理原因: '清理原由' }, 'reason'],
    ['zombie', { 清理原因: '清理原因说明' }, 'reason'],
    ['newmedia', { 账号名称: '账号昵称' }, 'accountName'],
    ['bigv', { 账号名称: '昵称' }, 'accountName'],
  ])('%s %j is read without a missing column', (form, names) => {
    const r = withSheet(form, renamed(form, names));
    expect(errors(r)).toEqual([]);
    expect(r.findings.filter((f) => f.rule === 'header-alias').length).toBe(Object.keys(names).length);
  });

  it('a coordination keeps the longest label: 网站名称及网址 is the name, not the address', () => {
    const r = withSheet('website', renamed('website', { 网站名称: '网站名称及网址' }));
    expect(errors(r)).toEqual([]);
  });

  it('with 负责人电话 before 管理员电话, the phone is the 管理员\'s (whose phone the form asks for)', () => {
    const head = ['序号', '网站名称', '网站负责人', '负责人电话', '网站管理员', '管理员电话', '网站栏目', '最后更新日期'];
    const row = [1, '信息工程学院党建网', '王建国', '13900002222', '李敏', '13800001111', '新闻动态', '2024-11-18'];
    const r = withSheet('website', grid('website', [[TITLE.website], [SIGNER('信息工程学院')], head, row]));
    expect(r.tables.website[0]!.values.phone).toBe('13800001111');
    expect(r.findings.filter((f) => f.rule === 'contact-conflict')).toEqual([]);
    // Near miss: a single 负责人电话 is still the phone column.
    const one = withSheet('website', grid('website', [[TITLE.website], [SIGNER('信息工程学院')], head.filter((h) => h !== '管理员电话'), row.filter((_, i) => i !== 5)]));
    expect(one.tables.website[0]!.values.phone).toBe('13900002222');
  });

  it.each<[string, Raw[], string, string]>([
    ['负责人 | 管理员', ['负责人', '管理员'], '13900002222', '13800001111'],
    ['管理员 | 负责人', ['管理员', '负责人'], '13800001111', '13900002222'],
  ])('联系电话 merged over %s: the phone is the 管理员\'s, the other column keeps its name', (_, sub, phone, other) => {
    const h1: Raw[] = ['序号', '网站名称', '网站负责人', '网站管理员', '联系电话', null, '网站栏目', '最后更新日期'];
    const h2: Raw[] = [null, null, null, null, ...sub, null, null];
    const row: Raw[] = [1, '信息工程学院党建网', '王建国', '李敏', '13800001111', '13900002222', '新闻动态、组织管理、党员教育', '2024-11-18'];
    const merges = [{ top: 2, left: 4, bottom: 2, right: 5 }, ...[0, 1, 2, 3, 6, 7].map((c) => ({ top: 2, left: c, bottom: 3, right: c }))];
    const r = withSheet('website', grid('website', [[TITLE.website], [SIGNER('信息工程学院')], h1, h2, row], merges));
    expect(r.tables.website[0]!.values.phone).toBe(phone);
    expect(r.tables.website[0]!.extras).toEqual({ 负责人联系电话: other });
    expect(r.findings.filter((f) => f.rule === 'cell-extra' || f.severity === 'error')).toEqual([]);
  });

  it('near miss: 联系电话 merged over 办公电话 | 手机 is still one phone read from both', () => {
    const h1: Raw[] = ['序号', '网站名称', '网站负责人', '网站管理员', '联系电话', null, '网站栏目', '最后更新日期'];
    const h2: Raw[] = [null, null, null, null, '办公电话', '手机', null, null];
    const row: Raw[] = [1, '信息工程学院党建网', '王建国', '李敏', null, '13800001111', '新闻动态、组织管理、党员教育', '2024-11-18'];
    const merges = [{ top: 2, left: 4, bottom: 2, right: 5 }, ...[0, 1, 2, 3, 6, 7].map((c) => ({ top: 2, left: c, bottom: 3, right: c }))];
    const r = withSheet('website', grid('website', [[TITLE.website], [SIGNER('信息工程学院')], h1, h2, row], merges));
    expect(r.tables.website[0]!.values.phone).toBe('13800001111');
    expect(r.tables.website[0]!.extras).toEqual({});
  });

  it('near miss: a header naming another thing stays an extra column', () => {
    const r = withSheet('website', renamed('website', { 最后更新日期: '更新频率' }));
    expect(errors(r)).toEqual(['header-missing-column ']);
  });
});

describe('rows that are not data', () => {
  it('a signer line under the table (填报单位 first) is the signer, not a row', () => {
    const r = withSheet('website', grid('website', [[TITLE.website], HEAD.website, ...CLEAN.website, [], [SIGNER('信息工程学院')]]));
    expect(errors(r)).toEqual([]);
    expect(rowsOf(r, 'website')).toBe(1);
    expect(r.findings.filter((f) => f.rule === 'signer-missing' && f.form === 'website')).toEqual([]);
  });

  describe('a second page pasted under the first page\'s signer line', () => {
    const site = (n: number): Raw[] => [n, `信息工程学院网站${n}`, '王建国', '李敏', '13800001111', '新闻动态', '2024-11-18'];
    const foot: Raw[] = ['填报人：王建国', null, '审核人：李敏', null, '日期：2024年11月15日'];
    it.each<[string, Raw[][]]>([
      ['rows right under the footer', [foot, site(4), site(5)]],
      ['a page number and blank rows between', [foot, ['第 1 页 共 2 页'], [], site(4), site(5)]],
      ['a note between', [foot, ['注：网址请填写完整'], site(4), site(5)]],
    ])('is read on when its 序号 goes on (%s)', (_, tail) => {
      const r = withSheet('website', sheetOf('website', [site(1), site(2), site(3), ...tail]));
      expect(r.tables.website.map((t) => t.values.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(errors(r)).toEqual([]);
    });
    it('near miss: rows under the footer numbered from 1 again, or notes numbered in the 序号 column, are not read', () => {
      const restart = withSheet('website', sheetOf('website', [site(1), site(2), foot, site(1).map((v, i) => (i === 1 ? '另一网站' : v))]));
      expect(rowsOf(restart, 'website')).toBe(2);
      const notes = withSheet('website', sheetOf('website', [site(1), foot, [2, '网址请填写完整'], [3, '开通日期填写到月']]));
      expect(rowsOf(notes, 'website')).toBe(1);
    });
  });

  it.each<[string, Raw[]]>([
    ['合计：1个群', ['合计：1个群']],
    ['共计 1', ['共计', null, null, 56]],
    ['示例1', ['示例1', '微信群', '示例群', 50, '通知', '是', '张三', '13800000000', null]],
    ['（示例）in the name', [null, '微信群', '（示例）XX学院教职工群', 50, '通知', '是', '张三', '13800000000', null]],
    ['示例 in 备注', [2, '微信群', 'XX学院教职工群', 50, '通知', '是', '张三', '13800000000', '示例']],
    ['此行为示例，请删除 in 备注', [2, '微信群', 'XX学院教职工群', 50, '通知', '是', '张三', '13800000000', '此行为示例，请删除']],
    ['填写示例（请删除） in 备注', [2, '微信群', 'XX学院教职工群', 50, '通知', '是', '张三', '13800000000', '填写示例（请删除）']],
  ])('%s is skipped', (_, row) => {
    const r = withSheet('group', sheetOf('group', [...CLEAN.group, row]));
    expect(errors(r)).toEqual([]);
    expect(rowsOf(r, 'group')).toBe(1);
  });

  it('注 starts a note, 注册… starts a website name', () => {
    const noted = withSheet('website', sheetOf('website', [...CLEAN.website, ['注1.联系电话请填手机'], [2, '官网', '王建国', '李敏', '1380000', '简介', '2024-11-18']]));
    expect(rowsOf(noted, 'website')).toBe(1);
    const head = HEAD.website.slice(1);
    const named = withSheet('website', formSheet('website', [['注册中心网站', '王建国', '李敏', '13800001111', '新闻动态、组织管理、党员教育', '2024-11-18']], { head }));
    expect(rowsOf(named, 'website')).toBe(1);
    expect(named.findings.filter((f) => f.rule === 'form-empty')).toEqual([]);
  });

  it('near miss: 例会通知群 is data', () => {
    const r = withSheet('group', sheetOf('group', [[1, '微信群', '例会通知群', 56, '工作通知', '是', '李敏', '13800001111', null]]));
    expect(rowsOf(r, 'group')).toBe(1);
  });

  it.each<[string, Raw[][]]>([
    ['填写说明 block', [['填写说明：'], ['1.本表由各单位网站管理员填写；'], ['2.请于11月25日前报送。']]],
    ['填报须知', [['填报须知：请如实填写']]],
    ['温馨提示', [['温馨提示：网站栏目用顿号分隔']]],
    ['numbered notes alone', [['1.本表由各单位网站管理员填写；'], ['2.请于11月25日前报送。']]],
    ['备注 heading', [['备注'], ['1、网站栏目请用顿号分隔']]],
    ['分管领导签字', [['分管领导签字：王建国'], ['填表人：李敏  联系电话：13800001111']]],
    ['审核 / 制表 / 日期', [['审核：王建国     制表：李敏     日期：2024年11月19日']]],
    ['单位（盖章）', [['单位（盖章）：信息工程学院                2024年11月19日']]],
    ['a date alone', [['2024年11月19日']]],
    ['负责人签字', [['负责人签字：王建国   填表人签字：李敏   手机：13800001111']]],
  ])('%s under the table is no row', (_, lines) => {
    const r = withSheet('website', sheetOf('website', [...CLEAN.website, ...lines]));
    expect(errors(r)).toEqual([]);
    expect(rowsOf(r, 'website')).toBe(1);
  });

  it('section headings between rows (一、微信公众号, （二）抖音) are no rows', () => {
    const two = [2, '抖音', '信工视界', 'xg_dy', 3200, '2019-09-01', '宣传', '李敏', '13800001111', null];
    const r = withSheet('newmedia', sheetOf('newmedia', [['一、微信公众号'], ...CLEAN.newmedia, ['（二）抖音'], two]));
    expect(errors(r)).toEqual([]);
    expect(rowsOf(r, 'newmedia')).toBe(2);
    // So are a unit's headings over its rows in a gathered table (单位：信息工程学院).
    const units = withSheet('newmedia', sheetOf('newmedia', [['单位：信息工程学院'], ...CLEAN.newmedia, ['部门：信工团委'], two]));
    expect(errors(units)).toEqual([]);
    expect(rowsOf(units, 'newmedia')).toBe(2);
  });

  it.each<[string, Raw[]]>([
    ['如：… hints', ['如：微信公众号、抖音', '账号全称', '微信号/抖音号', '填写数字', '如2019-09-01', null, null, null, '手机号码', null]],
    ['（必填） marks', ['（必填）', '（必填）', '（必填）', '（必填）', '（必填）', '（选填）', '（选填）', '（必填）', '（必填）', '（选填）']],
  ])('a hint row under the header (%s) is no row', (_, hint) => {
    const r = withSheet('newmedia', sheetOf('newmedia', [hint, ...CLEAN.newmedia]));
    expect(errors(r)).toEqual([]);
    expect(rowsOf(r, 'newmedia')).toBe(1);
  });

  it('near miss: a row with only a name where the name goes is a half-filled row', () => {
    const r = withSheet('website', sheetOf('website', [...CLEAN.website, [2, '信息工程学院英文网']]));
    expect(rowsOf(r, 'website')).toBe(2);
    expect(errors(r)).toContain('cell-required C5');
  });

  it('near miss: a hint-like row below data is data (手机号码 typed as a value is still checked)', () => {
    const r = withSheet('newmedia', sheetOf('newmedia', [...CLEAN.newmedia, [2, '微信公众号', '账号全称', 'id2', 100, null, null, '姓名', '手机号码', null]]));
    expect(rowsOf(r, 'newmedia')).toBe(2);
  });

  it('near miss: a 备注 about a sample is data (示例课程群已解散)', () => {
    const r = withSheet('group', sheetOf('group', [[1, '微信群', '课程群', 56, '工作通知', '是', '李敏', '13800001111', '示例课程群已解散']]));
    expect(rowsOf(r, 'group')).toBe(1);
  });
});

describe('nothing to file, said in a sentence', () => {
  it.each([['本单位无此类群组'], ['无（本学期未清理群）'], ['没有需要清理的群'], ['暂无工作群'], ['（无）'], ['(无)'], ['本单位无网络工作群'], ['经排查，本单位无僵尸群。'], ['不涉及（教师群）'], ['本单位不适用']])('%s counts as 无', (text) => {
    const r = withSheet('zombie', sheetOf('zombie', [[text]]));
    expect(errors(r)).toEqual([]);
    expect(rowsOf(r, 'zombie')).toBe(0);
    expect(r.findings.filter((f) => f.rule === 'form-empty' || f.rule === 'form-missing')).toEqual([]);
  });

  it.each([['无锡校区迎新群'], ['无人机协会群'], ['本单位无2个群未清理']])('near miss: %s is a half-filled row', (text) => {
    const r = withSheet('zombie', sheetOf('zombie', [[text]]));
    expect(errors(r).some((e) => e.startsWith('cell-required'))).toBe(true);
  });
});

describe('a year alone as 开通日期', () => {
  const opened = (v: Raw) => withSheet('newmedia', sheetOf('newmedia', [[1, '微信公众号', '信工青年', 'xxgc_2019', 3200, v, '新闻发布', '李敏', '13800001111', null]]));
  it.each<[Raw, string]>([['2019年', '2019'], ['2019', '2019'], [2019, '2019'], ['2019年度', '2019']])('%j is the year %s', (v, year) => {
    const r = opened(v);
    expect(errors(r)).toEqual([]);
    expect(r.tables.newmedia[0]!.values.openDate).toBe(year);
  });
  it('near miss: a year alone is not a 清理时间, nor a year to come an 开通日期', () => {
    expect(errors(withSheet('zombie', sheetOf('zombie', [[1, '李敏', '13800001111', '信工2019迎新临时群', '工作结束', '是', '2024年', null]]))).map((e) => e.split(' ')[0])).toEqual(['cell-date']);
    expect(opened('2099年').findings.filter((f) => f.rule === 'cell-date-future')).toHaveLength(1);
  });
});

describe('a placeholder in a date column', () => {
  it.each([['/'], ['—'], ['无']])('%s as 开通日期 is no date and no error', (mark) => {
    const r = withSheet('newmedia', sheetOf('newmedia', [[1, '微信公众号', '信工青年', 'xxgc_2019', 3200, mark, '新闻发布', '李敏', '13800001111', null]]));
    expect(errors(r)).toEqual([]);
  });

  it('is blank where a date is required: 最后更新日期 and the 清理时间 of a group cleared', () => {
    expect(errors(withSheet('website', sheetOf('website', [[1, '信息工程学院官网', '王建国', '李敏', '13800001111', '新闻动态、组织管理、党员教育', '/']])))).toEqual(['cell-required G4']);
    expect(errors(withSheet('zombie', sheetOf('zombie', [[1, '李敏', '13800001111', '信工2019迎新临时群', '工作结束', '是', '/', null]]))).map((e) => e.split(' ')[0])).toEqual(['zombie-date-missing']);
    expect(errors(withSheet('zombie', sheetOf('zombie', [[1, '李敏', '13800001111', '信工2019迎新临时群', '工作结束', '否', '/', null]])))).toEqual([]);
  });
});

describe('the end-of-table mark', () => {
  it.each([['以下空白'], ['（以下空白）'], ['以下无内容']])('%s under the rows is no row', (mark) => {
    const r = withSheet('group', sheetOf('group', [...CLEAN.group, [mark], [null, mark]]));
    expect(errors(r)).toEqual([]);
    expect(rowsOf(r, 'group')).toBe(CLEAN.group.length);
  });

  it('near miss: a group named 以下空白群 is a row', () => {
    const r = withSheet('group', sheetOf('group', [...CLEAN.group, [CLEAN.group.length + 1, '微信群', '以下空白群', 56, '工作通知', '是', '李敏', '13800001111', null]]));
    expect(rowsOf(r, 'group')).toBe(CLEAN.group.length + 1);
  });
});

describe('联系电话 split into 办公电话 | 手机', () => {
  const head1 = ['序号', '网站名称', '网站负责人', '网站管理员', '联系电话', null, '网站栏目', '最后更新日期'];
  const head2 = [null, null, null, null, '办公电话', '手机', null, null];
  const merges = [{ top: 2, left: 4, bottom: 2, right: 5 }, ...[0, 1, 2, 3, 6, 7].map((c) => ({ top: 2, left: c, bottom: 3, right: c }))];
  const site = (office: Raw, mobile: Raw) => withSheet('website', grid('website', [[TITLE.website], [SIGNER('信息工程学院')], head1, head2, [1, '信息工程学院党建网', '王建国', '李敏', office, mobile, '新闻动态、组织管理、党员教育', '2024-11-18']], merges));
  it('reads both parts as the one phone column; either is enough', () => {
    const both = site('0395-3141234', '13800001111');
    expect(errors(both)).toEqual([]);
    expect(both.tables.website[0]!.values.phone).toBe('0395-3141234/13800001111');
    const mobile = site(null, '13800001111');
    expect(errors(mobile)).toEqual([]);
    expect(mobile.tables.website[0]!.values.phone).toBe('13800001111');
  });
  it('near miss: with neither part filled the phone is missing', () => {
    expect(errors(site(null, null))).toEqual(['cell-required E5']);
  });
});

describe('bigv 类别 split into 教师 | 学生', () => {
  it('reads the lower row as the sub-header, not as a data row', () => {
    const head1 = ['序号', '账号平台', '账号ID', '账号名称', '粉丝数量', '创作方向', '姓名', '类别', null, '联系方式', '备注'];
    const head2 = [null, null, null, null, null, null, null, '教师', '学生', null, null];
    const merges = [{ top: 2, left: 7, bottom: 2, right: 8 }, ...[0, 1, 2, 3, 4, 5, 6, 9, 10].map((c) => ({ top: 2, left: c, bottom: 3, right: c }))];
    const r = withSheet('bigv', grid('附件5', [[TITLE.bigv], [SIGNER('信息工程学院')], head1, head2, ...CLEAN.bigv], merges));
    expect(rowsOf(r, 'bigv')).toBe(1);
    expect(r.tables.bigv[0]!.values).toMatchObject({ title: '讲师', person: '陈明' });
    expect(errors(r)).toEqual([]);
  });
});

describe('bigv 类别 with a placeholder in the other column', () => {
  it.each([['/'], ['无'], ['—'], ['不适用'], ['学生']])('%s in 职务职称 beside a 专业年级 is a student', (mark) => {
    const r = withSheet('bigv', sheetOf('bigv', [[1, '抖音', 'xg_dy001', '阿明说', 15000, '校园生活', '陈明', mark, '计算机2022级', '13911112222', null]]));
    expect(errors(r)).toEqual([]);
  });

  it('教师 in 专业年级 beside a 职务职称 is a teacher; near miss: 学生 alone in 职务职称 says no 专业年级', () => {
    expect(errors(withSheet('bigv', sheetOf('bigv', [[1, '抖音', 'xg_dy001', '阿明说', 15000, '校园生活', '陈明', '讲师', '教师', '13911112222', null]])))).toEqual([]);
    expect(errors(withSheet('bigv', sheetOf('bigv', [[1, '抖音', 'xg_dy001', '阿明说', 15000, '校园生活', '陈明', '学生', null, '13911112222', null]])))).toEqual(['bigv-category H4']);
  });

  it('near miss: a placeholder in both is neither', () => {
    const r = withSheet('bigv', sheetOf('bigv', [[1, '抖音', 'xg_dy001', '阿明说', 15000, '校园生活', '陈明', '/', '无', '13911112222', null]]));
    expect(errors(r)).toEqual(['bigv-category H4']);
  });
});

describe('cells a hurried hand typed', () => {
  it('序号 typed full-width (１, ２) is in sequence; -- in 备注 is no formula', () => {
    const r = withSheet('group', sheetOf('group', [['１', '微信群', '信工一群', 40, '通知', '是', '李敏', '13800001111', '--'], ['２', '微信群', '信工二群', 40, '通知', '是', '李敏', '13800001111', '==']]));
    expect(r.findings.filter((f) => f.rule === 'seq-broken' || f.rule === 'cell-formula-text')).toEqual([]);
    // Near miss: a formula typed as text still is one.
    const f = withSheet('group', sheetOf('group', [[1, '微信群', '信工一群', 40, '通知', '是', '李敏', '13800001111', '=1+1']]));
    expect(f.findings.filter((x) => x.rule === 'cell-formula-text')).toHaveLength(1);
  });
});

describe('signer lines', () => {
  it('手机： after 填表人 is the filler phone', () => {
    const sheets = FORMS.map((f) => grid(f, [[TITLE[f]], ['填报单位（盖章）：信息工程学院        单位负责人（签字）：王建国        填表人：李敏        手机：13800001111'], HEAD[f], ...CLEAN[f]]));
    const r = run([submission('信息工程学院.xlsx', sheets)]);
    expect(r.findings.filter((f) => f.rule === 'signer-missing')).toEqual([]);
  });

  const bare = (f: FormId) => grid(f, [[TITLE[f]], HEAD[f], ...CLEAN[f]]);
  it('are checked per form sheet: a line on 附件1 does not sign the others (RULES signer-missing)', () => {
    const r = run([submission('信息工程学院.xlsx', FORMS.map((f) => (f === 'website' ? formSheet(f) : bare(f))))]);
    expect(r.findings.filter((f) => f.rule === 'signer-missing').map((f) => f.sheet).sort()).toEqual(['bigv', 'group', 'newmedia', 'zombie']);
  });

  it('near miss: a continuation shares its form’s line, forms stacked on a sheet the line at its top, a Word file’s tables one line', () => {
    const continued = run([submission('信息工程学院.xlsx', [...FORMS.map((f) => formSheet(f)), grid('附件1（续）', [HEAD.website, [2, '信息工程学院英文网', '王建国', '李敏', '13800001111', '学院概况', '2024-11-18']])])]);
    expect(continued.findings.filter((f) => f.rule === 'signer-missing')).toEqual([]);
    const stacked = run([submission('信息工程学院.xlsx', [grid('全部', [[SIGNER('信息工程学院')], HEAD.newmedia, ...CLEAN.newmedia, HEAD.zombie, ...CLEAN.zombie])])]);
    expect(stacked.findings.filter((f) => f.rule === 'signer-missing')).toEqual([]);
    const word = FORMS.map((f, i) => ({ ...(i === 0 ? formSheet(f) : bare(f)), name: `表${i + 1}`, origin: { table: i + 1, top: 0 } }));
    const doc = run([submission('信息工程学院.docx', word)]);
    expect(doc.findings.filter((f) => f.rule === 'signer-missing')).toEqual([]);
  });
});

describe('cells widened by merges', () => {
  it('a header label merged across columns names one column (LibreOffice widens stacked tables that way)', () => {
    // Every cell two columns wide: labels and values in A, C, E, …; B, D, F, … covered.
    const wide = (row: Raw[]) => row.flatMap((v) => [v, null]);
    const rows = [[TITLE.website], [SIGNER('信息工程学院')], wide(HEAD.website), ...CLEAN.website.map(wide)];
    const merges = [2, 3].flatMap((r) => HEAD.website.map((_, i) => ({ top: r, left: 2 * i, bottom: r, right: 2 * i + 1 })));
    const r = withSheet('website', grid('website', rows, merges));
    expect(errors(r)).toEqual([]);
    expect(r.findings.filter((f) => f.form === 'website' && f.severity !== 'info')).toEqual([]);
    expect(rowsOf(r, 'website')).toBe(1);
  });

  it('near miss: a label written again in the next column is a duplicate', () => {
    const r = withSheet('website', formSheet('website', CLEAN.website.map((row) => [row[0]!, row[1]!, ...row.slice(1)]), { head: [HEAD.website[0]!, HEAD.website[1]!, ...HEAD.website.slice(1)] }));
    expect(errors(r)).toEqual(['header-duplicate-column C3']);
  });
});

describe('headers typed over two cells and units in the header', () => {
  it('最后更新 / 日期 and 联系 / 电话 in two rows read as one label each', () => {
    const upper = HEAD.website.map((h) => (h === '最后更新日期' ? '最后更新' : h === '联系电话' ? '联系' : h));
    const lower = HEAD.website.map((h) => (h === '最后更新日期' ? '日期' : h === '联系电话' ? '电话' : null));
    const r = withSheet('website', grid('website', [[TITLE.website], [SIGNER('信息工程学院')], upper, lower, ...CLEAN.website]));
    expect(errors(r)).toEqual([]);
    expect(rowsOf(r, 'website')).toBe(1);
  });

  it.each<[FormId, string, string, Raw, number]>([
    ['newmedia', '粉丝人数', '粉丝人数（万）', 1.2, 12000],
    ['bigv', '粉丝数量', '粉丝数量（万人）', '1.5', 15000],
    ['bigv', '粉丝数量', '粉丝数量（万）', '1.5万', 15000],
    ['newmedia', '粉丝人数', '粉丝人数（人）', 3200, 3200],
  ])('%s %s: %j is %d', (form, label, header, value, expected) => {
    const col = HEAD[form].indexOf(label);
    const rows = CLEAN[form].map((row) => row.map((v, c) => (c === col ? value : v)));
    const r = withSheet(form, formSheet(form, rows, { head: HEAD[form].map((h) => (h === label ? header : h)) }));
    expect(r.findings.filter((f) => f.rule === 'bigv-below-threshold')).toEqual([]);
    const read = r.findings.find((f) => f.rule === 'cell-number-normalized');
    if (expected === value) expect(read).toBeUndefined();
    else expect(read?.message).toContain(`按 ${expected} 读取`);
  });
});

describe('where the table stands and which sheets hold data', () => {
  it('a table below a long block of notes is found', () => {
    const notes: Raw[][] = Array.from({ length: 24 }, (_, i) => [`填表说明${i + 1}：请如实填写各项内容。`]);
    const r = withSheet('website', grid('website', [[TITLE.website], ...notes, [SIGNER('信息工程学院')], HEAD.website, ...CLEAN.website]));
    expect(r.findings.filter((f) => f.rule === 'sheet-unrecognized' || f.rule === 'form-missing')).toEqual([]);
    expect(rowsOf(r, 'website')).toBe(1);
  });

  it('near miss: notes alone are still no form', () => {
    const notes: Raw[][] = Array.from({ length: 30 }, (_, i) => [`第${i + 1}条`, '请按时报送', '逾期不候']);
    const r = run([unitWorkbook('信息工程学院.xlsx'), submission('信息工程学院-附.xlsx', [grid('说明', notes)])]);
    expect(r.findings.filter((f) => f.rule === 'sheet-unrecognized').map((f) => f.sheet)).toEqual(['说明']);
  });

  it.each([['填写示例'], ['样表'], ['附件1示例']])('a sheet named %s is an example, not data', (name) => {
    const example = formSheet('website', [[1, '示例学院网站', '张三', '李四', '13800000000', '新闻动态', '2024-01-01']], { name });
    const r = run([submission('信息工程学院.xlsx', [...FORMS.map((f) => formSheet(f)), example])]);
    expect(rowsOf(r, 'website')).toBe(1);
    expect(r.findings.filter((f) => f.sheet === name)).toEqual([]);
  });
});

describe('values that look odd but are what they say', () => {
  it.each([['@xxgc_2019'], ['@信工青年']])('an account handle %s is no formula text', (id) => {
    const col = HEAD.newmedia.indexOf('账号ID');
    const r = withSheet('newmedia', formSheet('newmedia', CLEAN.newmedia.map((row) => row.map((v, c) => (c === col ? id : v)))));
    expect(r.findings.filter((f) => f.rule === 'cell-formula-text')).toEqual([]);
  });

  it.each([['@SUM(1+1)*cmd|'], ['=信工青年'], ['@Sheet1!A1']])('near miss: %s is formula text', (id) => {
    const col = HEAD.newmedia.indexOf('账号ID');
    const r = withSheet('newmedia', formSheet('newmedia', CLEAN.newmedia.map((row) => row.map((v, c) => (c === col ? id : v)))));
    expect(r.findings.filter((f) => f.rule === 'cell-formula-text').map((f) => f.cell)).toEqual(['D4']);
  });
});

describe('values that open with a note or signer word', () => {
  it('a website named 说明书翻译服务网 with no 序号 is data, and so are the rows after it', () => {
    const head = HEAD.website.slice(1);
    const rows = [['说明书翻译服务网', '王建国', '李敏', '13800001111', '新闻动态、组织管理、党员教育', '2024-11-18'], ['信息工程学院官网', '王建国', '李敏', '13800001111', '新闻动态', '2024-11-18']];
    const r = withSheet('website', formSheet('website', rows, { head }));
    expect(rowsOf(r, 'website')).toBe(2);
  });
  it('an account named 温馨提示 on a full row is data', () => {
    const r = withSheet('newmedia', sheetOf('newmedia', [...CLEAN.newmedia, [null, null, '温馨提示', 'wxts_01', 800, '2020-01-01', '提示', '李敏', '13800001111', null]]));
    expect(rowsOf(r, 'newmedia')).toBe(2);
  });
});

describe('a single 类别 column holding 学生 / 教师', () => {
  it('its first data row is data, not a second header row', () => {
    const head = ['账号平台', '账号ID', '账号名称', '粉丝数量', '创作方向', '姓名', '类别', '联系方式'];
    const rows = [['抖音', 'xg_dy001', '阿明说', '1.5万', '校园生活', '陈明', '学生', '139-1111-2222'], ['B站', 'bili_2', '老王', '9千', '教学', '王华', '教师', '139-1111-3333']];
    const r = withSheet('bigv', formSheet('bigv', rows, { head }));
    expect(rowsOf(r, 'bigv')).toBe(2);
  });
});

describe('half-filled rows that look like lines', () => {
  it('a 序号 with one value beside it (（三）班学生群) is a half-filled row, not a heading', () => {
    const r = withSheet('group', sheetOf('group', [...CLEAN.group, [2, null, '（三）班学生群']]));
    expect(rowsOf(r, 'group')).toBe(2);
  });
  it('a sparse first row (视频号 | 外院青年视频号) is a row, not a hint row', () => {
    const r = withSheet('newmedia', sheetOf('newmedia', [[1, '视频号', '外院青年视频号'], ...CLEAN.newmedia.map((row) => row.map((v, c) => (c === 0 ? 2 : v)))]));
    expect(rowsOf(r, 'newmedia')).toBe(2);
  });
});

describe('a form laid out down the sheet', () => {
  /** The bigv form as a card: the template's labels down column A, one person per column. */
  const card = (labels: string[]): Raw[][] => [[TITLE.bigv], [SIGNER('学生工作处')], ...labels.map((h, i) => [h, CLEAN.bigv[0]![i] ?? null, i === 0 ? 2 : null])];

  it('is named as the form it is, with how to lay it out, instead of “no form found”', () => {
    const r = run([submission('学生工作处.xlsx', [grid('网络大V', card(HEAD.bigv))])]);
    const f = r.findings.filter((x) => x.rule.startsWith('sheet-'));
    expect(f.map((x) => [x.rule, x.severity, x.form])).toEqual([['sheet-transposed', 'error', 'bigv']]);
    expect(f[0]!.message).toContain('竖排的“网络大V”信息统计表');
  });

  it('near miss: a column of notes that names no form’s labels is an unrecognised sheet', () => {
    const r = run([submission('学生工作处.xlsx', [grid('说明', card(['填报说明', '一、按时报送', '二、如实填写', '三、盖章']))])]);
    expect(r.findings.filter((x) => x.rule.startsWith('sheet-')).map((x) => x.rule)).toEqual(['sheet-unrecognized']);
  });
});
