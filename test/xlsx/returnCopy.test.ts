/**
 * Return copies: a unit's own file comes back with its problems marked and listed. Checking the
 * copy unchanged finds the same problems in the same cells; correcting the marked cells makes it
 * clean. A CSV comes back as an .xlsx in the template layout and behaves the same way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { checkBatch, type Submission } from '../../src/core/check';
import type { Finding } from '../../src/core/findings';
import type { CheckResult } from '../../src/core/model';
import { returnCopies } from '../../src/core/report/returnCopy';
import { receiptSheet } from '../../src/core/report/receipt';
import type { Roster } from '../../src/core/units';
import { readBackSheets, readSubmission } from '../../src/xlsx/read';
import { renderWorkbook } from '../../src/xlsx/write';
import { buildReturnCopies, returnCopiesZip } from '../../src/xlsx/returnCopies';
import { unitTemplateFiles } from '../../src/xlsx/unitTemplates';
import { toBytes } from './helpers';
import { fillTemplate, VALID } from './templateFill';

const roster: Roster = { units: [{ name: '信息工程学院', category: '教学单位', aliases: [], head: null, phone: null }] };
const AS_OF = '2024-11-20';

async function check(files: { name: string; bytes: Uint8Array }[]): Promise<CheckResult> {
  const subs: Submission[] = [];
  for (const [i, f] of files.entries()) subs.push({ file: f.name, sha256: `${i}-${f.bytes.length}-${Math.random()}`, size: f.bytes.length, read: await readSubmission(f.name, f.bytes) });
  return checkBatch(subs, { asOf: AS_OF, roster });
}

const key = (f: Finding) => `${f.rule} ${f.sheet ?? ''}!${f.cell ?? ''} ${f.message}`;
const serious = (r: CheckResult) => r.findings.filter((f) => f.severity !== 'info').map(key).sort();

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe('return copies of an .xlsx submission', () => {
  let original: { name: string; bytes: Uint8Array };
  let first: CheckResult;
  let copy: { name: string; bytes: Uint8Array };
  beforeAll(async () => {
    const [tpl] = await unitTemplateFiles(['信息工程学院'], { school: '东江职业技术学院' });
    const bytes = await fillTemplate(tpl!.bytes, VALID, (wb) => {
      wb.getWorksheet('附件2')!.getCell('I5').value = '1380000111';
      wb.getWorksheet('附件4')!.getCell('B5').value = '钉钉小组';
      wb.getWorksheet('附件3')!.getCell('B5').value = null;
      wb.getWorksheet('附件1')!.getCell('G5').value = new Date('2024-10-01T00:00:00Z');
    });
    original = { name: tpl!.name, bytes };
    first = await check([original]);
    const built = await buildReturnCopies(first, async (f) => (f === original.name ? original.bytes : null));
    expect(built.failed).toEqual([]);
    expect(built.files.map((f) => f.name)).toEqual(['信息工程学院-网络阵地备案表-退回修改.xlsx']);
    copy = built.files[0]!;
  });

  it('marks every problem cell with a fill and a note, and lists every problem first in 退回说明', async () => {
    expect(serious(first).length).toBeGreaterThanOrEqual(4);
    const wb = await load(copy.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['退回说明', '填表说明', '附件1', '附件2', '附件3', '附件4', '附件5']);
    const items = returnCopies(first)[0]!.items;
    for (const it of items.filter((i) => i.cell)) {
      const cell = wb.getWorksheet(it.sheet!)!.getCell(it.cell!);
      expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(it.severity === 'error' ? 'FFFFC7CE' : 'FFFFEB9C');
      const note = typeof cell.note === 'string' ? cell.note : (cell.note?.texts ?? []).map((t) => t.text).join('');
      expect(note).toContain(it.message);
      expect(note).toContain(`要求：${it.todo}`);
    }
    // Values, number formats and the unit's layout stay as they were.
    const ws = wb.getWorksheet('附件1')!;
    expect(ws.getCell('A2').value).toBe('填报单位：信息工程学院');
    expect(ws.getCell('G5').value).toEqual(new Date('2024-10-01T00:00:00Z'));
    expect(ws.getCell('G5').numFmt).toBe('yyyy-mm-dd');
    const sheet = wb.getWorksheet('退回说明')!;
    const rows = (sheet.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1).map((v) => (v == null ? '' : String(v))));
    const header = rows.findIndex((r) => r[0] === '序号');
    expect(rows[header]).toEqual(['序号', '级别', '工作表', '单元格', '问题', '怎么改', '截止日期']);
    const listed = rows.slice(header + 1);
    expect(listed).toHaveLength(items.length);
    for (const it of items) expect(listed).toContainEqual(expect.arrayContaining([it.sheet ?? '（整个文件）', it.cell ?? '', `${it.title}：${it.message}`, it.todo, '2024-12-05']));
    // One selected tab, and it is the new first sheet.
    const parts = unzipSync(copy.bytes);
    const selected = Object.entries(parts).filter(([n, b]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n) && /tabSelected="1"/.test(strFromU8(b)));
    expect(selected).toHaveLength(1);
  });

  it('reports the same findings when resubmitted unchanged, and none once the marked cells are corrected', async () => {
    const again = await check([copy]);
    expect(serious(again)).toEqual(serious(first));

    const wb = await load(copy.bytes);
    wb.getWorksheet('附件2')!.getCell('I5').value = '13800001111';
    wb.getWorksheet('附件4')!.getCell('B5').value = '钉钉群';
    wb.getWorksheet('附件3')!.getCell('B5').value = '李敏';
    wb.getWorksheet('附件1')!.getCell('G5').value = new Date('2024-11-18T00:00:00Z');
    const fixed = await check([{ name: copy.name, bytes: await toBytes(wb) }]);
    expect(serious(fixed)).toEqual([]);
    // A clean unit gets no copy.
    expect(returnCopies(fixed)).toEqual([]);
  });

  it('a copy of a copy is marked afresh: one 退回说明, no stale notes', async () => {
    const again = await check([copy]);
    const built = await buildReturnCopies(again, async () => copy.bytes);
    const wb = await load(built.files[0]!.bytes);
    expect(wb.worksheets.filter((w) => w.name === '退回说明')).toHaveLength(1);
    expect(wb.worksheets[0]!.name).toBe('退回说明');
    expect(serious(await check([{ name: copy.name, bytes: built.files[0]!.bytes }]))).toEqual(serious(first));
  });

  it('the 回执 lists the unit with its files, problems and the return copy', () => {
    const sheet = receiptSheet(first);
    const row = sheet.rows.find((r) => r[0] === '信息工程学院')!;
    expect(row).toEqual(expect.arrayContaining(['需退回修改', '信息工程学院-网络阵地备案表-退回修改.xlsx', returnCopies(first)[0]!.items.length]));
  });

  it('keeps 退回日期, 重报日期 and 备注 typed into the 回执 across re-runs', async () => {
    const wb = await load(await renderWorkbook({ sheets: [receiptSheet(first)] }));
    const ws = wb.getWorksheet('回执')!;
    const header = (ws.getRow(3).values as unknown[]).map(String);
    const row = [4, 5, 6].find((r) => ws.getRow(r).getCell(1).value === '信息工程学院')!;
    ws.getRow(row).getCell(header.indexOf('退回日期')).value = new Date('2024-11-21T00:00:00Z');
    ws.getRow(row).getCell(header.indexOf('重报日期')).value = new Date('2024-11-28T00:00:00Z');
    ws.getRow(row).getCell(header.indexOf('备注')).value = '已电话通知';
    const back = await readBackSheets(await toBytes(wb));
    const again = receiptSheet(first, back.sheets.find((s) => s.name === '回执'));
    expect(again.rows.find((r) => r[0] === '信息工程学院')!.slice(-3)).toEqual([{ date: '2024-11-21' }, { date: '2024-11-28' }, '已电话通知']);
  });

  it('zips the same copies for the pane', async () => {
    const zip = unzipSync(await returnCopiesZip(first, async () => original.bytes));
    expect(Object.keys(zip)).toEqual([copy.name]);
  });
});

describe('return copies of a CSV submission', () => {
  const csv = [
    '东江职业技术学院网站平台更新登记备案表',
    '填报单位：信息工程学院  单位负责人签名（盖章）：王建国  填表人：李敏  填表人电话：13800001111',
    '序号,网站名称,网站负责人,网站管理员,联系电话,网站栏目,最后更新日期,网址',
    '1,信息工程学院党建网,王建国,李敏,1380000111,新闻动态、组织管理、党员教育,2024-11-18,https://xg.example.edu.cn',
    '2,信息工程学院官网,王建国,,13800001111,新闻动态,2024-11-19,',
  ].join('\n');
  const bytes = new TextEncoder().encode(csv);

  it('comes back as an .xlsx in the template layout holding its data; checked again, the same problems are found where the copy says', async () => {
    const first = await check([{ name: '信息工程学院-网站.csv', bytes }]);
    const problems = first.findings.filter((f) => f.severity !== 'info' && f.sheet);
    expect(problems.map((f) => f.rule).sort()).toEqual(['cell-phone', 'cell-required']);
    const built = await buildReturnCopies(first, async () => bytes);
    const out = built.files[0]!;
    expect(out.name).toBe('信息工程学院-网站-退回修改.xlsx');
    const wb = await load(out.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['退回说明', '附件1']);
    const ws = wb.getWorksheet('附件1')!;
    expect(ws.getCell('B5').value).toBe('信息工程学院党建网');
    expect(ws.getCell('H5').value).toBe('https://xg.example.edu.cn');
    const again = await check([{ name: out.name, bytes: out.bytes }]);
    const placed = built.files[0]!.copy.items.filter((i) => i.sheet === '附件1').map((i) => `${i.rule} ${i.sheet}!${i.cell}`).sort();
    const found = again.findings.filter((f) => f.severity !== 'info' && f.sheet).map((f) => `${f.rule} ${f.sheet}!${f.cell}`).sort();
    expect(found).toEqual(placed);
    expect(placed).toEqual(['cell-phone 附件1!E5', 'cell-required 附件1!D6']);
    for (const at of ['E5', 'D6']) expect((ws.getCell(at).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
  });
});

describe('return copies of a Word submission', () => {
  const docx = new Uint8Array(readFileSync(join(__dirname, '../fixtures/formats/机电学院.docx')));

  it('comes back as an .xlsx whose marks and 退回说明 cells are where its Word-table problems landed; checked again, the same problems are found there', async () => {
    const word = { file: '机电学院.docx', sha256: 'w', size: docx.length, read: await readSubmission('机电学院.docx', docx) };
    const first = checkBatch([word], { asOf: AS_OF });
    const inTables = first.findings.filter((f) => f.severity !== 'info' && f.table !== undefined);
    expect(inTables.length).toBeGreaterThan(0);
    const built = await buildReturnCopies(first, async () => docx);
    const out = built.files[0]!;
    const placed = out.copy.items.filter((i) => i.sheet && i.cell).map((i) => `${i.rule} ${i.sheet}!${i.cell}`).sort();
    // Every problem located in a table has its cell in the copy, not only a table and row.
    expect(out.copy.items.filter((i) => i.sheet && !i.sheet.startsWith('退回')).every((i) => i.cell !== null)).toBe(true);
    const again = checkBatch([{ file: out.name, sha256: 'c', size: out.bytes.length, read: await readSubmission(out.name, out.bytes) }], { asOf: AS_OF });
    const found = again.findings.filter((f) => f.severity !== 'info' && f.sheet).map((f) => `${f.rule} ${f.sheet}!${f.cell}`).sort();
    expect(found).toEqual(placed);
    const wb = await load(out.bytes);
    for (const i of out.copy.items.filter((x) => x.sheet && x.cell)) expect((wb.getWorksheet(i.sheet!)!.getCell(i.cell!).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toMatch(/^FF/);
  });
});
