/**
 * One form continued over several sheets or tables (附件1 and 附件1（续）, a Word table broken by
 * a page break, printed pages pasted into one sheet) is read and checked as one form; a second
 * part that is another thing (an old copy, a hidden copy, a table of another shape) stays apart.
 */
import type { SheetGrid } from '../../src/core/grid';
import { locationText } from '../../src/core/findings';
import { saysContinued } from '../../src/core/sheet/labels';
import { checkWorkbookModel, summarySheetName } from '../../src/core/report/checkSheets';
import { HEAD, SIGNER, TITLE, formSheet, grid, run, submission, type Raw } from './builders';

const site = (i: number, name = `站点${i}`, phone: Raw = '13800001111'): Raw[] => [i, name, '王建国', '李敏', phone, '新闻动态、通知公告', '2024-11-18'];
const sites = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => site(from + k));
const OTHERS = ['newmedia', 'zombie', 'group', 'bigv'] as const;
/** The other four forms, clean, on sheets named by their form ids. */
const others = (): SheetGrid[] => OTHERS.map((f) => formSheet(f));
const first = (rows: Raw[][] = sites(1, 3), name = '附件1') => formSheet('website', rows, { name });
/** A table of a Word document: `above` paragraphs, then the table's rows. */
const table = (name: string, n: number, above: string[], rows: Raw[][]): SheetGrid => ({ ...grid(name, [...above.map((t) => [t]), ...rows]), origin: { table: n, top: above.length } });
const wordFirst = (rows: Raw[][] = sites(1, 3)) => table('表1', 1, [TITLE.website, SIGNER('信息工程学院')], [HEAD.website, ...rows]);

/** What a unit's file comes to: its website parts, every website finding but the info suggestions, the rows counted. */
function outcome(sheets: SheetGrid[], file = '信息工程学院.xlsx') {
  const r = run([submission(file, [...sheets, ...others()])]);
  const site = r.findings.filter((f) => f.sheet !== null && !(OTHERS as readonly string[]).includes(f.sheet));
  return {
    parts: r.files[0]!.sheets.filter((s) => !(OTHERS as readonly string[]).includes(s.sheet)).map((s) => `${s.sheet}:${s.form ?? '-'}:${s.rows}`),
    findings: site.filter((f) => f.rule !== 'website-columns-suggested').map((f) => `${f.rule} ${f.sheet ?? ''} ${locationText(f) ?? ''}`.trim()),
    messages: site.filter((f) => f.rule !== 'website-columns-suggested').map((f) => f.message),
    sites: r.units.find((u) => u.unit === '信息工程学院')?.sites ?? null,
    tableSheets: [...new Set(r.tables.website.map((t) => t.sheet))],
    result: r,
  };
}

interface Case {
  name: string;
  sheets: () => SheetGrid[];
  file?: string;
  parts: string[];
  findings: string[];
  sites: number;
}

const CASES: Case[] = [
  // Excel: a second sheet, header repeated or rows only.
  { name: '附件1（续） with the header repeated', sheets: () => [first(), grid('附件1（续）', [HEAD.website, ...sites(4, 5)])], parts: ['附件1:website:3', '附件1（续）:website:2'], findings: [], sites: 5 },
  { name: '附件1(2), header repeated, 序号 going on', sheets: () => [first(), grid('附件1(2)', [[TITLE.website], HEAD.website, ...sites(4, 5)])], parts: ['附件1:website:3', '附件1(2):website:2'], findings: [], sites: 5 },
  { name: '附件1续, rows only', sheets: () => [first(), grid('附件1续', sites(4, 6))], parts: ['附件1:website:3', '附件1续:website:3'], findings: [], sites: 6 },
  { name: '续表, rows only under a caption', sheets: () => [first(), grid('续表', [['附件1（续）'], ...sites(4, 5)])], parts: ['附件1:website:3', '续表:website:2'], findings: [], sites: 5 },
  { name: '网站平台（续） after the other forms, rows only', sheets: () => [first(), ...others().slice(0, 2), grid('网站平台（续）', sites(4, 5))], parts: ['附件1:website:3', '网站平台（续）:website:2'], findings: [], sites: 5 },
  { name: 'Sheet2, rows only, 序号 going on', sheets: () => [first(), grid('Sheet2', sites(4, 5))], parts: ['附件1:website:3', 'Sheet2:website:2'], findings: [], sites: 5 },
  {
    name: 'Sheet2 rows only with the signer line under them',
    sheets: () => [grid('附件1', [[TITLE.website], HEAD.website, ...sites(1, 3)]), grid('Sheet2', [...sites(4, 5), [], [SIGNER('信息工程学院')]])],
    file: '备案表.xlsx',
    parts: ['附件1:website:3', 'Sheet2:website:2'], findings: [], sites: 5,
  },
  // Word: a table broken in two.
  { name: 'Word, header repeated', sheets: () => [wordFirst(), table('表2', 2, [], [HEAD.website, ...sites(4, 5)])], file: '信息工程学院.docx', parts: ['表1:website:3', '表2:website:2'], findings: [], sites: 5 },
  { name: 'Word, 续表 caption and header', sheets: () => [wordFirst(), table('表2', 2, ['续表'], [HEAD.website, ...sites(4, 5)])], file: '信息工程学院.docx', parts: ['表1:website:3', '表2:website:2'], findings: [], sites: 5 },
  { name: 'Word, no header', sheets: () => [wordFirst(), table('表2', 2, [], sites(4, 5))], file: '信息工程学院.docx', parts: ['表1:website:3', '表2:website:2'], findings: [], sites: 5 },
  {
    name: 'Word, no header, 附件1（续） caption, signer under it',
    sheets: () => [table('表1', 1, [TITLE.website], [HEAD.website, ...sites(1, 3)]), table('表2', 2, ['附件1（续）'], [...sites(4, 5), [], [SIGNER('信息工程学院')]])],
    file: '备案表.docx', parts: ['表1:website:3', '表2:website:2'], findings: [], sites: 5,
  },
  // Printed pages pasted into one sheet.
  { name: 'pages pasted, title and header repeated', sheets: () => [grid('附件1', [[TITLE.website], [SIGNER('信息工程学院')], HEAD.website, ...sites(1, 3), [TITLE.website], HEAD.website, ...sites(4, 5)])], parts: ['附件1:website:5'], findings: [], sites: 5 },
  { name: 'pages pasted, header repeated twice', sheets: () => [grid('附件1', [[TITLE.website], [SIGNER('信息工程学院')], HEAD.website, ...sites(1, 2), HEAD.website, ...sites(3, 4), [], HEAD.website, ...sites(5, 6)])], parts: ['附件1:website:6'], findings: [], sites: 6 },
  {
    name: 'pages pasted with title, signer, 续表 line and page numbers',
    sheets: () => [grid('附件1', [[TITLE.website], [SIGNER('信息工程学院')], HEAD.website, ...sites(1, 3), [null, null, null, '第 1 页 共 2 页'], [TITLE.website], [SIGNER('信息工程学院')], ['续表'], HEAD.website, ...sites(4, 5), ['- 2 -']])],
    parts: ['附件1:website:5'], findings: [], sites: 5,
  },
  { name: 'pages pasted, the title repeated alone (no header)', sheets: () => [grid('附件1', [[TITLE.website], [SIGNER('信息工程学院')], HEAD.website, ...sites(1, 3), [TITLE.website], ...sites(4, 5)])], parts: ['附件1:website:5'], findings: [], sites: 5 },
  { name: 'pages pasted, 附件1 and 续表 alone between the rows', sheets: () => [grid('附件1', [[TITLE.website], [SIGNER('信息工程学院')], HEAD.website, ...sites(1, 3), ['附件1'], ['续表'], ...sites(4, 5)])], parts: ['附件1:website:5'], findings: [], sites: 5 },
  {
    name: 'a row naming only a site called like the form stays a row',
    sheets: () => [grid('附件1', [[TITLE.website], [SIGNER('信息工程学院')], HEAD.website, ...sites(1, 3), [4, '网站平台建设']])],
    parts: ['附件1:website:4'],
    findings: ['cell-required 附件1 C7', 'cell-required 附件1 D7', 'cell-required 附件1 E7', 'cell-required 附件1 G7'],
    sites: 4,
  },
  {
    name: 'pages pasted without 序号',
    sheets: () => [grid('附件1', [[TITLE.website], [SIGNER('信息工程学院')], HEAD.website.slice(1), ...sites(1, 2).map((r) => r.slice(1)), HEAD.website.slice(1), ...sites(3, 4).map((r) => r.slice(1))])],
    parts: ['附件1:website:4'], findings: [], sites: 4,
  },

  { name: 'the header alone on the first page, the rows in 附件1（续）', sheets: () => [first([]), grid('附件1（续）', sites(1, 3))], parts: ['附件1:website:0', '附件1（续）:website:3'], findings: [], sites: 3 },
  { name: 'Word, the header alone at the foot of a page', sheets: () => [wordFirst([]), table('表2', 2, [], sites(1, 2))], file: '信息工程学院.docx', parts: ['表1:website:0', '表2:website:2'], findings: [], sites: 2 },
  {
    name: 'another form continued: 工作群组 rows only on 附件4（续）',
    sheets: () => [formSheet('website', sites(1, 1), { name: '附件1' }), formSheet('group', [[1, '微信群', '信工教职工群', 56, '工作通知', '是', '李敏', '13800001111', null]], { name: '附件4' }), grid('附件4（续）', [[2, 'QQ群', '信工学生会', '120人', '活动通知', '否', '张伟', '13900002222']])],
    parts: ['附件1:website:1', '附件4:group:1', '附件4（续）:group:1'], findings: ['group-not-real-name 附件4（续） F1', 'cell-number-normalized 附件4（续） D1'], sites: 1,
  },
  {
    name: '网络大V rows only on 附件5（续）, a student among them',
    sheets: () => [formSheet('website', sites(1, 1), { name: '附件1' }), formSheet('bigv', [[1, '抖音', 'xg_dy001', '阿明说', 15000, '校园生活', '陈明', '讲师', null, '13911112222', null]], { name: '附件5' }), grid('附件5（续）', [[2, '快手', 'xg_ks002', '阿亮学长', '2万', '学习分享', '张亮', null, '21级计算机', '13911113333']])],
    parts: ['附件1:website:1', '附件5:bigv:1', '附件5（续）:bigv:1'], findings: ['cell-number-normalized 附件5（续） E1'], sites: 1,
  },
  // Findings across the parts, at their own sheet and cell.
  { name: 'a bad phone in a headerless part', sheets: () => [first(), grid('Sheet2', [site(4), site(5, '站点5', '1380000')])], parts: ['附件1:website:3', 'Sheet2:website:2'], findings: ['cell-phone Sheet2 E2'], sites: 5 },
  { name: 'a blank required cell in a headerless part', sheets: () => [first(), grid('Sheet2', [site(4), [5, '站点5', null, '李敏', '13800001111', '新闻动态、通知公告', '2024-11-18']])], parts: ['附件1:website:3', 'Sheet2:website:2'], findings: ['cell-required Sheet2 C2'], sites: 5 },
  { name: 'a row repeated in the continuation', sheets: () => [first(), grid('附件1（续）', [HEAD.website, site(4), site(5, '站点2')])], parts: ['附件1:website:3', '附件1（续）:website:2'], findings: ['row-duplicate 附件1（续） A3'], sites: 5 },
  { name: 'a 序号 gap at the continuation', sheets: () => [first(), grid('附件1（续）', [HEAD.website, ...sites(5, 6)])], parts: ['附件1:website:3', '附件1（续）:website:2'], findings: ['seq-broken 附件1（续） A2'], sites: 5 },
  { name: 'a 序号 gap after the continuation', sheets: () => [first(), grid('附件1（续）', [HEAD.website, site(4), site(6)])], parts: ['附件1:website:3', '附件1（续）:website:2'], findings: ['seq-broken 附件1（续） A3'], sites: 5 },
  { name: 'Word, a repeated site in the second table', sheets: () => [wordFirst(), table('表2', 2, [], [site(4), site(5, '站点1')])], file: '信息工程学院.docx', parts: ['表1:website:3', '表2:website:2'], findings: ['row-duplicate 表2 表2 第2行 序号'], sites: 5 },
  { name: 'Word, a bad phone in the headerless table', sheets: () => [wordFirst(), table('表2', 2, [], [site(4, '站点4', '1380000')])], file: '信息工程学院.docx', parts: ['表1:website:3', '表2:website:1'], findings: ['cell-phone 表2 表2 第1行 联系电话'], sites: 4 },
  { name: 'pages pasted, a row repeated across pages', sheets: () => [grid('附件1', [[TITLE.website], [SIGNER('信息工程学院')], HEAD.website, ...sites(1, 3), HEAD.website, site(4), site(5, '站点2')])], parts: ['附件1:website:5'], findings: ['row-duplicate 附件1 A9'], sites: 5 },
  { name: 'a header alias only in the continuation', sheets: () => [first(), grid('附件1（续）', [HEAD.website.map((h) => (h === '联系电话' ? '手机' : h)), ...sites(4, 5)])], parts: ['附件1:website:3', '附件1（续）:website:2'], findings: ['header-alias 附件1（续） E1'], sites: 5 },

  // Second parts that are something else stay as they were.
  { name: 'an old copy numbered from 1 again', sheets: () => [first(), formSheet('website', sites(1, 3), { name: '附件1 (2)' })], parts: ['附件1:website:3'], findings: ['sheet-copy 附件1 (2)'], sites: 3 },
  { name: 'a hidden continuation', sheets: () => [first(), { ...grid('附件1（续）', [HEAD.website, ...sites(4, 5)]), hidden: true }], parts: ['附件1:website:3'], findings: ['sheet-hidden-copy 附件1（续）'], sites: 3 },
  { name: 'a headerless sheet of notes', sheets: () => [first(), grid('Sheet2', [['说明', '本表由办公室汇总'], ['联系人', '张三']])], parts: ['Sheet2:-:0', '附件1:website:3'], findings: ['sheet-unrecognized Sheet2'], sites: 3 },
  { name: 'headerless rows wider than the form', sheets: () => [first(), grid('Sheet2', sites(4, 5).map((r) => [...r, '备注', 'x', 'y']))], parts: ['Sheet2:-:0', '附件1:website:3'], findings: ['sheet-unrecognized Sheet2'], sites: 3 },
  { name: 'headerless rows numbered from 1 again', sheets: () => [first(), grid('Sheet2', sites(1, 2))], parts: ['Sheet2:-:0', '附件1:website:3'], findings: ['sheet-unrecognized Sheet2'], sites: 3 },
  { name: 'headerless rows of another kind', sheets: () => [first(), grid('Sheet2', [[4, '李敏', '13800001111', '信工迎新群', '工作结束', '是', '2024-11-05']])], parts: ['Sheet2:-:0', '附件1:website:3'], findings: ['sheet-unrecognized Sheet2'], sites: 3 },
  { name: 'a 续 sheet whose header is not the template\'s', sheets: () => [first(), grid('附件1（续）', [['次序', '站名', '主管人', '维护', '号码', '内容', '时点'], ...sites(4, 5)])], parts: ['附件1（续）:-:0', '附件1:website:3'], findings: ['sheet-unrecognized 附件1（续）'], sites: 3 },
  { name: 'Word, a table of another shape after the form', sheets: () => [wordFirst(), table('表2', 2, [], [[4, '信工学院', '2024-11-18'], [5, '团委', '2024-11-19']])], file: '信息工程学院.docx', parts: ['表2:-:0', '表1:website:3'], findings: ['sheet-unrecognized 表2'], sites: 3 },
  { name: 'Word, a copy of the table numbered from 1', sheets: () => [wordFirst(), table('表2', 2, [], [HEAD.website, ...sites(1, 3)])], file: '信息工程学院.docx', parts: ['表1:website:3'], findings: ['sheet-copy 表2'], sites: 3 },
  { name: 'a sheet named for 继续教育学院, numbered from 1', sheets: () => [first(), formSheet('website', sites(1, 2).map((r) => r.map((v) => (v === '站点1' ? '继续教育网' : v === '站点2' ? '继续教育在线' : v))), { name: '继续教育学院' })], parts: ['附件1:website:3', '继续教育学院:website:2'], findings: [], sites: 5 },
  { name: 'pages pasted, the second numbered from 1', sheets: () => [grid('附件1', [[TITLE.website], [SIGNER('信息工程学院')], HEAD.website, ...sites(1, 3), HEAD.website, ...sites(1, 2)])], parts: ['附件1:website:3', '附件1:website:2'], findings: [], sites: 5 },
];

describe('a form continued over several sheets or tables', () => {
  it.each(CASES)('$name', (c) => {
    const got = outcome(c.sheets(), c.file);
    expect(got.parts).toEqual(c.parts);
    expect(got.findings).toEqual(c.findings);
    expect(got.sites).toBe(c.sites);
  });

  it('says where the first of two repeated rows is, in its own sheet or table', () => {
    expect(outcome([first(), grid('附件1（续）', [HEAD.website, site(4), site(5, '站点2')])]).messages).toEqual(['与“附件1”第 5 行完全相同，请删除重复行']);
    expect(outcome([wordFirst(), table('表2', 2, [], [site(4), site(5, '站点1')])], '信息工程学院.docx').messages).toEqual(['与“表1”第 2 行完全相同，请删除重复行']);
    expect(outcome([first(), grid('附件1（续）', [HEAD.website, ...sites(5, 6)])]).messages).toEqual(['序号不连续：应为 1..5，实际为 1, 2, 3, 5, 6']);
  });

  it('keeps each row at its own sheet and cell in the consolidated table', () => {
    const { result, tableSheets } = outcome([first(), grid('Sheet2', sites(4, 5))]);
    expect(tableSheets).toEqual(['附件1', 'Sheet2']);
    expect(result.tables.website.map((r) => `${r.sheet}!${r.row + 1}`)).toEqual(['附件1!4', '附件1!5', '附件1!6', 'Sheet2!1', 'Sheet2!2']);
    expect(result.units[0]!.forms.website).toBe(5);
  });

  it('reads the unit and signer from a continuation that holds them', () => {
    const sheets = [grid('附件1', [[TITLE.website], HEAD.website, ...sites(1, 3)]), grid('Sheet2', [...sites(4, 5), [], [SIGNER('信息工程学院')]])];
    const { result } = outcome(sheets, '备案表.xlsx');
    expect(result.files[0]!.unit).toBe('信息工程学院');
    expect(result.findings.filter((f) => f.rule === 'signer-missing' || f.rule === 'unit-unidentified')).toEqual([]);
  });

  it('a Word table continued below, with a blank stamp line under it (单位（盖章）： 日期：…), is one unit’s form', () => {
    const sheets = [wordFirst(), table('表2', 2, [], [...sites(4, 5), [], ['单位（盖章）：        日期：2024年11月15日']])];
    const { result, parts } = outcome(sheets, '信息工程学院.docx');
    expect(parts).toEqual(['表1:website:3', '表2:website:2']);
    expect(result.files.map((f) => f.status)).toEqual(['accepted']);
    expect(result.findings.filter((f) => f.rule === 'file-split-by-sheet' || f.rule === 'file-duplicate')).toEqual([]);
  });

  it('the 汇总 names a Word table’s row as its findings do (表1!2行: the second row of the table, not of the page)', () => {
    const { result } = outcome([wordFirst(sites(1, 2).map((r, i) => (i === 1 ? r.map((v, c) => (c === 4 ? '1380000' : v)) : r)))], '信息工程学院.docx');
    const sheet = checkWorkbookModel(result).sheets.find((s) => s.name === summarySheetName('website'))!;
    const at = sheet.columns.findIndex((c) => c.header === '来源位置');
    expect(sheet.rows.map((r) => r[at])).toEqual(['表1!2行', '表1!3行']);
    expect(result.findings.find((f) => f.rule === 'cell-phone')!.message).toBeTruthy();
    expect(locationText(result.findings.find((f) => f.rule === 'cell-phone')!)).toContain('第3行');
  });

  it('tells a continuation mark from the 续 of other words', () => {
    expect(['续表', '附件1（续）', '附件1(续)', '附件1续', '网站平台（续）', '续', '续2', '续表1', '东江职业技术学院网站平台更新登记备案表（续）'].filter((t) => !saysContinued(t))).toEqual([]);
    expect(['继续教育学院', '连续', '手续办理', '持续更新', '陆续', '附件1', '附件1(2)', 'Sheet2'].filter(saysContinued)).toEqual([]);
  });
});
