/**
 * Columns a unit hid (a helper column of 身份证号, a phone it would rather not print): every
 * spreadsheet reader says which columns are hidden, the checker still reads them and says so
 * (columns-hidden); columns hidden right of the form (often to XFD) are nothing.
 */
import ExcelJS from 'exceljs';
import { strToU8 } from 'fflate';
import { readSubmission } from '../../src/xlsx/read';
import { toBytes } from './helpers';
import { hasSoffice, sofficeConvert } from './formatFiles';
import { run, submission, TITLE, SIGNER, HEAD, CLEAN } from '../core/builders';
import type { WorkbookGrid } from '../../src/core/grid';

/** The website form with an extra 身份证号 column (H); `hide` are 1-based column numbers. */
async function website(hide: number[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('附件1');
  ws.addRow([TITLE.website]);
  ws.addRow([SIGNER('信息工程学院')]);
  ws.addRow([...HEAD.website, '身份证号']);
  ws.addRow([...CLEAN.website[0]!, '（已删除）']);
  for (const c of hide) ws.getColumn(c).hidden = true;
  return toBytes(wb);
}

async function grid(name: string, bytes: Uint8Array): Promise<WorkbookGrid> {
  const r = await readSubmission(name, bytes);
  if (!r.ok) throw new Error(r.detail);
  return r.workbook;
}

const hiddenFindings = (wb: WorkbookGrid) => run([submission('信息工程学院.xlsx', wb.sheets)]).findings.filter((f) => f.rule === 'columns-hidden');

describe('hidden columns', () => {
  it('the .xlsx reader says which columns are hidden, within the sheet’s width', async () => {
    expect((await grid('a.xlsx', await website([5, 8]))).sheets[0]!.hiddenCols).toEqual([4, 7]);
  });

  it('near miss: columns hidden right of the form, or none, are no hidden columns', async () => {
    expect((await grid('a.xlsx', await website([10, 11, 12]))).sheets[0]!.hiddenCols).toBeUndefined();
    expect((await grid('a.xlsx', await website([]))).sheets[0]!.hiddenCols).toBeUndefined();
  });

  it('a hidden column is read, and reported once per sheet by its letter and what it holds', async () => {
    const wb = await grid('信息工程学院.xlsx', await website([5, 8]));
    const r = run([submission('信息工程学院.xlsx', wb.sheets)]);
    expect(r.tables.website[0]!.phones).toEqual(['13800001111']);
    const hidden = r.findings.filter((f) => f.rule === 'columns-hidden');
    expect(hidden).toHaveLength(1);
    expect(hidden[0]).toMatchObject({ severity: 'warning', cell: 'E3', sheet: '附件1' });
    expect(hidden[0]!.message).toBe('E 列（联系电话）、H 列（身份证号）（共 2 列）被隐藏，已按报送内容计入；请取消隐藏核对，不需要的列请删除');
  });

  it('near miss: a hidden column the table does not use is none of its columns', async () => {
    const wb = await grid('信息工程学院.xlsx', await website([]));
    const sheet = wb.sheets[0]!;
    // Column I (8) is no column of the table, though the sheet says it is hidden.
    expect(hiddenFindings({ sheets: [{ ...sheet, hiddenCols: [8] }] })).toEqual([]);
  });

  it('Excel 2003 XML (SpreadsheetML) says which columns are hidden', async () => {
    const xml =
      '<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>' +
      '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">' +
      '<Worksheet ss:Name="附件1"><Table><Column ss:Width="30"/><Column ss:Index="3" ss:Hidden="1" ss:Span="1"/>' +
      '<Row><Cell><Data ss:Type="String">a</Data></Cell><Cell><Data ss:Type="String">b</Data></Cell><Cell><Data ss:Type="String">c</Data></Cell><Cell><Data ss:Type="String">d</Data></Cell><Cell><Data ss:Type="String">e</Data></Cell></Row>' +
      '</Table></Worksheet></Workbook>';
    expect((await grid('a.xml', strToU8(xml))).sheets[0]!.hiddenCols).toEqual([2, 3]);
  });

  (hasSoffice() ? it.each(['xls', 'ods']) : it.skip.each(['xls', 'ods']))('LibreOffice’s .%s keeps the hidden column', async (ext) => {
    const bytes = sofficeConvert(await website([5]), 'xlsx', ext);
    const wb = await grid(`a.${ext}`, bytes);
    expect(wb.sheets[0]!.hiddenCols).toEqual([4]);
    expect(hiddenFindings(wb).map((f) => f.cell)).toEqual(['E3']);
  });
});
