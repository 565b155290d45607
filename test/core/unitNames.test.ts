/**
 * Where a unit that never sent us anything before writes its name: file names from download
 * folders and default names, brackets, dates and phones around the name, and signer lines with
 * other labels (单位（盖章）, 填报部门, a bare 负责人 after the unit). Each case with a near miss.
 */
import type { Raw } from './builders';
import { formSheet, grid, HEAD, CLEAN, run, submission, TITLE } from './builders';
import type { Roster } from '../../src/core/units';
import { unitCandidatesFromFileName } from '../../src/core/units';

/** One website sheet: the given lines above the header (no 填报单位 unless a line says it). */
const sheet = (lines: Raw[][], title = TITLE.website) => grid('附件1', [[title], ...lines, HEAD.website, ...CLEAN.website]);
const unitOf = (file: string, lines: Raw[][] = [], title?: string, roster?: Roster) => run([submission(file, [sheet(lines, title)])], roster ? { roster } : {}).files[0]!.unit;

describe('unit names in file names', () => {
  it.each([
    ['【机械工程学院】网站平台更新登记备案表.xlsx', '机械工程学院'],
    ['附件1：网站平台更新登记备案表（文学院）.xlsx', '文学院'],
    ['2024年网络阵地备案-体育学院-李明-13800001111.xlsx', '体育学院'],
    ['2024年11月网站平台备案_化学与化工学院.xlsx', '化学与化工学院'],
    ['新建 Microsoft Excel 工作表-艺术学院.xlsx', '艺术学院'],
    // A reply to the notice, dates run into the name, mail prefixes.
    ['关于报送网络阵地登记备案表的回复-外国语学院.xlsx', '外国语学院'],
    ['回复：关于开展网络阵地排查的通知-外国语学院.xlsx', '外国语学院'],
    ['2024年度外国语学院网络阵地备案.xlsx', '外国语学院'],
    ['外国语学院2024年11月.xlsx', '外国语学院'],
    ['Re_外国语学院备案表.xlsx', '外国语学院'],
    ['音乐学院 新建 XLSX 工作表.xlsx', '音乐学院'],
  ])('%s → %s', (file, unit) => {
    expect(unitOf(file)).toBe(unit);
  });

  it.each([
    // What stands in brackets comes after the name outside them.
    ['信息工程学院-备案表（张三）.xlsx', '信息工程学院'],
    ['机电学院-备案表-v2(1).xlsx', '机电学院'],
    // A unit named by digits and date words alone is no unit: the title's wins.
    ['2024年11月18日.xlsx', '物理学院'],
  ])('near miss: %s → %s', (file, unit) => {
    expect(unitOf(file, [], '物理学院网站平台更新登记备案表')).toBe(unit);
  });

  it('default names of new files name no unit', () => {
    expect(unitCandidatesFromFileName('新建 Microsoft Excel 工作表.xlsx')).toEqual([]);
    expect(unitCandidatesFromFileName('工作簿1.xlsx')).toEqual([]);
    expect(unitCandidatesFromFileName('新建 XLSX 工作表 (2).xlsx')).toEqual([]);
  });

  it('a file name without a Chinese word (Book1, export) gives way to the title', () => {
    expect(unitOf('export.xlsx', [], '物理学院网站平台更新登记备案表')).toBe('物理学院');
    expect(unitOf('Book1.xlsx', [], '物理学院网站平台更新登记备案表')).toBe('物理学院');
  });

  it('near miss: with nothing else to go by, the Latin name is still the candidate', () => {
    expect(unitOf('SICE.xlsx', [], '网站平台更新登记备案表')).toBe('sice');
  });

  it('versions and tools in a file name (盖章版, 第二版, 微信图片, 问卷星导出, 统计) name no unit', () => {
    for (const f of ['（盖章版）网站平台更新登记备案表.xlsx', '网络阵地备案表（第二版）.xlsx', '微信图片_20241115.xlsx', '新媒体平台登记（问卷星）_3_按文本.xlsx', 'WPS表格-网络大V统计.xlsx']) {
      expect([f, unitCandidatesFromFileName(f)]).toEqual([f, []]);
    }
  });

  it('with a roster, a file name’s leftover it does not know must look like a unit: 计科院 does, 某某版 not', () => {
    const roster: Roster = { units: [{ name: '物理学院', category: '教学单位', aliases: [], head: null, phone: null }] };
    const runOne = (file: string) => run([submission(file, [sheet([], '网站平台更新登记备案表')])], { roster }).files[0]!;
    expect(runOne('计科院.xlsx').unit).toBe('计科院');
    expect(runOne('小陈整理.xlsx')).toMatchObject({ unit: null, status: 'rejected' });
  });

  it('near miss: with a roster, a Latin alias still resolves first', () => {
    const roster: Roster = { units: [{ name: '信息与通信工程学院', category: '教学单位', aliases: ['SICE'] }] } as unknown as Roster;
    const r = run([submission('SICE.xlsx', [sheet([], '物理学院网站平台更新登记备案表')])], { roster });
    expect(r.files[0]!.unit).toBe('信息与通信工程学院');
  });
});

describe('unit names in signer lines with other labels', () => {
  it.each([
    ['单位（盖章）：艺术学院', '艺术学院'],
    ['填报部门：党委宣传部    填表日期：2024年11月18日', '党委宣传部'],
    ['填报单位：经济管理学院 负责人：王五', '经济管理学院'],
    ['填报单位：经济管理学院 负责人签字：王五 填表人：李明', '经济管理学院'],
  ])('%s → %s', (line, unit) => {
    expect(unitOf('附件1.xlsx', [[line]])).toBe(unit);
  });

  it('单位： and 部门： with their colon name the unit; 单位 with no colon is no label', () => {
    expect(unitOf('附件1.xlsx', [['单位：艺术学院']], '物理学院网站平台更新登记备案表')).toBe('艺术学院');
    expect(unitOf('附件1.xlsx', [['部门：党委宣传部']], '物理学院网站平台更新登记备案表')).toBe('党委宣传部');
    expect(unitOf('附件1.xlsx', [['单位 艺术学院']], '物理学院网站平台更新登记备案表')).toBe('物理学院');
  });

  it('a bare 负责人 is the unit head of the signer line', () => {
    const r = run([submission('附件1.xlsx', [sheet([['填报单位：经济管理学院 负责人：王五  填表人：李明  填表人电话：13800001111']])])]);
    expect(r.findings.filter((f) => f.rule === 'signer-missing')).toEqual([]);
  });
});

// The clean builder sheet still reads as before.
it('the builder’s signer line still names its unit', () => {
  expect(run([submission('x.xlsx', [formSheet('website')])]).files[0]!.unit).toBe('信息工程学院');
});

describe('names that are no unit', () => {
  it.each([
    // The school's name before the unit's is dropped; the school alone names no unit.
    ['华东师范大学信息工程学院网站平台更新登记备案表', '信息工程学院'],
    ['华东师范大学网站平台更新登记备案表', null],
    // A template's stand-in names no unit.
    ['XX学院网站平台更新登记备案表', null],
    ['××学院网站平台更新登记备案表', null],
    // Near misses: 大学 opening a unit's own name.
    ['大学生艺术团网站平台更新登记备案表', '大学生艺术团'],
    ['华东师范大学大学英语教学部网站平台更新登记备案表', '大学英语教学部'],
  ])('title %s → %s', (title, unit) => {
    expect(unitOf('附件1.xlsx', [], title)).toBe(unit);
  });

  it('a template stand-in in 填报单位 gives way to the file name', () => {
    expect(unitOf('外国语学院.xlsx', [['填报单位：XX学院']])).toBe('外国语学院');
    expect(unitOf('外国语学院.xlsx', [['填报单位：（单位名称）']])).toBe('外国语学院');
  });

  it('two units whose titles name only the school are not merged into the school', () => {
    const r = run([submission('附件1.xlsx', [sheet([], '华东师范大学网站平台更新登记备案表')]), submission('附件1(1).xlsx', [sheet([], '华东师范大学网站平台更新登记备案表')])]);
    expect(r.units).toEqual([]);
    expect(r.findings.filter((f) => f.rule === 'unit-unidentified')).toHaveLength(2);
  });
});

describe('a roster name inside a longer name', () => {
  const roster = { units: [{ name: '艺术设计学院', category: '教学单位', aliases: ['艺术学院'] }, { name: '宣传部', category: '职能部门', aliases: [] }, { name: '团委', category: '职能部门', aliases: [] }] } as unknown as Roster;
  it.each([
    ['XX大学艺术学院.xlsx', '艺术设计学院'],
    ['党委宣传部.xlsx', '宣传部'],
    ['校团委.xlsx', '团委'],
    ['艺术学院（盖章）.xlsx', '艺术设计学院'],
    ['2024艺术学院.xlsx', '艺术设计学院'],
  ])('%s is %s', (file, unit) => {
    expect(run([submission(file, [sheet([])])], { roster }).files[0]!.unit).toBe(unit);
  });

  it('near miss: 音乐艺术学院 is not 艺术学院 (it would replace that unit\'s file)', () => {
    const r = run([submission('音乐艺术学院.xlsx', [sheet([])]), submission('艺术设计学院.xlsx', [sheet([])])], { roster });
    expect(r.files.map((f) => f.unit)).toEqual(['音乐艺术学院', '艺术设计学院']);
    expect(r.findings.filter((f) => f.rule === 'file-replaced')).toEqual([]);
    expect(r.findings.filter((f) => f.rule === 'unit-unknown').map((f) => f.unit)).toEqual(['音乐艺术学院']);
  });
});

describe('with a roster, names a program gave a file are no unit', () => {
  const roster = { units: [{ name: '教务处', category: '职能部门', aliases: [] }, { name: '信息工程学院', category: '教学单位', aliases: ['SICE'] }] } as unknown as Roster;
  const unitOfFile = (file: string, sheetName = '附件1') => {
    const r = run([submission(file, [grid(sheetName, [[TITLE.website], HEAD.website, ...CLEAN.website])])], { roster });
    return { unit: r.files[0]!.unit, rules: r.findings.filter((f) => f.rule.startsWith('unit-')).map((f) => f.rule) };
  };
  it.each(['Book1.xlsx', 'export (3).xlsx', 'mmexport1732000000.xlsx'])('%s is unit-unidentified', (file) => {
    expect(unitOfFile(file)).toMatchObject({ unit: null, rules: expect.arrayContaining(['unit-unidentified']) });
  });
  it('a sheet named after a roster unit names it', () => {
    expect(unitOfFile('Book1.xlsx', '教务处').unit).toBe('教务处');
  });
  it('near miss: a Latin alias the roster knows still names its unit', () => {
    expect(unitOfFile('SICE.xlsx').unit).toBe('信息工程学院');
  });
  it('near miss: a Chinese file name the roster does not know is still the unit (unit-unknown)', () => {
    expect(unitOfFile('音乐学院.xlsx')).toMatchObject({ unit: '音乐学院', rules: expect.arrayContaining(['unit-unknown']) });
  });
});

describe('names that must stay as written', () => {
  const roster = { units: ['团委', '外国语学院', '材料科学与工程学院', '大学生心理健康教育中心'].map((name) => ({ name, category: null, aliases: [] })) } as unknown as Roster;
  it('外语学院团委 is that college\'s 团委, not the school\'s', () => {
    expect(run([submission('外语学院团委.xlsx', [sheet([], TITLE.website)])], { roster }).files[0]!.unit).toBe('外语学院团委');
  });
  it('a sheet named 团委 in a file whose title names 外国语学院 is 外国语学院\'s', () => {
    const r = run([submission('附件.xlsx', [grid('团委', [['外国语学院网站平台更新登记备案表'], HEAD.website, ...CLEAN.website])])], { roster });
    expect(r.files[0]!.unit).toBe('外国语学院');
  });
  it.each(['材料科学与工程学院.xlsx', '大学生心理健康教育中心.xlsx'])('%s keeps its name', (file) => {
    expect(run([submission(file, [sheet([])])], { roster }).files[0]!.unit).toBe(file.replace('.xlsx', ''));
  });
  it('a title naming 大学生心理健康教育中心 without a roster is that centre', () => {
    expect(unitOf('附件1.xlsx', [], '大学生心理健康教育中心网站平台更新登记备案表')).toBe('大学生心理健康教育中心');
  });
  it('单位：人 above the table is a measure, not a unit', () => {
    expect(unitOf('物理学院.xlsx', [['单位：人']])).toBe('物理学院');
  });
});

describe('roster names written in full', () => {
  const rosterOf = (...names: string[]): Roster => ({ units: names.map((name) => ({ name, category: null, aliases: [], head: null, phone: null })) });
  const roster = rosterOf('示范职业技术学院艺术学院', '人工智能学院（筹）', '马克思主义学院（思政部）', '信息工程学院');

  it.each([
    ['艺术学院.xlsx', '示范职业技术学院艺术学院'],
    ['人工智能学院.xlsx', '人工智能学院（筹）'],
    ['马克思主义学院.xlsx', '马克思主义学院（思政部）'],
    ['思政部.xlsx', '马克思主义学院（思政部）'],
  ])('%s is %s', (file, unit) => {
    expect(unitOf(file, [], undefined, roster)).toBe(unit);
  });

  it('near miss: a shorter name two roster units imply is neither’s, and a unit’s own name wins over another’s implied one', () => {
    const two = rosterOf('甲大学艺术学院', '乙大学艺术学院');
    expect(unitOf('艺术学院.xlsx', [], undefined, two)).toBe('艺术学院');
    const own = rosterOf('示范职业技术学院艺术学院', '艺术学院');
    expect(unitOf('艺术学院.xlsx', [], undefined, own)).toBe('艺术学院');
    // 音乐艺术学院 is not 艺术学院 (a name inside another counts only after a school's).
    expect(unitOf('音乐艺术学院.xlsx', [], undefined, roster)).toBe('音乐艺术学院');
  });
});

describe('without a roster, the school’s name', () => {
  const SCHOOL_TITLE = '示范职业技术学院网站平台更新登记备案表';
  /** A website sheet titled with the school's name; the unit only where `signer` gives it. */
  const file = (name: string, signer: string | null = null, site = '网') => submission(name, [grid('附件1', [[SCHOOL_TITLE], ...(signer ? [[signer]] : []), HEAD.website, [1, site, '王建国', '李敏', '13800001111', '新闻动态', '2024-11-18']])]);

  it('in a title is no unit when other units’ titles give it too: the unnamed files stay apart, unidentified', () => {
    const r = run([file('计算机学院.xlsx', null, '计算机网'), file('备案表.xlsx', null, '甲网'), file('网络阵地登记备案表（2）.xlsx', null, '乙网')]);
    expect(r.files.map((f) => [f.file, f.unit, f.status])).toEqual([
      ['计算机学院.xlsx', '计算机学院', 'accepted'],
      ['备案表.xlsx', null, 'rejected'],
      ['网络阵地登记备案表（2）.xlsx', null, 'rejected'],
    ]);
    expect(r.findings.filter((f) => f.rule === 'unit-unidentified').map((f) => f.file)).toEqual(['备案表.xlsx', '网络阵地登记备案表（2）.xlsx']);
    expect(r.units.map((u) => u.unit)).toEqual(['计算机学院']);
  });

  it('near miss: a title alone naming the unit, with no other unit’s title giving the name, names it', () => {
    const r = run([submission('备案表.xlsx', [grid('附件1', [['化学学院网站平台更新登记备案表'], HEAD.website, ...CLEAN.website])])]);
    expect(r.files.map((f) => [f.unit, f.status])).toEqual([['化学学院', 'accepted']]);
  });

  it('before a unit’s name in one file and not in another is one unit, by its short name', () => {
    const r = run([file('示范职业技术学院计算机学院-网站.xlsx'), submission('计算机学院-其他.xlsx', [formSheet('newmedia', CLEAN.newmedia, { unit: null })])]);
    expect(r.files.map((f) => f.unit)).toEqual(['计算机学院', '计算机学院']);
    expect(r.units.map((u) => [u.unit, Object.keys(u.forms)])).toEqual([['计算机学院', ['website', 'newmedia']]]);
  });
});
