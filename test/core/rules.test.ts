/**
 * Every checker rule: a case that fires (at the right cell) and a near miss that does not.
 * The base is a clean unit workbook; each case changes one thing.
 */
import { personKey } from '../../src/core/rules/cross';
import { checkFile, consolidate, type CheckOptions, type Submission } from '../../src/core/check';
import type { Roster } from '../../src/core/units';
import { underDomain } from '../../src/core/rules/domain';
import { cellOf } from '../../src/core/rules/cells';
import { AS_OF, CLEAN, HEAD, formSheet, grid, run, submission, TITLE, SIGNER, unitWorkbook, withCell, type Raw } from './builders';

interface Case {
  rule: string;
  fire: () => [Submission[], Partial<CheckOptions>?];
  cell?: string | null;
  near: () => [Submission[], Partial<CheckOptions>?];
}

const roster: Roster = {
  units: [
    { name: '信息工程学院', category: '教学单位', aliases: ['信工学院'], head: null, phone: null },
    { name: '团委', category: '职能部门', aliases: ['共青团委员会'], head: null, phone: null },
  ],
};

const one = (replace: Parameters<typeof unitWorkbook>[1]): [Submission[]] => [[unitWorkbook('信息工程学院.xlsx', replace)]];
const site = (header: string, value: Raw) => one({ website: formSheet('website', withCell('website', header, value)) });
const media = (header: string, value: Raw) => one({ newmedia: formSheet('newmedia', withCell('newmedia', header, value)) });
const zombie = (rows: Raw[][]) => one({ zombie: formSheet('zombie', rows) });
const group = (rows: Raw[][]) => one({ group: formSheet('group', rows) });
const bigv = (rows: Raw[][]) => one({ bigv: formSheet('bigv', rows) });
const failed = (problem: 'unreadable' | 'unsupported' | 'too-large', file = 'x.xlsx'): Submission => ({ file, sha256: file, size: 1, read: { ok: false, problem, detail: '文件已损坏，请重新保存' } });
function cleanSheets() {
  const r = unitWorkbook().read;
  return r.ok ? r.workbook.sheets : [];
}
const siteUrl = (url: string | null) => one({ website: formSheet('website', [[...CLEAN.website[0]!, url]], { head: [...HEAD.website, '网址'] }) });
const DOMAIN = { websiteDomain: 'hbjy.net' };
const tuanwei = (rows: Raw[][]) => submission('团委.xlsx', [formSheet('newmedia', rows, { unit: '团委' })]);

const CASES: Case[] = [
  { rule: 'file-unreadable', fire: () => [[failed('unreadable')]], cell: null, near: () => [[unitWorkbook()]] },
  { rule: 'file-unsupported', fire: () => [[failed('unsupported', 'a.xls')]], cell: null, near: () => [[unitWorkbook()]] },
  { rule: 'file-too-large', fire: () => [[failed('too-large')]], cell: null, near: () => [[unitWorkbook()]] },
  {
    rule: 'file-duplicate',
    fire: () => { const a = unitWorkbook('a/信息工程学院.xlsx'); return [[a, { ...a, file: 'b/信息工程学院.xlsx' }]]; },
    near: () => [[unitWorkbook('a/信息工程学院.xlsx'), unitWorkbook('b/信息工程学院.xlsx')]],
  },
  {
    rule: 'file-replaced',
    fire: () => [[unitWorkbook('信息工程学院-1.xlsx'), submission('信息工程学院-2.xlsx', [formSheet('website')], { modified: '2024-11-12T00:00:00Z' })]],
    near: () => [[unitWorkbook('信息工程学院-1.xlsx'), submission('信息工程学院-2.xlsx', [formSheet('website', CLEAN.website, { unit: '团委' })])]],
  },
  {
    rule: 'file-split-by-unit',
    fire: () => [[submission('新媒体收集表.xlsx', [grid('Sheet1', [['填报单位', ...HEAD.newmedia], ['信工学院', ...CLEAN.newmedia[0]!], ['团委', 2, ...CLEAN.newmedia[0]!.slice(1, -2), '13600003333', null]])])], { roster }],
    cell: null,
    near: () => [[submission('新媒体收集表.xlsx', [grid('Sheet1', [['填报单位', ...HEAD.newmedia], ['信工学院', ...CLEAN.newmedia[0]!]])])], { roster }],
  },
  {
    rule: 'file-split-by-sheet',
    fire: () => [[submission('新媒体汇总.xlsx', [formSheet('newmedia', CLEAN.newmedia, { unit: '信工学院', name: '信工' }), formSheet('newmedia', CLEAN.newmedia, { unit: '团委', name: '团委' })])], { roster }],
    cell: null,
    near: () => [[submission('新媒体汇总.xlsx', [formSheet('website', CLEAN.website, { unit: '信工学院' }), formSheet('newmedia', CLEAN.newmedia, { unit: '团委' })])], { roster }],
  },
  { rule: 'unit-unidentified', fire: () => [[submission('备案表.xlsx', cleanSheets().map((g) => ({ ...g, rows: g.rows.slice(2) })))]], near: () => [[unitWorkbook('备案表.xlsx')]] },
  { rule: 'unit-unknown', fire: () => [[unitWorkbook('信息学院.xlsx', {}, '信息学院')], { roster }], near: () => [[unitWorkbook('信工学院.xlsx', {}, '信工学院')], { roster }] },
  { rule: 'unit-missing', fire: () => [[unitWorkbook()], { roster }], cell: null, near: () => [[unitWorkbook(), tuanwei(CLEAN.newmedia)], { roster }] },
  { rule: 'form-missing', fire: () => [[submission('信息工程学院.xlsx', [formSheet('website')])]], cell: null, near: () => [[unitWorkbook()]] },
  {
    rule: 'form-late',
    // 00:30 on the 16th in China (UTC+8) is late; 23:59 on the 15th there is not.
    fire: () => [[{ ...unitWorkbook(), modified: '2024-11-15T16:30:00Z' }], { deadline: '2024-11-15' }],
    near: () => [[{ ...unitWorkbook(), modified: '2024-11-15T15:59:00Z' }], { deadline: '2024-11-15' }],
  },
  {
    rule: 'sheet-unrecognized',
    fire: () => [[submission('信息工程学院.xlsx', [...cleanSheets(), grid('说明', [['本表由办公室汇总'], ['联系人：张三']])])]],
    near: () => [[submission('信息工程学院.xlsx', [...cleanSheets(), grid('Sheet9', [])])]],
  },
  {
    rule: 'sheet-hidden-copy', cell: null,
    fire: () => [[submission('信息工程学院.xlsx', [...cleanSheets(), { ...formSheet('website', CLEAN.website, { name: '附件1（旧）' }), hidden: true }])]],
    near: () => [[submission('信息工程学院.xlsx', [...cleanSheets().filter((g) => g.name !== 'website'), { ...formSheet('website'), hidden: true }])]],
  },
  {
    rule: 'signer-missing',
    fire: () => [[submission('信息工程学院.xlsx', (['website', 'newmedia', 'zombie', 'group', 'bigv'] as const).map((f) => grid(f, [[TITLE[f]], ['填报单位：信息工程学院    填表人：李敏'], HEAD[f], ...CLEAN[f]])))]],
    near: () => [[unitWorkbook()]],
  },
  { rule: 'form-empty', cell: 'B4', fire: () => one({ website: formSheet('website', []) }), near: () => one({ website: formSheet('website', [['无']]) }) },
  {
    rule: 'header-missing-column', cell: null,
    fire: () => one({ website: formSheet('website', CLEAN.website.map((r) => r.slice(0, 6)), { head: HEAD.website.slice(0, 6) }) }),
    near: () => one({ website: formSheet('website', CLEAN.website.map((r) => r.slice(0, 5).concat(r.slice(6))), { head: HEAD.website.filter((h) => h !== '网站栏目') }) }),
  },
  {
    rule: 'header-extra-column', cell: 'H3',
    fire: () => one({ website: formSheet('website', CLEAN.website.map((r) => [...r, '内部']), { head: [...HEAD.website, '密级'] }) }),
    near: () => one({ website: formSheet('website', CLEAN.website.map((r) => [...r, 'https://xg.example.edu.cn']), { head: [...HEAD.website, '网址'] }) }),
  },
  {
    rule: 'header-alias', cell: 'E3',
    fire: () => one({ website: formSheet('website', CLEAN.website, { head: HEAD.website.map((h) => (h === '联系电话' ? '手机' : h)) }) }),
    near: () => one({ website: formSheet('website', CLEAN.website, { head: HEAD.website.map((h) => (h === '联系电话' ? '联系\n电话' : h)) }) }),
  },
  {
    rule: 'header-order',
    fire: () => one({ website: formSheet('website', CLEAN.website.map((r) => [r[0]!, r[2]!, r[1]!, ...r.slice(3)]), { head: [HEAD.website[0]!, HEAD.website[2]!, HEAD.website[1]!, ...HEAD.website.slice(3)] }) }),
    near: () => [[unitWorkbook()]],
  },
  {
    rule: 'header-duplicate-column', cell: 'H3',
    fire: () => one({ website: formSheet('website', CLEAN.website.map((r) => [...r, '13800001111']), { head: [...HEAD.website, '联系电话'] }) }),
    near: () => one({ website: formSheet('website', CLEAN.website.map((r) => [...r, '13800001111']), { head: [...HEAD.website, '备用电话'] }) }),
  },
  {
    rule: 'cell-extra', cell: 'I4',
    fire: () => one({ website: formSheet('website', CLEAN.website.map((r) => [...r, null, '补充说明'])) }),
    near: () => one({ website: formSheet('website', CLEAN.website.map((r) => [...r, null, null])) }),
  },
  { rule: 'row-duplicate', cell: 'A5', fire: () => group([...CLEAN.group, [2, ...CLEAN.group[0]!.slice(1)]]), near: () => group([...CLEAN.group, [2, '微信群', '信工学生群', 56, '工作通知', '是', '李敏', '13800001111', null]]) },
  { rule: 'cell-unique', cell: 'C5', fire: () => group([...CLEAN.group, [2, 'QQ群', '信工教职工群', 80, '通知', '是', '李敏', '13800001111', null]]), near: () => group([...CLEAN.group, [2, 'QQ群', '信工教职工二群', 80, '通知', '是', '李敏', '13800001111', null]]) },
  { rule: 'cell-personal-id', cell: 'J4', fire: () => media('备注', '管理员身份证 11010519491231002X'), near: () => media('备注', '工号 110105194912') },
  { rule: 'seq-broken', cell: 'A5', fire: () => group([...CLEAN.group, [3, '微信群', '二群', 5, '', '是', '李敏', '13800001111', null]]), near: () => group([...CLEAN.group, [2, '微信群', '二群', 5, '', '是', '李敏', '13800001111', null]]) },
  { rule: 'cell-required', cell: 'D4', fire: () => site('网站管理员', null), near: () => site('网站栏目', null) },
  { rule: 'cell-number', cell: 'E4', fire: () => media('粉丝人数', '很多'), near: () => media('粉丝人数', '3200') },
  { rule: 'cell-number-normalized', cell: 'E4', fire: () => media('粉丝人数', '1.2万'), near: () => media('粉丝人数', 12000) },
  { rule: 'cell-date', cell: 'G4', fire: () => site('最后更新日期', '2024-02-30'), near: () => site('最后更新日期', '2024年11月18日') },
  { rule: 'cell-date-future', cell: 'G4', fire: () => site('最后更新日期', '2024-11-21'), near: () => site('最后更新日期', '2024-11-20') },
  { rule: 'cell-phone', cell: 'E4', fire: () => site('联系电话', '1380000111'), near: () => site('联系电话', '138 0000 1111') },
  { rule: 'cell-phone-short', cell: 'E4', fire: () => site('联系电话', '61234'), near: () => site('联系电话', '0668-2923456') },
  { rule: 'cell-enum', cell: 'B4', fire: () => media('网络平台', '脸书'), near: () => media('网络平台', '公众号') },
  { rule: 'cell-formula-error', cell: 'C4', fire: () => media('账号名称', '#REF!'), near: () => media('账号名称', 'REF') },
  { rule: 'cell-formula-text', cell: 'J4', fire: () => media('备注', '=HYPERLINK("http://x","y")'), near: () => media('备注', '见链接 =HYPERLINK') },
  { rule: 'website-stale', cell: 'G4', fire: () => site('最后更新日期', '2024-11-12'), near: () => site('最后更新日期', '2024-11-13') },
  { rule: 'website-stale-long', cell: 'G4', fire: () => site('最后更新日期', '2024-11-05'), near: () => site('最后更新日期', '2024-11-06') },
  { rule: 'website-columns-incomplete', cell: 'F4', fire: () => site('网站栏目', '新闻动态、组织管理'), near: () => site('网站栏目', '新闻动态 组织管理 党员教育') },
  {
    rule: 'website-columns-suggested', cell: 'F4',
    fire: () => one({ website: formSheet('website', [[1, '信息工程学院主页', '王建国', '李敏', '13800001111', '学院简介、师资队伍', '2024-11-18']]) }),
    near: () => one({ website: formSheet('website', [[1, '信息工程学院主页', '王建国', '李敏', '13800001111', '学院简介、师资队伍、科研成果、对外合作交流、专业设置、专业特色、课程设置、学生工作、管理服务、荣誉获奖、历史沿革', '2024-11-18']]) }),
  },
  { rule: 'bigv-below-threshold', cell: 'E4', fire: () => bigv([CLEAN.bigv[0]!.map((v, c) => (c === 4 ? 1999 : v))]), near: () => bigv([CLEAN.bigv[0]!.map((v, c) => (c === 4 ? 2000 : v))]) },
  { rule: 'bigv-category', cell: 'I4', fire: () => bigv([CLEAN.bigv[0]!.map((v, c) => (c === 8 ? '会计2022级' : v))]), near: () => bigv([CLEAN.bigv[0]!.map((v, c) => (c === 7 ? null : c === 8 ? '会计2022级' : v))]) },
  {
    rule: 'account-student-phone', cell: 'I4',
    fire: () => one({ newmedia: formSheet('newmedia', withCell('newmedia', '联系电话', '15912345678')), bigv: formSheet('bigv', [[1, 'B站', 'bili_1', '小周', 42000, '学习', '周航', null, '计算机2022级', '15912345678', null]]) }),
    near: () => one({ newmedia: formSheet('newmedia', withCell('newmedia', '联系电话', '15912345678')), bigv: formSheet('bigv', [[1, 'B站', 'bili_1', '老周', 42000, '学习', '李敏', '讲师', null, '15912345678', null]]) }),
  },
  { rule: 'group-not-real-name', cell: 'F4', fire: () => group([CLEAN.group[0]!.map((v, c) => (c === 5 ? '否' : v))]), near: () => group([CLEAN.group[0]!.map((v, c) => (c === 5 ? '√' : v))]) },
  { rule: 'zombie-not-cleaned', cell: 'F4', fire: () => zombie([CLEAN.zombie[0]!.map((v, c) => (c === 5 ? '否' : c === 6 ? null : v))]), near: () => zombie([CLEAN.zombie[0]!]) },
  { rule: 'zombie-date-missing', cell: 'G4', fire: () => zombie([CLEAN.zombie[0]!.map((v, c) => (c === 6 ? null : v))]), near: () => zombie([CLEAN.zombie[0]!.map((v, c) => (c === 5 ? '否' : c === 6 ? null : v))]) },
  {
    rule: 'zombie-still-registered', cell: 'C5',
    fire: () => one({ group: formSheet('group', [...CLEAN.group, [2, '微信群', '信工2019迎新临时群', 30, '临时', '是', '李敏', '13800001111', null]]) }),
    near: () => one({ group: formSheet('group', [...CLEAN.group, [2, '微信群', '信工2020迎新临时群', 30, '临时', '是', '李敏', '13800001111', null]]) }),
  },
  {
    rule: 'dup-across-units', cell: 'D4',
    fire: () => [[unitWorkbook(), tuanwei([[1, '微信公众号', '青春', 'xxgc_2019', 21000, '2015-06-01', '团', '李敏', '13800001111', null]])]],
    near: () => [[unitWorkbook(), tuanwei([[1, '抖音', '青春', 'xxgc_2019', 21000, '2015-06-01', '团', '李敏', '13800001111', null]])]],
  },
  {
    rule: 'website-domain', cell: 'H4',
    fire: () => [siteUrl('http://www.xxgc-edu.com/')[0], DOMAIN],
    near: () => [siteUrl('https://xxgc.hbjy.net/index.html')[0], DOMAIN],
  },
  { rule: 'website-url-missing', cell: 'B4', fire: () => [[unitWorkbook()], DOMAIN], near: () => [[unitWorkbook()]] },
  {
    rule: 'contact-conflict', cell: 'I4',
    fire: () => [[unitWorkbook(), tuanwei([[1, '抖音', '青春', 'tw_1', 21000, '2015-06-01', '团', '郭静', '13800001111', null]])]],
    near: () => [[unitWorkbook(), tuanwei([[1, '抖音', '青春', 'tw_1', 21000, '2015-06-01', '团', '李敏', '13800001111/13600003333', null]])]],
  },
];

describe('every rule fires, and its near miss does not', () => {
  it.each(CASES.map((c) => [c.rule, c] as const))('%s', (_rule, c) => {
    const [subs, opts] = c.fire();
    const fired = run(subs, opts).findings.filter((f) => f.rule === c.rule);
    expect(fired.length).toBeGreaterThan(0);
    if (c.cell !== undefined) expect(fired.map((f) => f.cell)).toContain(c.cell);
    for (const f of fired) expect(f.message.length).toBeGreaterThan(4);
    const [nearSubs, nearOpts] = c.near();
    expect(run(nearSubs, nearOpts).findings.filter((f) => f.rule === c.rule)).toEqual([]);
  });
});

describe('a clean workbook', () => {
  it('yields no error and no warning', () => {
    const r = run([unitWorkbook()]);
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(r.files[0]!.status).toBe('accepted');
    expect(r.units[0]!.forms).toEqual({ website: 1, newmedia: 1, zombie: 1, group: 1, bigv: 1 });
  });

  it('reads a two-row bigv header with 类别 merged over its sub-columns', () => {
    const head1 = ['序号', '账号平台', '账号ID', '账号名称', '粉丝数量', '创作方向', '姓名', '类别', null, '联系方式', '备注'];
    const head2 = [null, null, null, null, null, null, null, '职务职称\n（教师填写）', '专业年级\n（学生填写）', null, null];
    const merges = [{ top: 2, left: 7, bottom: 2, right: 8 }, ...[0, 1, 2, 3, 4, 5, 6, 9, 10].map((c) => ({ top: 2, left: c, bottom: 3, right: c }))];
    const sheet = grid('附件5', [[TITLE.bigv], [SIGNER('信息工程学院')], head1, head2, ...CLEAN.bigv], merges);
    const r = run([unitWorkbook('信息工程学院.xlsx', { bigv: sheet })]);
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(r.tables.bigv[0]!.values).toMatchObject({ title: '讲师', major: null, followers: 15000, phone: '13911112222' });
    expect(cellOf(r.tables.bigv[0]!, 'title')).toBe('H5');
  });

  it('treats a 无 row as submitted with no rows, and skips spacer and note rows', () => {
    const r = run([unitWorkbook('信息工程学院.xlsx', {
      bigv: formSheet('bigv', [['无']]),
      group: formSheet('group', [[], ...CLEAN.group, [null, null], ['注：本表由各单位填报']]),
    })]);
    expect(r.units[0]!.forms.bigv).toBe(0);
    expect(r.units[0]!.missingForms).toEqual([]);
    expect(r.tables.group).toHaveLength(1);
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('identifies the unit from 填报单位, then the file name, then the title', () => {
    expect(run([unitWorkbook('x.xlsx', {}, '信息工程学院')]).files[0]!.unit).toBe('信息工程学院');
    expect(run([unitWorkbook('机电工程学院-备案表（修改版）.xlsx', {}, null)]).files[0]!.unit).toBe('机电工程学院');
    expect(run([unitWorkbook('信工学院_网络阵地备案表.xlsx', {}, null)], { roster }).files[0]!.unit).toBe('信息工程学院');
  });
});

describe('layouts seen in the wild', () => {
  it('reads a header that contains a label, such as 网站负责人姓名 or 粉丝人数合计', () => {
    const head = ['序号', '网站名称', '网站负责人姓名', '网站管理员', '联系电话', '网站栏目', '最后更新日期（年月日）'];
    const r = run([unitWorkbook('信息工程学院.xlsx', { website: formSheet('website', CLEAN.website, { head }) })]);
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(r.tables.website[0]!.values).toMatchObject({ principal: '王建国', lastUpdate: '2024-11-18' });
  });

  it('gives every row the value of a vertically merged cell (one 负责人 for several sites)', () => {
    const rows = [
      [1, '信息工程学院党建网', '王建国', '李敏', '13800001111', '新闻动态、组织管理、党员教育', '2024-11-18'],
      [2, '信息工程学院主页', null, '李敏', '13800001111', '学院简介、新闻动态', '2024-11-19'],
    ];
    const sheet = { ...formSheet('website', rows), merges: [{ top: 3, left: 2, bottom: 4, right: 2 }] };
    const r = run([unitWorkbook('信息工程学院.xlsx', { website: sheet })]);
    expect(r.findings.filter((f) => f.rule === 'cell-required')).toEqual([]);
    expect(r.tables.website.map((x) => x.values.principal)).toEqual(['王建国', '王建国']);
  });
});

describe('hidden sheets', () => {
  it('a hidden old copy of a form is left out: its rows are neither counted twice nor duplicates; a hidden only copy is read', () => {
    const old = { ...formSheet('website', withCell('website', '最后更新日期', '2023-01-05'), { name: '附件1（旧）' }), hidden: true };
    const r = run([submission('信息工程学院.xlsx', [...cleanSheets(), old])]);
    expect(r.tables.website).toHaveLength(CLEAN.website.length);
    expect(r.findings.filter((f) => f.sheet === '附件1（旧）').map((f) => f.rule)).toEqual(['sheet-hidden-copy']);
    expect(r.findings.filter((f) => f.rule === 'row-duplicate' || f.rule === 'cell-unique')).toEqual([]);
    const only = run([submission('信息工程学院.xlsx', [...cleanSheets().filter((g) => g.name !== 'website'), old])]);
    expect(only.tables.website).toHaveLength(CLEAN.website.length);
    expect(only.findings.some((f) => f.rule === 'website-stale-long' && f.sheet === '附件1（旧）')).toBe(true);
  });

  it('a hidden dropdown-source sheet is not reported as unrecognised; a visible one is', () => {
    const extra = { ...grid('下拉选项', [['微信公众号'], ['微博']]), hidden: true };
    const base = unitWorkbook().read;
    const sheets = base.ok ? base.workbook.sheets : [];
    expect(run([submission('信息工程学院.xlsx', [...sheets, extra])]).findings.filter((f) => f.rule === 'sheet-unrecognized')).toEqual([]);
    expect(run([submission('信息工程学院.xlsx', [...sheets, { ...extra, hidden: false }])]).findings.filter((f) => f.rule === 'sheet-unrecognized')).toHaveLength(1);
  });
});

describe('consolidate', () => {
  it('leaves its input alone, so the same checks can be consolidated again', () => {
    const subs = [unitWorkbook('信息工程学院-1.xlsx'), submission('信息工程学院-2.xlsx', [formSheet('website')], { modified: '2024-11-12T00:00:00Z' })];
    const checks = subs.map((s, i) => checkFile(s, i, { asOf: AS_OF }));
    const once = consolidate(checks, { asOf: AS_OF });
    const twice = consolidate(checks, { asOf: AS_OF });
    expect(twice.findings).toEqual(once.findings);
    expect(twice.files).toEqual(once.files);
    expect(once.findings.filter((f) => f.rule === 'file-replaced')).toHaveLength(1);
    expect(once.files[0]!.sheets.find((s) => s.form === 'website')!.replaced).toBe(true);
  });
});

describe('website-domain: what is under the domain', () => {
  it.each([
    ['https://xxgc.hbjy.net/index.html', true],
    ['xxgc.hbjy.net', true],
    ['http://WWW.XXGC.HBJY.NET:8080/a', true],
    ['xxgc．hbjy．net', true],
    ['http://hbjy.net', false],
    ['http://xxgc.hbjy.net.evil.com', false],
    ['http://xhbjy.net', false],
    ['http://10.1.2.3/', false],
  ])('%s → %s', (url, ok) => {
    expect(underDomain(url, 'hbjy.net')).toBe(ok);
    expect(underDomain(url, '*.hbjy.net')).toBe(ok);
  });
});

describe('an unexpected failure while checking one file', () => {
  it('becomes a finding whose advice works for the file type', () => {
    const broken = (file: string): Submission => ({ file, sha256: file, size: 1, read: { ok: true, workbook: { sheets: null as never } } });
    expect(checkFile(broken('通知.docx'), 0, { asOf: AS_OF }).findings[0]!.message).toContain('请在 Word/WPS 中另存为 .docx');
    expect(checkFile(broken('表.xlsx'), 0, { asOf: AS_OF }).findings[0]!.message).toContain('另存为 .xlsx');
  });
});

describe('contact-conflict compares people, not spellings', () => {
  const withName = (name: string) => run([unitWorkbook(), tuanwei([[1, '抖音', '青春', 'tw_1', 21000, '2015-06-01', '团', name, '13800001111', null]])]).findings.filter((f) => f.rule === 'contact-conflict');
  it.each(['李　敏', '李 敏', '李敏（老师）', '李敏(团委)', '李敏老师'])('%s is 李敏', (name) => {
    expect(withName(name)).toEqual([]);
  });
  it('near miss: another name with the same phone still conflicts', () => {
    expect(withName('李明老师')).not.toEqual([]);
  });
  it('a courtesy word alone is kept as the name', () => {
    expect(personKey('老师')).toBe('老师');
  });
  it('names the person of another unit with that unit, so the unit knows whom to ask', () => {
    expect(withName('李明老师').map((f) => [f.unit, f.message])).toEqual([['团委', '号码 13800001111 同时登记为 李敏（信息工程学院）、李明老师 的电话，请核对']]);
  });
});

it('an ID typed as a number in an extra column is found (Excel kept its first 15 digits)', () => {
  const sheet = grid('website', [[TITLE.website], [SIGNER('信息工程学院')], [...HEAD.website, '身份证号'], [...CLEAN.website[0]!, Number('110105194912310021')]]);
  const r = run([unitWorkbook('信息工程学院.xlsx', { website: sheet })]);
  expect(r.findings.filter((f) => f.rule === 'cell-personal-id').map((f) => f.cell)).toEqual(['H4']);
});

it('dup-across-units: one site typed with and without scheme, www or trailing slash is one site', () => {
  const site = (unit: string, name: string, url: string) => submission(`${unit}.xlsx`, [formSheet('website', [[1, name, '王建国', '李敏', '13800001111', '新闻动态', '2024-11-18', url]], { unit, head: [...HEAD.website, '网址'] })]);
  const dup = (a: string, b: string) => run([site('信息工程学院', '信工网', a), site('团委', '团委网', b)]).findings.filter((f) => f.rule === 'dup-across-units');
  expect(dup('http://xxgc.hbjy.net/', 'https://www.xxgc.hbjy.net')).toHaveLength(2);
  // Near miss: two paths under the school's host are two sites.
  expect(dup('http://www.hbjy.net/xxgc/', 'http://www.hbjy.net/tw/')).toEqual([]);
});

describe('contact-conflict with two people in one cell', () => {
  const row = (name: string, phone: string) => [1, '抖音', '青春', 'tw_1', 21000, '2015-06-01', '团', name, phone, null];
  const conflicts = (name: string, phone: string) => run([unitWorkbook(), tuanwei([row(name, phone)])]).findings.filter((f) => f.rule === 'contact-conflict');
  it('pairs names and phones in order: 李敏、赵强 with 13800001111/13900002222 is no conflict', () => {
    expect(conflicts('李敏、赵强', '13800001111/13900002222')).toEqual([]);
  });
  it('near miss: the other order gives 李敏\'s phone to 赵强', () => {
    expect(conflicts('赵强、李敏', '13800001111/13900002222')).not.toEqual([]);
  });
  it('two names and one phone claim nothing', () => {
    expect(conflicts('赵强、王五', '13800001111')).toEqual([]);
  });
});

it('dup-across-units: @hl_dy and hl_dy on one platform are one account', () => {
  const media = (unit: string, id: string) => submission(`${unit}.xlsx`, [formSheet('newmedia', [[1, '抖音', '号', id, 21000, '2015-06-01', '宣传', unit === '团委' ? '郭静' : '李敏', unit === '团委' ? '13900002222' : '13800001111', null]], { unit })]);
  expect(run([media('信息工程学院', '@hl_dy'), media('团委', 'hl_dy')]).findings.filter((f) => f.rule === 'dup-across-units')).toHaveLength(2);
  // Near miss: another handle is another account.
  expect(run([media('信息工程学院', '@hl_dy'), media('团委', 'hl_dy2')]).findings.filter((f) => f.rule === 'dup-across-units')).toEqual([]);
});

describe('account-student-phone: who is a student', () => {
  const fired = (bigvRow: Raw[], head?: string[]) =>
    run([unitWorkbook('信息工程学院.xlsx', { newmedia: formSheet('newmedia', withCell('newmedia', '联系电话', '15912345678')), bigv: formSheet('bigv', [bigvRow], head ? { head } : {}) })]).findings.filter((f) => f.rule === 'account-student-phone');
  const bigv = (title: Raw, major: Raw) => [1, 'B站', 'bili_1', '小周', 42000, '学习', '周航', title, major, '15912345678', null];
  it.each<[Raw, Raw]>([['学生', null], ['2022级计算机', null], ['研究生', null], ['/', '计算机2022级']])('职务职称 %j, 专业年级 %j is a student', (title, major) => {
    expect(fired(bigv(title, major))).toHaveLength(1);
  });
  it('学生 in a 类别 column of its own is a student', () => {
    const head = ['序号', '账号平台', '账号ID', '账号名称', '粉丝数量', '创作方向', '姓名', '职务职称', '专业年级', '联系方式', '备注', '类别（教师/学生）'];
    expect(fired([...bigv('会计学', null), '学生'], head)).toHaveLength(1);
  });
  it.each<[Raw, Raw]>([['讲师', null], ['学生处处长', null]])('near miss: 职务职称 %j is staff', (title, major) => {
    expect(fired(bigv(title, major))).toEqual([]);
  });
});

describe('contact-conflict with a name padded by a space', () => {
  const row = (name: string, phone: string) => [1, '抖音', '青春', 'tw_1', 21000, '2015-06-01', '团', name, phone, null];
  it('李　敏 with 李敏\'s phone is no conflict; 李　敏 with another\'s phone is one', () => {
    expect(run([unitWorkbook(), tuanwei([row('李　敏', '13800001111')])]).findings.filter((f) => f.rule === 'contact-conflict')).toEqual([]);
    const other = submission('财务处.xlsx', [formSheet('newmedia', [row('赵强', '13600003333')], { unit: '财务处' })]);
    expect(run([unitWorkbook(), other, tuanwei([row('李　敏', '13600003333')])]).findings.filter((f) => f.rule === 'contact-conflict')).not.toEqual([]);
  });
});
