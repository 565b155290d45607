/**
 * Per-unit templates: built from a roster, filled in by program the way a unit would (valid and
 * invalid), then checked. An untouched template says "nothing filled" once per form.
 */
import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { checkBatch, type Submission } from '../../src/core/check';
import type { Finding } from '../../src/core/findings';
import type { Roster } from '../../src/core/units';
import { unitTemplateFiles, unitTemplatesZip } from '../../src/xlsx/unitTemplates';
import { readSubmission } from '../../src/xlsx/read';
import { fillTemplate, VALID } from './templateFill';

const roster: Roster = {
  units: [
    { name: '信息工程学院', category: '教学单位', aliases: [], head: null, phone: null },
    { name: '团委', category: '职能部门', aliases: [], head: null, phone: null },
  ],
};
const AS_OF = '2024-11-20';

async function check(files: { name: string; bytes: Uint8Array }[], units: Roster = roster) {
  const subs: Submission[] = [];
  for (const f of files) subs.push({ file: f.name, sha256: `${f.name}${f.bytes.length}${Math.random()}`, size: f.bytes.length, read: await readSubmission(f.name, f.bytes) });
  return checkBatch(subs, { asOf: AS_OF, roster: units });
}

const brief = (fs: Finding[]) => fs.filter((f) => f.severity !== 'info').map((f) => `${f.unit} ${f.rule} ${f.sheet ?? ''}!${f.cell ?? ''}`);

const xinGong: Roster = { units: roster.units.slice(0, 1) };

describe('unit templates from a roster', () => {
  let files: { name: string; bytes: Uint8Array }[];
  beforeAll(async () => {
    files = await unitTemplateFiles(roster.units.map((u) => u.name), { school: '东江职业技术学院', deadline: '2024-11-15' });
  });

  it('writes one named workbook per unit: 填表说明 first, locked headers, unlocked data cells, input checks', async () => {
    expect(files.map((f) => f.name)).toEqual(['信息工程学院-网络阵地备案表.xlsx', '团委-网络阵地备案表.xlsx']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(files[1]!.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['填表说明', '附件1', '附件2', '附件3', '附件4', '附件5']);
    const text = wb.getWorksheet('填表说明')!.getSheetValues().flat().join('\n');
    for (const must of ['2024-11-15', '2,000', '学生的手机号', '“无”', '每周更新', '团委']) expect(text).toContain(must);

    const ws = wb.getWorksheet('附件2')!;
    expect(ws.getCell('A1').value).toBe('东江职业技术学院新媒体平台登记备案表');
    expect(ws.getCell('A2').value).toBe('填报单位：团委');
    expect(ws.getCell('A4').value).toBe('序号');
    // exceljs reads sheet protection back; header and unit locked, data and signer inputs open.
    const xml = strFromU8(unzipSync(files[1]!.bytes)['xl/worksheets/sheet3.xml']!);
    expect(xml).toMatch(/<sheetProtection[^>]*sheet="1"/);
    expect(xml).not.toMatch(/<sheetProtection[^>]*hashValue/);
    expect(ws.getCell('A2').protection?.locked).not.toBe(false);
    expect(ws.getCell('B4').protection?.locked).not.toBe(false);
    expect(ws.getCell('B5').protection?.locked).toBe(false);
    expect(ws.getCell('I504').protection?.locked).toBe(false);
    expect(ws.getCell('B900').protection?.locked).toBe(false);
    expect(ws.getCell('A3').protection?.locked).not.toBe(false);
    const dv = (a: string) => (ws as unknown as { dataValidations: { find: (a: string) => ExcelJS.DataValidation | undefined } }).dataValidations.find(a);
    expect(dv('B5')).toMatchObject({ type: 'list' });
    expect(dv('E300')).toMatchObject({ type: 'decimal', formulae: [0, 1e9] });
    expect(dv('F5')).toMatchObject({ type: 'date' });
    expect(dv('I5')?.type).toBe('custom');
    expect(String(dv('I5')?.formulae[0])).toContain('LEN(I5)=11');
  });

  it('an untouched template reports "nothing filled" once per form, and nothing else', async () => {
    const r = await check(files);
    expect(r.files.map((f) => [f.unit, f.status])).toEqual([['信息工程学院', 'accepted'], ['团委', 'accepted']]);
    const shown = r.findings.map((f) => `${f.unit} ${f.rule} ${f.sheet}!${f.cell}`);
    const want = ['信息工程学院', '团委'].flatMap((u) => [1, 2, 3, 4, 5].map((n) => `${u} form-empty 附件${n}!B5`));
    expect(shown.sort()).toEqual(want.sort());
  });

  it('a correctly filled template checks clean; wrong entries are found in their cells', async () => {
    const good = await fillTemplate(files[0]!.bytes, VALID);
    expect(brief((await check([{ name: files[0]!.name, bytes: good }], xinGong)).findings)).toEqual([]);

    const bad = await fillTemplate(files[0]!.bytes, VALID, (wb) => {
      wb.getWorksheet('附件2')!.getCell('I5').value = '1380000111';
      wb.getWorksheet('附件4')!.getCell('B5').value = '钉钉小组';
      wb.getWorksheet('附件5')!.getCell('E5').value = 800;
      wb.getWorksheet('附件3')!.getCell('B5').value = null;
    });
    expect(brief((await check([{ name: files[0]!.name, bytes: bad }], xinGong)).findings).sort()).toEqual(
      ['信息工程学院 cell-phone 附件2!I5', '信息工程学院 cell-enum 附件4!B5', '信息工程学院 bigv-below-threshold 附件5!E5', '信息工程学院 cell-required 附件3!B5'].sort(),
    );
  });

  it('zips the same files for the pane', async () => {
    const zip = unzipSync(await unitTemplatesZip(['信息工程学院', '团委'], { school: '东江职业技术学院', deadline: '2024-11-15' }));
    expect(Object.keys(zip)).toEqual(files.map((f) => f.name));
    expect(zip[files[0]!.name]!.length).toBeGreaterThan(1000);
  });
});
