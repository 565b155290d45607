/**
 * Rosters (单位名单) as offices keep them: categories merged over their units or written as
 * section rows, 简称 and 曾用名 beside each other, a sheet per category, a 合计 or a note at the
 * foot. Every unit must be read with its category, and nothing else read as a unit.
 */
import type { SheetGrid } from '../../../src/core/grid';
import { resolveUnit, rosterFromGrid, rosterFromWorkbook, type Roster } from '../../../src/core/units';
import { classifyWorkbook } from '../../../src/core/classify';
import { grid } from './helpers';

const brief = (r: Roster | null) => r?.units.map((u) => `${u.name}/${u.category ?? '-'}${u.aliases.length ? `/${u.aliases.join('、')}` : ''}`);

describe('one roster sheet', () => {
  it('a 类别 merged over its units gives each of them the category', () => {
    const sheet = grid('单位名单', [['序号', '类别', '单位名称'], [1, '教学单位', '护理学院'], [2, null, '信息工程学院'], [3, '职能部门', '财务处'], [4, null, '团委']]);
    sheet.merges = [{ top: 1, left: 1, bottom: 2, right: 1 }, { top: 3, left: 1, bottom: 4, right: 1 }];
    expect(brief(rosterFromGrid(sheet))).toEqual(['护理学院/教学单位', '信息工程学院/教学单位', '财务处/职能部门', '团委/职能部门']);
  });

  it('near miss: a blank 类别 that is no merge stays blank', () => {
    const sheet = grid('单位名单', [['类别', '单位名称'], ['教学单位', '护理学院'], [null, '信息工程学院']]);
    expect(brief(rosterFromGrid(sheet))).toEqual(['护理学院/教学单位', '信息工程学院/-']);
  });

  it('section rows (一、教学单位（2个）) give the category to the units below and are no unit', () => {
    const sheet = grid('单位名单', [['序号', '单位名称', '负责人'], ['一、教学单位（2个）', null, null], [1, '护理学院', '王红'], [2, '信息工程学院', null], [null, '二、职能部门', null], [1, '财务处', null]]);
    expect(brief(rosterFromGrid(sheet))).toEqual(['护理学院/教学单位', '信息工程学院/教学单位', '财务处/职能部门']);
  });

  it('简称 and 曾用名 columns both name the unit; 单位代码 is no alias', () => {
    const sheet = grid('名单', [['序号', '单位代码', '单位名称', '简称', '曾用名', '类别'], [1, '001', '信息工程学院', '信工', '计算机系、电子系', '教学单位']]);
    const r = rosterFromGrid(sheet)!;
    expect(brief(r)).toEqual(['信息工程学院/教学单位/信工、计算机系、电子系']);
    expect(resolveUnit(r, '计算机系')?.name).toBe('信息工程学院');
    expect(resolveUnit(r, '001')).toBeNull();
  });

  it.each([['合计', '共3个单位'], ['注：名单以组织部文件为准', null], ['填表人：李四', null], ['总计', 3]])('a foot row %s is no unit', (a, b) => {
    const sheet = grid('单位名单', [['单位名称', '类别'], ['护理学院', '教学单位'], ['财务处', '职能部门'], [a, b]]);
    expect(brief(rosterFromGrid(sheet))).toEqual(['护理学院/教学单位', '财务处/职能部门']);
  });

  it.each([['马克思主义学院(公共课教学部)'], ['马克思主义学院 （公共课教学部）'], ['马克思主义学院（公共课教学部）']])('%s is the roster unit written with full-width brackets', (written) => {
    const r = rosterFromGrid(grid('单位名单', [['单位名称', '类别'], ['马克思主义学院（公共课教学部）', '教学单位']]))!;
    expect(resolveUnit(r, written)?.name).toBe('马克思主义学院（公共课教学部）');
  });
});

describe('a roster workbook of several sheets', () => {
  const sheets: SheetGrid[] = [
    grid('教学单位', [['序号', '单位名称', '负责人'], [1, '护理学院', '王红'], [2, '信息工程学院', null]]),
    grid('职能部门', [['序号', '单位名称', '负责人'], [1, '财务处', null], [2, '团委', null]]),
  ];

  it('reads every sheet, the category from the sheet’s name where no 类别 column says it', () => {
    expect(brief(rosterFromWorkbook(sheets))).toEqual(['护理学院/教学单位', '信息工程学院/教学单位', '财务处/职能部门', '团委/职能部门']);
    expect(classifyWorkbook({ sheets }, '单位名单.xlsx')).toBe('roster');
  });

  it('a 类别 column wins over the sheet name; a unit listed on two sheets counts once', () => {
    const more = [...sheets, grid('Sheet3', [['单位名称', '类别'], ['团委', '群团组织'], ['图书馆', '教辅单位']])];
    expect(brief(rosterFromWorkbook(more))).toEqual(['护理学院/教学单位', '信息工程学院/教学单位', '财务处/职能部门', '团委/职能部门', '图书馆/教辅单位']);
  });

  it('near miss: one sheet named 单位名单 or Sheet1 gives no category', () => {
    expect(brief(rosterFromWorkbook([grid('Sheet1', [['单位名称'], ['护理学院']])]))).toEqual(['护理学院/-']);
    expect(brief(rosterFromWorkbook([grid('单位名单', [['单位名称'], ['护理学院']])]))).toEqual(['护理学院/-']);
  });
});

describe('roster headers and names as offices write them', () => {
  it.each([['部门名称'], ['单位/部门'], ['二级单位'], ['单位（部门）名称']])('%s is the 单位名称 column', (h) => {
    expect(brief(rosterFromGrid(grid('单位名单', [['序号', h, '类别'], [1, '护理学院', '教学单位']])))).toEqual(['护理学院/教学单位']);
  });

  it.each([['单位类型'], ['单位性质']])('%s is the 类别 column', (h) => {
    expect(brief(rosterFromGrid(grid('单位名单', [['单位名称', h], ['护理学院', '教学单位']])))).toEqual(['护理学院/教学单位']);
  });

  it('a list number before the name (1.护理学院, 2、财务处, （三）团委) is no part of it', () => {
    const r = rosterFromGrid(grid('单位名单', [['单位名称', '类别'], ['1.护理学院', '教学单位'], ['2、财务处', '职能部门'], ['（三）团委', '职能部门']]))!;
    expect(brief(r)).toEqual(['护理学院/教学单位', '财务处/职能部门', '团委/职能部门']);
  });

  it('categories written short (教学, 职能, 教辅, 后勤) are the four categories', () => {
    const r = rosterFromGrid(grid('单位名单', [['单位名称', '类别'], ['护理学院', '教学'], ['财务处', '职能'], ['图书馆', '教辅'], ['后勤管理处', '后勤']]))!;
    expect(brief(r)).toEqual(['护理学院/教学单位', '财务处/职能部门', '图书馆/教辅单位', '后勤管理处/后勤服务']);
  });

  it('near miss: a name that starts with a numeral word (三亚学院) keeps it; another category stays as written', () => {
    const r = rosterFromGrid(grid('单位名单', [['单位名称', '类别'], ['三亚学院', '群团组织'], ['2024级新生院', '教学单位']]))!;
    expect(brief(r)).toEqual(['三亚学院/群团组织', '2024级新生院/教学单位']);
  });
});
