/** Report models of a check: links from 校验结果 land on the right summary cell, highlights too. */
import { checkWorkbookModel } from '../../src/core/report/checkSheets';
import { toJsonReport } from '../../src/core/report/json';
import { formSheet, run, unitWorkbook, withCell } from './builders';

describe('check workbook model', () => {
  const result = run([unitWorkbook('信息工程学院.xlsx', { website: formSheet('website', withCell('website', '联系电话', '1380000111')) })]);
  const model = checkWorkbookModel(result);
  const sheet = (name: string) => model.sheets.find((s) => s.name === name)!;

  it('writes the four kinds of sheets', () => {
    expect(model.sheets.map((s) => s.name)).toEqual(['导入记录', '校验结果', '汇总_网站平台', '汇总_新媒体平台', '汇总_僵尸群清理', '汇总_工作群组', '汇总_网络大V', '单位概况']);
  });

  it('links a finding to the cell of its row in the summary table', () => {
    const row = sheet('校验结果').rows.find((r) => r[1] === 'cell-phone')!;
    expect(row[5]).toEqual({ text: 'E4', link: "#'汇总_网站平台'!E3" });
    const summary = sheet('汇总_网站平台');
    expect(summary.columns[4]!.header).toBe('联系电话');
    expect(summary.rows[0]![4]).toBe('1380000111');
    expect(summary.highlights).toEqual([expect.objectContaining({ row: 0, col: 4, severity: 'error' })]);
  });

  it('links and highlights a finding in a Word table, located by table, row and column', () => {
    // A .docx: the title and signer paragraphs come first, the table starts at sheet row 3.
    const word = { ...formSheet('website', withCell('website', '联系电话', '1380000111')), origin: { table: 1, top: 2 } };
    const m = checkWorkbookModel(run([unitWorkbook('信息工程学院.docx', { website: word })]));
    const found = m.sheets.find((s) => s.name === '校验结果')!.rows.find((r) => r[1] === 'cell-phone')!;
    expect(found[5]).toEqual({ text: '表1 第2行 联系电话', link: "#'汇总_网站平台'!E3" });
    expect(m.sheets.find((s) => s.name === '汇总_网站平台')!.highlights).toEqual([expect.objectContaining({ row: 0, col: 4, severity: 'error' })]);
  });

  it('keeps the JSON contract fields', () => {
    const json = toJsonReport(result);
    expect(Object.keys(json)).toEqual(['asOf', 'files', 'findings', 'units']);
    expect(json.files[0]).toMatchObject({ file: '信息工程学院.xlsx', unit: '信息工程学院', status: 'accepted' });
    expect(json.findings.find((f) => f.rule === 'cell-phone')).toMatchObject({ severity: 'error', sheet: 'website', cell: 'E4', form: 'website' });
  });
});
