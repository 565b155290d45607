/**
 * A file holding several units' rows (an online form's export, the office's own merge) is read
 * per unit through its unit column; one unit named there names the file's unit.
 */
import { checkBatch, checkFile, consolidate, MAX_SPLIT_UNITS } from '../../src/core/check';
import { toJsonReport } from '../../src/core/report/json';
import { returnCopies } from '../../src/core/report/returnCopy';
import { isUnitHeader } from '../../src/core/sheet/unitColumn';
import type { Roster } from '../../src/core/units';
import { AS_OF, CLEAN, HEAD, formSheet, grid, submission, TITLE, type Raw } from './builders';

const roster: Roster = {
  units: [
    { name: '信息工程学院', category: '教学单位', aliases: ['信工学院'], head: null, phone: null },
    { name: '团委', category: '职能部门', aliases: ['共青团委员会'], head: null, phone: null },
    { name: '体育部', category: '教学单位', aliases: [], head: null, phone: null },
  ],
};

const account = (seq: number, name: string, id: string, phone: string, followers: Raw = 3200): Raw[] => [seq, '微信公众号', name, id, followers, '2019-09-01', '新闻发布', '李敏', phone, null];
/** An online form's export: 提交时间 and 填报单位 before the template's columns, no title or signer line. */
const collected = (rows: [string | null, Raw[]][]) =>
  submission('新媒体平台登记备案表（收集结果）.xlsx', [grid('Sheet1', [['提交时间', '填报单位', ...HEAD.newmedia], ...rows.map(([unit, r]) => ['2024-11-01 10:00', unit, ...r])])]);

const BOTH = collected([
  ['信工学院', account(1, '信工青年', 'xg_1', '13800001111')],
  [null, account(2, '信工就业', 'xg_2', '13800001112')],
  ['团委', account(3, '青春东江', 'tw_1', '13600003333')],
  ['体育部', account(4, '体育部', 'ty_1', '13500005555', null)],
]);

describe('a file split by its unit column', () => {
  const r = checkBatch([BOTH], { asOf: AS_OF, roster });

  it('reads each unit its own rows, aliases resolved, a blank unit cell taking the row above', () => {
    expect(r.files.map((f) => [f.unit, f.status, f.byColumn, f.sheets.map((s) => s.rows)])).toEqual([
      ['信息工程学院', 'accepted', '填报单位', [2]],
      ['团委', 'accepted', '填报单位', [1]],
      ['体育部', 'accepted', '填报单位', [1]],
    ]);
    expect(r.tables.newmedia.map((t) => [t.unit, t.values.accountId, t.row])).toEqual([
      ['信息工程学院', 'xg_1', 1],
      ['信息工程学院', 'xg_2', 2],
      ['团委', 'tw_1', 3],
      ['体育部', 'ty_1', 4],
    ]);
    expect(toJsonReport(r).files.map((f) => f.byColumn)).toEqual(['填报单位', '填报单位', '填报单位']);
    // The unit column is consumed, not kept as an extra column of the 汇总.
    expect(Object.keys(r.tables.newmedia[0]!.extras)).toEqual(['提交时间']);
  });

  it("puts each finding on its unit and cell, with no signer or 序号 finding for the export's layout", () => {
    const rules = r.findings.filter((f) => f.rule !== 'form-missing' && f.rule !== 'unit-missing').map((f) => `${f.rule} ${f.unit} ${f.cell ?? ''}`.trim());
    expect(rules.sort()).toEqual(
      [
        'cell-required 体育部 G5',
        'file-split-by-unit 体育部',
        'file-split-by-unit 信息工程学院',
        'file-split-by-unit 团委',
        'header-extra-column 体育部 A1',
        'header-extra-column 信息工程学院 A1',
        'header-extra-column 团委 A1',
      ].sort(),
    );
    expect(r.findings.find((f) => f.rule === 'file-split-by-unit' && f.unit === '信息工程学院')!.message).toContain('“填报单位”列分属 3 个单位，本单位的 2 行');
    expect(r.units.find((u) => u.unit === '团委')!.forms.newmedia).toBe(1);
  });

  it('is the same through the worker path (checkFile, then consolidate) and when consolidated twice', () => {
    const checks = [checkFile(BOTH, 0, { asOf: AS_OF, roster })];
    const once = consolidate(checks, { asOf: AS_OF, roster });
    expect(once.files.map((f) => f.unit)).toEqual(r.files.map((f) => f.unit));
    expect(consolidate(checks, { asOf: AS_OF, roster }).findings).toEqual(once.findings);
  });

  it('sends no return copy of the merged file (it holds other units’ phones)', () => {
    expect(returnCopies(r).map((c) => c.unit)).toEqual([]);
  });

  it('reports the same bytes sent twice as one duplicate file', () => {
    const copy = { ...BOTH, file: 'copy/收集结果.xlsx' };
    const opts = { asOf: AS_OF, roster };
    // checkBatch skips a byte-identical copy unparsed; the workers parse and split it: one duplicate file either way.
    for (const again of [checkBatch([BOTH, copy], opts), consolidate([checkFile(BOTH, 0, opts), checkFile(copy, 1, opts)], opts)]) {
      expect(again.files.map((f) => f.status)).toEqual(['accepted', 'accepted', 'accepted', 'duplicate']);
      expect(again.findings.filter((f) => f.rule === 'file-duplicate').map((f) => f.file)).toEqual(['copy/收集结果.xlsx']);
    }
  });

  it("lets a unit's own later file replace its part", () => {
    const own = submission('团委.xlsx', [grid('附件2', [[TITLE.newmedia], ['填报单位：团委  单位负责人签名（盖章）：王建国  填表人：李敏  填表人电话：13800001111'], HEAD.newmedia, account(1, '青春东江', 'tw_1', '13600003333')])], { modified: '2024-11-15T00:00:00Z' });
    const both = checkBatch([BOTH, own], { asOf: AS_OF, roster });
    expect(both.files.find((f) => f.unit === '团委' && f.byColumn)!.status).toBe('replaced');
    expect(both.tables.newmedia.filter((t) => t.unit === '团委').map((t) => t.file)).toEqual(['团委.xlsx']);
  });
});

describe('an online form export’s own submission times', () => {
  /** Exported on the 20th, after the deadline; each row with the time its unit submitted it. */
  const exported = (times: [string, string][]) => ({
    ...submission('新媒体平台登记备案表（收集结果）.xlsx', [grid('Sheet1', [['提交答卷时间', '填报单位', ...HEAD.newmedia], ...times.map(([unit, t], i) => [t, unit, ...account(i + 1, `号${i}`, `id_${i}`, `1380000111${i}`)])])]),
    modified: '2024-11-20T02:00:00Z',
  });
  const late = (times: [string, string][]) => checkBatch([exported(times)], { asOf: AS_OF, roster, deadline: '2024-11-15' }).findings.filter((f) => f.rule === 'form-late').map((f) => [f.unit, f.message]);

  it('a unit is late by the day its rows were submitted, not by the day the office exported them', () => {
    expect(late([['信工学院', '2024/11/14 09:12:30'], ['团委', '2024/11/16 08:00:01'], ['信工学院', '2024/11/15 23:59:59']])).toEqual([['团委', '《新媒体平台登记备案表》提交时间 2024-11-16 晚于截止日期 2024-11-15']]);
  });

  it('near miss: every row in time, nobody is late although the export is', () => {
    expect(late([['信工学院', '2024-11-14 09:12'], ['团委', '2024-11-15 18:00']])).toEqual([]);
  });
});

describe('a unit column past the bounds', () => {
  it('reads a file naming more units than a batch holds as one file, and says why', () => {
    const many = Array.from({ length: MAX_SPLIT_UNITS + 1 }, (_, i): [string, Raw[]] => [`单位${i}`, account(i + 1, `号${i}`, `id_${i}`, '13800001111')]);
    const sub = { ...collected(many), file: '信息工程学院-新媒体收集.xlsx' };
    const r = checkBatch([sub], { asOf: AS_OF });
    expect(r.files.map((f) => [f.unit, f.byColumn])).toEqual([['信息工程学院', undefined]]);
    expect(r.findings.filter((f) => f.rule === 'read-limit').map((f) => f.message)).toEqual([`“填报单位”列中有 ${MAX_SPLIT_UNITS + 1} 个不同单位，超过每个文件 ${MAX_SPLIT_UNITS} 个的上限，未按单位拆分，整个文件按一个单位读取`]);
    expect(r.tables.newmedia).toHaveLength(MAX_SPLIT_UNITS + 1);
    // The column stays in the 汇总: it is all that tells the rows apart.
    expect(r.tables.newmedia[0]!.extras['填报单位']).toBe('单位0');
  });

  it('is no unit column when a cell holds more than a name', () => {
    const sub = { ...collected([['信工学院', account(1, '信工青年', 'xg_1', '13800001111')], ['团委'.repeat(40), account(2, '青春东江', 'tw_1', '13600003333')]]), file: '信息工程学院.xlsx' };
    const r = checkBatch([sub], { asOf: AS_OF, roster });
    expect(r.files.map((f) => [f.unit, f.byColumn])).toEqual([['信息工程学院', undefined]]);
    expect(r.findings.filter((f) => f.rule === 'header-extra-column').map((f) => f.message)).toContain('列“填报单位”不在模板中，已作为附加列保留');
  });
});

describe('a unit column naming one unit', () => {
  it("names the file's unit, ahead of a file name that names none", () => {
    const sub = submission('export_20241101.xlsx', [grid('Sheet1', [['所在单位', ...HEAD.newmedia], ['信工学院', ...CLEAN.newmedia[0]!]])]);
    const r = checkBatch([sub], { asOf: AS_OF, roster });
    expect(r.files.map((f) => [f.unit, f.status, f.byColumn])).toEqual([['信息工程学院', 'accepted', undefined]]);
    expect(r.findings.filter((f) => f.rule === 'header-extra-column' || f.rule === 'file-split-by-unit')).toEqual([]);
  });
});

describe("a workbook of several units' sheets", () => {
  const sheetOf = (unit: string, phone: string, name = unit) => formSheet('newmedia', [account(1, `${unit}号`, `id_${name}`, phone)], { unit, name });

  it('reads each unit its own sheets when the same form stands there for several units', () => {
    const sub = submission('新媒体汇总.xlsx', [sheetOf('信工学院', '13800001111', '信息工程学院'), sheetOf('团委', '13600003333'), sheetOf('体育部', '13500005555'), grid('填表说明', [['请各单位如实填写']])]);
    const r = checkBatch([sub], { asOf: AS_OF, roster });
    expect(r.files.map((f) => [f.unit, f.status, f.sheets.map((s) => `${s.sheet}:${s.rows}`)])).toEqual([
      ['信息工程学院', 'accepted', ['信息工程学院:1']],
      ['团委', 'accepted', ['团委:1']],
      ['体育部', 'accepted', ['体育部:1']],
    ]);
    expect(r.tables.newmedia.map((t) => `${t.unit} ${t.sheet}`)).toEqual(['信息工程学院 信息工程学院', '团委 团委', '体育部 体育部']);
    expect(r.findings.filter((f) => f.rule === 'file-split-by-sheet').map((f) => f.message)).toContain('本文件的工作表按“填报单位”分属 3 个单位，本单位的工作表（团委）已单独读取');
    expect(r.findings.filter((f) => f.severity !== 'info' && f.rule !== 'form-missing')).toEqual([]);
  });

  it('a shared workbook of one tab per unit, with no 填报单位 line, reads each tab as the unit it is named after', () => {
    const bare = (name: string, phone: string) => grid(name, [[TITLE.newmedia], HEAD.newmedia, account(1, `${name}号`, `id_${name.length}${phone}`, phone)]);
    const sub = submission('【腾讯文档】新媒体平台登记.xlsx', [bare('信息工程学院', '13800001111'), bare('团委', '13600003333'), bare('体育部（新媒体）', '13500005555')]);
    const r = checkBatch([sub], { asOf: AS_OF, roster });
    expect(r.files.map((f) => [f.unit, f.sheets.map((s) => s.sheet)])).toEqual([
      ['信息工程学院', ['信息工程学院']],
      ['团委', ['团委']],
      ['体育部', ['体育部（新媒体）']],
    ]);
    // Near miss: one unit's tabs all named after it stay one file.
    const own = submission('体育部.xlsx', [bare('体育部-新媒体', '13500005555'), grid('体育部-网站', [[TITLE.website], HEAD.website, ...CLEAN.website])]);
    expect(checkBatch([own], { asOf: AS_OF, roster }).files.map((f) => f.unit)).toEqual(['体育部']);
  });

  it("keeps one unit's file one file when only another form's sheet names another unit", () => {
    const sub = submission('信息工程学院.xlsx', [formSheet('website'), formSheet('newmedia', CLEAN.newmedia, { unit: '团委' })]);
    const r = checkBatch([sub], { asOf: AS_OF, roster });
    expect(r.files.map((f) => [f.unit, f.byColumn])).toEqual([['信息工程学院', undefined]]);
  });

  it('keeps a form continued on a sheet without its own 填报单位 line in one file', () => {
    const sub = submission('信息工程学院.xlsx', [sheetOf('信工学院', '13800001111', '附件2'), sheetOf('团委', '13600003333'), grid('附件2（续）', [HEAD.newmedia, account(2, '信工就业', 'xg_2', '13800001112')])]);
    expect(checkBatch([sub], { asOf: AS_OF, roster }).files).toHaveLength(1);
  });
});

describe('isUnitHeader', () => {
  it.each(['单位', '填报单位', '单位名称', '所在单位（全称）', '部门', '所属部门', '院系', '学院', '二级单位', '单位名称*', '填报单位：',
    // An online form's question for it.
    '1、填报单位', '1.所在单位:', '1、您所在的单位：', '1. 所在单位', '第1题 所在单位', 'Q1 所在单位', '您的单位', '单位/部门', '学院/部门'])('%s names the unit', (h) => expect(isUnitHeader(h)).toBe(true));
  it.each(['单位负责人', '主办单位', '运营单位', '账号名称', '备注', '开设单位是否备案', '1、单位负责人', '您的姓名'])('%s does not', (h) => expect(isUnitHeader(h)).toBe(false));
});
