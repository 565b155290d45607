/**
 * A Word 情况说明 instead of the forms: the forms it says the unit has none of count as filed
 * with 无; the others are still missing. Each case with its near miss.
 */
import { statementForms } from '../../src/core/sheet/statement';
import { readSubmission } from '../../src/xlsx/read';
import { docx } from '../hostile/builders';
import { CLEAN, formSheet, run, submission } from './builders';

const para = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;

describe('statementForms', () => {
  it.each<[string, string[]]>([
    ['经排查，我单位无网站、新媒体平台、工作群组及网络大V。', ['website', 'newmedia', 'group', 'bigv']],
    ['本单位没有僵尸群', ['zombie']],
    ['我院网站、公众号、微信群均无', ['website', 'newmedia', 'group']],
    ['经自查，我单位无任何网络阵地', ['website', 'newmedia', 'zombie', 'group', 'bigv']],
    ['我单位未开设网站', ['website']],
  ])('%s', (text, forms) => {
    expect(statementForms([text])).toEqual(forms);
  });

  it.each<[string, string[]]>([
    ['我单位无网站，开设公众号1个、工作群3个', ['website']],
    ['经排查，不存在僵尸群，现有工作群组均已实名', ['zombie']],
    ['经排查，我单位不存在“僵尸”工作群，现有工作群组均已实名，网站、公众号运行正常。', ['zombie']],
  ])('only what the 无 lists: %s', (text, forms) => {
    expect(statementForms([text])).toEqual(forms);
  });

  it.each([
    '我单位网站每周更新，无需整改', '网站建设情况良好', '我单位有网站两个', '网站目前无专人维护，公众号由团委负责',
    '尚未建立网络大V台账，将于下周补报', '网站、公众号、工作群组均无变化', '各类网络阵地均无安全问题', '网站、新媒体平台、工作群组均无违规信息',
    '已对无人管理的“僵尸”工作群进行了清理',
  ])('near miss: %s declares nothing', (text) => {
    expect(statementForms([text])).toEqual([]);
  });
});

describe('a Word statement with no table', () => {
  const statement = (...lines: string[]) => docx(lines.map(para).join(''));
  const check = async (file: string, bytes: Uint8Array) => {
    const read = await readSubmission(file, bytes);
    return run([submission(file, [], { read })]);
  };

  it('counts the forms it names as 无, the others as missing', async () => {
    const r = await check('外国语学院情况说明.docx', statement('关于网络阵地排查情况的说明', '经排查，我单位无网站、新媒体平台、工作群组及网络大V。', '外国语学院', '2024年11月19日'));
    expect(r.files[0]).toMatchObject({ unit: '外国语学院', status: 'accepted' });
    expect(r.files[0]!.sheets.map((s) => [s.form, s.nothingToFile])).toEqual([['website', true], ['newmedia', true], ['group', true], ['bigv', true]]);
    expect(r.findings.filter((f) => f.rule === 'file-statement')).toHaveLength(1);
    expect(r.findings.filter((f) => f.rule === 'form-missing').map((f) => f.form)).toEqual(['zombie']);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('the unit may be named in the statement itself (填报单位：)', async () => {
    const r = await check('情况说明.docx', statement('填报单位：外国语学院', '经排查，本单位无僵尸群。'));
    expect(r.files[0]!.unit).toBe('外国语学院');
  });

  it('a newer statement never replaces the unit\'s forms: their rows count, its 无 only fills the forms not sent', async () => {
    const read = await readSubmission('外国语学院情况说明.docx', statement('经排查，我单位无网站、僵尸群。'));
    const doc = submission('外国语学院情况说明.docx', [], { read, modified: '2024-11-19T08:00:00.000Z' });
    const form = submission('外国语学院.xlsx', [formSheet('website', CLEAN.website, { unit: '外国语学院' })], { modified: '2024-11-10T08:00:00.000Z' });
    const r = run([form, doc]);
    expect(r.units[0]!.forms).toMatchObject({ website: 1 });
    expect(r.tables.website).toHaveLength(1);
    expect(r.findings.filter((f) => f.rule === 'file-replaced')).toEqual([]);
    expect(r.findings.filter((f) => f.rule === 'form-missing').map((f) => f.form)).toEqual(['newmedia', 'group', 'bigv']);
  });

  it('near miss: a document with no table and no such statement is refused as before', async () => {
    const read = await readSubmission('外国语学院.docx', statement('关于网络阵地管理的意见', '请各单位加强管理。'));
    expect(read).toMatchObject({ ok: false, problem: 'unreadable' });
  });
});
