/**
 * Rows a unit hid (old sites, an account it would rather not show): every reader says which
 * rows are hidden, the checker still reads them and says so (rows-hidden), and a score sheet's
 * hidden row is not counted.
 */
import ExcelJS from 'exceljs';
import { readSubmission } from '../../src/xlsx/read';
import { toBytes } from './helpers';
import { hasSoffice, sofficeConvert } from './formatFiles';
import { run, submission, TITLE, SIGNER, HEAD, CLEAN } from '../core/builders';
import type { WorkbookGrid } from '../../src/core/grid';

async function website(hide: number[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('附件1');
  ws.addRow([TITLE.website]);
  ws.addRow([SIGNER('信息工程学院')]);
  ws.addRow(HEAD.website);
  ws.addRow(CLEAN.website[0]!);
  ws.addRow([2, '信息工程学院旧网站', '王建国', '李敏', '13800001111', '新闻动态', '2023-01-05']);
  ws.addRow([3, '信息工程学院英文网', '王建国', '李敏', '13800001111', '学院概况', '2024-11-18']);
  for (const r of hide) ws.getRow(r + 1).hidden = true;
  return toBytes(wb);
}

async function grid(name: string, bytes: Uint8Array): Promise<WorkbookGrid> {
  const r = await readSubmission(name, bytes);
  if (!r.ok) throw new Error(r.detail);
  return r.workbook;
}

describe('hidden rows', () => {
  it('the .xlsx reader says which rows are hidden', async () => {
    const wb = await grid('a.xlsx', await website([4]));
    expect(wb.sheets[0]!.hiddenRows).toEqual([4]);
  });

  it('near miss: a sheet without hidden rows says none', async () => {
    const wb = await grid('a.xlsx', await website([]));
    expect(wb.sheets[0]!.hiddenRows).toBeUndefined();
  });

  it('a hidden data row is read, and reported once per sheet with its row numbers', async () => {
    const wb = await grid('信息工程学院.xlsx', await website([4, 5]));
    const r = run([submission('信息工程学院.xlsx', wb.sheets)]);
    expect(r.units[0]!.forms.website).toBe(3);
    const hidden = r.findings.filter((f) => f.rule === 'rows-hidden');
    expect(hidden).toHaveLength(1);
    expect(hidden[0]).toMatchObject({ severity: 'warning', cell: 'A5', sheet: '附件1' });
    expect(hidden[0]!.message).toContain('第 5、6 行（共 2 行）被隐藏');
  });

  it('near miss: a hidden title or blank row is no hidden data', async () => {
    const wb = await grid('信息工程学院.xlsx', await website([0]));
    const r = run([submission('信息工程学院.xlsx', wb.sheets)]);
    expect(r.findings.filter((f) => f.rule === 'rows-hidden')).toEqual([]);
  });

  (hasSoffice() ? it.each(['xls', 'ods']) : it.skip.each(['xls', 'ods']))('LibreOffice’s .%s keeps the hidden row', async (ext) => {
    const bytes = sofficeConvert(await website([4]), 'xlsx', ext);
    const wb = await grid(`a.${ext}`, bytes);
    expect(wb.sheets[0]!.hiddenRows).toEqual([4]);
  });
});
