/**
 * The bundled sample batch (samples/, written by scripts/make-samples.ts): every unit shows the
 * findings it was made to show, in the right sheet and cell, and nothing else of note.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { checkBatch } from '../../src/core/check';
import type { Finding } from '../../src/core/findings';
import type { CheckResult, FileRecord } from '../../src/core/model';
import { checkOptions, loadSubmissions } from '../../src/cli/check';

const run = promisify(execFile);
const REPO = path.resolve(__dirname, '../..');
const SAMPLES = path.join(REPO, 'samples');
const SUBMISSIONS = path.join(SAMPLES, 'submissions');
const ROSTER = path.join(SAMPLES, '单位名单.xlsx');
const CLI = path.join(REPO, 'bin', 'zhendi.cjs');

const base = (p: string | null) => (p ? path.basename(p) : null);

let result: CheckResult;

beforeAll(async () => {
  const subs = await loadSubmissions([SUBMISSIONS]);
  // Git keeps no file times: a checkout stamps every file with the time of the checkout. Take
  // the order the CLI lists them in (by name), so the later 机电 newmedia file is the newer one.
  for (const s of subs) s.modified = null;
  result = checkBatch(subs, await checkOptions({ roster: ROSTER, asOf: '2024-11-20' }));
});

interface Want {
  rule: string;
  unit: string;
  file?: string;
  sheet?: string | null;
  cell?: string | null;
  form?: string | null;
}

/** Findings matching `w` (file compared by base name). */
function matching(w: Want): Finding[] {
  return result.findings.filter(
    (f) =>
      f.rule === w.rule &&
      f.unit === w.unit &&
      (w.file === undefined || base(f.file) === w.file) &&
      (w.sheet === undefined || f.sheet === w.sheet) &&
      (w.cell === undefined || f.cell === w.cell) &&
      (w.form === undefined || f.form === w.form),
  );
}

function expectFinding(w: Want): Finding {
  const found = matching(w);
  if (found.length !== 1) {
    const near = result.findings.filter((f) => f.unit === w.unit).map((f) => `${f.rule} ${base(f.file)} ${f.sheet} ${f.cell}`);
    throw new Error(`expected exactly one ${JSON.stringify(w)}, got ${found.length}; ${w.unit} has:\n  ${near.join('\n  ')}`);
  }
  return found[0]!;
}

function fileRecord(name: string): FileRecord {
  const f = result.files.find((x) => base(x.file) === name);
  if (!f) throw new Error(`no file ${name}`);
  return f;
}

function unit(name: string) {
  const u = result.units.find((x) => x.unit === name);
  if (!u) throw new Error(`no unit ${name}`);
  return u;
}

function rowsOf(form: keyof CheckResult['tables'], unitName: string) {
  return result.tables[form].filter((r) => r.unit === unitName);
}

const notInfo = (f: Finding) => f.severity !== 'info';

describe('files', () => {
  test.each([
    ['信息工程学院.xlsx', 'accepted', '信息工程学院'],
    ['机电工程学院-网站.xlsx', 'accepted', '机电工程学院'],
    ['机电工程学院-新媒体-1101.xlsx', 'replaced', '机电工程学院'],
    ['机电工程学院-新媒体-1112.xlsx', 'accepted', '机电工程学院'],
    ['机电工程学院-僵尸群.xlsx', 'accepted', '机电工程学院'],
    ['机电工程学院-工作群.xlsx', 'accepted', '机电工程学院'],
    ['机电工程学院-大V.xlsx', 'accepted', '机电工程学院'],
    ['经济管理学院.xlsx', 'accepted', '经济管理学院'],
    ['经济管理学院_新媒体平台登记备案表.csv', 'accepted', '经济管理学院'],
    ['马克思主义学院-网络阵地备案表（修改版）.xlsx', 'accepted', '马克思主义学院'],
    ['艺术设计学院.xlsx', 'accepted', '艺术设计学院'],
    ['党委宣传部.xlsx', 'accepted', '党委宣传部'],
    ['党委宣传部(1).xlsx', 'duplicate', '党委宣传部'],
    ['学生工作处.xlsx', 'accepted', '学生工作处'],
    ['团委.xlsx', 'accepted', '团委'],
    ['图书馆.xls', 'rejected', '图书馆'],
    ['后勤处.xlsx', 'rejected', '后勤管理处'],
    ['国际合作与交流处.xlsx', 'accepted', '国际合作与交流处'],
    ['体育部.xlsx', 'accepted', '体育部'],
  ])('%s: %s, unit %s', (name, status, unitName) => {
    const f = fileRecord(name);
    expect(f.status).toBe(status);
    expect(f.unit).toBe(unitName);
  });

  test('every sample file is listed once', async () => {
    const names = (await fs.readdir(SUBMISSIONS)).sort();
    expect(result.files.map((f) => base(f.file)).sort()).toEqual(names);
    expect(names).toHaveLength(19);
  });
});

describe('信息工程学院: clean and complete', () => {
  const U = '信息工程学院';

  test('no error and no warning', () => {
    expect(result.findings.filter((f) => f.unit === U && notInfo(f))).toEqual([]);
    expect(unit(U)).toMatchObject({ errors: 0, warnings: 0, missingForms: [], category: '教学单位' });
  });

  test('all five forms from one workbook (附件1..附件5)', () => {
    expect(unit(U).forms).toEqual({ website: 2, newmedia: 2, zombie: 1, group: 2, bigv: 1 });
    expect(fileRecord('信息工程学院.xlsx').sheets.map((s) => [s.sheet, s.form])).toEqual([
      ['附件1', 'website'], ['附件2', 'newmedia'], ['附件3', 'zombie'], ['附件4', 'group'], ['附件5', 'bigv'],
    ]);
  });

  test('the two-row bigv header is read: a teacher with 职务职称 only', () => {
    const [v] = rowsOf('bigv', U);
    expect(v?.values).toMatchObject({ person: '吴远', title: '讲师', major: null, followers: 15000 });
  });
});

describe('机电工程学院: one form per file, retyped headers', () => {
  const U = '机电工程学院';

  test('the 1101 newmedia file is replaced by the 1112 one', () => {
    const f = expectFinding({ rule: 'file-replaced', unit: U, file: '机电工程学院-新媒体-1101.xlsx', sheet: '新媒体', form: 'newmedia' });
    expect(f.message).toContain('机电工程学院-新媒体-1112.xlsx');
    expect(rowsOf('newmedia', U).map((r) => [base(r.file), r.values.accountId, r.values.followers])).toEqual([
      ['机电工程学院-新媒体-1112.xlsx', 'djzy_jdxy', 4650],
      ['机电工程学院-新媒体-1112.xlsx', 'djzy_jd_maker', 2380],
      ['机电工程学院-新媒体-1112.xlsx', 'djzy_jd_sph', 2600],
    ]);
    expect(unit(U).forms).toEqual({ website: 1, newmedia: 3, zombie: 1, group: 2, bigv: 1 });
  });

  test.each([
    ['机电工程学院-网站.xlsx', '网站', 'E3', '手机'],
    ['机电工程学院-新媒体-1112.xlsx', '新媒体', 'C3', '平台'],
    ['机电工程学院-新媒体-1112.xlsx', '新媒体', 'D3', '账号id'],
    ['机电工程学院-新媒体-1112.xlsx', '新媒体', 'I3', '电话'],
    ['机电工程学院-僵尸群.xlsx', '僵尸群', 'C3', '群管理员'],
    ['机电工程学院-工作群.xlsx', '工作群', 'B3', '群类型'],
    ['机电工程学院-大V.xlsx', '大V', 'J3', '手机'],
  ])('header alias in %s %s!%s (%s)', (file, sheet, cell, header) => {
    expect(expectFinding({ rule: 'header-alias', unit: U, file, sheet, cell }).message).toContain(header);
  });

  test.each([
    ['机电工程学院-网站.xlsx', '网站'],
    ['机电工程学院-新媒体-1112.xlsx', '新媒体'],
    ['机电工程学院-僵尸群.xlsx', '僵尸群'],
  ])('columns in another order: %s', (file, sheet) => {
    expectFinding({ rule: 'header-order', unit: U, file, sheet, cell: 'A3' });
  });

  test('line breaks and full-width brackets in headers need no alias', () => {
    // 网站\n名称, 最后更新\n日期, 联系\n电话, 是否全部实名（是／否）, 联系电话（手机）
    expect(matching({ rule: 'header-alias', unit: U }).map((f) => f.cell).sort()).toEqual(['B3', 'C3', 'C3', 'D3', 'E3', 'I3', 'J3']);
    expect(matching({ rule: 'header-missing-column', unit: U })).toEqual([]);
  });

  test('spacer rows and the trailing 填表说明 row are not data; values are normalised', () => {
    expect(rowsOf('group', U).map((r) => [r.row + 1, r.values.type, r.values.realName])).toEqual([
      [4, '微信群', '是'],
      [6, 'QQ群', '是'],
    ]);
    expect(rowsOf('website', U)).toHaveLength(1);
    expect(rowsOf('newmedia', U)[0]!.values.platform).toBe('微信公众号');
    expect(rowsOf('newmedia', U)[0]!.values.phone).toBe('13760202001');
  });

  test('no error and no warning (only the mess above, as infos)', () => {
    expect(result.findings.filter((f) => f.unit === U && notInfo(f))).toEqual([]);
  });
});

describe('经济管理学院: GBK CSV, text counts and dates, 序号 gaps, a 无 sheet', () => {
  const U = '经济管理学院';
  const CSV = '经济管理学院_新媒体平台登记备案表.csv';

  test('the newmedia form comes as a GBK CSV', () => {
    const f = fileRecord(CSV);
    expect(f.encoding).toBe('gb18030');
    expect(f.sheets).toEqual([{ sheet: '经济管理学院_新媒体平台登记备案表', form: 'newmedia', rows: 4 }]);
  });

  test.each([
    ['E4', '1.2万', 12000],
    ['E5', '3000+', 3000],
    ['E6', '约5000', 5000],
    ['E7', '2,000', 2000],
  ])('count %s “%s” read as %d', (cell, text, n) => {
    const f = expectFinding({ rule: 'cell-number-normalized', unit: U, file: CSV, cell });
    expect(f.message).toContain(text);
    expect(f.message).toContain(String(n));
  });

  test('dates as 2024/3/25, 2024.3.25, 2024年3月25日, 20240325 and Excel serials', () => {
    expect(rowsOf('newmedia', U).map((r) => r.values.openDate)).toEqual(['2024-03-25', '2024-03-25', '2024-03-25', '2024-03-25']);
    expect(rowsOf('website', U).map((r) => r.values.lastUpdate)).toEqual(['2024-11-15', '2024-11-19']);
    expect(matching({ rule: 'cell-date', unit: U })).toEqual([]);
  });

  test('序号 gaps', () => {
    expectFinding({ rule: 'seq-broken', unit: U, file: CSV, cell: 'A6' });
    expectFinding({ rule: 'seq-broken', unit: U, file: '经济管理学院.xlsx', sheet: '工作群', cell: 'A6' });
  });

  test('a zombie sheet holding just 无 counts as submitted', () => {
    expect(fileRecord('经济管理学院.xlsx').sheets.find((s) => s.form === 'zombie')).toMatchObject({ rows: 0, nothingToFile: true });
    expect(unit(U).missingForms).toEqual([]);
    expect(unit(U).forms.zombie).toBe(0);
  });

  test('no error and no warning', () => {
    expect(result.findings.filter((f) => f.unit === U && notInfo(f))).toEqual([]);
  });
});

describe('马克思主义学院: unit from the file name, stale sites, phones', () => {
  const U = '马克思主义学院';
  const F = '马克思主义学院-网络阵地备案表（修改版）.xlsx';

  test('no 填报单位: the unit comes from the file name; the signer line is otherwise complete', () => {
    expect(fileRecord(F).unit).toBe(U);
    expect(matching({ rule: 'signer-missing', unit: U })).toEqual([]);
    expect(matching({ rule: 'unit-unknown', unit: U })).toEqual([]);
  });

  test('party site without 党员教育', () => {
    expect(expectFinding({ rule: 'website-columns-incomplete', unit: U, sheet: '网站平台', cell: 'F4' }).message).toContain('党员教育');
  });

  test('updated 10 days ago: warning; 40 days ago: error', () => {
    expect(expectFinding({ rule: 'website-stale', unit: U, sheet: '网站平台', cell: 'G4' }).severity).toBe('warning');
    expect(expectFinding({ rule: 'website-stale-long', unit: U, sheet: '网站平台', cell: 'G5' }).severity).toBe('error');
    expect(matching({ rule: 'website-stale-long', unit: U, cell: 'G4' })).toEqual([]);
  });

  test('spaces, dashes, two numbers, a landline: accepted; a short number: warning; 10 digits: error', () => {
    expect(matching({ rule: 'cell-phone', unit: U }).map((f) => [f.sheet, f.cell])).toEqual([['僵尸群清理', 'C4']]);
    expectFinding({ rule: 'cell-phone-short', unit: U, sheet: '新媒体平台', cell: 'I5' });
    expect(rowsOf('website', U).map((r) => r.values.phone)).toEqual(['13760404002', '13760404003']);
    expect(rowsOf('newmedia', U)[0]!.phones).toEqual(['13760404002', '07522304001']);
    expect(rowsOf('group', U)[0]!.phones).toEqual(['13760404003', '13760404013']);
  });

  test('a 暂无 bigv sheet', () => {
    expect(unit(U).forms.bigv).toBe(0);
    expect(unit(U).missingForms).toEqual([]);
  });

  test('exactly these errors and warnings', () => {
    expect(result.findings.filter((f) => f.unit === U && notInfo(f)).map((f) => f.rule).sort()).toEqual(
      ['cell-phone', 'cell-phone-short', 'website-columns-incomplete', 'website-stale', 'website-stale-long'],
    );
  });
});

describe('艺术设计学院: groups and cells', () => {
  const U = '艺术设计学院';

  test('a group not fully real-name', () => {
    expect(expectFinding({ rule: 'group-not-real-name', unit: U, sheet: '工作群组', cell: 'F5' }).message).toContain('艺设2024级新生群');
  });

  test('a group marked cleaned still listed in the group sheet', () => {
    const f = expectFinding({ rule: 'zombie-still-registered', unit: U, sheet: '工作群组', cell: 'C6', form: 'group' });
    expect(f.message).toContain('艺设2019级毕业设计群');
  });

  test('a cleaned group without 清理时间', () => {
    expectFinding({ rule: 'zombie-date-missing', unit: U, sheet: '僵尸群清理', cell: 'G5' });
  });

  test('a cached #REF! and a remark starting with =', () => {
    expect(expectFinding({ rule: 'cell-formula-error', unit: U, sheet: '工作群组', cell: 'D7' }).message).toContain('#REF!');
    expectFinding({ rule: 'cell-formula-text', unit: U, sheet: '新媒体平台', cell: 'J4' });
    expect(rowsOf('newmedia', U)[0]!.values.remark).toBe('=更名前为“艺设之窗”');
  });

  test('exactly these errors and warnings', () => {
    expect(result.findings.filter((f) => f.unit === U && notInfo(f)).map((f) => f.rule).sort()).toEqual(
      ['cell-formula-error', 'cell-formula-text', 'group-not-real-name', 'zombie-date-missing', 'zombie-still-registered'],
    );
  });
});

describe('党委宣传部: big accounts, sent twice', () => {
  const U = '党委宣传部';

  test('the byte-identical copy is skipped', () => {
    const f = expectFinding({ rule: 'file-duplicate', unit: U, file: '党委宣传部(1).xlsx' });
    expect(f.message).toContain('党委宣传部.xlsx');
    expect(fileRecord('党委宣传部(1).xlsx').sha256).toBe(fileRecord('党委宣传部.xlsx').sha256);
    expect(unit(U).files.map(base)).toEqual(['党委宣传部.xlsx']);
  });

  test('followers add up once, 8.6万 included', () => {
    expectFinding({ rule: 'cell-number-normalized', unit: U, sheet: '附件2', cell: 'E5' });
    expect(rowsOf('newmedia', U)).toHaveLength(5);
    expect(result.units.find((u) => u.unit === U)).toMatchObject({ accounts: 5, followers: 186000 + 86000 + 1240000 + 56000 + 23000 });
  });

  test('no error and no warning', () => {
    expect(result.findings.filter((f) => f.unit === U && notInfo(f))).toEqual([]);
  });
});

describe('学生工作处: student phone, bigv category and threshold, ID number', () => {
  const U = '学生工作处';

  test("a newmedia account on a student's phone", () => {
    const f = expectFinding({ rule: 'account-student-phone', unit: U, sheet: '新媒体', cell: 'I5', form: 'newmedia' });
    expect(f.message).toContain('许浩然');
    // The student runs the account himself: one person, one number, no conflict.
    expect(matching({ rule: 'contact-conflict', unit: U })).toEqual([]);
  });

  test('both 职务职称 and 专业年级', () => {
    expect(expectFinding({ rule: 'bigv-category', unit: U, sheet: '大V', cell: 'I7' }).message).toContain('林可');
  });

  test('a bigv below 2,000 followers', () => {
    expectFinding({ rule: 'bigv-below-threshold', unit: U, sheet: '大V', cell: 'E6' });
  });

  test('a resident ID number in a remark', () => {
    expectFinding({ rule: 'cell-personal-id', unit: U, sheet: '大V', cell: 'K5' });
  });

  test('the account 团委 also registers', () => {
    expect(expectFinding({ rule: 'dup-across-units', unit: U, sheet: '新媒体', cell: 'D4' }).message).toContain('团委');
  });

  test('exactly these errors and warnings', () => {
    expect(result.findings.filter((f) => f.unit === U && notInfo(f)).map((f) => f.rule).sort()).toEqual(
      ['account-student-phone', 'bigv-below-threshold', 'bigv-category', 'cell-personal-id', 'dup-across-units'],
    );
  });
});

describe('团委: cross-unit findings', () => {
  const U = '团委';

  test('the same account as 学生工作处', () => {
    const f = expectFinding({ rule: 'dup-across-units', unit: U, sheet: '新媒体', cell: 'D4', form: 'newmedia' });
    expect(f.message).toContain('djzy_xgc');
    expect(f.message).toContain('学生工作处');
  });

  test("机电工程学院's 周建华's number given for 邓凯", () => {
    const f = expectFinding({ rule: 'contact-conflict', unit: U, sheet: '工作群', cell: 'H4', form: 'group' });
    expect(f.message).toContain('13760202001');
    expect(f.message).toContain('周建华');
    expect(f.message).toContain('邓凯');
    expect(matching({ rule: 'contact-conflict', unit: '机电工程学院' })).toEqual([]);
  });

  test('exactly these errors and warnings', () => {
    expect(result.findings.filter((f) => f.unit === U && notInfo(f)).map((f) => f.rule).sort()).toEqual(['contact-conflict', 'dup-across-units']);
  });
});

describe('units that sent nothing usable', () => {
  test('图书馆: .xls is not supported, so nothing arrived', () => {
    expect(expectFinding({ rule: 'file-unsupported', unit: '图书馆', file: '图书馆.xls', cell: null }).message).toContain('.xlsx');
    expect(expectFinding({ rule: 'unit-missing', unit: '图书馆' }).message).toContain('图书馆.xls');
  });

  test('后勤管理处: 后勤处.xlsx (an alias) is truncated', () => {
    expectFinding({ rule: 'file-unreadable', unit: '后勤管理处', file: '后勤处.xlsx', cell: null });
    expect(expectFinding({ rule: 'unit-missing', unit: '后勤管理处' }).message).toContain('后勤处.xlsx');
  });

  test('继续教育学院: nothing at all', () => {
    expectFinding({ rule: 'unit-missing', unit: '继续教育学院', file: undefined });
    expect(unit('继续教育学院')).toMatchObject({ files: [], missingForms: ['website', 'newmedia', 'zombie', 'group', 'bigv'] });
    // A unit that sent nothing gets unit-missing, not five form-missing.
    expect(matching({ rule: 'form-missing', unit: '继续教育学院' })).toEqual([]);
  });
});

describe('国际合作与交流处: a name the roster does not know', () => {
  test('unit-unknown with the nearest roster name', () => {
    const f = expectFinding({ rule: 'unit-unknown', unit: '国际合作与交流处', file: '国际合作与交流处.xlsx' });
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('国际交流处');
    expect(unit('国际合作与交流处')).toMatchObject({ inRoster: false, category: null });
  });

  test('so the roster unit 国际交流处 is missing', () => {
    expectFinding({ rule: 'unit-missing', unit: '国际交流处' });
  });
});

describe('体育部: bare sheets', () => {
  const U = '体育部';

  test('Sheet1..Sheet3 recognised from the header in row 1', () => {
    expect(fileRecord('体育部.xlsx').sheets).toEqual([
      { sheet: '说明', form: null, rows: 0 },
      { sheet: 'Sheet1', form: 'website', rows: 1 },
      { sheet: 'Sheet2', form: 'newmedia', rows: 1 },
      { sheet: 'Sheet3', form: 'group', rows: 1 },
    ]);
  });

  test('the 说明 sheet is no form', () => {
    expectFinding({ rule: 'sheet-unrecognized', unit: U, sheet: '说明', cell: null });
  });

  test('no signer line: one finding per form sheet (each is printed and signed as its own form)', () => {
    const found = matching({ rule: 'signer-missing', unit: U });
    expect(found.map((f) => f.sheet)).toEqual(['Sheet1', 'Sheet2', 'Sheet3']);
    for (const w of ['单位负责人', '填表人', '填表人电话']) expect(found[0]!.message).toContain(w);
  });

  test('zombie and bigv missing', () => {
    expect(matching({ rule: 'form-missing', unit: U }).map((f) => f.form)).toEqual(['zombie', 'bigv']);
    expect(unit(U).missingForms).toEqual(['zombie', 'bigv']);
  });

  test('exactly these errors and warnings', () => {
    expect(result.findings.filter((f) => f.unit === U && notInfo(f)).map((f) => f.rule).sort()).toEqual(
      ['form-missing', 'form-missing', 'sheet-unrecognized', 'signer-missing', 'signer-missing', 'signer-missing'],
    );
  });
});

test('the whole batch: errors and warnings per unit', () => {
  const count = Object.fromEntries(result.units.map((u) => [u.unit, [u.errors, u.warnings]]));
  expect(count).toEqual({
    信息工程学院: [0, 0],
    机电工程学院: [0, 0],
    经济管理学院: [0, 0],
    马克思主义学院: [2, 3],
    艺术设计学院: [3, 2],
    继续教育学院: [1, 0],
    体育部: [0, 6],
    党委宣传部: [0, 0],
    学生工作处: [2, 3],
    团委: [0, 2],
    国际交流处: [1, 0],
    图书馆: [2, 0],
    后勤管理处: [2, 0],
    国际合作与交流处: [0, 1],
  });
  expect(result.findings.filter((f) => f.unit === null)).toEqual([]);
});

describe('the CLI', () => {
  test('zhendi demo writes 校验结果.xlsx and check.json', async () => {
    const out = await fs.mkdtemp(path.join(os.tmpdir(), 'zhendi-demo-'));
    try {
      const { stdout } = await run(process.execPath, [CLI, 'demo', '--out', out], { cwd: REPO });
      expect(stdout).toContain('信息工程学院');
      const json = JSON.parse(await fs.readFile(path.join(out, 'check.json'), 'utf8')) as {
        asOf: string;
        files: { file: string; status: string }[];
        findings: Finding[];
      };
      expect(json.asOf).toBe('2024-11-20');
      const status = Object.fromEntries(json.files.map((f) => [path.basename(f.file), f.status]));
      expect(status).toMatchObject({
        '信息工程学院.xlsx': 'accepted',
        '党委宣传部(1).xlsx': 'duplicate',
        '图书馆.xls': 'rejected',
        '后勤处.xlsx': 'rejected',
      });
      expect(json.findings.some((f) => f.rule === 'account-student-phone' && f.unit === '学生工作处')).toBe(true);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await fs.readFile(path.join(out, '校验结果.xlsx'))) as unknown as ExcelJS.Buffer);
      expect(wb.worksheets.map((w) => w.name)).toContain('校验结果');
    } finally {
      await fs.rm(out, { recursive: true, force: true });
    }
  });

  test('zhendi check --json gives the files as paths relative to the current directory', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'zhendi-check-'));
    try {
      const json = path.join(dir, 'out.json');
      await run(process.execPath, [CLI, 'check', 'samples/submissions', '--roster', 'samples/单位名单.xlsx', '--as-of', '2024-11-20', '--json', json], {
        cwd: REPO,
        env: { ...process.env, INIT_CWD: REPO },
      });
      const report = JSON.parse(await fs.readFile(json, 'utf8')) as { files: { file: string }[]; findings: Finding[] };
      expect(report.files.map((f) => f.file)).toContain('samples/submissions/信息工程学院.xlsx');
      const xinxi = report.findings.filter((f) => f.unit === '信息工程学院' && f.severity !== 'info');
      expect(xinxi).toEqual([]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  test('the committed samples are what scripts/make-samples.ts writes', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'zhendi-samples-'));
    try {
      await run(process.execPath, [path.join(REPO, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO, 'scripts/make-samples.ts'), dir], { cwd: REPO });
      const names = (await fs.readdir(path.join(dir, 'submissions'))).sort();
      expect(names).toEqual((await fs.readdir(SUBMISSIONS)).sort());
      for (const n of names) {
        const [a, b] = await Promise.all([fs.readFile(path.join(dir, 'submissions', n)), fs.readFile(path.join(SUBMISSIONS, n))]);
        expect([n, a.equals(b)]).toEqual([n, true]);
      }
      expect((await fs.readFile(path.join(dir, '单位名单.xlsx'))).equals(await fs.readFile(ROSTER))).toBe(true);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
